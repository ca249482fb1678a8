"""Variational EM for the dynamic ordinal probit ideal-point model (one dimension).

Model (Bailey, Strezhnev & Voeten 2017, estimated here by variational EM as Imai, Lo & Olmsted 2016
do for the binary case): state ``i`` in period ``t`` has position ``x[i, t]``; on roll call ``j`` its
latent utility is ``y* = alpha_j + beta_j * x + e``, ``e ~ N(0, 1)``; it votes no if ``y* < 0``,
abstains if ``0 <= y* < gamma_j`` and votes yes if ``y* >= gamma_j`` (``gamma_j > 0``). Equivalently
``P(vote <= k) = Phi(tau_jk - beta_j x)`` with cut-points ``tau_j1 = -alpha_j``,
``tau_j2 = gamma_j - alpha_j``. Paths: ``x[i, first] ~ N(0, prior_sd^2)`` and
``x[i, t+1] ~ N(x[i, t], walk_sd^2 * (period_{t+1} - period_t))``. Roll-call priors:
``alpha_j, beta_j ~ N(0, item_sd^2)``, ``gamma_j ~ HalfNormal(item_sd)``.

Factorisation ``q(y*) q(x)`` with point estimates (MAP) of the roll-call parameters:
- E-step: ``q(y*)`` is N(mu, 1) truncated to the voted interval, ``mu = alpha + beta E[x]``;
- x-step: each state's path is a linear-Gaussian state-space model → Kalman smoother;
- M-step: ``(alpha_j, beta_j, gamma_j)`` by a damped Newton step on the (concave) bound with q(y*)
  at its optimum (:mod:`~valuesgap.measures.idealpoints.items`) — the plain regression on E[y*]
  creeps for the many near-unanimous UN roll calls;
- an affine move along the likelihood-invariant direction (:mod:`~valuesgap.measures.idealpoints.rescale`).
Every update raises the evidence lower bound (ELBO), which is tracked for convergence; SQUAREM
extrapolation (Varadhan & Roland 2008) accelerates the fixed-point iteration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from valuesgap.measures.idealpoints.data import VoteData
from valuesgap.measures.idealpoints.items import newton_items
from valuesgap.measures.idealpoints.kalman import SmoothedPaths, path_log_prior_entropy, smooth_paths
from valuesgap.measures.idealpoints.rescale import affine_move
from valuesgap.measures.idealpoints.truncnorm import band, lower_tail, upper_tail

GAMMA_MIN = 1e-3
GAMMA_MAX = 25.0


@dataclass(frozen=True)
class Settings:
    """Fixed model and optimiser settings."""

    prior_sd: float = 1.0
    walk_sd: float = 0.1
    item_sd: float = 5.0
    max_iter: int = 2000
    tol: float = 1e-7
    rescale: bool = True
    accelerate: bool = True


@dataclass(frozen=True)
class State:
    """Current estimates: roll-call (item) parameters and the smoothed paths."""

    alpha: np.ndarray
    beta: np.ndarray
    gamma: np.ndarray
    paths: SmoothedPaths


@dataclass(frozen=True)
class FitResult:
    """What one EM run returns."""

    state: State
    n_iter: int
    converged: bool
    elbo: float
    log_likelihood: float
    trace: np.ndarray  # ELBO after each iteration


def step_variances(periods: np.ndarray, walk_sd: float) -> np.ndarray:
    """Return the random-walk variance between consecutive periods: walk_sd^2 times the gap."""
    gaps = np.diff(periods.astype(float))
    return walk_sd * walk_sd * gaps


def initial_state(data: VoteData, settings: Settings, random_state: int | None = 0) -> State:
    """Return start values from the leading singular vector of the centred vote matrix.

    Positions: each state-period's votes projected on the roll-call loadings (standardised);
    items: a ridge regression of pseudo-utilities (no -1, abstain 0.5, yes 2) on those positions.
    """
    n_rc = len(data.rollcalls)
    value = data.obs_vote.astype(float) / 2.0
    rc_mean = np.bincount(data.obs_rollcall, value, n_rc) / np.bincount(data.obs_rollcall, minlength=n_rc)
    centred = value - rc_mean[data.obs_rollcall]
    dense = np.zeros((data.n_states, n_rc))
    dense[data.obs_state, data.obs_rollcall] = centred
    rng = np.random.default_rng(random_state)
    v = rng.standard_normal(n_rc)
    for _ in range(100):
        v_new = dense.T @ (dense @ v)
        v_new /= np.linalg.norm(v_new)
        if np.abs(np.abs(v_new @ v) - 1.0) < 1e-12:
            v = v_new
            break
        v = v_new
    n_cells = data.n_states * data.n_periods
    load = v[data.obs_rollcall]
    num = np.bincount(data.obs_cell, load * centred, n_cells)
    den = np.bincount(data.obs_cell, load * load, n_cells)
    observed = den > 0
    x0 = np.zeros(n_cells)
    x0[observed] = num[observed] / den[observed]
    x0[observed] = (x0[observed] - x0[observed].mean()) / (x0[observed].std() or 1.0)
    pseudo = np.array([-1.0, 0.5, 2.0])[data.obs_vote]
    mean = x0.reshape(data.n_states, data.n_periods)
    paths = SmoothedPaths(
        mean=mean, var=np.zeros_like(mean), lag_cov=np.zeros((data.n_states, max(data.n_periods - 1, 0)))
    )
    alpha, beta = _item_regression(data, pseudo, paths, settings)
    return State(alpha=alpha, beta=beta, gamma=np.ones(data.n_items), paths=paths)


def _item_regression(
    data: VoteData, y: np.ndarray, paths: SmoothedPaths, settings: Settings
) -> tuple[np.ndarray, np.ndarray]:
    """Return ridge (MAP) estimates of (alpha, beta) per item from utilities ``y`` and q(x)."""
    m = paths.mean.ravel()[data.obs_cell]
    v = paths.var.ravel()[data.obs_cell]
    j, n_items = data.obs_item, data.n_items
    ridge = 1.0 / settings.item_sd**2
    s_n = np.bincount(j, minlength=n_items) + ridge
    s_x = np.bincount(j, m, n_items)
    s_xx = np.bincount(j, m * m + v, n_items) + ridge
    s_y = np.bincount(j, y, n_items)
    s_xy = np.bincount(j, y * m, n_items)
    det = s_n * s_xx - s_x * s_x
    alpha = (s_xx * s_y - s_x * s_xy) / det
    beta = (s_n * s_xy - s_x * s_y) / det
    return alpha, beta


def e_step(data: VoteData, state: State) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(E[y*], log P(vote | mu))`` per observation, ``mu = alpha + beta E[x]``."""
    j = data.obs_item
    mu = state.alpha[j] + state.beta[j] * state.paths.mean.ravel()[data.obs_cell]
    ey = np.empty_like(mu)
    logp = np.empty_like(mu)
    no, ab, yes = data.blocks
    ey[no], logp[no] = lower_tail(mu[no], 0.0)
    ey[ab], logp[ab] = band(mu[ab], 0.0, state.gamma[j[ab]])
    ey[yes], logp[yes] = upper_tail(mu[yes], state.gamma[j[yes]])
    return ey, logp


