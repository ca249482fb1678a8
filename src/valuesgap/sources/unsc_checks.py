"""Repairs and checks of the Security Council drafts file: every defect is fixed or the draft left out,
and each case becomes one row of the build report (``valuesgap data report``).

Repaired: trailing and doubled spaces in draft symbols; dates whose day and month were swapped (the
file stores many 1994–2020 dates as month/day; the order of the drafts' ids decides which reading fits);
a resolution and a draft symbol entered in each other's column; a member listed twice with the same vote.
Left out: a member listed twice with different votes (that vote only); drafts whose voting members are
not that year's Council; drafts whose votes contradict their outcome (unanimous means no No and no
abstention; adopted needs at least 9 Yes and, by majority, not all fifteen Yes; a veto needs a
permanent member's No; a failed draft fewer than 9 Yes); an adopted draft without a resolution number
whose symbol is recorded again with another outcome. Pure functions on frames: no I/O.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

REPORT_COLUMNS = ["kind", "draft_id", "symbol", "year", "iso3", "detail", "action"]
ADOPTED = ("adopted_unanimously", "adopted_majority", "adopted_consensus", "adopted_acclamation")
WITHOUT_DISSENT = ("adopted_unanimously", "adopted_consensus", "adopted_acclamation")


def finding(kind: str, row: Any, detail: str, action: str, iso3: str | None = None) -> dict:
    """Return one report row for the draft ``row`` (any object with draft_id, symbol, year)."""
    symbol = getattr(row, "symbol", None)
    return {
        "kind": kind,
        "draft_id": int(row.draft_id),
        "symbol": symbol if isinstance(symbol, str) else None,
        "year": int(row.year),
        "iso3": iso3 if iso3 is not None else getattr(row, "iso3", None),
        "detail": detail,
        "action": action,
    }


def report_frame(rows: list[dict]) -> pd.DataFrame:
    """Return the findings as a frame with :data:`REPORT_COLUMNS`."""
    frame = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    frame["draft_id"] = frame["draft_id"].astype("Int64")
    frame["year"] = frame["year"].astype("Int64")
    return frame


def _resolution(text: object, year: int) -> tuple[str | None, str | None]:
    """Return ('1874 (2009)', note) from the source's many spellings ('S/RES/2756 (2024)', 'Resolution 2623 (2022)')."""
    if not isinstance(text, str) or not text.strip():
        return None, None
    match = re.search(r"(\d+)\s*\((\d{4})\)", text)
    if not match:
        return None, f"resolution {text!r} not understood"
    number, res_year = match.groups()
    note = None if int(res_year) == year else f"resolution year {res_year} read as {year}"
    return f"{int(number)} ({year})", note


def _canonical_symbol(text: str) -> str:
    """Return the S/YYYY/N symbol at the start of ``text`` (with a '(amendment)' mark kept), else ``text``."""
    match = re.match(r"S/\s?(\d{4})/(\d+)", text)
    if not match:
        return text
    symbol = f"S/{match.group(1)}/{match.group(2)}"
    return f"{symbol} (amendment)" if "amendment" in text.lower() else symbol


