"""UN Security Council votes on drafts (UN DPPA, 1994–2025) and the list of vetoes since 1946.

Two files (registry sources ``unsc_dppa`` and ``unsc_vetoes``; see the mirror's README):

- the DPPA workbook — one row per member and draft put to a vote,
  adopted and failed alike, with sponsors, agenda item, topic and outcome (UN DPPA, Security Council
  voting data, via the repository oliverunv/Voting-Agent).
- the veto list (CSV) — vetoed drafts 1946 to July 2022 from the Dag Hammarskjöld Library's
  veto list (C. L. Yordan, World Politics Data Lab); incomplete, used before 1994 and to cross-check.

:func:`load_council` reads the drafts file, repairs what can be repaired and leaves out what cannot
(:mod:`valuesgap.sources.unsc_checks`), and returns the tables of the store's Council arena plus a
report of every repair and omission. States are ISO3 codes (the USSR is Russia, as elsewhere).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

from valuesgap.errors import DataMissing
from valuesgap.sources import unsc_checks as checks
from valuesgap.sources.spec import Found, Loaded
from valuesgap.sources.tables import unreadable

STEP = "Security Council drafts and vetoes"

COLUMNS = {
    "Year": "year",
    "Date,": "date",
    "Resolution": "resolution",
    "Meeting": "meeting",
    "Draft": "symbol",
    "Agenda item": "agenda_item",
    "Category": "category",
    "Region": "region",
    "Submitted by": "submitted_by",
    "Outcome results": "outcome_text",
    "Vote": "vote",
    "Member State": "member",
    "ID": "draft_id",
    "Topic": "topic",
}
OUTCOMES = {
    "Adopted unanimously": "adopted_unanimously",
    "Adopted by majority": "adopted_majority",
    "Adopted by consensus": "adopted_consensus",
    "Adopted by acclamation": "adopted_acclamation",
    "Not adopted - veto": "vetoed",
    "Not adopted - failed to receive required number of votes": "failed",
}
VOTE_CODES = {"Yes": 1, "Abstain": 2, "No": 3}
VOTE_NAMES = {1: "yes", 2: "abstain", 3: "no"}
MEMBER_SPELLINGS = {"Ethipia": "Ethiopia"}  # typo in the source (two rows)
# Names that contain " and " (protected before splitting a sponsor list), and the source's misspellings.
NAMES_WITH_AND = (
    "Saint Vincent and the Grenadines",
    "Antigua and Barbuda",
    "Great Britain and Northern Ireland",
    "Sao Tome and Principe",
    "Trinidad and Tobago",
    "Bosnia and Herzegovina",
    "Saint Kitts and Nevis",
)
SPONSOR_SPELLINGS = {"United Kindgom": "United Kingdom", "UAE": "United Arab Emirates"}
NOT_SPONSORS = {
    "president",
    "president?",
    "-none-",
    "all council members",
    "e10",
    "committee on the admission of new members",
}
VETO_LIST_STATES = {"China": "CHN", "France": "FRA", "Russia": "RUS", "USSR": "RUS", "USA": "USA", "UK": "GBR"}


@dataclass(frozen=True)
class CouncilData:
    """The Council arena's tables: drafts, votes, sponsors (valid drafts only) and the repair report."""

    drafts: pd.DataFrame
    votes: pd.DataFrame
    sponsors: pd.DataFrame
    report: pd.DataFrame
    rows_read: int


@dataclass(frozen=True)
class Membership:
    """Security Council membership per calendar year (ISO3 codes), from ``facts/council_members.toml``."""

    permanent: frozenset[str]
    elected: dict[int, frozenset[str]]

    def members(self, year: int) -> frozenset[str]:
        """Return the fifteen members of ``year`` (empty if the year is not covered)."""
        elected = self.elected.get(int(year))
        return self.permanent | elected if elected is not None else frozenset()

    def years_of(self, iso3: str) -> list[int]:
        """Return the years ``iso3`` sat on the Council (every covered year for a permanent member)."""
        if iso3 in self.permanent:
            return sorted(self.elected)
        return sorted(y for y, codes in self.elected.items() if iso3 in codes)