def _item_log_prior(alpha: np.ndarray, beta: np.ndarray, gamma: np.ndarray, item_sd: float) -> float:
    """Return log N(alpha; 0, sd^2) + log N(beta; 0, sd^2) + log HalfNormal(gamma; sd) summed over items."""
    return float(
        -0.5 * np.sum(alpha * alpha + beta * beta + gamma * gamma) / item_sd**2
        - alpha.size * (1.5 * np.log(2 * np.pi) + 3 * np.log(item_sd) - np.log(2.0))
    )


def em_step(data: VoteData, state: State, settings: Settings) -> tuple[State, float]:
    """Run one variational EM iteration from ``state``; return the new state and the ELBO at ``state``.

    The ELBO needs a proper q(x) (positive variances); it is ``-inf`` for the start values.
    """
    n_cells = data.n_states * data.n_periods
    step_var = step_variances(data.periods, settings.walk_sd)
    prior_var = settings.prior_sd**2
    j = data.obs_item
    ey, logp = e_step(data, state)
    b_obs = state.beta[j]
    precision = np.bincount(data.obs_cell, b_obs * b_obs, n_cells)
    if np.all(state.paths.var > 0):
        elbo = (
            float(logp.sum())
            - 0.5 * float(precision @ state.paths.var.ravel())
            + path_log_prior_entropy(state.paths, data.first, data.last, step_var, prior_var)
            + _item_log_prior(state.alpha, state.beta, state.gamma, settings.item_sd)
        )
    else:
        elbo = -np.inf
    info = np.bincount(data.obs_cell, b_obs * (ey - state.alpha[j]), n_cells)
    paths = smooth_paths(
        precision.reshape(data.n_states, data.n_periods),
        info.reshape(data.n_states, data.n_periods),
        data.first,
        step_var,
        prior_var,
    )
    m_obs = paths.mean.ravel()[data.obs_cell]
    sv = np.bincount(j, paths.var.ravel()[data.obs_cell], data.n_items)
    alpha, beta, gamma = newton_items(data, state.alpha, state.beta, state.gamma, m_obs, sv, settings.item_sd)
    if settings.rescale:
        paths, alpha, beta = affine_move(
            data, paths, alpha, beta, settings.prior_sd, settings.walk_sd, settings.item_sd
        )
    return State(alpha=alpha, beta=beta, gamma=gamma, paths=paths), elbo


