"""The official Security Council file (UN Digital Library) against the DPPA drafts workbook.

Both hold the Council's adopted resolutions of 1994–2025: the official file every resolution since 1946
with each member's vote, the DPPA workbook every draft put to a vote with sponsors and topic. They are
matched on the resolution number (``S/RES/1874(2009)`` ↔ ``1874 (2009)``) and checked: the draft symbol,
the date and each member's vote where both files record one. ``valuesgap data report`` counts what
disagrees; ``valuesgap data report --crosscheck`` lists it, one row per resolution and finding.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from valuesgap import store

CAST = (1, 2, 3)  # yes, abstain, no
LABEL = {1: "yes", 2: "abstain", 3: "no", 8: "non-voting"}
COLUMNS = ["kind", "resolution", "date", "iso3", "official", "dppa"]
REPORT_COLUMNS = ["kind", "arena", "iso3", "session", "n", "detail"]
TABLES = ("council_resolutions", "council_resolution_votes", "council_drafts", "council_votes")
VOTE_DIFFERS = "member's vote differs"


@dataclass(frozen=True)
class Crosscheck:
    """The comparison: ``matched`` (official resolutions of the DPPA span with their draft, NaN draft_id
    where none), ``findings`` (one row per disagreement) and ``compared`` (member votes compared)."""

    matched: pd.DataFrame
    findings: pd.DataFrame
    compared: int


def resolution_number(text: pd.Series) -> pd.Series:
    """Return the number of DPPA resolution labels like ``1874 (2009)`` (NA where there is none)."""
    return pd.to_numeric(text.astype("string").str.extract(r"^\s*(\d+)", expand=False), errors="coerce").astype("Int64")


def compare(
    resolutions: pd.DataFrame, official_votes: pd.DataFrame, drafts: pd.DataFrame, dppa_votes: pd.DataFrame
) -> Crosscheck:
    """Return the comparison of the official file's resolutions (undl_id, number, resolution, date, draft)
    and votes (undl_id, iso3, code) with the DPPA drafts (draft_id, symbol, resolution, date) and votes
    (draft_id, iso3, code); codes 1 yes, 2 abstain, 3 no, 8 non-voting.

    Findings: an official resolution inside the DPPA span with no DPPA draft; a DPPA adopted draft inside
    the official span with no official resolution; a different draft symbol; a different date; a
    member's vote that differs (both yes/abstain/no); a member voting in the official file whom the
    DPPA draft does not list.
    """
    adopted = drafts.dropna(subset=["resolution"]).assign(number=lambda d: resolution_number(d["resolution"]))
    adopted = adopted.dropna(subset=["number"])
    first, last = pd.Timestamp(drafts["date"].min()), pd.Timestamp(drafts["date"].max())
    dates = pd.to_datetime(resolutions["date"])
    inside = resolutions[(dates >= first) & (dates <= last)]
    matched = inside.merge(
        adopted[["number", "draft_id", "symbol", "date"]].rename(columns={"date": "dppa_date"}),
        on="number",
        how="left",
    ).sort_values(["date", "number"], ignore_index=True)
    rows: list[dict] = []
    for r in matched[matched["draft_id"].isna()].itertuples():
        rows.append(_row("official resolution with no DPPA draft", r.resolution, r.date, None, r.draft, None))
    pairs = matched.dropna(subset=["draft_id"]).astype({"draft_id": "int64"})
    for r in pairs.itertuples():
        official_symbol, dppa_symbol = str(r.draft or "").strip(), str(r.symbol or "").strip()
        if official_symbol and dppa_symbol and official_symbol != dppa_symbol:
            rows.append(_row("draft symbol differs", r.resolution, r.date, None, official_symbol, dppa_symbol))
        if pd.Timestamp(r.date).date() != pd.Timestamp(r.dppa_date).date():
            rows.append(_row("date differs", r.resolution, r.date, None, _day(r.date), _day(r.dppa_date)))
    o_first, o_last = dates.min(), dates.max()
    adopted_dates = pd.to_datetime(adopted["date"])
    lacking = adopted[
        (adopted_dates >= o_first) & (adopted_dates <= o_last) & ~adopted["number"].isin(resolutions["number"])
    ]
    for r in lacking.sort_values("date").itertuples():
        rows.append(_row("DPPA adopted draft with no official resolution", r.resolution, r.date, None, None, r.symbol))
    votes = pairs[["undl_id", "draft_id", "resolution", "date"]].merge(official_votes, on="undl_id")
    votes = votes.merge(dppa_votes, on=["draft_id", "iso3"], how="left", suffixes=("_official", "_dppa"))
    cast_official = votes["code_official"].isin(CAST)
    cast_dppa = votes["code_dppa"].isin(CAST)
    for r in votes[cast_official & cast_dppa & votes["code_official"].ne(votes["code_dppa"])].itertuples():
        rows.append(_row(VOTE_DIFFERS, r.resolution, r.date, r.iso3, LABEL[r.code_official], LABEL[int(r.code_dppa)]))
    for r in votes[cast_official & votes["code_dppa"].isna()].itertuples():
        rows.append(
            _row("member voting in the official file only", r.resolution, r.date, r.iso3, LABEL[r.code_official], None)
        )
    return Crosscheck(matched, pd.DataFrame(rows, columns=COLUMNS), int((cast_official & cast_dppa).sum()))


def _day(value: object) -> str:
    return str(pd.Timestamp(value).date())


def _row(kind: str, resolution: object, date: object, iso3: object, official: object, dppa: object) -> dict:
    return {
        "kind": kind,
        "resolution": resolution,
        "date": None if pd.isna(date) else pd.Timestamp(date).date(),
        "iso3": iso3,
        "official": official,
        "dppa": dppa,
    }


def from_store() -> Crosscheck | None:
    """Return the comparison of the two files in the store, or None when either is not installed."""
    names = set(store.query("SELECT table_name FROM information_schema.tables")["table_name"])
    if not set(TABLES) <= names:
        return None
    return compare(
        store.query("SELECT undl_id, number, resolution, date, draft FROM council_resolutions"),
        store.query("SELECT undl_id, iso3, code FROM council_resolution_votes"),
        store.query("SELECT draft_id, symbol, resolution, date FROM council_drafts"),
        store.query("SELECT draft_id, iso3, code FROM council_votes"),
    )


def findings() -> pd.DataFrame:
    """Return the store's findings (``data report --crosscheck``); empty when a file is not installed."""
    check = from_store()
    return check.findings if check is not None else pd.DataFrame(columns=COLUMNS)


