"""Roll-call step of the variational EM: Newton ascent of the bound in (alpha, beta, gamma) per roll call.

With q(y*) at its optimum, the part of the ELBO that depends on roll call ``j`` is

    F_j = sum_i log P(v_ij | mu_ij, gamma_j) - beta_j^2 / 2 * sum_i V_it - (alpha_j^2 + beta_j^2 + gamma_j^2) / (2 sd^2)

with ``mu_ij = alpha_j + beta_j m_it`` (``m``, ``V`` the posterior means and variances of the
positions). It is concave (ordinal probit with a linear index, plus quadratic terms), so damped
Newton steps on the 3 x 3 systems — all roll calls at once — climb it quickly, where the plain EM
regression on E[y*] creeps for near-unanimous roll calls.
"""

from __future__ import annotations

import numpy as np
from scipy.special import log_ndtr

from valuesgap.measures.idealpoints.data import VoteData
from valuesgap.measures.idealpoints.truncnorm import log_band_prob, log_phi

GAMMA_MIN = 1e-3


def _loglik(mu: np.ndarray, gamma_obs: np.ndarray, vote: np.ndarray) -> np.ndarray:
    """Return log P(vote | mu, gamma) per observation (votes 0 no, 1 abstain, 2 yes)."""
    ll = np.empty_like(mu)
    for cat in (0, 1, 2):
        k = vote == cat
        if cat == 0:
            ll[k] = log_ndtr(-mu[k])
        elif cat == 1:
            ll[k] = log_band_prob(-mu[k], gamma_obs[k] - mu[k])
        else:
            ll[k] = log_ndtr(mu[k] - gamma_obs[k])
    return ll


def item_objective(
    data: VoteData,
    alpha: np.ndarray,
    beta: np.ndarray,
    gamma: np.ndarray,
    m: np.ndarray,
    sv: np.ndarray,
    item_sd: float,
    obs: np.ndarray | None = None,
) -> np.ndarray:
    """Return F_j per roll-call item (see module docstring); ``m`` per observation, ``sv`` per item.

    With ``obs`` (indices of observations) only those enter the sums: the values are right for
    items all of whose observations are included.
    """
    j = data.obs_item
    if obs is None:
        mu = alpha[j] + beta[j] * m
        no, ab, yes = data.blocks
        ll = np.empty_like(mu)
        ll[no] = log_ndtr(-mu[no])
        ll[ab] = log_band_prob(-mu[ab], gamma[j[ab]] - mu[ab])
        ll[yes] = log_ndtr(mu[yes] - gamma[j[yes]])
    else:
        j = j[obs]
        ll = _loglik(alpha[j] + beta[j] * m[obs], gamma[j], data.obs_vote[obs])
    f = np.bincount(j, ll, data.n_items)
    return f - 0.5 * beta * beta * sv - (alpha * alpha + beta * beta + gamma * gamma) / (2 * item_sd**2)


