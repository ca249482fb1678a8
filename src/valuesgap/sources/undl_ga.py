"""The UN Digital Library's "General Assembly Voting Data" (record 4060887), read by column name.

One row per member state and resolution adopted by a recorded vote (no paragraph or amendment
votes). ``session`` is ``78`` for a regular session, ``ES-11`` for an emergency special session and
``S-28`` for a special session; the store keeps ``session`` numeric (the regular session under way on
that date, as for the Voeten data) and the label of a special or emergency session in
``special_session``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from valuesgap.errors import DataMissing
from valuesgap.sources import undl
from valuesgap.sources.unga_wide import session_of

REQUIRED = (
    "undl_id",
    "ms_code",
    "ms_name",
    "ms_vote",
    "date",
    "session",
    "resolution",
    "draft",
    "committee_report",
    "meeting",
    "title",
    "agenda_title",
    "subjects",
    "total_yes",
    "total_no",
    "total_abstentions",
    "total_non_voting",
    "total_ms",
    "undl_link",
)
OPTIONAL = ("vote_note",)  # from the February 2026 release
WHAT = "UN Digital Library General Assembly voting"
TITLE_SUFFIX = re.compile(r"\s*:\s*resolution\s*/\s*adopted by the General Assembly\.?\s*$", re.IGNORECASE)
SESSION = re.compile(r"^(?:(?P<regular>\d+)|(?P<special>E?S-\d+))$")


@dataclass
class OfficialGA:
    """The file as tables: ``rollcalls`` (one row per undl_id) and ``votes`` (undl_id, ms_code, iso3, code)."""

    rollcalls: pd.DataFrame
    votes: pd.DataFrame


def parse_session(label: pd.Series, date: pd.Series, path: Path) -> tuple[pd.Series, pd.Series]:
    """Return (session: int, special_session: label or None) from values like ``78`` or ``ES-11``.

    Special and emergency special sessions get the number of the regular session under way on
    their date (a regular session opens in September).
    """
    text = label.str.strip().str.upper()
    parts = text.str.extract(SESSION)
    bad = parts["regular"].isna() & parts["special"].isna()
    if bad.any():
        raise DataMissing(
            f"{path} has session values that are neither a number nor ES-n/S-n (e.g. {label[bad].iloc[0]!r}): "
            "the file is corrupt or its layout changed"
        )
    regular = pd.to_numeric(parts["regular"], errors="coerce")
    session = regular.fillna(session_of(date)).astype("int64")
    special = parts["special"].where(parts["special"].notna(), None)
    return session, special


def short_title(title: pd.Series) -> pd.Series:
    """Return the resolution's title without the catalogue's ': resolution / adopted by …' tail."""
    return title.str.replace(TITLE_SUFFIX, "", regex=True).str.strip()


def read(path: Path) -> OfficialGA:
    """Return the official General Assembly file as roll calls and votes.

    rollcalls: undl_id, date, year, session, special_session, resolution, draft, meeting, title,
    agenda_title, subjects (list of str), total_yes, total_no, total_abstentions, total_non_voting,
    total_ms, undl_link. votes: undl_id, ms_code, ms_name, iso3 (historical codes mapped), code
    (1 yes, 2 abstain, 3 no, 8 non-voting), vote_note.
    """
    path = Path(path)
    rows = undl.read_vote_rows(path, REQUIRED, OPTIONAL, WHAT)
    votes = pd.DataFrame(
        {
            "undl_id": rows["undl_id"],
            "ms_code": rows["ms_code"].str.strip().str.upper(),
            "ms_name": rows["ms_name"].str.strip(),
            "iso3": undl.entity_codes(rows["ms_code"], rows["date"]),
            "code": undl.vote_codes(rows["ms_vote"], path),
            "vote_note": rows["vote_note"].str.strip(),
        }
    )
    first = rows.drop_duplicates("undl_id").reset_index(drop=True)
    session, special = parse_session(first["session"], first["date"], path)
    rollcalls = pd.DataFrame(
        {
            "undl_id": first["undl_id"],
            "date": first["date"],
            "year": first["date"].dt.year.astype("int64"),
            "session": session,
            "special_session": special,
            "resolution": first["resolution"].str.strip(),
            "draft": first["draft"].str.strip(),
            "meeting": first["meeting"].str.strip(),
            "title": short_title(first["title"]),
            "agenda_title": first["agenda_title"].str.strip(),
            "subjects": first["subjects"].map(split_subjects),
            "undl_link": first["undl_link"].str.strip(),
        }
    )
    rollcalls = undl.with_totals(rollcalls, first, path)
    return OfficialGA(rollcalls=rollcalls.sort_values(["date", "undl_id"], ignore_index=True), votes=votes)


def validate(path: Path, name: str) -> None:
    """Return None when ``path`` reads as the official file (``data fetch`` checks a download with it);
    DataMissing naming ``name`` with the reason otherwise."""
    undl.validate_with(read, path, name)


def split_subjects(value: str) -> list[str]:
    """Return the pipe-separated subject headings as a list (empty list for an empty cell)."""
    return [part.strip() for part in str(value).split("|") if part.strip()]