def membership(path: Path | None = None) -> Membership:
    """Return the Council membership by year from the packaged facts file (or ``path``)."""
    source = path or Path(str(resources.files("valuesgap") / "facts" / "council_members.toml"))
    with open(source, "rb") as fh:
        data = tomllib.load(fh)
    return Membership(frozenset(data["permanent"]), {int(y): frozenset(codes) for y, codes in data["elected"].items()})


def _read_excel(path: Path) -> pd.DataFrame:
    """Return the drafts workbook's rows with this module's column names; DataMissing if unreadable."""
    if not path.exists():
        raise DataMissing(f"missing source file {path}: run 'valuesgap data fetch' or pass --from DIR")
    try:
        raw = pd.read_excel(path, engine="openpyxl")
    except Exception as exc:  # openpyxl/zipfile raise many types for a damaged workbook
        raise unreadable(path, exc) from exc
    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        raise DataMissing(f"{path} lacks the columns {missing}: not the UN DPPA Security Council voting file")
    return raw[list(COLUMNS)].rename(columns=COLUMNS)


def _clean_text(value: object) -> str | None:
    """Return ``value`` with Excel's ``_x000D_`` and runs of whitespace collapsed, or None if empty."""
    if not isinstance(value, str):
        return None
    text = re.sub(r"\s+", " ", value.replace("_x000D_", " ")).strip()
    return text or None


def _resolver():
    """Return a cached name → ISO3 function (None for names that are not states)."""
    from valuesgap import countries
    from valuesgap.errors import UnknownCountry

    cache: dict[str, str | None] = {}

    def iso3(name: str) -> str | None:
        if name not in cache:
            try:
                cache[name] = countries.resolve_source_name(name).iso3
            except UnknownCountry:
                cache[name] = None
        return cache[name]

    return iso3


def sponsor_names(text: object) -> list[str]:
    """Return the sponsor names of a ``Submitted by`` cell: split on commas, semicolons and ' and '
    (not inside names such as 'Antigua and Barbuda'), footnote numbers and a leading 'the' removed."""
    clean = _clean_text(text)
    if clean is None:
        return []
    clean = re.sub(r"\b(Costa|Cabo|United)\s*,?\s*(Rica|Verde|States)\b", r"\1 \2", clean)
    for i, name in enumerate(NAMES_WITH_AND):
        clean = re.sub(re.escape(name), f"@{i}@", clean, flags=re.IGNORECASE)
    names = []
    for piece in re.split(r",|;|\band\b", clean):
        name = re.sub(r"\(\d+\)", "", piece).strip(" .")
        name = re.sub(r"@(\d+)@", lambda m: NAMES_WITH_AND[int(m.group(1))], name)
        name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE).strip()
        name = SPONSOR_SPELLINGS.get(name, name)
        if name:
            names.append(name)
    return names


