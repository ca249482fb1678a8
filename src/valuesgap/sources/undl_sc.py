"""The UN Digital Library's "Security Council Voting Data" (record 4055387), read by column name.

One row per Council member and adopted resolution since 1946 (drafts that failed, vetoed ones
included, are not in it: those come from the DPPA file of 1994–2025). ``ms_vote`` is Y/N/A/X;
resolutions adopted without a vote (by acclamation or consensus) have ``modality`` "Without Vote"
and, in the file as published, X for every member.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from valuesgap.sources import undl
from valuesgap.sources.spec import Found, Loaded
from valuesgap.sources.undl_ga import split_subjects

STEP = "Security Council resolutions (UN Digital Library)"

REQUIRED = (
    "undl_id",
    "ms_code",
    "ms_name",
    "permanent_member",
    "ms_vote",
    "date",
    "resolution",
    "draft",
    "meeting",
    "description",
    "agenda",
    "subjects",
    "total_yes",
    "total_no",
    "total_abstentions",
    "total_non_voting",
    "total_ms",
    "modality",
    "undl_link",
)
OPTIONAL = ("vote_note",)
WHAT = "UN Digital Library Security Council voting"
SYMBOL = re.compile(r"^S/RES/(?P<number>\d+)\s*\((?P<year>\d{4})\)$")


@dataclass
class OfficialSC:
    """The file as tables: ``resolutions`` (one row per undl_id) and ``votes`` (undl_id, iso3, code)."""

    resolutions: pd.DataFrame
    votes: pd.DataFrame


def resolution_number(symbol: pd.Series) -> pd.Series:
    """Return the resolution number of symbols like ``S/RES/2783(2025)`` (NA where it does not parse)."""
    parts = symbol.str.strip().str.upper().str.extract(SYMBOL)
    return pd.to_numeric(parts["number"], errors="coerce").astype("Int64")


def read(path: Path) -> OfficialSC:
    """Return the official Security Council file as resolutions and votes.

    resolutions: undl_id, date, year, resolution, number, draft, meeting, description, agenda,
    subjects (list), modality, total_yes, total_no, total_abstentions, total_non_voting, total_ms,
    undl_link. votes: undl_id, ms_code, ms_name, iso3, permanent (bool), code (1 yes, 2 abstain,
    3 no, 8 non-voting), vote_note.
    """
    path = Path(path)
    rows = undl.read_vote_rows(path, REQUIRED, OPTIONAL, WHAT)
    votes = pd.DataFrame(
        {
            "undl_id": rows["undl_id"],
            "ms_code": rows["ms_code"].str.strip().str.upper(),
            "ms_name": rows["ms_name"].str.strip(),
            "iso3": undl.entity_codes(rows["ms_code"], rows["date"]),
            "permanent": rows["permanent_member"].str.strip().str.lower().eq("true"),
            "code": undl.vote_codes(rows["ms_vote"], path),
            "vote_note": rows["vote_note"].str.strip(),
        }
    )
    first = rows.drop_duplicates("undl_id").reset_index(drop=True)
    resolutions = pd.DataFrame(
        {
            "undl_id": first["undl_id"],
            "date": first["date"],
            "year": first["date"].dt.year.astype("int64"),
            "resolution": first["resolution"].str.strip(),
            "number": resolution_number(first["resolution"]),
            "draft": first["draft"].str.strip(),
            "meeting": first["meeting"].str.strip(),
            "description": first["description"].str.strip(),
            "agenda": first["agenda"].str.strip(),
            "subjects": first["subjects"].map(split_subjects),
            "modality": first["modality"].str.strip(),
            "undl_link": first["undl_link"].str.strip(),
        }
    )
    resolutions = undl.with_totals(resolutions, first, path)
    return OfficialSC(resolutions=resolutions.sort_values(["date", "undl_id"], ignore_index=True), votes=votes)


def validate(path: Path, name: str) -> None:
    """Return None when ``path`` reads as the official file (``data fetch`` checks a download with it);
    DataMissing naming ``name`` with the reason otherwise."""
    undl.validate_with(read, path, name)


def store_tables(data: OfficialSC) -> dict[str, pd.DataFrame]:
    """Return the store tables of the official Council file.

    ``council_resolutions``: undl_id, resolution, number, date, year, draft, meeting, description,
    agenda, subjects (pipe-joined), modality, total_yes, total_no, total_abstentions, total_non_voting,
    total_ms, undl_link; ``council_resolution_votes``: undl_id, iso3, ms_code, permanent, vote
    (yes/abstain/no/non-voting), code, vote_note.
    """
    from valuesgap.sources.undl_merge import resolve_states

    votes, unknown = resolve_states(data.votes)
    resolutions = data.resolutions.assign(subjects=data.resolutions["subjects"].map("|".join))
    out_votes = votes[["undl_id", "iso3", "ms_code", "permanent", "code", "vote_note"]].copy()
    out_votes["vote"] = out_votes["code"].map(undl.VOTE_LABEL)
    report = unknown.assign(arena="Security Council", voeten=None)
    return {
        "council_resolutions": resolutions,
        "council_resolution_votes": out_votes[["undl_id", "iso3", "ms_code", "permanent", "vote", "code", "vote_note"]],
        "official_report": report[["kind", "arena", "rcid", "undl_id", "iso3", "voeten", "official", "detail"]],
    }


def load(found: Found) -> Loaded:
    """Return the store tables of the installed official Council file (the reader contract)."""
    data = read(found.path("undl_sc", "votes"))
    tables = store_tables(data)
    return Loaded(tables, {("undl_sc", "votes"): len(data.votes)})
