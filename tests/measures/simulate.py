"""Votes simulated from the dynamic ordinal probit model itself, for the ideal-point tests and benchmarks.

Imported as ``from simulate import simulate_dynamic_votes`` by the tests next to it (pytest puts this
folder on ``sys.path``) and by ``benchmarks/bench_idealpoints*.py`` (which add it themselves).
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def simulate_dynamic_votes(
    n_states: int = 150,
    n_periods: int = 30,
    rollcalls_per_period: int = 80,
    missing: float = 0.15,
    late_joiners: float = 0.2,
    prior_sd: float = 1.0,
    walk_sd: float = 0.1,
    random_state: int | None = 0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return ``(votes, truth)`` drawn from the model.

    ``votes``: columns ``state`` (``S000``…), ``session`` (1…n_periods), ``rollcall``, ``vote``
    (UNGA codes 1 yes, 2 abstain, 3 no, 8 absent, 9 non-member). Positions start N(0, prior_sd²)
    and follow a random walk with ``walk_sd``; a share ``late_joiners`` of states join in a random
    period of the first half (non-member before); a share ``missing`` of member votes are absences.
    Roll calls: ``beta ~ N(0.5, 1.2²)`` (mixed signs), ``alpha ~ N(0.3, 1)``, abstention band width
    ``gamma ~ U(0.2, 1.2)``. ``truth``: columns ``state``, ``session``, ``ideal_point`` for member cells.
    """
    rng = np.random.default_rng(random_state)
    x = np.empty((n_states, n_periods))
    x[:, 0] = rng.normal(0.0, prior_sd, n_states)
    for t in range(1, n_periods):
        x[:, t] = x[:, t - 1] + rng.normal(0.0, walk_sd, n_states)
    join = np.zeros(n_states, dtype=int)
    late = rng.random(n_states) < late_joiners
    join[late] = rng.integers(1, max(n_periods // 2, 2), late.sum())
    n_rc = n_periods * rollcalls_per_period
    rc_period = np.repeat(np.arange(n_periods), rollcalls_per_period)
    beta = rng.normal(0.5, 1.2, n_rc)
    alpha = rng.normal(0.3, 1.0, n_rc)
    gamma = rng.uniform(0.2, 1.2, n_rc)
    y = alpha[None, :] + beta[None, :] * x[:, rc_period] + rng.standard_normal((n_states, n_rc))
    code = np.where(y < 0, 3, np.where(y < gamma[None, :], 2, 1))
    member = rc_period[None, :] >= join[:, None]
    absent = rng.random((n_states, n_rc)) < missing
    code = np.where(member, np.where(absent, 8, code), 9)
    states = np.array([f"S{i:03d}" for i in range(n_states)])
    votes = pd.DataFrame(
        {
            "state": np.repeat(states, n_rc),
            "session": np.tile(rc_period + 1, n_states),
            "rollcall": np.tile(np.arange(n_rc), n_states),
            "vote": code.ravel(),
        }
    )
    cells = np.arange(n_periods)[None, :] >= join[:, None]
    si, ti = np.nonzero(cells)
    truth = pd.DataFrame({"state": states[si], "session": ti + 1, "ideal_point": x[si, ti]})
    return votes, truth