def newton_items(
    data: VoteData,
    alpha: np.ndarray,
    beta: np.ndarray,
    gamma: np.ndarray,
    m: np.ndarray,
    sv: np.ndarray,
    item_sd: float,
    steps: int = 1,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (alpha, beta, gamma) after ``steps`` damped Newton steps on every F_j.

    Each item's step is halved until F_j does not decrease (at most 5 halvings; else it stays put).
    """
    j = data.obs_item
    n = data.n_items
    no, ab, yes = data.blocks
    ridge = 1.0 / item_sd**2
    for _ in range(steps):
        mu = alpha[j] + beta[j] * m
        d_mu = np.empty_like(mu)
        ll = np.empty_like(mu)
        d_mumu = np.empty_like(mu)
        # gamma enters only abstentions and yes votes: blocks ab and yes are contiguous after no
        tail = slice(ab.start, yes.stop)
        ab_t = slice(0, ab.stop - ab.start)
        yes_t = slice(ab.stop - ab.start, yes.stop - ab.start)
        n_tail = yes.stop - ab.start
        d_g = np.empty(n_tail)
        d_gg = np.empty(n_tail)
        d_mug = np.empty(n_tail)
        # no: log Phi(a), a = -mu
        a = -mu[no]
        ll[no] = log_ndtr(a)
        r = np.exp(log_phi(a) - ll[no])
        d_mu[no] = -r
        d_mumu[no] = -r * (a + r)
        # yes: log Phi(c), c = mu - gamma
        c = mu[yes] - gamma[j[yes]]
        ll[yes] = log_ndtr(c)
        r = np.exp(log_phi(c) - ll[yes])
        d_mu[yes] = r
        d_g[yes_t] = -r
        h = -r * (c + r)
        d_mumu[yes] = h
        d_gg[yes_t] = h
        d_mug[yes_t] = -h
        # abstain: log(Phi(b) - Phi(a)), b = gamma - mu, a = -mu
        a = -mu[ab]
        b = gamma[j[ab]] - mu[ab]
        log_z = log_band_prob(a, b)
        ll[ab] = log_z
        pb = np.exp(log_phi(b) - log_z)
        pa = -np.exp(log_phi(a) - log_z)
        dbb = -b * pb - pb * pb
        daa = a * (-pa) - pa * pa
        dab = -pa * pb
        d_g[ab_t] = pb
        d_mu[ab] = -pb - pa
        d_gg[ab_t] = dbb
        d_mug[ab_t] = -dbb - dab
        d_mumu[ab] = dbb + 2 * dab + daa

        j_tail, m_tail = j[tail], m[tail]

        def s(w: np.ndarray, idx: np.ndarray = j) -> np.ndarray:
            return np.bincount(idx, w, n)

        def s_tail(w: np.ndarray, idx: np.ndarray = j_tail) -> np.ndarray:
            return np.bincount(idx, w, n)

        mumu_m = d_mumu * m

        current = s(ll) - 0.5 * beta * beta * sv - (alpha * alpha + beta * beta + gamma * gamma) * ridge / 2
        slack = 1e-12 * np.abs(current)  # rounding: a step that changes nothing is accepted

        grad = np.stack(
            [s(d_mu) - ridge * alpha, s(d_mu * m) - beta * sv - ridge * beta, s_tail(d_g) - ridge * gamma], axis=1
        )
        h_aa = s(d_mumu) - ridge
        h_ab = s(mumu_m)
        h_bb = s(mumu_m * m) - sv - ridge
        h_ag = s_tail(d_mug)
        h_bg = s_tail(d_mug * m_tail)
        h_gg = s_tail(d_gg) - ridge
        # gamma held at its lower bound (roll calls without abstentions): Newton in (alpha, beta) only
        pinned = (gamma <= 1.05 * GAMMA_MIN) & (grad[:, 2] <= 0)
        grad[pinned, 2] = 0.0
        h_ag = np.where(pinned, 0.0, h_ag)
        h_bg = np.where(pinned, 0.0, h_bg)
        h_gg = np.where(pinned, -1.0, h_gg)
        hess = np.stack(
            [np.stack([h_aa, h_ab, h_ag], 1), np.stack([h_ab, h_bb, h_bg], 1), np.stack([h_ag, h_bg, h_gg], 1)], 1
        )
        step = -np.linalg.solve(hess, grad[:, :, None])[:, :, 0]
        step = np.where(np.isfinite(step), step, 0.0)
        # stay inside gamma > 0: go at most 90 % of the way to the bound, then halve if needed
        room = np.where(step[:, 2] < 0, 0.9 * (gamma - GAMMA_MIN) / np.maximum(-step[:, 2], 1e-300), 1.0)
        scale = np.minimum(1.0, room)
        done = np.zeros(n, dtype=bool)
        new_a, new_b, new_g = alpha, beta, gamma
        obs = None
        for _ in range(6):
            cand_a = alpha + scale * step[:, 0]
            cand_b = beta + scale * step[:, 1]
            cand_g = np.maximum(gamma + scale * step[:, 2], GAMMA_MIN)
            f = item_objective(data, cand_a, cand_b, cand_g, m, sv, item_sd, obs)
            ok = ~done & (f >= current - slack)
            new_a = np.where(ok, cand_a, new_a)
            new_b = np.where(ok, cand_b, new_b)
            new_g = np.where(ok, cand_g, new_g)
            current = np.where(ok, f, current)
            done |= ok
            if done.all():
                break
            scale = np.where(done, scale, scale / 2)
            obs = np.flatnonzero(~done[j])  # retry only the items that have not improved yet
        alpha, beta, gamma = new_a, new_b, new_g
    return alpha, beta, gamma