def load_council(path: Path, members: Membership | None = None) -> CouncilData:
    """Read, repair and validate the DPPA drafts workbook at ``path``; return the Council tables.

    ``drafts``: draft_id, symbol, resolution, year, date, meeting, agenda_item, category, region, topic,
    outcome, adopted, contested, presidential, n_members, n_yes, n_no, n_abstain, vetoed_by (ISO3s, comma-separated);
    ``votes``: draft_id, iso3, vote (yes/abstain/no), code (1/2/3), permanent, veto;
    ``sponsors``: draft_id, iso3; ``report``: kind, draft_id, symbol, year, iso3, detail, action.
    Drafts that fail a check are left out of the three tables and listed in ``report``.
    """
    members = members or membership()
    raw = _read_excel(Path(path))
    rows_read = len(raw)
    iso3 = _resolver()
    report: list[dict] = []
    raw["member"] = raw["member"].map(_clean_text)
    for wrong, right in MEMBER_SPELLINGS.items():
        hit = raw["member"] == wrong
        for row in raw.loc[hit].itertuples():
            report.append(checks.finding("member name misspelt", row, f"{wrong!r} read as {right!r}", "repaired"))
        raw.loc[hit, "member"] = right
    raw["iso3"] = raw["member"].map(lambda n: iso3(n) if n else None)
    for row in raw.loc[raw["iso3"].isna()].itertuples():
        report.append(checks.finding("member not a state", row, f"member {row.member!r}", "vote left out"))
    raw = raw.loc[raw["iso3"].notna()].copy()
    raw["code"] = raw["vote"].map(VOTE_CODES)
    for row in raw.loc[raw["code"].isna()].itertuples():
        report.append(checks.finding("vote not yes/no/abstain", row, f"vote {row.vote!r}", "vote left out"))
    raw = raw.loc[raw["code"].notna()].copy()
    raw["code"] = raw["code"].astype("int8")

    drafts = raw.drop_duplicates("draft_id").set_index("draft_id", drop=False).sort_index()
    drafts = drafts.drop(columns=["vote", "member", "iso3", "code"])
    drafts, found = checks.repair_drafts(drafts)
    report += found
    votes, found = checks.deduplicate_votes(raw[["draft_id", "iso3", "code", "member"]], drafts)
    report += found
    tallies = checks.tally(votes, members.permanent)
    drafts = drafts.join(tallies)
    keep, found = checks.validate(drafts, votes, members)
    report += found
    drafts = drafts.loc[keep].copy()
    votes = votes.loc[votes["draft_id"].isin(drafts.index)].copy()
    for row in drafts.loc[drafts["n_members"] < 15].itertuples():
        report.append(
            checks.finding(
                "fewer than 15 members voting", row, f"{row.n_members} members recorded", "kept (non-participation)"
            )
        )
    votes["permanent"] = votes["iso3"].isin(members.permanent)
    vetoed = drafts.index[drafts["outcome"] == "vetoed"]
    votes["veto"] = votes["permanent"] & (votes["code"] == 3) & votes["draft_id"].isin(vetoed)
    vetoers = votes.loc[votes["veto"]].groupby("draft_id")["iso3"].agg(lambda s: ",".join(sorted(s)))
    drafts["vetoed_by"] = drafts.index.map(vetoers).astype("string")
    sponsors, found = _sponsors(drafts, iso3)
    report += found
    votes["vote"] = votes["code"].map(VOTE_NAMES)
    out_drafts = drafts.reset_index(drop=True)[
        [
            "draft_id",
            "symbol",
            "resolution",
            "year",
            "date",
            "meeting",
            "agenda_item",
            "category",
            "region",
            "topic",
            "outcome",
            "adopted",
            "contested",
            "presidential",
            "n_members",
            "n_yes",
            "n_no",
            "n_abstain",
            "vetoed_by",
        ]
    ]
    out_votes = votes[["draft_id", "iso3", "vote", "code", "permanent", "veto"]].reset_index(drop=True)
    return CouncilData(out_drafts, out_votes, sponsors, checks.report_frame(report), rows_read)


def _sponsors(drafts: pd.DataFrame, iso3) -> tuple[pd.DataFrame, list[dict]]:
    """Return (draft_id, iso3) sponsor rows of the kept drafts and findings for unresolved names."""
    rows, found = [], []
    for row in drafts.itertuples():
        seen: set[str] = set()
        for name in sponsor_names(row.submitted_by):
            if name.lower() in NOT_SPONSORS:
                continue
            code = iso3(name)
            if code is None:
                found.append(checks.finding("sponsor name not resolved", row, f"sponsor {name!r}", "sponsor left out"))
            elif code not in seen:
                seen.add(code)
                rows.append((int(row.draft_id), code))
    return pd.DataFrame(rows, columns=["draft_id", "iso3"]), found


# --------------------------------------------------------------------------- vetoes list


