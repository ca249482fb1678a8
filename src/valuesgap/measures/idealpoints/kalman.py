"""Forward-filter backward-smoother for many independent Gaussian random walks at once.

Each state ``i`` has a path ``x[i, t]`` over the time grid, starting at its first period ``first[i]``
with ``x ~ N(0, prior_var)`` and moving by ``x[t+1] ~ N(x[t], step_var[t])``. The data enter as
Gaussian information per cell: ``precision[i, t]`` (sum of squared discriminations) and
``info[i, t]`` (precision times the cell's least-squares position), i.e. a likelihood
``exp(info * x - precision * x**2 / 2)``. Periods before ``first[i]`` are not part of the path.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class SmoothedPaths:
    """Posterior of the paths: ``mean``/``var`` (states x periods), ``lag_cov[i, t] = Cov(x_t, x_t+1)``."""

    mean: np.ndarray
    var: np.ndarray
    lag_cov: np.ndarray


def smooth_paths(
    precision: np.ndarray,
    info: np.ndarray,
    first: np.ndarray,
    step_var: np.ndarray,
    prior_var: float,
) -> SmoothedPaths:
    """Return the smoothed posterior mean, variance and lag-one covariance of every path.

    Vectorised over states; loops over the ``T`` periods (Rauch–Tung–Striebel smoother).
    Cells before a state's first period come back with mean 0 and the prior variance.
    """
    n, t_len = precision.shape
    pred_mean = np.zeros((n, t_len))
    pred_var = np.empty((n, t_len))
    filt_mean = np.empty((n, t_len))
    filt_var = np.empty((n, t_len))
    for t in range(t_len):
        if t == 0:
            pm = np.zeros(n)
            pv = np.full(n, prior_var)
        else:
            starts = first >= t  # path starts now (or later: then the values are placeholders)
            pm = np.where(starts, 0.0, filt_mean[:, t - 1])
            pv = np.where(starts, prior_var, filt_var[:, t - 1] + step_var[t - 1])
        pred_mean[:, t] = pm
        pred_var[:, t] = pv
        post_prec = 1.0 / pv + precision[:, t]
        filt_var[:, t] = 1.0 / post_prec
        filt_mean[:, t] = (pm / pv + info[:, t]) / post_prec
    mean = np.empty((n, t_len))
    var = np.empty((n, t_len))
    lag_cov = np.zeros((n, max(t_len - 1, 0)))
    mean[:, -1] = filt_mean[:, -1]
    var[:, -1] = filt_var[:, -1]
    for t in range(t_len - 2, -1, -1):
        linked = first <= t  # x_t and x_t+1 both on the path
        gain = np.where(linked, filt_var[:, t] / pred_var[:, t + 1], 0.0)
        mean[:, t] = filt_mean[:, t] + gain * (mean[:, t + 1] - pred_mean[:, t + 1])
        var[:, t] = filt_var[:, t] + gain * gain * (var[:, t + 1] - pred_var[:, t + 1])
        lag_cov[:, t] = gain * var[:, t + 1]
    before = np.arange(t_len)[None, :] < first[:, None]
    mean[before] = 0.0
    var[before] = prior_var
    return SmoothedPaths(mean=mean, var=var, lag_cov=lag_cov)


def path_log_prior_entropy(
    paths: SmoothedPaths,
    first: np.ndarray,
    last: np.ndarray,
    step_var: np.ndarray,
    prior_var: float,
) -> float:
    """Return E_q[log p(paths)] + H(q) summed over states, each path from ``first`` to ``last``.

    This is the path part of the variational lower bound (ELBO) of the ideal-point model.
    """
    m, v, c = paths.mean, paths.var, paths.lag_cov
    n, t_len = m.shape
    rows = np.arange(n)
    log2pi = np.log(2.0 * np.pi)
    m0 = m[rows, first]
    v0 = v[rows, first]
    # start: E log N(x0; 0, p) + H(N(m0, v0))
    total = np.sum(
        -0.5 * (log2pi + np.log(prior_var)) - 0.5 * (m0 * m0 + v0) / prior_var + 0.5 * (log2pi + 1.0 + np.log(v0))
    )
    if t_len > 1:
        t_idx = np.arange(t_len - 1)[None, :]
        on = (t_idx >= first[:, None]) & (t_idx + 1 <= last[:, None])
        d2 = (m[:, 1:] - m[:, :-1]) ** 2 + v[:, 1:] + v[:, :-1] - 2.0 * c
        sv = step_var[None, :]
        cond_var = np.maximum(v[:, 1:] - c * c / v[:, :-1], 1e-300)
        step = -0.5 * (log2pi + np.log(sv)) - 0.5 * d2 / sv + 0.5 * (log2pi + 1.0 + np.log(cond_var))
        total += float(np.sum(step[on]))
    return float(total)
