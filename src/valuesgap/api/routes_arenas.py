"""The Security Council and event-data arenas: ``/api/arenas/council``, ``/api/arenas/council/drafts``,
``/api/arenas/vetoes``, ``/api/arenas/events``."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Query

from valuesgap import store
from valuesgap.api.params import FORMAT_DEFAULT, End, Format, Start, StateA, StateB
from valuesgap.api.tables import TABLE_RESPONSES, table_response

router = APIRouter(prefix="/api/arenas", tags=["arenas"])


class CouncilGrouping(str, Enum):
    """One row per calendar year, or one for the whole period."""

    year = "year"
    period = "period"


Topic = Annotated[
    str | None,
    Query(
        max_length=40,
        pattern=r"^[A-Za-z_]*$",
        description="all (default), a kind (shared, contested, regional, thematic) or a topic group (dprk, iran, "
        "wmd, counter_terrorism, afghanistan, arms_control, syria, ukraine, …).",
    ),
]
Contested = Annotated[
    bool, Query(description="Only drafts not adopted unanimously (a No, an abstention or not adopted).")
]
OptionalState = Annotated[
    str | None, Query(min_length=1, max_length=100, description="A state: name, ISO2/ISO3 or COW code.")
]
Level = Annotated[float | None, Query(gt=0, lt=1, description="Wilson interval level (default 0.95).")]


@router.get("/council", responses=TABLE_RESPONSES, summary="Security Council arena of a dyad")
def council(
    a: StateA,
    b: StateB,
    by: CouncilGrouping = CouncilGrouping.year,
    topic: Topic = None,
    contested: Contested = False,
    start: Start = None,
    end: End = None,
    format: Format = FORMAT_DEFAULT,
):
    """Per year (or period) and topic group: ``drafts, n`` (drafts both voted on; elected members only in
    their Council years), ``agreement`` (Assembly formula, a veto is a No; null where n = 0), ``s_score,
    both_yes, cosponsored, a_for_b_vetoed, b_for_a_vetoed, a_on_council, b_on_council``; a total row per
    selection (kind 'total'). Source: UN DPPA Security Council voting data, 1994–2025."""
    from valuesgap.analysis import council as arena

    frame = arena.council(a, b, by=by.value, topic=topic, contested=contested, start=start, end=end)
    at = frame.attrs
    query = {
        "a": at["a_iso3"],
        "b": at["b_iso3"],
        "by": by.value,
        "topic": at["topic"],
        "contested": contested,
        "start": at["start"],
        "end": at["end"],
    }
    meta = {k: at[k] for k in ("a_name", "b_name", "years_a", "years_b", "missing", "source")}
    return table_response(frame, format, query, store.data_version(), f"council_{at['a_iso3']}_{at['b_iso3']}", meta)


@router.get("/council/drafts", responses=TABLE_RESPONSES, summary="The Council drafts behind a dyad's numbers")
def council_drafts(
    a: StateA, b: StateB, topic: Topic = None, start: Start = None, end: End = None, format: Format = FORMAT_DEFAULT
):
    """One row per draft either state voted on or sponsored: ``draft_id, symbol, resolution, year, date,
    outcome, contested, agenda_item, group, a_vote, b_vote, a_sponsor, b_sponsor, a_veto, b_veto``."""
    from valuesgap.analysis import council as arena

    frame = arena.drafts_of(a, b, topic=topic, start=start, end=end)
    at = frame.attrs
    query = {"a": at["a_iso3"], "b": at["b_iso3"], "topic": topic, "start": start, "end": end}
    return table_response(frame, format, query, store.data_version(), f"council_drafts_{at['a_iso3']}_{at['b_iso3']}")


@router.get("/vetoes", responses=TABLE_RESPONSES, summary="Security Council vetoes, by whom and against whom")
def vetoes(
    by: OptionalState = None,
    against: OptionalState = None,
    start: Start = None,
    end: End = None,
    format: Format = FORMAT_DEFAULT,
):
    """One row per vetoing member and draft since 1946: ``year, date, symbol, vetoer, vetoer_name,
    agenda_item, topic, sponsors, source``. ``by``: the vetoing permanent member; ``against``: a sponsor of
    the vetoed draft (sponsors known from 1994)."""
    from valuesgap.analysis import council as arena

    frame = arena.vetoes(by=by, against=against, start=start, end=end)
    at = frame.attrs
    query = {"by": at["by"], "against": at["against"], "start": at["start"], "end": at["end"]}
    return table_response(frame, format, query, store.data_version(), "vetoes", {"missing": at["missing"]})


class EventGrouping(str, Enum):
    """One row per calendar year, or per month (GDELT only: ICEWS is yearly)."""

    year = "year"
    month = "month"


PERIOD_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2]))?$"
EventStart = Annotated[
    str | None,
    Query(pattern=PERIOD_PATTERN, description="First year (YYYY) or, with by=month, month (YYYY-MM)."),
]
EventEnd = Annotated[
    str | None,
    Query(pattern=PERIOD_PATTERN, description="Last year (YYYY) or, with by=month, month (YYYY-MM)."),
]


@router.get("/events", responses=TABLE_RESPONSES, summary="Event-data arena of a dyad (cooperation shares)")
def events(
    a: StateA,
    b: StateB,
    start: EventStart = None,
    end: EventEnd = None,
    by: EventGrouping = EventGrouping.year,
    level: Level = None,
    format: Format = FORMAT_DEFAULT,
):
    """Per source, year (or month with ``by=month``) and direction (a_to_b, b_to_a, both): the four CAMEO quad
    counts, ``n``, ``coop_share`` and ``matl_conf_share`` with Wilson intervals, ``sender_coop_share``,
    ``coop_relative``. Shares are null where there are no events. Source: ICEWS 2002–2014 (yearly) and GDELT
    where loaded (monthly); ``meta.sources`` says which source each period comes from."""
    from valuesgap.analysis import event_arena

    frame = event_arena.events(a, b, start=start, end=end, by=by.value, level=level)
    at = frame.attrs
    query = {"a": at["a_iso3"], "b": at["b_iso3"], "start": at["start"], "end": at["end"], "by": at["by"]}
    query["level"] = at["level"]
    meta = {
        "coverage": {k: list(v) for k, v in at["coverage"].items()},
        "sources": at["sources"],
        "missing": at["missing"],
    }
    return table_response(frame, format, query, store.data_version(), f"events_{at['a_iso3']}_{at['b_iso3']}", meta)


charts_router = APIRouter(prefix="/api/charts", tags=["charts"])
DASHBOARD_WIDTH = 400  # the heat map's group labels and legend take ~260 px of the panel
SPEC = {
    200: {
        "description": "A Vega-Lite specification (JSON).",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
}


@charts_router.get("/arenas", responses=SPEC, summary="Chart: Council agreement by topic group, vetoes, event shares")
def arenas_chart(a: StateA, b: StateB, start: Start = None, end: End = None) -> dict[str, Any]:
    """Three stacked views: Council vote agreement per topic group and year, the vetoes one state cast against
    drafts the other sponsored, and the event-data cooperation share in both directions (Wilson bands).
    A part without data says so. Tables: ``/api/arenas/council``, ``/api/arenas/vetoes``, ``/api/arenas/events``."""
    from valuesgap import charts, charts_arenas
    from valuesgap.analysis import arenas

    got = arenas.overview(a, b, start=start, end=end, assembly=False)
    chart = charts_arenas.arenas_chart(
        got.council, got.vetoes, got.events, (got.a_name, got.b_name), got.notes, width=DASHBOARD_WIDTH
    )
    return charts.spec(chart)
