"""Moments of unit-variance normals truncated to an interval, computed stably in the tails.

Used by the E-step of the ordinal probit ideal-point model: given a vote, the latent utility
``y* ~ N(mu, 1)`` is known to lie in one interval (below 0, between 0 and the abstention
threshold, or above it).
"""

from __future__ import annotations

import numpy as np
from scipy.special import log_ndtr

_LOG_SQRT_2PI = 0.5 * np.log(2.0 * np.pi)


def log_phi(z: np.ndarray) -> np.ndarray:
    """Return the log standard-normal density at ``z``."""
    return -0.5 * z * z - _LOG_SQRT_2PI


def upper_tail(mu: np.ndarray, lower: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(mean, log_prob)`` of ``N(mu, 1)`` truncated to ``(lower, inf)``.

    ``log_prob`` is log P(y* > lower); the mean is ``mu + phi(a)/Phi(-a)`` with ``a = lower - mu``.
    """
    a = lower - mu
    log_z = log_ndtr(-a)
    mean = mu + np.exp(log_phi(a) - log_z)
    return mean, log_z


def lower_tail(mu: np.ndarray, upper: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(mean, log_prob)`` of ``N(mu, 1)`` truncated to ``(-inf, upper)``."""
    b = upper - mu
    log_z = log_ndtr(b)
    mean = mu - np.exp(log_phi(b) - log_z)
    return mean, log_z


def log_band_prob(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return ``log(Phi(b) - Phi(a))`` for ``a < b``, without cancellation in either tail."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    # Work in the lower tail: reflect intervals lying right of 0 (Phi(b)-Phi(a) = Phi(-a)-Phi(-b)).
    right = a > 0
    hi = np.where(right, -a, b)
    lo = np.where(right, -b, a)
    log_hi = log_ndtr(hi)
    log_lo = log_ndtr(lo)
    diff = np.minimum(log_lo - log_hi, -1e-300)
    return log_hi + np.log1p(-np.exp(diff))


def band(mu: np.ndarray, lower: np.ndarray | float, upper: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(mean, log_prob)`` of ``N(mu, 1)`` truncated to the finite band ``(lower, upper)``."""
    a = lower - mu
    b = upper - mu
    log_z = log_band_prob(a, b)
    mean = mu + np.exp(log_phi(a) - log_z) - np.exp(log_phi(b) - log_z)
    return mean, log_z