def repair_drafts(drafts: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    """Return drafts (one row per draft_id, source columns) with symbols, resolutions, dates and outcomes
    normalised, plus findings for each repair. Adds ``outcome``, ``adopted``, ``presidential``."""
    from valuesgap.sources.unsc import OUTCOMES

    out = drafts.copy()
    found: list[dict] = []
    for row in out.itertuples():
        sym, res = row.symbol, row.resolution
        if isinstance(sym, str) and sym.upper().startswith("S/RES/") and isinstance(res, str) and res.startswith("S/"):
            found.append(finding("resolution and draft symbol swapped", row, f"{sym} / {res}", "repaired"))
            out.loc[row.Index, ["symbol", "resolution"]] = [res, sym]
    symbols = out["symbol"].where(out["symbol"].map(lambda s: isinstance(s, str)))
    cleaned = symbols.map(lambda s: re.sub(r"\s+", " ", s).strip() if isinstance(s, str) else None)
    for row in out.loc[cleaned.notna() & (cleaned != symbols)].itertuples():
        found.append(finding("spaces in draft symbol", row, f"{row.symbol!r}", "repaired"))
    # 'S/1995/395, orally revised in its provisional form' → 'S/1995/395' (the note goes to the report)
    canonical = cleaned.map(lambda s: _canonical_symbol(s) if isinstance(s, str) else None)
    for row, before in zip(out.loc[canonical != cleaned].itertuples(), cleaned[canonical != cleaned]):
        if isinstance(before, str):
            found.append(finding("note in draft symbol", row, f"{before!r}", "repaired"))
    out["symbol"] = canonical
    resolutions = [_resolution(r, int(y)) for r, y in zip(out["resolution"], out["year"])]
    for row, (_, note) in zip(out.itertuples(), resolutions):
        if note:
            found.append(finding("resolution number", row, note, "repaired"))
    out["resolution"] = [r for r, _ in resolutions]
    out["date"], swapped = repair_dates(out["date"])
    for row in out.loc[swapped].itertuples():
        found.append(finding("day and month swapped", row, f"date read as {row.date:%Y-%m-%d}", "repaired"))
    for text in ("agenda_item", "topic", "region", "category", "meeting"):
        out[text] = out[text].map(lambda v: re.sub(r"\s+", " ", str(v)).strip() if pd.notna(v) else None)
    out["outcome"] = out["outcome_text"].map(OUTCOMES)
    out["adopted"] = out["outcome"].isin(ADOPTED)
    out["presidential"] = out["submitted_by"].map(lambda s: isinstance(s, str) and s.strip().lower() == "president")
    return out, found


def repair_dates(dates: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Return (dates, swapped): for each draft whose day is ≤ 12, read it as day/month or month/day,
    whichever lies between the nearest unambiguous dates before and after it in draft-id order.

    ``dates`` must be indexed in draft-id order. Where both or neither reading fit, the date is kept.
    """
    when = pd.to_datetime(dates)
    ambiguous = (when.dt.day <= 12) & (when.dt.day != when.dt.month)
    swapped_dates = pd.Series(
        [pd.Timestamp(t.year, t.day, t.month) if a else t for t, a in zip(when, ambiguous)], index=when.index
    )
    sure = when.where(~ambiguous)
    before = sure.shift(1).ffill().fillna(pd.Timestamp.min)
    after = sure.shift(-1).bfill().fillna(pd.Timestamp.max)
    fits_as_is = (when >= before) & (when <= after)
    fits_swapped = (swapped_dates >= before) & (swapped_dates <= after)
    swap = ambiguous & fits_swapped & ~fits_as_is
    return swapped_dates.where(swap, when), swap


def deduplicate_votes(votes: pd.DataFrame, drafts: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    """Return one vote per (draft, member): identical repeats dropped, conflicting ones left out."""
    found: list[dict] = []
    years = drafts["year"]
    symbols = drafts["symbol"]
    repeated = votes.duplicated(["draft_id", "iso3"], keep=False)
    for (draft_id, iso3), group in votes.loc[repeated].groupby(["draft_id", "iso3"]):
        row = {"draft_id": draft_id, "symbol": symbols.get(draft_id), "year": years[draft_id]}
        rec = type("Row", (), row)
        names = {1: "Yes", 2: "Abstain", 3: "No"}
        listed = ", ".join(names[int(c)] for c in group["code"])
        if group["code"].nunique() == 1:
            found.append(finding("member listed twice", rec, f"{len(group)} rows: {listed}", "repaired", iso3))
        else:
            found.append(
                finding("member listed twice with different votes", rec, f"rows: {listed}", "vote left out", iso3)
            )
    conflicting = votes.groupby(["draft_id", "iso3"])["code"].transform("nunique") > 1
    clean = votes.loc[~conflicting].drop_duplicates(["draft_id", "iso3"])
    return clean[["draft_id", "iso3", "code"]].reset_index(drop=True), found


def tally(votes: pd.DataFrame, permanent: frozenset[str]) -> pd.DataFrame:
    """Return per draft_id: n_members, n_yes, n_no, n_abstain, permanent_no (permanent members voting No)."""
    counts = pd.crosstab(votes["draft_id"], votes["code"]).reindex(columns=[1, 2, 3], fill_value=0)
    out = pd.DataFrame({"n_yes": counts[1], "n_abstain": counts[2], "n_no": counts[3], "n_members": counts.sum(axis=1)})
    pno = votes.loc[(votes["code"] == 3) & votes["iso3"].isin(permanent)].groupby("draft_id").size()
    out["permanent_no"] = pno.reindex(out.index, fill_value=0)
    return out.astype("int64")


def contradiction(outcome: str, n_yes: int, n_no: int, n_abstain: int, n_members: int, permanent_no: int) -> str | None:
    """Return why the votes contradict ``outcome``, or None when they are consistent."""
    if outcome in WITHOUT_DISSENT and (n_no or n_abstain):
        return f"{outcome.replace('_', ' ')} but {n_no} No and {n_abstain} abstaining"
    if outcome in ADOPTED and n_yes < 9:
        return f"adopted with {n_yes} Yes (9 needed)"
    if outcome == "adopted_majority" and n_members == 15 and n_yes == 15:
        return "adopted by majority but all fifteen voted Yes"
    if outcome == "vetoed" and permanent_no == 0:
        return f"vetoed but no permanent member voted No ({n_yes}–{n_no}–{n_abstain})"
    if outcome == "failed" and n_yes >= 9 and permanent_no == 0:
        return f"failed with {n_yes} Yes and no permanent member's No"
    return None


def validate(drafts: pd.DataFrame, votes: pd.DataFrame, members) -> tuple[pd.Series, list[dict]]:
    """Return (keep mask over ``drafts``, findings) after the membership and outcome checks.

    ``drafts`` is indexed by draft_id and carries the tallies; ``members`` is a
    :class:`valuesgap.sources.unsc.Membership`.
    """
    found: list[dict] = []
    keep = pd.Series(True, index=drafts.index)
    by_draft = votes.groupby("draft_id")["iso3"].agg(frozenset)
    symbol_outcomes = drafts.dropna(subset=["symbol"]).groupby("symbol")["outcome"].nunique()
    for row in drafts.itertuples():
        council = members.members(row.year)
        voters = by_draft.get(row.Index, frozenset())
        reasons = []
        if not council:
            reasons.append(("year outside the membership list", f"no Council membership known for {row.year}"))
        elif voters - council:
            outsiders = ", ".join(sorted(voters - council))
            reasons.append(("members not on that year's Council", f"{outsiders} not members in {row.year}"))
        why = contradiction(row.outcome, row.n_yes, row.n_no, row.n_abstain, row.n_members, row.permanent_no)
        if why:
            reasons.append(("votes contradict the outcome", why))
        if row.adopted and row.resolution is None and row.symbol and symbol_outcomes.get(row.symbol, 1) > 1:
            reasons.append(("symbol recorded twice with different outcomes", "adopted, no resolution number"))
        for kind, detail in reasons:
            found.append(finding(kind, row, detail, "draft left out"))
        if reasons:
            keep[row.Index] = False
    drafts_contested = (drafts["n_no"] > 0) | (drafts["n_abstain"] > 0) | ~drafts["adopted"]
    drafts["contested"] = drafts_contested
    return keep, found


def cross_check_vetoes(dppa: pd.DataFrame, listed: pd.DataFrame) -> pd.DataFrame:
    """Return findings comparing the DPPA vetoes (valid drafts) with the veto list, draft by draft.

    Both frames have symbol, year, iso3 (one row per vetoing member). The list ends in July 2022, so a
    DPPA veto after its last entry is not a disagreement.
    """
    rows: list[dict] = []
    listed_end = listed["date"].max() if len(listed) else pd.NaT
    a = dppa.groupby("symbol")["iso3"].agg(lambda s: ",".join(sorted(set(s))))
    b = listed.dropna(subset=["symbol"]).groupby("symbol")["iso3"].agg(lambda s: ",".join(sorted(set(s))))
    years = pd.concat([dppa.groupby("symbol")["year"].first(), listed.groupby("symbol")["year"].first()])
    years = years[~years.index.duplicated()]
    dates = dppa.groupby("symbol")["date"].first()
    for symbol in sorted(set(a.index) | set(b.index)):
        year = int(years[symbol])
        in_a, in_b = a.get(symbol), b.get(symbol)
        if in_a is not None and in_b is None:
            if pd.notna(listed_end) and dates.get(symbol, pd.NaT) > listed_end:
                continue
            detail, action = f"DPPA: vetoed by {in_a}; not in the veto list", "DPPA kept"
        elif in_a is None:
            detail, action = f"veto list: vetoed by {in_b}; no valid DPPA draft", "veto list kept"
        elif in_a != in_b:
            detail, action = f"DPPA: {in_a}; veto list: {in_b}", "DPPA kept"
        else:
            continue
        rows.append(
            {
                "kind": "veto lists disagree",
                "draft_id": None,
                "symbol": symbol,
                "year": year,
                "iso3": None,
                "detail": detail,
                "action": action,
            }
        )
    return report_frame(rows)
