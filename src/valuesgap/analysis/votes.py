"""How one state voted, and a plain dyad summary of votes in common."""

from __future__ import annotations

import pandas as pd

from valuesgap import store
from valuesgap.analysis.meta import annotate
from valuesgap.analysis.selection import ISSUE_CODES, check_dyad, check_period
from valuesgap.countries import resolve
from valuesgap.deprecation import renamed_arguments
from valuesgap.errors import InputError, NoData

# the roll call's issue codes joined by ',' (e.g. 'di,nu'), in the order of ISSUE_CODES
_ISSUES_SQL = "concat_ws(',', " + ", ".join(f"CASE WHEN r.{c} THEN '{c}' END" for c in ISSUE_CODES) + ")"


def _session_range() -> tuple[int, int]:
    row = store.query("SELECT min(session) AS lo, max(session) AS hi FROM rollcalls").iloc[0]
    return int(row["lo"]), int(row["hi"])


@renamed_arguments(positional=1, old_order=("session",))
def votes(country: str, *, session: int) -> pd.DataFrame:
    """Return how ``country`` voted in one UNGA session (store tables ``rollcalls`` + ``votes``).

    Columns: rcid, date, unres, issues (codes joined by ','), important, vote, short, descr.
    """
    state = resolve(country)
    lo, hi = _session_range()
    if not lo <= int(session) <= hi:
        raise InputError(f"session {session} is outside the data ({lo}–{hi}): choose a session in that range")
    frame = store.query(
        f"""
        SELECT r.rcid, r.date, r.unres, {_ISSUES_SQL} AS issues,
               r.important, coalesce(v.vote, 'no record') AS vote, r.short, r.descr
        FROM rollcalls r LEFT JOIN votes v ON v.rcid = r.rcid AND v.iso3 = ?
        WHERE r.session = ? ORDER BY r.date, r.rcid
        """,
        [state.iso3, int(session)],
    )
    if frame.empty:
        raise NoData(f"session {session} has no roll calls in the data")
    if frame["vote"].isin(["no record", "non-member"]).all():
        raise NoData(f"{state.name} has no votes in session {session} (not a member or no record)")
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    return annotate(frame, states=[state])


@renamed_arguments(positional=2, old_order=("start", "end"))
def votes_in_common(a: str, b: str, *, start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """Return per session: roll calls where both voted yes/abstain/no, and the share identical.

    Columns: session, year_from, year_to, n_common, identical, share_identical.
    """
    start, end = check_period(start, end)
    sa, sb = check_dyad(a, b)
    frame = store.query(
        """
        SELECT r.session, min(r.year) AS year_from, max(r.year) AS year_to,
               count(*) AS n_common, sum(CASE WHEN va.code = vb.code THEN 1 ELSE 0 END) AS identical
        FROM votes va JOIN votes vb ON va.rcid = vb.rcid
        JOIN rollcalls r ON r.rcid = va.rcid
        WHERE va.iso3 = ? AND vb.iso3 = ? AND va.code IN (1, 2, 3) AND vb.code IN (1, 2, 3)
          AND (? IS NULL OR r.year >= ?) AND (? IS NULL OR r.year <= ?)
        GROUP BY r.session ORDER BY r.session
        """,
        [sa.iso3, sb.iso3, start, start, end, end],
    )
    if frame.empty:
        raise NoData(f"{sa.name} and {sb.name} have no roll calls in common in that period")
    frame["share_identical"] = frame["identical"] / frame["n_common"]
    out = frame.astype({"n_common": "int64", "identical": "int64"})
    return annotate(out, states=[sa, sb], start=start, end=end)
