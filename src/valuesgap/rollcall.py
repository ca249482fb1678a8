"""Roll calls as arrays for the measures: a states × roll calls matrix of vote codes.

Codes: 1 yes, 2 abstain, 3 no, 8 absent, 9 non-member, 0 no record (states the wide file lacks).
Built once per process and data version from the store's ``votes`` and ``rollcalls`` tables.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
import pandas as pd

from valuesgap import store
from valuesgap.issues import ISSUE_CODES


@dataclass(frozen=True)
class VoteMatrix:
    """All roll calls as arrays: ``states`` (iso3), ``rollcalls`` (frame), ``codes`` (int8 matrix)."""

    states: np.ndarray
    rollcalls: pd.DataFrame
    codes: np.ndarray

    def state_index(self, iso3: str) -> int | None:
        """Return the row of ``iso3`` in ``codes``, or None if the state never appears."""
        hit = np.flatnonzero(self.states == iso3)
        return int(hit[0]) if hit.size else None


_lock = threading.Lock()
_cache: dict[str, VoteMatrix] = {}


def vote_matrix() -> VoteMatrix:
    """Return the vote matrix of the current store (cached per process and data version)."""
    version = store.data_version()
    with _lock:
        if version not in _cache:
            _cache.clear()
            _cache[version] = _load()
        return _cache[version]


def _load() -> VoteMatrix:
    """Read rollcalls and votes from the store and lay the votes out as a dense int8 matrix."""
    rollcalls = store.query(
        f"SELECT rcid, session, year, date, important, {', '.join(ISSUE_CODES)} FROM rollcalls ORDER BY rcid"
    )
    votes = store.query("SELECT rcid, iso3, code FROM votes")
    states = np.array(sorted(votes["iso3"].unique()), dtype=object)
    row = pd.Index(states).get_indexer(votes["iso3"])
    col = pd.Index(rollcalls["rcid"]).get_indexer(votes["rcid"])
    codes = np.zeros((len(states), len(rollcalls)), dtype=np.int8)
    codes[row, col] = votes["code"].to_numpy(dtype=np.int8)
    return VoteMatrix(states=states, rollcalls=rollcalls, codes=codes)