def _extrapolate(s0: State, s1: State, s2: State) -> State | None:
    """Return the SQUAREM (Varadhan & Roland 2008, scheme S3) extrapolation from three iterates.

    Parameters ``alpha, beta, gamma`` and the path means are extrapolated; the path variances are
    those of ``s2`` (they depend on the discriminations only). None if the iterates did not move.
    """

    def vec(s: State) -> np.ndarray:
        return np.concatenate([s.alpha, s.beta, s.gamma, s.paths.mean.ravel()])

    r = vec(s1) - vec(s0)
    v = vec(s2) - vec(s1) - r
    vv = float(v @ v)
    if vv <= 0:
        return None
    a = min(-np.sqrt(float(r @ r) / vv), -1.0)
    x = vec(s0) - 2.0 * a * r + a * a * v
    n = len(s0.alpha)
    alpha, beta, gamma, mean = x[:n], x[n : 2 * n], x[2 * n : 3 * n], x[3 * n :]
    paths = SmoothedPaths(mean=mean.reshape(s0.paths.mean.shape), var=s2.paths.var, lag_cov=s2.paths.lag_cov)
    return State(alpha=alpha, beta=beta, gamma=np.clip(gamma, GAMMA_MIN, GAMMA_MAX), paths=paths)


def run_em(
    data: VoteData,
    settings: Settings,
    start: State,
    progress: Callable[[int, int], None] | None = None,
) -> FitResult:
    """Run variational EM from ``start`` until one plain EM step changes the ELBO by less than ``tol``
    (relative). ``progress(percent, 100)`` reports the way from the first change to ``tol`` (log scale). With ``settings.accelerate`` the iterations are SQUAREM cycles (two EM steps, an
    extrapolation, one EM step from it, kept only if its ELBO is not below the last plain step's).

    Returns the final :class:`State`, the number of EM steps, convergence flag, final ELBO, the
    log-likelihood ``sum log P(vote | alpha, beta, gamma, E[x])`` and the ELBO trace.
    """
    state, _ = em_step(data, start, settings)
    n_eval = 1
    trace: list[float] = []
    converged = False

    first_change: list[float] = []

    def tick(change: float) -> None:
        """Report progress as the share (0-100, log scale) of the way from the first change to tol."""
        if progress is None:
            return
        if not first_change:
            first_change.append(max(change, settings.tol * 10))
        span = np.log(first_change[0] / settings.tol)
        done = np.log(first_change[0] / max(change, settings.tol)) / span
        first_change.append(max(done, first_change[-1] if len(first_change) > 1 else 0.0))
        progress(int(round(100 * min(max(first_change[-1], 0.0), 1.0))), 100)

    while n_eval < settings.max_iter:
        s1, l0 = em_step(data, state, settings)
        s2, l1 = em_step(data, s1, settings)
        n_eval += 2
        trace += [l0, l1]
        change = abs(l1 - l0) / abs(l0)
        if change <= settings.tol:
            state, converged = s2, True
            tick(change)
            break
        tick(change)
        if not settings.accelerate:
            state = s2
            continue
        jump = _extrapolate(state, s1, s2)
        s3, l_jump = em_step(data, jump, settings) if jump is not None else (s2, -np.inf)
        n_eval += 1
        if np.isfinite(l_jump) and l_jump >= l1:
            state = s3
            trace.append(l_jump)
        else:
            state = s2
    _, logp = e_step(data, state)
    return FitResult(
        state=state,
        n_iter=n_eval,
        converged=converged,
        elbo=trace[-1] if trace else float("nan"),
        log_likelihood=float(logp.sum()),
        trace=np.asarray(trace),
    )


def simulate_categories(data: VoteData, state: State, rng: np.random.Generator) -> VoteData:
    """Return ``data`` with votes redrawn from the model at ``state`` (same observed pairs)."""
    j = data.obs_item
    y = state.alpha[j] + state.beta[j] * state.paths.mean.ravel()[data.obs_cell] + rng.standard_normal(len(j))
    cat = np.where(y < 0, 0, np.where(y < state.gamma[j], 1, 2)).astype(np.int8)
    order = np.argsort(cat, kind="stable")
    counts = np.bincount(cat, minlength=3)
    ends = np.cumsum(counts)
    return replace(
        data,
        obs_state=data.obs_state[order],
        obs_period=data.obs_period[order],
        obs_rollcall=data.obs_rollcall[order],
        obs_item=data.obs_item[order],
        obs_cell=data.obs_cell[order],
        obs_vote=cat[order],
        blocks=(slice(0, ends[0]), slice(ends[0], ends[1]), slice(ends[1], ends[2])),
    )
