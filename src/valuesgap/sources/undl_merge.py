"""Merge the UN Digital Library's General Assembly file into the Voeten roll calls (rules in docs/sources.md).

1. **Match.** An official roll call (one adopted resolution) is the Voeten roll call of the same date
   whose resolution symbol is the same (``A/RES/74/44`` = Voeten's ``R/74/44``, ``A/RES/1514(XV)`` =
   ``R/15/1514``, ``A/RES/ES-10/22`` = ``ESS/10/22``); among several (paragraph votes share the symbol)
   the one with the closest votes. A Voeten roll call without a symbol (2020–2024) is matched on the date
   and the votes: the closest one, if at least 95 % of the states both record vote the same way.
2. **Check.** On matched roll calls every state's vote is compared; the Voeten code is kept (the
   published numbers stay the same) and each difference is listed in the report by kind.
3. **Add.** An official roll call that matches nothing is added when the Voeten data has no roll call on
   its date (the 2022 hole, every vote after June 2024); one on a date the Voeten data covers is left out
   and listed (adding it could count a vote twice). Added roll calls get ``rcid = 10,000,000 + undl_id``,
   ``source = 'undl'``, their session (``special_session`` keeps ``ES-11``), and issue codes from the
   curated mapping (:mod:`valuesgap.sources.undl_issues`).
4. **Measure.** On matched roll calls the mapping's codes are compared with Voeten's: precision and recall
   per code (table ``issue_mapping_quality``).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from valuesgap.sources import undl_issues
from valuesgap.sources.undl import VOTE_LABEL
from valuesgap.sources.undl_ga import OfficialGA

RCID_OFFSET = 10_000_000
MIN_AGREEMENT = 0.95  # share of common states voting alike for a match on date and votes
MIN_COMMON = 10  # states with a recorded vote in both, for a match on date and votes
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
OFFICIAL_SYMBOL = (
    re.compile(r"^A/RES/(?P<s>\d+)/(?P<n>\d+)(?P<l>[A-Z]*)$"),
    re.compile(r"^A/RES/(?P<n>\d+)\((?P<roman>[IVXLC]+)\)(?P<l>[A-Z]*)$"),
    re.compile(r"^A/RES/(?P<es>E?S-\d+)/(?P<n>\d+)(?P<l>[A-Z]*)$"),
)
VOETEN_SYMBOL = (
    re.compile(r"^R/(?P<s>\d+)/(?P<n>\d+)(?P<l>[A-Z]*)$"),
    re.compile(r"^A/RES/(?P<s>\d+)/(?P<n>\d+)(?P<l>[A-Z]*)$"),
    re.compile(r"^ESS/(?P<e>\d+)/(?P<n>\d+)(?P<l>[A-Z]*)$"),
)
KIND_DIFFER = "matched roll call: votes differ (Voeten kept)"
KIND_OFFICIAL_X = "matched roll call: official non-voting, Voeten has a vote (Voeten kept)"
KIND_VOETEN_ABSENT = "matched roll call: official vote, Voeten absent or no record (Voeten kept)"
KIND_NOT_ADDED = "official roll call unmatched on a date the Voeten data covers: not added"
KIND_UNKNOWN_STATE = "official file: member code not resolved: rows left out"


@dataclass
class GaMerged:
    """The merged Assembly tables and what the merge found.

    ``rollcalls``/``votes`` in the store's layout (``special_session`` added); ``report``: kind, rcid,
    undl_id, iso3, voeten, official, detail; ``matches``: undl_id, rcid, how, n_common, agreement;
    ``quality``: the issue mapping's precision and recall per code on matched roll calls.
    """

    rollcalls: pd.DataFrame
    votes: pd.DataFrame
    report: pd.DataFrame
    matches: pd.DataFrame
    quality: pd.DataFrame


def _roman(text: str) -> int:
    values = [ROMAN[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def symbol_key(symbol: object) -> str | None:
    """Return a comparable key ``session/number[letter]`` of an official or Voeten resolution symbol."""
    if not isinstance(symbol, str) or not symbol.strip():
        return None
    text = re.sub(r"\s+", "", symbol).upper()
    for pattern in OFFICIAL_SYMBOL + VOETEN_SYMBOL:
        m = pattern.match(text)
        if not m:
            continue
        parts = m.groupdict()
        if parts.get("roman"):
            session = str(_roman(parts["roman"]))
        elif parts.get("es"):
            session = parts["es"]
        elif parts.get("e"):
            session = f"ES-{int(parts['e'])}"
        else:
            session = str(int(parts["s"]))
        return f"{session}/{int(parts['n'])}{parts['l']}"
    return None


def resolve_states(votes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (votes with ``iso3`` resolved through valuesgap.countries, report of codes left out)."""
    from valuesgap import countries  # the resolver sits above the sources; used lazily as the Council reader does
    from valuesgap.errors import UnknownCountry

    resolved: dict[tuple[str, str], str | None] = {}
    for code, name in votes[["iso3", "ms_name"]].drop_duplicates().itertuples(index=False):
        result = None
        for candidate in (code, name):
            try:
                result = countries.resolve(candidate).iso3
                break
            except UnknownCountry:
                continue
        resolved[(code, name)] = result
    iso3 = pd.Series([resolved[k] for k in zip(votes["iso3"], votes["ms_name"])], index=votes.index, dtype=object)
    unknown = votes[iso3.isna()]
    report = pd.DataFrame(
        {
            "kind": KIND_UNKNOWN_STATE,
            "rcid": pd.array([pd.NA] * len(unknown), dtype="Int64"),
            "undl_id": unknown["undl_id"].astype("Int64").to_numpy(),
            "iso3": unknown["ms_code"].to_numpy(),
            "voeten": None,
            "official": [VOTE_LABEL[int(c)] for c in unknown["code"]],
            "detail": unknown["ms_name"].to_numpy(),
        }
    )
    return votes.assign(iso3=iso3)[iso3.notna()].reset_index(drop=True), report


