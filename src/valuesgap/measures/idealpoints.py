"""Dynamic ordinal ideal points from roll-call votes (Bailey, Strezhnev & Voeten 2017 model).

One dimension; ordinal probit with two cut-points per roll call (no < abstain < yes):
``P(vote <= k) = Phi(tau_jk - beta_j * x_it)``; each state's position follows a random walk across
periods, ``x_it ~ N(x_i,t-1, walk_sd^2 * gap)``, starting ``N(0, prior_sd^2)``; absences and
non-membership are missing data. Estimated by variational EM (E-step: truncated-normal utilities;
paths: Kalman smoother per state; roll calls: Newton steps on the bound in (alpha, beta, gamma);
SQUAREM acceleration), see :mod:`valuesgap.measures.idealpoints_em`. Start values: the leading
singular vector of the centred vote matrix. Convergence: one EM step changes the ELBO by less than
``tol`` (relative). Unanimous roll calls are dropped.

Identification: the priors fix location and scale during the fit; the reported positions are then
standardised globally (mean 0, standard deviation 1 over all reported state-periods, so movement of
the whole assembly across periods is kept) and oriented so that ``positive_state`` (default the
United States, ``"USA"``) has a positive mean position. Roll-call parameters are transformed to match.
Uncertainty: parametric bootstrap (``n_boot``): votes are redrawn from the fitted model on the same
observed (state, roll call) pairs, the model is refitted from the estimate, and each replicate is
identified the same way; ``lo``/``hi`` are percentiles of the replicates (replicates stop at a
relative tolerance of 1e-6). On simulated panels these 95 % intervals hold the true position about
three times in four: they ignore the shrinkage of the point estimates, so read them as a lower
bound on the uncertainty.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

import numpy as np
import pandas as pd

from valuesgap.errors import InputError
from valuesgap.measures.idealpoints_data import VoteData, prepare_votes
from valuesgap.measures.idealpoints_em import Settings, State, initial_state, run_em, simulate_categories

Progress = Callable[[str, int, int], None]


class DynamicIdealPoints:
    """Dynamic ordinal probit ideal-point model, scikit-learn style.

    ``fit(votes, time="session")`` takes a long frame with columns ``state``, the period column
    ``time`` (integer: session or year), ``rollcall``, ``vote`` (1/2/3 = yes/abstain/no, 8/9/0 =
    missing; or the words) and optionally ``item`` (roll calls with the same item share their
    parameters: bridging). Missing rows are missing votes.

    Attributes after fit:
    - ``ideal_points_``: frame ``state``, ``<time>``, ``ideal_point``, ``n_votes`` (+ ``lo``, ``hi``
      with ``n_boot > 0``), one row per state-period with at least one vote on a contested roll call;
    - ``discrimination_``: Series ``beta_j`` indexed by roll call;
    - ``difficulty_``: frame indexed by roll call, columns ``tau_no`` and ``tau_abstain``:
      ``P(no) = Phi(tau_no - beta x)``, ``P(no or abstain) = Phi(tau_abstain - beta x)``;
    - ``n_iter_``, ``converged_``, ``elbo_`` (variational lower bound), ``log_likelihood_``
      (``sum log P(vote | roll-call parameters, posterior mean positions)``), ``n_dropped_unanimous_``.
    """

    def __init__(
        self,
        dims: int = 1,
        prior_sd: float = 1.0,
        walk_sd: float = 0.1,
        item_sd: float = 5.0,
        max_iter: int = 2000,
        tol: float = 1e-7,
        n_boot: int = 0,
        ci: float = 0.95,
        positive_state: str | None = "USA",
        min_rollcalls: int = 10,
        random_state: int | None = 0,
    ) -> None:
        self.dims = dims
        self.prior_sd = prior_sd
        self.walk_sd = walk_sd
        self.item_sd = item_sd
        self.max_iter = max_iter
        self.tol = tol
        self.n_boot = n_boot
        self.ci = ci
        self.positive_state = positive_state
        self.min_rollcalls = min_rollcalls
        self.random_state = random_state

    def _settings(self) -> Settings:
        if self.dims != 1:
            raise InputError(f"dims={self.dims}: only one-dimensional ideal points are implemented; use dims=1")
        for name in ("prior_sd", "walk_sd", "item_sd", "tol"):
            if not getattr(self, name) > 0:
                raise InputError(f"{name} must be positive, got {getattr(self, name)}")
        if self.max_iter < 1 or self.n_boot < 0 or not 0 < self.ci < 1:
            raise InputError("max_iter must be ≥ 1, n_boot ≥ 0 and ci between 0 and 1")
        return Settings(prior_sd=self.prior_sd, walk_sd=self.walk_sd, item_sd=self.item_sd,
                        max_iter=self.max_iter, tol=self.tol)

    def fit(self, votes: pd.DataFrame, time: str = "session", progress: Progress | None = None) -> "DynamicIdealPoints":
        """Estimate the model on ``votes``; return ``self``.

        ``progress(phase, done, total)``, if given, is called with ``("fit", percent, 100)`` — the
        share of the way to convergence, never decreasing — and ``("bootstrap", k, n_boot)``.
        """
        settings = self._settings()
        data = prepare_votes(votes, time=time, min_rollcalls=self.min_rollcalls)
        start = initial_state(data, settings, self.random_state)
        report = None if progress is None else (lambda i, n: progress("fit", i, n))
        result = run_em(data, settings, start, progress=report)
        cells, n_votes = np.unique(data.obs_cell, return_counts=True)
        x_raw = result.state.paths.mean.ravel()[cells]
        shift, scale, sign = self._identify(data, cells, x_raw)
        x = sign * (x_raw - shift) / scale
        frame = pd.DataFrame({
            "state": data.states[cells // data.n_periods],
            time: data.periods[cells % data.n_periods],
            "ideal_point": x,
            "n_votes": n_votes,
        })
        if self.n_boot:
            lo, hi = self._bootstrap(data, settings, result.state, cells, x, progress)
            frame["lo"], frame["hi"] = lo, hi
        st = result.state
        j = data.rollcall_item
        alpha = st.alpha[j] + st.beta[j] * shift
        beta = sign * st.beta[j] * scale
        self.ideal_points_ = frame.sort_values(["state", time], ignore_index=True)
        self.discrimination_ = pd.Series(beta, index=pd.Index(data.rollcalls, name="rollcall"), name="discrimination")
        self.difficulty_ = pd.DataFrame({"tau_no": -alpha, "tau_abstain": st.gamma[j] - alpha},
                                        index=pd.Index(data.rollcalls, name="rollcall"))
        self.n_iter_ = result.n_iter
        self.converged_ = result.converged
        self.elbo_ = result.elbo
        self.log_likelihood_ = result.log_likelihood
        self.elbo_trace_ = result.trace
        self.n_dropped_unanimous_ = data.n_dropped_unanimous
        return self

    def _identify(self, data: VoteData, cells: np.ndarray, x_raw: np.ndarray,
                  reference: np.ndarray | None = None) -> tuple[float, float, float]:
        """Return (shift, scale, sign) standardising ``x_raw`` and orienting it.

        Orientation: ``positive_state`` positive on average if it voted; else (or for bootstrap
        replicates, given ``reference``) positively correlated with ``reference``.
        """
        shift = float(x_raw.mean())
        scale = float(x_raw.std()) or 1.0
        z = (x_raw - shift) / scale
        sign = 1.0
        if reference is not None:
            sign = 1.0 if np.dot(z, reference) >= 0 else -1.0
        elif self.positive_state is not None and self.positive_state in set(data.states):
            mine = data.states[cells // data.n_periods] == self.positive_state
            sign = 1.0 if z[mine].mean() >= 0 else -1.0
        return shift, scale, sign

    def _bootstrap(self, data: VoteData, settings: Settings, fitted: State, cells: np.ndarray,
                   x: np.ndarray, progress: Progress | None) -> tuple[np.ndarray, np.ndarray]:
        """Return percentile bounds (lo, hi) per reported cell from ``n_boot`` parametric replicates."""
        rng = np.random.default_rng(self.random_state)
        # replicates only feed percentiles: a looser tolerance (1e-6) and a cap on EM steps suffice
        boot_settings = replace(settings, tol=max(settings.tol, 1e-6), max_iter=min(settings.max_iter, 300))
        draws = np.empty((self.n_boot, len(cells)))
        for b in range(self.n_boot):
            sim = simulate_categories(data, fitted, rng)
            rep = run_em(sim, boot_settings, fitted)
            raw = rep.state.paths.mean.ravel()[cells]
            shift, scale, sign = self._identify(data, cells, raw, reference=x)
            draws[b] = sign * (raw - shift) / scale
            if progress is not None:
                progress("bootstrap", b + 1, self.n_boot)
        tail = (1.0 - self.ci) / 2.0 * 100.0
        lo, hi = np.percentile(draws, [tail, 100.0 - tail], axis=0)
        return lo, hi