def summary() -> pd.DataFrame:
    """Return the rows ``data report`` shows (kind, arena, iso3, session, n, detail): resolutions matched
    with the agreement of member votes, then one count per kind of finding."""
    check = from_store()
    if check is None:
        return pd.DataFrame(columns=REPORT_COLUMNS)
    pairs = check.matched.dropna(subset=["draft_id"])
    differ = int(check.findings["kind"].eq(VOTE_DIFFERS).sum())
    agreement = f"{1 - differ / check.compared:.1%}" if check.compared else "n/a"
    out = [
        {
            "kind": "official SC file vs DPPA workbook: resolutions matched",
            "n": len(pairs),
            "detail": f"on the resolution number, of {len(check.matched)} official resolutions in the DPPA span; "
            f"{check.compared:,} member votes compared, {differ} differ (agreement {agreement}); "
            "'valuesgap data report --crosscheck' lists each finding",
        }
    ]
    for kind, group in check.findings.groupby("kind", sort=True):
        shown = ", ".join(dict.fromkeys(group["resolution"].astype(str)))
        out.append({"kind": f"official SC file vs DPPA workbook: {kind}", "n": len(group), "detail": shown[:300]})
    frame = pd.DataFrame(out).assign(arena="Security Council", iso3=None, session=None)
    return frame[REPORT_COLUMNS]
