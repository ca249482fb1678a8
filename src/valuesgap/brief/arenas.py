"""The brief's arenas: the shared-interest track in three arenas side by side, the Council cooperation that
linkage would put at stake, and the vetoes one state cast on the other's drafts (for the timeline).

- the arenas: General Assembly (nuclear + disarmament roll calls), Security Council (the shared-interest
  topic groups of ``facts/council_topics.toml``), events (the cooperation share, each direction) — each
  with the years it covers for the pair, its n and the mean of its yearly values; never blended;
- at stake: the Council drafts on the DPRK and Iran both states voted for, and the drafts they co-sponsored;
- vetoes: drafts one state sponsored or voted for and the other vetoed (the Council data, from 1994).

Every number is a :class:`~valuesgap.brief.figures.Figure` reproduced by ``valuesgap tracks``,
``council`` or ``events``; an arena without data for the pair or the period says why (missing, not zero).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from valuesgap.analysis.trends import span_text
from valuesgap.brief.figures import Figure
from valuesgap.brief.provenance import Call
from valuesgap.countries import Country
from valuesgap.errors import DataMissing, InputError, NoData

GROUPS_AT_STAKE = ("dprk", "iran")
COUNCIL_SOURCE = "UN DPPA, Security Council votes on drafts 1994–2025 (store tables council_drafts, council_votes)"
EVENTS_SOURCE = "ICEWS (Boschee et al.), event counts per directed dyad-year (store table event_dyads)"
ASSEMBLY_SOURCE = "UNGA roll-call votes (Voeten, Strezhnev & Bailey), store table votes"

FigureMaker = Callable[..., Figure]


@dataclass
class ArenaRow:
    """One arena of the shared-interest track for the pair (``n``/``value`` None: no data, see ``note``)."""

    key: str  # assembly / council / events_ab / events_ba
    label: str
    measure: str
    coverage: str  # first–last year with data for the pair ('–': none)
    n: Figure | None
    n_unit: str  # roll calls / drafts / events
    value: Figure | None
    note: str = ""  # why the arena has nothing for the pair ('' when it has)


@dataclass
class CouncilDraft:
    """A Council draft of the pair: its symbol, the resolution it became (or its outcome), year and group."""

    symbol: str
    resolution: str
    year: int
    group: str  # the topic group's label
    cosponsored: bool


@dataclass
class AtStake:
    """The drafts of one topic group both states voted for, with their count as a figure."""

    group: str
    label: str
    count: Figure
    drafts: list[CouncilDraft]


@dataclass
class VetoRow:
    """A veto one state cast on a draft the other sponsored or voted for."""

    date: str  # YYYY-MM-DD
    vetoer: str  # name
    other: str  # name
    symbol: str
    group: str  # topic group label
    relation: str  # 'sponsored' / 'voted for' / 'voted for (its sponsors are not recorded)'

    @property
    def against_own(self) -> bool:
        """Whether the veto struck the other's own draft (it sponsored it, or voted for a draft whose sponsors
        the data do not record): these go into the timeline."""
        return self.relation != "voted for"


@dataclass
class TimelineRow:
    """One row of the brief's timeline: a curated event or a Council veto between the two."""

    date: str  # '15 Mar 2014'
    title: str
    track: str  # shared_interest / values / both / veto
    source: str
    url: str