def _agreement(off: pd.DataFrame, voe: pd.DataFrame) -> tuple[int, float]:
    """Return (states with a yes/abstain/no in both, share of them voting alike)."""
    both = off.merge(voe, on="iso3", suffixes=("_off", "_voe"))
    cast = both["code_off"].isin((1, 2, 3)) & both["code_voe"].isin((1, 2, 3))
    n = int(cast.sum())
    return n, float((both.loc[cast, "code_off"] == both.loc[cast, "code_voe"]).mean()) if n else 0.0


def match(official: OfficialGA, rollcalls: pd.DataFrame, votes: pd.DataFrame) -> pd.DataFrame:
    """Return the matches: undl_id, rcid, how ('symbol' or 'date and votes'), n_common, agreement."""
    voeten = rollcalls[["rcid", "date", "unres", "amend", "para"]].copy()
    voeten["whole"] = ~(
        voeten["amend"].astype("boolean").fillna(False) | voeten["para"].astype("boolean").fillna(False)
    )
    voeten["key"] = voeten["unres"].map(symbol_key)
    voeten["date"] = pd.to_datetime(voeten["date"])
    by_date = {d: g for d, g in voeten.groupby("date")}
    off_votes = {k: g[["iso3", "code"]] for k, g in official.votes.groupby("undl_id")}
    candidates = voeten[voeten["date"].isin(official.rollcalls["date"])]
    voe_votes = {k: g[["iso3", "code"]] for k, g in votes[votes["rcid"].isin(candidates["rcid"])].groupby("rcid")}
    empty = pd.DataFrame(columns=["iso3", "code"])
    rows, taken = [], set()
    for rc in official.rollcalls.itertuples(index=False):
        same_day = by_date.get(rc.date)
        if same_day is None:
            continue
        key = symbol_key(rc.resolution)
        mine = off_votes.get(rc.undl_id, empty)
        by_symbol = same_day[same_day["key"].eq(key)] if key else same_day.iloc[0:0]
        pool, how = (by_symbol, "symbol") if len(by_symbol) else (same_day[same_day["key"].isna()], "date and votes")
        best = None
        for cand in pool.itertuples(index=False):
            if cand.rcid in taken:
                continue
            n, share = _agreement(mine, voe_votes.get(cand.rcid, empty))
            score = (bool(cand.whole), share, n)
            if best is None or score > best[0]:
                best = (score, cand.rcid, n, share)
        if best is None:
            continue
        _, rcid, n, share = best
        if how == "date and votes" and (n < MIN_COMMON or share < MIN_AGREEMENT):
            continue
        taken.add(rcid)
        rows.append({"undl_id": rc.undl_id, "rcid": rcid, "how": how, "n_common": n, "agreement": share})
    return pd.DataFrame(rows, columns=["undl_id", "rcid", "how", "n_common", "agreement"])


