"""The brief's sections as typed objects: what the template reads, one dataclass per kind of row or part.

Every number is a :class:`~valuesgap.brief.figures.Figure` (value + footnote); spans of years are
already written out (``1992–1996``); trends are the words of
:func:`valuesgap.measures.indicators.trend_word` (rising / falling / stable / unknown).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from valuesgap.brief.figures import Figure


@dataclass
class KeyRow:
    """One track in the summary: early and recent means, the trend between them, the latest year."""

    column: str  # the tracks frame's column, e.g. shared_interests
    label: str
    early: Figure
    recent: Figure
    early_span: str
    recent_span: str
    trend: str
    latest_year: int
    latest: Figure
    latest_n: Figure | None = None  # roll calls both voted on in the latest year (vote tracks)
    latest_lo: Figure | None = None  # bootstrap interval of the latest year (vote tracks)
    latest_hi: Figure | None = None


@dataclass
class Change:
    """A change point of one track: the means of the segments before and after, and the companion track."""

    track: str
    label: str
    year: int  # first year of the new level
    verb: str  # rose / fell
    before: Figure
    after: Figure
    before_years: tuple[int, int]
    after_years: tuple[int, int]
    before_span: str
    after_span: str
    companion: str  # the companion track's label ('' when none)
    comp_before: Figure | None  # the companion's mean over the two segments
    comp_after: Figure | None
    comp_trend: str


@dataclass
class Changes:
    """The change points of the three tracks, oldest first."""

    shared_interests: list[Change] = field(default_factory=list)
    values_votes: list[Change] = field(default_factory=list)
    values_institutions: list[Change] = field(default_factory=list)


@dataclass
class Summary:
    """Section 1 beyond the key rows: how the two vote tracks move together, and every change point."""

    corr: Figure | None  # Pearson r of the two vote tracks (None under three years)
    corr_n: int
    changes: Changes


@dataclass
class Instrument:
    """A shared-interest instrument and each state's acts on it ('signed 2010-04-08; ratified …' or '–')."""

    commitment: str
    url: str
    a: str
    b: str


@dataclass
class SharedSection:
    """Section 2: the shared-interest track's change points and the instruments on record."""

    changes: list[Change]
    treaties: list[Instrument]


@dataclass
class DimensionYear:
    """One value dimension in one year: each state's value and the gap A − B."""

    a_value: Figure
    b_value: Figure
    gap: Figure


@dataclass
class DimensionRow:
    """One value dimension, first against latest year with data for both states (``present`` False: none)."""

    dimension: str
    label: str
    present: bool
    y0: int | None = None
    y1: int | None = None
    first: DimensionYear | None = None
    latest: DimensionYear | None = None
    gap_trend: str = "unknown"  # widening / narrowing / stable
    b_trend: str = "unknown"  # B's own move
    b_change: float = 0.0  # B's latest − first value
    coverage: list[str] = field(default_factory=list)  # "2021: −fariss:theta_mean (last 2021); …" where sources change


@dataclass
class ValuesSection:
    """Section 3: the human-rights votes and the five value dimensions."""

    changes: list[Change]
    hr_latest: Figure | None
    dims: list[DimensionRow]
    labels: dict[str, str]  # dimension → label, for the chart
    inst_changes: list[Change]


@dataclass
class LedgerRow:
    """One dated act on a state's commitments ledger."""

    state: str  # ISO3
    date: str  # YYYY-MM-DD, or the year
    commitment: str
    action: str
    track: str  # values / shared_interest / …
    dimensions: str  # the value dimensions it bears on ('' when none)
    record: Figure | None  # the record since, where it bears on a dimension
    url: str
    source: str
    left: bool  # a leaving act (withdrew, expelled, …)


@dataclass
class CommitmentsSection:
    """Section 4: both states' ledgers since the brief's first year."""

    a: list[LedgerRow]
    b: list[LedgerRow]


@dataclass
class IssueRow:
    """One issue area in the linkage option: early and recent vote similarity."""

    issue: str
    label: str
    early: Figure
    recent: Figure
    early_span: str
    recent_span: str
    n: int  # roll calls both voted on in the recent years
    trend: str


@dataclass
class LinkageSection:
    """Option 5.1: the cooperation at stake, by issue area, and the shared-interest instruments."""

    issues: list[IssueRow]
    issue_frame: pd.DataFrame  # label, early, recent: the bar chart's data, in the order of ``issues``
    treaties: list[Instrument]


@dataclass
class TrackWindows:
    """The three tracks between the early and the recent window of the shared-interest track."""

    early_span: str
    recent_span: str
    si_early: Figure
    si_recent: Figure
    si_trend: str
    vv_early: Figure
    vv_recent: Figure
    vv_trend: str
    gap_early: Figure
    gap_recent: Figure
    gap_trend: str


@dataclass
class Rise:
    """A rise of the shared-interest track with the human-rights votes and the institutional gap over the same years."""

    change: Change
    vv_before: Figure
    vv_after: Figure
    gap_before: Figure
    gap_after: Figure


@dataclass
class CompartmentalizationSection:
    """Option 5.2: how the values gap moved while cooperation moved (``windows`` None: no shared-interest votes)."""

    windows: TrackWindows | None
    rises: list[Rise]


@dataclass
class Component:
    """One rule-of-law indicator of state B, first against latest year."""

    component: str  # source:variable
    note: str
    y0: int
    y1: int
    first: Figure
    latest: Figure
    trend: str


@dataclass
class IntersectionSection:
    """Option 5.3: commitments B holds and has left, the rule of law in B, the trend a signal would address."""

    held: list[LedgerRow]  # every act on the commitments still held
    left: list[LedgerRow]  # the leaving act of each commitment left
    rule_of_law: list[Component]
    falls: list[DimensionRow]  # B's dimensions, largest fall first
    largest_fall: DimensionRow | None  # the first of ``falls`` if it fell beyond the trend threshold
    last_inst_change: Change | None


@dataclass(frozen=True)
class SourceNote:
    """One data source in the notes: its citation, id, version and upstream address."""

    source: str
    citation: str
    version: str
    upstream: str


__all__ = [
    "Change",
    "Changes",
    "CommitmentsSection",
    "CompartmentalizationSection",
    "Component",
    "DimensionRow",
    "DimensionYear",
    "Instrument",
    "IntersectionSection",
    "IssueRow",
    "KeyRow",
    "LedgerRow",
    "LinkageSection",
    "Rise",
    "SharedSection",
    "SourceNote",
    "Summary",
    "TrackWindows",
    "ValuesSection",
]