@dataclass
class ArenasSection:
    """The arenas side by side, the Council cooperation at stake, and the vetoes between the two."""

    rows: list[ArenaRow]
    council_span: str  # the Council years looked at ('' when the period lies outside the Council data)
    at_stake: list[AtStake] = field(default_factory=list)
    cosponsored: Figure | None = None  # drafts both sponsored in the Council years of the period
    cosponsored_shared: Figure | None = None  # of those, on the shared-interest groups
    cosponsored_drafts: list[CouncilDraft] = field(default_factory=list)  # the shared-interest ones
    vetoes_ab: Figure | None = None  # drafts A sponsored or voted for and B vetoed
    vetoes_ba: Figure | None = None
    vetoes: list[VetoRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    timeline: list[TimelineRow] = field(default_factory=list)


def _years(years: pd.Series) -> tuple[int, int] | None:
    got = years.dropna().astype(int)
    return (int(got.min()), int(got.max())) if len(got) else None


def assembly_row(
    fig: FigureMaker, frame: pd.DataFrame, a: Country, b: Country, measure: str, track_mean: Callable[..., Figure]
) -> ArenaRow:
    """Return the Assembly's row from the brief's tracks frame (nu + di roll calls, yearly ``measure``)."""
    label, what = "General Assembly: nuclear and disarmament roll calls", f"mean yearly vote {measure}"
    voted = frame.loc[frame["shared_interests_n"].fillna(0) > 0, "year"]
    span = _years(voted)
    if span is None:
        return ArenaRow("assembly", label, what, "–", None, "roll calls", None, "no such roll call both voted on")
    y0, y1 = span
    n = fig(
        Call("tracks", {"a": a.name, "b": b.name, "start": y0, "end": y1, "no_ideal": True, "fmt": "csv"}),
        value=float(frame.loc[frame["year"].between(y0, y1), "shared_interests_n"].sum()),
        source=ASSEMBLY_SOURCE,
        variable=f"roll calls coded nu or di both voted on, {span_text(y0, y1)}",
        column="shared_interests_n",
        reduce="sum",
        digits=0,
    )
    return ArenaRow("assembly", label, what, span_text(y0, y1), n, "roll calls", track_mean("shared_interests", y0, y1))


def council_rows(
    fig: FigureMaker, a: Country, b: Country, first: int, last: int
) -> tuple[ArenaRow, ArenasSection | None, list[str]]:
    """Return the Council's arena row, the rest of the Council part (None: no Council data) and notes."""
    from valuesgap.analysis import council as council_arena
    from valuesgap.analysis.council_topics import load as load_topics

    label, what = "Security Council: shared-interest topic groups", "mean yearly vote agreement (a veto is a No)"
    try:
        c_first, c_last = council_arena.coverage()
    except DataMissing as exc:
        return ArenaRow("council", label, what, "–", None, "drafts", None, str(exc)), None, [f"Security Council: {exc}"]
    c0, c1 = max(first, c_first), min(last, c_last)
    if c0 > c1:
        note = f"the Council data cover {c_first}–{c_last}, outside {span_text(first, last)}"
        return ArenaRow("council", label, what, "–", None, "drafts", None, note), None, [f"Security Council: {note}"]
    try:
        by_year = council_arena.council(a.iso3, b.iso3, topic="shared", start=c0, end=c1)
        drafts = council_arena.drafts_of(a.iso3, b.iso3, start=c0, end=c1)
        period = council_arena.council(a.iso3, b.iso3, by="period", start=c0, end=c1)
    except (NoData, InputError) as exc:
        return ArenaRow("council", label, what, "–", None, "drafts", None, str(exc)), None, [f"Security Council: {exc}"]
    notes = [f"Security Council: {line}" for line in by_year.attrs["missing"]]
    shared = by_year.loc[(by_year["group"] == "shared") & (by_year["n"] > 0)]
    span = _years(shared["year"])
    part = ArenasSection(rows=[], council_span=span_text(c0, c1))
    if span is None:
        row = ArenaRow("council", label, what, "–", None, "drafts", None, "no shared-interest draft both voted on")
    else:
        y0, y1 = span
        call = Call(
            "council",
            {"a": a.name, "b": b.name, "by": "year", "topic": "shared", "start": y0, "end": y1, "fmt": "csv"},
        )
        rows = by_year.loc[(by_year["group"] == "shared") & by_year["year"].between(y0, y1)]
        n = fig(
            call,
            value=float(rows["n"].sum()),
            source=COUNCIL_SOURCE,
            variable=f"Council drafts of the shared-interest topic groups both voted on, {span_text(y0, y1)}",
            column="n",
            where={"group": "shared"},
            reduce="sum",
            digits=0,
        )
        value = fig(
            call,
            value=float(rows["agreement"].mean()),
            source=COUNCIL_SOURCE,
            variable=f"vote agreement on the shared-interest Council drafts, mean of {span_text(y0, y1)}",
            column="agreement",
            where={"group": "shared"},
            reduce="mean",
        )
        row = ArenaRow("council", label, what, span_text(y0, y1), n, "drafts", value)
    topics = load_topics()
    label_of = {g: spec[1] for g, spec in topics.groups.items()}

    def draft(r: Any) -> CouncilDraft:
        res = r.resolution if isinstance(r.resolution, str) and r.resolution else str(r.outcome).replace("_", " ")
        return CouncilDraft(
            str(r.symbol).strip(), res, int(r.year), label_of.get(r.group, r.group), bool(r.a_sponsor and r.b_sponsor)
        )

    both_yes = drafts.loc[(drafts["a_vote"] == "yes") & (drafts["b_vote"] == "yes")]
    for group in GROUPS_AT_STAKE:
        try:
            got = council_arena.council(a.iso3, b.iso3, by="period", topic=group, start=c0, end=c1)
        except NoData:  # no draft of the group both voted on in the period
            continue
        count = fig(
            Call(
                "council",
                {"a": a.name, "b": b.name, "by": "period", "topic": group, "start": c0, "end": c1, "fmt": "csv"},
            ),
            value=float(got.loc[got["group"] == group, "both_yes"].iloc[0]),
            source=COUNCIL_SOURCE,
            variable=f"Council drafts on {label_of[group]} both voted for, {span_text(c0, c1)}",
            column="both_yes",
            where={"group": group},
            digits=0,
        )
        listed = [draft(r) for r in both_yes.loc[both_yes["group"] == group].itertuples()]
        part.at_stake.append(AtStake(group, label_of[group], count, listed))

    all_call = Call("council", {"a": a.name, "b": b.name, "by": "period", "start": c0, "end": c1, "fmt": "csv"})
    total = period.loc[period["group"] == "all"].iloc[0]

    def of_all(column: str, variable: str) -> Figure:
        return fig(
            all_call,
            value=float(total[column]),
            source=COUNCIL_SOURCE,
            variable=f"{variable}, {span_text(c0, c1)}",
            column=column,
            where={"group": "all"},
            digits=0,
        )

    part.cosponsored = of_all("cosponsored", "Council drafts both sponsored")
    shared_period = period.loc[period["kind"] == "shared"]
    part.cosponsored_shared = fig(
        all_call,
        value=float(shared_period["cosponsored"].sum()),
        source=COUNCIL_SOURCE,
        variable=f"Council drafts of the shared-interest topic groups both sponsored, {span_text(c0, c1)}",
        column="cosponsored",
        where={"kind": "shared"},
        reduce="sum",
        digits=0,
    )
    shared_groups = set(topics.groups_of_kind("shared"))
    part.cosponsored_drafts = [
        draft(r)
        for r in drafts.loc[
            drafts["a_sponsor"] & drafts["b_sponsor"] & drafts["group"].isin(shared_groups)
        ].itertuples()
    ]
    part.vetoes_ab = of_all("a_for_b_vetoed", f"Council drafts {a.name} sponsored or voted for and {b.name} vetoed")
    part.vetoes_ba = of_all("b_for_a_vetoed", f"Council drafts {b.name} sponsored or voted for and {a.name} vetoed")
    recorded = set(council_arena.sponsored_drafts())
    for r in drafts.sort_values(["date", "symbol"]).itertuples():
        for vetoer, other, vetoed, sponsor, vote in (
            (b, a, r.b_veto, r.a_sponsor, r.a_vote),
            (a, b, r.a_veto, r.b_sponsor, r.b_vote),
        ):
            if vetoed and (sponsor or vote == "yes"):
                relation = "sponsored" if sponsor else "voted for"
                if not sponsor and r.draft_id not in recorded:
                    relation = "voted for (its sponsors are not recorded)"
                part.vetoes.append(
                    VetoRow(
                        date=pd.Timestamp(r.date).strftime("%Y-%m-%d"),
                        vetoer=vetoer.name,
                        other=other.name,
                        symbol=str(r.symbol).strip(),
                        group=label_of.get(r.group, r.group),
                        relation=relation,
                    )
                )
    if first < c_first:
        notes.append(
            f"Security Council: the vetoes before {c_first} (the Dag Hammarskjöld Library's list) carry no sponsors or "
            "votes, so none is matched to the other state"
        )
    return row, part, notes


def event_rows(fig: FigureMaker, a: Country, b: Country, first: int, last: int) -> tuple[list[ArenaRow], list[str]]:
    """Return the events' rows (A → B, B → A: the yearly cooperation share) and notes."""
    from valuesgap.analysis import event_arena

    what = "mean yearly cooperation share of all events"
    labels = {"a_to_b": f"Events: {a.name} → {b.name}", "b_to_a": f"Events: {b.name} → {a.name}"}
    keys = {"a_to_b": "events_ab", "b_to_a": "events_ba"}

    def empty(note: str) -> tuple[list[ArenaRow], list[str]]:
        rows = [ArenaRow(keys[d], labels[d], what, "–", None, "events", None, note) for d in labels]
        return rows, [f"events: {note}"]

    from valuesgap import store

    found = store.query("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'event_dyads'")
    if int(found["n"].iloc[0]) == 0:
        return empty("the store has no event data (ICEWS is not installed): place it in the mirror and rebuild")
    try:
        cov = event_arena.coverage("icews")
    except (NoData, DataMissing) as exc:
        return empty(str(exc))
    e_first, e_last = int(cov["first"].min()), int(cov["last"].max())
    e0, e1 = max(first, e_first), min(last, e_last)
    if e0 > e1:
        return empty(f"the event data (ICEWS) cover {e_first}–{e_last}, outside {span_text(first, last)}")
    try:
        frame = event_arena.events(a.iso3, b.iso3, start=e0, end=e1, source="icews")
    except (NoData, InputError) as exc:
        return empty(str(exc))
    rows = []
    for direction, label in labels.items():
        sel = frame.loc[(frame["direction"] == direction) & (frame["n"] > 0)]
        span = _years(sel["year"])
        if span is None:
            rows.append(ArenaRow(keys[direction], label, what, "–", None, "events", None, "no events"))
            continue
        y0, y1 = span
        # the events command takes periods as text (YYYY, or YYYY-MM by month)
        call = Call("events", {"a": a.name, "b": b.name, "start": str(y0), "end": str(y1), "fmt": "csv"})
        got = frame.loc[(frame["direction"] == direction) & frame["year"].between(y0, y1)]
        arrow = labels[direction].removeprefix("Events: ")
        n = fig(
            call,
            value=float(got["n"].sum()),
            source=EVENTS_SOURCE,
            variable=f"events {arrow}, {span_text(y0, y1)}",
            column="n",
            where={"source": "icews", "direction": direction},
            reduce="sum",
            digits=0,
        )
        value = fig(
            call,
            value=float(got["coop_share"].mean()),
            source=EVENTS_SOURCE,
            variable=f"cooperation share (verbal + material) of the events {arrow}, mean of {span_text(y0, y1)}",
            column="coop_share",
            where={"source": "icews", "direction": direction},
            reduce="mean",
        )
        rows.append(ArenaRow(keys[direction], label, what, span_text(y0, y1), n, "events", value))
    return rows, [f"events: {line}" for line in frame.attrs["missing"]]


def build(
    fig: FigureMaker,
    a: Country,
    b: Country,
    first: int,
    last: int,
    frame: pd.DataFrame,
    measure: str,
    track_mean: Callable[..., Figure],
) -> ArenasSection:
    """Return the arenas section of ``a`` and ``b`` over first…last (each arena clipped to its own years).

    ``fig(call, value=…, source=…, variable=…, column=…, where=…, reduce=…, digits=…)`` records a figure;
    ``frame``: the brief's tracks frame; ``track_mean(column, y0, y1)``: the brief's figure of a track's mean.
    """
    assembly = assembly_row(fig, frame, a, b, measure, track_mean)
    council, part, notes = council_rows(fig, a, b, first, last)
    events, event_notes = event_rows(fig, a, b, first, last)
    section = part or ArenasSection(rows=[], council_span="")
    section.rows = [assembly, council, *events]
    section.notes = notes + event_notes
    return section


def timeline(events: pd.DataFrame, section: ArenasSection | None) -> list[TimelineRow]:
    """Return the curated timeline's events and the vetoes one state cast on the other's drafts (those it
    sponsored, or voted for where the data record no sponsors), oldest first."""
    rows: list[tuple[pd.Timestamp, TimelineRow]] = []
    curated = events.loc[events["kind"] == "timeline"] if not events.empty else events
    for e in curated.itertuples():
        when = pd.Timestamp(e.date)
        rows.append(
            (when, TimelineRow(when.strftime("%d %b %Y"), str(e.title), str(e.track), str(e.source), str(e.url)))
        )
    for v in [v for v in section.vetoes if v.against_own] if section is not None else []:
        when = pd.Timestamp(v.date)
        title = f"{v.vetoer} vetoes {v.symbol} ({v.group}), which {v.other} {v.relation}"
        rows.append(
            (when, TimelineRow(when.strftime("%d %b %Y"), title, "veto", "UN DPPA Security Council voting data", ""))
        )
    return [r for _, r in sorted(rows, key=lambda x: x[0])]


__all__ = ["ArenaRow", "ArenasSection", "AtStake", "CouncilDraft", "TimelineRow", "VetoRow", "build", "timeline"]
