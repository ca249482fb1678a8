"""Turning a long frame of votes into the index arrays the ideal-point model works on.

Votes are ordered ``no (0) < abstain (1) < yes (2)``. Accepted vote values: the UNGA codes
1 yes, 2 abstain, 3 no (8 absent, 9 non-member, 0 no record → missing) or the words
yes / abstain / no (absent / non-member → missing). Rows with a missing vote are dropped: absences
and non-membership are missing data, never votes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from valuesgap.errors import InputError, NoData

NO, ABSTAIN, YES = 0, 1, 2
_CATEGORY = {1: YES, 2: ABSTAIN, 3: NO, "yes": YES, "abstain": ABSTAIN, "no": NO}
_MISSING = {0, 8, 9, "absent", "non-member", "nonmember", "missing", ""}


@dataclass(frozen=True)
class VoteData:
    """Observed votes as index arrays, sorted into blocks no | abstain | yes.

    ``cell`` indexes the flattened (state x period) grid, ``item`` the roll-call parameter set
    (roll calls bridged together share one), ``blocks`` the slice of each vote category.
    """

    states: np.ndarray  # state labels (n_states,)
    periods: np.ndarray  # sorted distinct time values (n_periods,)
    rollcalls: np.ndarray  # roll-call labels kept (n_rollcalls,)
    rollcall_period: np.ndarray  # period index of each roll call
    rollcall_item: np.ndarray  # item index of each roll call
    n_items: int
    obs_state: np.ndarray
    obs_period: np.ndarray
    obs_rollcall: np.ndarray
    obs_item: np.ndarray
    obs_cell: np.ndarray
    obs_vote: np.ndarray
    blocks: tuple[slice, slice, slice]
    first: np.ndarray  # first period index with a vote, per state
    last: np.ndarray  # last period index with a vote, per state
    n_dropped_unanimous: int

    @property
    def n_states(self) -> int:
        return len(self.states)

    @property
    def n_periods(self) -> int:
        return len(self.periods)


def vote_categories(values: pd.Series) -> np.ndarray:
    """Return ordinal categories (0 no, 1 abstain, 2 yes, -1 missing) for UNGA codes or words."""
    if pd.api.types.is_numeric_dtype(values):
        codes = values.to_numpy()
        out = np.full(len(codes), -1, dtype=np.int8)
        with np.errstate(invalid="ignore"):
            out[codes == 1] = YES
            out[codes == 2] = ABSTAIN
            out[codes == 3] = NO
        known = np.isin(codes, [1, 2, 3, 0, 8, 9]) | pd.isna(values).to_numpy()
    else:  # words, or words mixed with codes
        norm = values.map(lambda v: v.strip().lower() if isinstance(v, str) else v)
        out = norm.map(_CATEGORY).fillna(-1).astype(np.int8).to_numpy()
        known = (out >= 0) | norm.isin(list(_MISSING)).to_numpy() | norm.isna().to_numpy()
    if not known.all():
        bad = pd.unique(values[~known])[:3]
        raise InputError(
            f"unknown vote values {list(bad)}: use 1/2/3 (yes/abstain/no), 8/9 for absent/non-member, "
            "or the words yes/abstain/no"
        )
    return out


def prepare_votes(
    votes: pd.DataFrame,
    time: str = "session",
    min_rollcalls: int = 10,
    min_states: int = 3,
) -> VoteData:
    """Validate a long vote frame and return its :class:`VoteData`.

    ``votes`` needs columns ``state``, ``time`` (integer period, e.g. session or year),
    ``rollcall`` and ``vote``; an optional ``item`` column bridges roll calls that share
    parameters. Unanimous roll calls (every observed vote identical) are dropped.
    Raises :class:`InputError` on malformed input and :class:`NoData` when too few contested
    roll calls or voting states remain.
    """
    need = ["state", time, "rollcall", "vote"]
    missing = [c for c in need if c not in votes.columns]
    if missing:
        raise InputError(f"votes frame lacks columns {missing}: give columns {need}")
    frame = votes[need + (["item"] if "item" in votes.columns else [])].copy()
    frame["cat"] = vote_categories(frame["vote"])
    frame = frame[frame["cat"] >= 0]
    if frame[time].isna().any():
        raise InputError(f"column {time!r} has missing values: every roll call needs a period")
    if not pd.api.types.is_numeric_dtype(frame[time]):
        raise InputError(f"column {time!r} must be numeric (a session number or a year)")
    if frame.duplicated(["state", "rollcall"]).any():
        raise InputError("a state has more than one vote on the same roll call: deduplicate the votes")
    periods_per_rc = frame.groupby("rollcall")[time].nunique()
    if (periods_per_rc > 1).any():
        raise InputError(f"roll call {periods_per_rc[periods_per_rc > 1].index[0]!r} spans several periods")
    spread = frame.groupby("rollcall")["cat"].agg(["min", "max"])
    contested = spread.index[spread["min"] < spread["max"]]
    n_unanimous = int(len(spread) - len(contested))
    frame = frame[frame["rollcall"].isin(contested)]
    n_states = frame["state"].nunique()
    if len(contested) < min_rollcalls or n_states < min_states:
        raise NoData(
            f"only {len(contested)} contested roll calls and {n_states} voting states "
            f"(need at least {min_rollcalls} and {min_states}): widen the period or choose a broader issue"
        )
    states, obs_state = np.unique(frame["state"].to_numpy(), return_inverse=True)
    periods, obs_period = np.unique(frame[time].to_numpy(), return_inverse=True)
    rollcalls, obs_rollcall = np.unique(frame["rollcall"].to_numpy(), return_inverse=True)
    rollcall_period = np.zeros(len(rollcalls), dtype=np.int64)
    rollcall_period[obs_rollcall] = obs_period
    if "item" in frame.columns:
        item_of_rc = np.empty(len(rollcalls), dtype=object)
        item_of_rc[obs_rollcall] = frame["item"].to_numpy()
        item_labels = pd.Series(item_of_rc).where(pd.notna(item_of_rc), pd.Series(rollcalls).astype(str).radd("rc:"))
        _, rollcall_item = np.unique(item_labels.astype(str).to_numpy(), return_inverse=True)
    else:
        rollcall_item = np.arange(len(rollcalls))
    cat = frame["cat"].to_numpy()
    order = np.argsort(cat, kind="stable")
    counts = np.bincount(cat, minlength=3)
    ends = np.cumsum(counts)
    blocks = (slice(0, ends[0]), slice(ends[0], ends[1]), slice(ends[1], ends[2]))
    obs_state = obs_state[order].astype(np.int64)
    obs_period = obs_period[order].astype(np.int64)
    obs_rollcall = obs_rollcall[order].astype(np.int64)
    n_periods = len(periods)
    first = np.full(len(states), n_periods, dtype=np.int64)
    last = np.full(len(states), -1, dtype=np.int64)
    np.minimum.at(first, obs_state, obs_period)
    np.maximum.at(last, obs_state, obs_period)
    return VoteData(
        states=states,
        periods=periods,
        rollcalls=rollcalls,
        rollcall_period=rollcall_period,
        rollcall_item=rollcall_item.astype(np.int64),
        n_items=int(rollcall_item.max()) + 1,
        obs_state=obs_state,
        obs_period=obs_period,
        obs_rollcall=obs_rollcall,
        obs_item=rollcall_item[obs_rollcall].astype(np.int64),
        obs_cell=obs_state * n_periods + obs_period,
        obs_vote=cat[order].astype(np.int8),
        blocks=blocks,
        first=first,
        last=last,
        n_dropped_unanimous=n_unanimous,
    )
