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
    """Read rollcalls and votes from the store and lay the votes out as a dense int8 matrix.

    DuckDB numbers the states (ISO3 order) and roll calls (rcid order) itself and hands back three
    integer arrays, so no string column is built or matched in Python.
    """
    rollcalls = store.query(
        f"SELECT rcid, session, year, date, important, {', '.join(ISSUE_CODES)} FROM rollcalls ORDER BY rcid"
    )
    cur = store.connect().cursor()
    try:
        states = cur.execute("SELECT DISTINCT iso3 FROM votes ORDER BY iso3").fetchnumpy()["iso3"]
        cells = cur.execute(
            """
            WITH s AS (SELECT iso3, (row_number() OVER (ORDER BY iso3) - 1)::INTEGER AS i
                       FROM (SELECT DISTINCT iso3 FROM votes)),
                 r AS (SELECT rcid, (row_number() OVER (ORDER BY rcid) - 1)::INTEGER AS j FROM rollcalls)
            SELECT s.i, r.j, v.code FROM votes v JOIN s USING (iso3) JOIN r USING (rcid)
            """
        ).fetchnumpy()
    finally:
        cur.close()
    codes = np.zeros((len(states), len(rollcalls)), dtype=np.int8)
    codes[cells["i"], cells["j"]] = cells["code"]
    return VoteMatrix(states=np.asarray(states, dtype=object), rollcalls=rollcalls, codes=codes)