def read_vetoes(path: Path) -> pd.DataFrame:
    """Return the veto list, one row per vetoing state and draft: year, date, symbol, meeting,
    agenda_item, topic, region, iso3 (the USSR is Russia). Source: Dag Hammarskjöld Library's list
    (as scraped by C. L. Yordan), 1946 – July 2022."""
    path = Path(path)
    if not path.exists():
        raise DataMissing(f"missing source file {path}: run 'valuesgap data fetch' or pass --from DIR")
    try:
        raw = pd.read_csv(path, dtype=str)
    except Exception as exc:  # pandas raises parser and decode errors of several types
        raise unreadable(path, exc) from exc
    needed = {"year", "date", "draft", "meeting_record", "agenda_item", "crisis_topic", "region", *VETO_LIST_STATES}
    if not needed <= set(raw.columns):
        raise DataMissing(f"{path} lacks the columns {sorted(needed - set(raw.columns))}: not the veto list")
    rows = []
    for rec in raw.itertuples(index=False):
        vetoers = {VETO_LIST_STATES[s] for s in VETO_LIST_STATES if str(getattr(rec, s)).strip() == "1"}
        for code in sorted(vetoers):
            rows.append(
                {
                    "year": int(rec.year),
                    "date": pd.to_datetime(rec.date, format="%m/%d/%Y", errors="coerce"),
                    "symbol": _clean_text(rec.draft),
                    "meeting": _clean_text(rec.meeting_record),
                    "agenda_item": _clean_text(rec.agenda_item),
                    "topic": _clean_text(rec.crisis_topic),
                    "region": _clean_text(rec.region),
                    "iso3": code,
                }
            )
    return pd.DataFrame(rows)


def vetoes_table(council: CouncilData, listed: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the store's ``vetoes`` table and the cross-check findings of the two veto sources.

    ``vetoes``: year, date, symbol, draft_id (DPPA id; NULL where the list is used), iso3 (the vetoing
    member), agenda_item, topic, source ('dppa' or 'veto_list'). From 1994 the DPPA drafts are used (they
    run to 2025 and carry each member's vote); the list serves before 1994 and for vetoes whose DPPA draft
    was left out. The two are compared draft by draft and every disagreement is reported (a veto in one
    source only, or different vetoing members).
    """
    drafts = council.drafts
    dppa = council.votes.loc[council.votes["veto"], ["draft_id", "iso3"]].merge(
        drafts[["draft_id", "year", "date", "symbol", "agenda_item", "topic"]], on="draft_id"
    )
    dppa = dppa.assign(source="dppa")
    first = int(drafts["year"].min())
    # before 1994, and where the DPPA file has no valid draft (e.g. the corrupt 1995 block), the list serves
    from_list = (listed["year"] < first) | ~listed["symbol"].isin(set(dppa["symbol"]))
    early = listed.loc[from_list].assign(draft_id=pd.NA, source="veto_list")
    cols = ["year", "date", "symbol", "draft_id", "iso3", "agenda_item", "topic", "source"]
    table = pd.concat([early[cols], dppa[cols]], ignore_index=True)
    table["draft_id"] = table["draft_id"].astype("Int64")
    table = table.sort_values(["date", "symbol", "iso3"], ignore_index=True)
    return table, checks.cross_check_vetoes(dppa, listed.loc[listed["year"] >= first])


def load(found: Found) -> Loaded:
    """Return the store's Council tables (the reader contract): council_drafts, council_votes,
    council_sponsors, vetoes and council_report (every repair and omission, both files)."""
    council = load_council(found.path("unsc_dppa", "drafts"))
    listed = read_vetoes(found.path("unsc_vetoes", "vetoes"))
    table, cross = vetoes_table(council, listed)
    report = pd.concat([council.report, cross], ignore_index=True)
    return Loaded(
        {
            "council_drafts": council.drafts,
            "council_votes": council.votes,
            "council_sponsors": council.sponsors,
            "vetoes": table,
            "council_report": report,
        },
        rows={("unsc_dppa", "drafts"): council.rows_read, ("unsc_vetoes", "vetoes"): int(listed["symbol"].nunique())},
    )
