"""Pieces of the ideal-point intervals: Laplace path variances and alignment of bootstrap replicates.

- :func:`laplace_path_variance`: posterior variance of every state-period position given the
  fitted roll-call parameters, from the expected Fisher information of each ordinal-probit vote
  (the variational ``q(x)`` counts ``beta^2`` per vote, as if the latent utility had been seen,
  and so understates the variance by a third or more);
- :func:`align_to`: the least-squares affine map of a replicate's raw positions onto the estimate.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import norm

from valuesgap.measures.idealpoints.data import VoteData
from valuesgap.measures.idealpoints.em import Settings, State, step_variances
from valuesgap.measures.idealpoints.kalman import smooth_paths


def vote_information(mu: np.ndarray, gamma: np.ndarray) -> np.ndarray:
    """Return the expected Fisher information about the utility mean ``mu`` of one ordinal vote.

    Votes: no if ``mu + e < 0``, abstain if ``0 <= mu + e < gamma``, yes otherwise (``e ~ N(0, 1)``);
    the information is ``sum_k (dP_k/dmu)^2 / P_k`` over the three categories (at most 1, the value
    for a directly observed utility).
    """
    lo, hi = -mu, gamma - mu  # the two cut-points on the standard-normal scale
    p_no = norm.cdf(lo)
    p_yes = norm.sf(hi)
    # the band probability from whichever tail keeps its digits
    p_abstain = np.where(lo > 0, norm.sf(lo) - norm.sf(hi), norm.cdf(hi) - norm.cdf(lo))
    d_no, d_yes = -norm.pdf(lo), norm.pdf(hi)
    total = np.zeros(np.broadcast(mu, gamma).shape)
    for d, p in ((d_no, p_no), (-d_no - d_yes, p_abstain), (d_yes, p_yes)):
        total += np.divide(d * d, p, out=np.zeros_like(total), where=p > 0)
    return total


def laplace_path_variance(data: VoteData, state: State, settings: Settings) -> np.ndarray:
    """Return the posterior variance of every cell's position (raw scale, flat states x periods).

    Each vote on roll call ``j`` adds ``beta_j^2 * vote_information(mu)`` to its cell's precision
    (``mu`` at the fitted roll-call parameters and posterior mean position); the random-walk paths
    are then smoothed with those precisions (Kalman smoother), so the variance borrows strength
    from neighbouring periods exactly as the point estimate does.
    """
    j = data.obs_item
    mu = state.alpha[j] + state.beta[j] * state.paths.mean.ravel()[data.obs_cell]
    info = state.beta[j] ** 2 * vote_information(mu, state.gamma[j])
    precision = np.bincount(data.obs_cell, info, data.n_states * data.n_periods)
    precision = precision.reshape(data.n_states, data.n_periods)
    paths = smooth_paths(
        precision,
        np.zeros_like(precision),
        data.first,
        step_variances(data.periods, settings.walk_sd),
        settings.prior_sd**2,
    )
    return paths.var.ravel()


def align_to(raw: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Return ``a + b * raw`` with ``(a, b)`` the least-squares fit to ``reference``.

    Puts a bootstrap replicate on the estimate's reported scale (location, unit and orientation:
    a flipped replicate gets ``b < 0``) without re-standardising it by its own spread.
    """
    design = np.column_stack([np.ones_like(raw), raw])
    coef, *_ = np.linalg.lstsq(design, reference, rcond=None)
    return design @ coef