def _compare(official_votes: pd.DataFrame, votes: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """Return report rows for every state whose vote differs on a matched roll call."""
    off = official_votes.merge(matches[["undl_id", "rcid"]], on="undl_id")
    both = off.merge(votes[["rcid", "iso3", "code"]], on=["rcid", "iso3"], how="left", suffixes=("_off", "_voe"))
    voe = both["code_voe"].fillna(0).astype(int)
    offc = both["code_off"].astype(int)
    cast_off, cast_voe = offc.isin((1, 2, 3)), voe.isin((1, 2, 3))
    kinds = np.select(
        [cast_off & cast_voe & (offc != voe), ~cast_off & cast_voe, cast_off & ~cast_voe],
        [KIND_DIFFER, KIND_OFFICIAL_X, KIND_VOETEN_ABSENT],
        default="",
    )
    keep = kinds != ""
    labels = {1: "yes", 2: "abstain", 3: "no", 8: "absent", 9: "non-member", 0: None}
    rows = both[keep]
    return pd.DataFrame(
        {
            "kind": kinds[keep],
            "rcid": rows["rcid"].astype("Int64").to_numpy(),
            "undl_id": rows["undl_id"].astype("Int64").to_numpy(),
            "iso3": rows["iso3"].to_numpy(),
            "voeten": [labels[int(v)] for v in voe[keep]],
            "official": [VOTE_LABEL[int(v)] for v in offc[keep]],
            "detail": None,
        }
    )


def _added_rollcalls(official: OfficialGA, undl_ids: pd.Index, columns: list[str]) -> pd.DataFrame:
    """Return the store rows of the official roll calls to add, issue codes from the curated mapping."""
    rc = official.rollcalls[official.rollcalls["undl_id"].isin(undl_ids)].reset_index(drop=True)
    codes = undl_issues.assign(rc)
    out = pd.DataFrame(
        {
            "rcid": (RCID_OFFSET + rc["undl_id"]).astype("int64"),
            "session": rc["session"].astype("int64"),
            "year": rc["year"].astype("int64"),
            "date": rc["date"],
            "important": False,
            "unres": rc["resolution"],
            "amend": False,
            "para": False,
            "short": rc["title"],
            "descr": rc["agenda_title"].replace("", None),
            **{code: codes[code] for code in undl_issues.ISSUE_CODES},
            "source": "undl",
            "special_session": rc["special_session"],
        }
    )
    return out[columns]


def merge(rollcalls: pd.DataFrame, votes: pd.DataFrame, official: OfficialGA) -> GaMerged:
    """Return the Voeten tables with the official file merged in (rules in the module docstring)."""
    off_votes, unknown = resolve_states(official.votes)
    official = OfficialGA(rollcalls=official.rollcalls, votes=off_votes)
    matches = match(official, rollcalls, votes)
    report_parts = [unknown, _compare(off_votes, votes, matches)]

    unmatched = official.rollcalls[~official.rollcalls["undl_id"].isin(matches["undl_id"])]
    voeten_dates = set(pd.to_datetime(rollcalls["date"]))
    covered = unmatched["date"].isin(voeten_dates)
    skipped = unmatched[covered]
    report_parts.append(
        pd.DataFrame(
            {
                "kind": KIND_NOT_ADDED,
                "rcid": pd.array([pd.NA] * len(skipped), dtype="Int64"),
                "undl_id": skipped["undl_id"].astype("Int64").to_numpy(),
                "iso3": None,
                "voeten": None,
                "official": None,
                "detail": (skipped["resolution"] + " of " + skipped["date"].dt.date.astype(str)).to_numpy(),
            }
        )
    )

    base = rollcalls.copy()
    if "special_session" not in base.columns:
        base["special_session"] = None
    labels = official.rollcalls.set_index("undl_id")["special_session"]
    by_rcid = matches.assign(label=matches["undl_id"].map(labels)).set_index("rcid")["label"]
    base["special_session"] = base["special_session"].where(base["special_session"].notna(), base["rcid"].map(by_rcid))
    symbols = official.rollcalls.set_index("undl_id")["resolution"]
    fill = matches.assign(symbol=matches["undl_id"].map(symbols)).set_index("rcid")["symbol"]
    base["unres"] = base["unres"].where(base["unres"].notna() & base["unres"].ne(""), base["rcid"].map(fill))

    added = _added_rollcalls(official, unmatched.loc[~covered, "undl_id"], list(base.columns))
    new_votes = off_votes[off_votes["undl_id"].isin(unmatched.loc[~covered, "undl_id"])]
    new_votes = pd.DataFrame(
        {
            "rcid": (RCID_OFFSET + new_votes["undl_id"]).astype("int64"),
            "iso3": new_votes["iso3"].astype(str),
            "code": new_votes["code"].astype("int8"),
        }
    ).drop_duplicates(["rcid", "iso3"])
    new_votes["vote"] = new_votes["code"].map({1: "yes", 2: "abstain", 3: "no", 8: "absent"}).astype(str)
    with warnings.catch_warnings():  # added rows may have all-empty columns (descr): their dtype is base's
        warnings.simplefilter("ignore", FutureWarning)
        merged_rc = pd.concat([base, added], ignore_index=True).sort_values("rcid", ignore_index=True)
    merged_votes = pd.concat([votes, new_votes[list(votes.columns)]], ignore_index=True)

    quality = mapping_quality(official, rollcalls, matches)
    filled = [p for p in report_parts if len(p)]
    report = pd.concat(filled, ignore_index=True) if filled else report_parts[0]
    return GaMerged(rollcalls=merged_rc, votes=merged_votes, report=report, matches=matches, quality=quality)


def mapping_quality(official: OfficialGA, rollcalls: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """Return the mapping's precision and recall per code on the matched roll calls (Voeten's codes as truth)."""
    joined = matches.merge(official.rollcalls, on="undl_id").merge(
        rollcalls[["rcid", *undl_issues.ISSUE_CODES]], on="rcid"
    )
    predicted = undl_issues.assign(joined)
    reference = joined[list(undl_issues.ISSUE_CODES)].astype(bool)
    return undl_issues.quality(predicted, reference)


def store_tables(merged: GaMerged) -> dict[str, pd.DataFrame]:
    """Return the store tables of a merge: rollcalls, votes, official_report, official_matches,
    issue_mapping_quality (``arena`` 'General Assembly' on the report rows)."""
    report = merged.report.assign(arena="General Assembly")
    return {
        "rollcalls": merged.rollcalls,
        "votes": merged.votes,
        "official_report": report[["kind", "arena", "rcid", "undl_id", "iso3", "voeten", "official", "detail"]],
        "official_matches": merged.matches,
        "issue_mapping_quality": merged.quality,
    }
