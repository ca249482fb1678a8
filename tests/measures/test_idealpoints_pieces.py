"""Hand-checkable pieces of the ideal-point model: truncated normals, Kalman smoother, path bound."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from valuesgap.measures.idealpoints.kalman import path_log_prior_entropy, smooth_paths
from valuesgap.measures.idealpoints.truncnorm import band, log_band_prob, lower_tail, upper_tail


def test_half_normal_mean_by_hand():
    # N(0,1) truncated to (0, inf): mean = phi(0) / (1 - Phi(0)) = (1/sqrt(2 pi)) / 0.5 = sqrt(2/pi) = 0.797885
    mean, log_p = upper_tail(np.array([0.0]), 0.0)
    assert mean[0] == pytest.approx(math.sqrt(2 / math.pi), abs=1e-12)
    assert log_p[0] == pytest.approx(math.log(0.5), abs=1e-12)
    # mirror image: truncated to (-inf, 0) has mean -sqrt(2/pi)
    mean, _ = lower_tail(np.array([0.0]), 0.0)
    assert mean[0] == pytest.approx(-math.sqrt(2 / math.pi), abs=1e-12)


def test_symmetric_band_by_hand():
    # N(0,1) on (-1, 1): mean 0 by symmetry; probability 0.682689 (the "68 %" of one sd)
    mean, log_p = band(np.array([0.0]), -1.0, 1.0)
    assert mean[0] == pytest.approx(0.0, abs=1e-12)
    assert math.exp(log_p[0]) == pytest.approx(0.6826894921, abs=1e-9)


@pytest.mark.parametrize("mu", [-30.0, -8.0, -2.5, 0.0, 0.7, 3.0, 9.0, 25.0])
def test_tails_match_scipy(mu):
    for cut in (0.0, 0.4):
        mean, log_p = upper_tail(np.array([mu]), cut)
        a = cut - mu
        assert mean[0] == pytest.approx(stats.truncnorm.mean(a, np.inf, loc=mu), rel=1e-7, abs=1e-9)
        assert log_p[0] == pytest.approx(stats.norm.logsf(a), rel=1e-10)
        mean, log_p = lower_tail(np.array([mu]), cut)
        assert mean[0] == pytest.approx(stats.truncnorm.mean(-np.inf, a, loc=mu), rel=1e-7, abs=1e-9)
        assert log_p[0] == pytest.approx(stats.norm.logcdf(a), rel=1e-10)


@pytest.mark.parametrize("mu,width", [(-12.0, 0.5), (-1.0, 0.01), (0.3, 0.8), (2.0, 1.5), (9.0, 0.3), (0.0, 1e-3)])
def test_band_matches_scipy(mu, width):
    mean, log_p = band(np.array([mu]), 0.0, width)
    a, b = -mu, width - mu
    assert mean[0] == pytest.approx(stats.truncnorm.mean(a, b, loc=mu), rel=1e-6, abs=1e-8)
    if mu <= 0:  # band right of the mean: P = sf(a) - sf(b), in log space
        expected = stats.norm.logsf(a) + math.log(-math.expm1(stats.norm.logsf(b) - stats.norm.logsf(a)))
    else:  # band left of the mean: P = cdf(b) - cdf(a)
        expected = stats.norm.logcdf(b) + math.log(-math.expm1(stats.norm.logcdf(a) - stats.norm.logcdf(b)))
    assert log_p[0] == pytest.approx(expected, rel=1e-9)


def test_log_band_prob_deep_tail_finite():
    # both ends 30 sd out: Phi differences underflow in linear space, not in log space
    lp = log_band_prob(np.array([30.0, -31.0]), np.array([31.0, -30.0]))
    assert np.all(np.isfinite(lp))
    assert lp[0] == pytest.approx(lp[1], rel=1e-12)  # mirror images
    assert lp[0] == pytest.approx(stats.norm.logsf(30.0), rel=1e-3)  # nearly all mass of the tail is in [30, 31]


def test_smoother_two_periods_by_hand():
    # x1 ~ N(0, 1), x2 | x1 ~ N(x1, 1); one observation of x2 with value 2 and precision 1 (info = 2).
    # Prior: Var x1 = 1, Var x2 = 2, Cov = 1; y = x2 + e, Var y = 3.
    # E[x2|y] = 2 * 2/3 = 4/3, Var = 2 - 4/3 = 2/3; E[x1|y] = 1/3 * 2 = 2/3, Var = 1 - 1/3 = 2/3;
    # Cov(x1, x2 | y) = 1 - (1 * 2) / 3 = 1/3.
    out = smooth_paths(np.array([[0.0, 1.0]]), np.array([[0.0, 2.0]]), np.array([0]), np.array([1.0]), 1.0)
    np.testing.assert_allclose(out.mean, [[2 / 3, 4 / 3]], atol=1e-12)
    np.testing.assert_allclose(out.var, [[2 / 3, 2 / 3]], atol=1e-12)
    np.testing.assert_allclose(out.lag_cov, [[1 / 3]], atol=1e-12)


def _dense_posterior(precision, info, first, step_var, prior_var):
    """Posterior of one path by building its joint precision matrix and solving directly."""
    t_len = len(precision)
    idx = np.arange(first, t_len)
    n = len(idx)
    q = np.zeros((n, n))
    q[0, 0] += 1.0 / prior_var
    for k in range(n - 1):
        w = 1.0 / step_var[idx[k]]
        q[k, k] += w
        q[k + 1, k + 1] += w
        q[k, k + 1] -= w
        q[k + 1, k] -= w
    q += np.diag(precision[idx])
    cov = np.linalg.inv(q)
    return cov @ info[idx], cov


def test_smoother_matches_dense_solve():
    rng = np.random.default_rng(3)
    t_len = 6
    precision = rng.uniform(0.0, 4.0, (2, t_len))
    precision[1, 3] = 0.0  # a period without votes inside the path
    info = rng.normal(0.0, 2.0, (2, t_len))
    first = np.array([0, 2])  # second state joins in period 2
    step_var = np.array([0.01, 0.04, 0.01, 0.09, 0.01])  # uneven gaps
    out = smooth_paths(precision, info, first, step_var, 1.0)
    for i in range(2):
        mean, cov = _dense_posterior(precision[i], info[i], first[i], step_var, 1.0)
        f = first[i]
        np.testing.assert_allclose(out.mean[i, f:], mean, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(out.var[i, f:], np.diag(cov), rtol=1e-10)
        np.testing.assert_allclose(out.lag_cov[i, f:], np.diag(cov, 1), rtol=1e-9, atol=1e-12)
    assert np.all(out.mean[1, :2] == 0.0)


def test_path_bound_matches_dense_gaussian_formula():
    # E_q[log p(x)] + H(q) with q the smoothed posterior = -1/2 (n log 2pi - log|L|) - 1/2 (m'Lm + tr(L S)) + 1/2 log|2 pi e S|
    rng = np.random.default_rng(5)
    t_len = 5
    precision = rng.uniform(0.5, 3.0, (1, t_len))
    info = rng.normal(0.0, 1.0, (1, t_len))
    step_var = np.full(t_len - 1, 0.05)
    out = smooth_paths(precision, info, np.array([0]), step_var, 1.0)
    mean, cov = _dense_posterior(precision[0], info[0], 0, step_var, 1.0)
    _, prior_cov = _dense_posterior(np.zeros(t_len), np.zeros(t_len), 0, step_var, 1.0)  # no data: the prior
    lam = np.linalg.inv(prior_cov)
    n = t_len
    expected = (
        -0.5 * (n * math.log(2 * math.pi) - np.linalg.slogdet(lam)[1])
        - 0.5 * (mean @ lam @ mean + np.trace(lam @ cov))
        + 0.5 * (n * math.log(2 * math.pi * math.e) + np.linalg.slogdet(cov)[1])
    )
    got = path_log_prior_entropy(out, np.array([0]), np.array([t_len - 1]), step_var, 1.0)
    assert got == pytest.approx(expected, rel=1e-9)


def test_roll_call_newton_reaches_the_optimum_of_its_objective():
    # Newton steps (analytic derivatives) must land where a derivative-free search finds the maximum
    from scipy.optimize import minimize
    from simulate import simulate_dynamic_votes

    from valuesgap.measures.idealpoints.data import prepare_votes
    from valuesgap.measures.idealpoints.items import item_objective, newton_items

    votes, _ = simulate_dynamic_votes(n_states=40, n_periods=2, rollcalls_per_period=3, random_state=8)
    data = prepare_votes(votes, min_rollcalls=1)
    rng = np.random.default_rng(0)
    n = data.n_items
    alpha, beta, gamma = rng.normal(0, 1, n), rng.normal(0, 1, n), rng.uniform(0.2, 1, n)
    m = rng.normal(0, 1, len(data.obs_item))
    sv = rng.uniform(0, 1, n)
    a, b, g = newton_items(data, alpha, beta, gamma, m, sv, 5.0, steps=25)
    best = item_objective(data, a, b, g, m, sv, 5.0)
    for k in range(n):

        def neg(p, k=k):
            aa, bb, gg = a.copy(), b.copy(), g.copy()
            aa[k], bb[k], gg[k] = p[0], p[1], max(p[2], 1e-3)
            return -item_objective(data, aa, bb, gg, m, sv, 5.0)[k]

        found = minimize(
            neg,
            [alpha[k], beta[k], gamma[k]],
            method="Nelder-Mead",
            options={"xatol": 1e-9, "fatol": 1e-12, "maxiter": 20000},
        )
        assert best[k] >= -found.fun - 1e-4
