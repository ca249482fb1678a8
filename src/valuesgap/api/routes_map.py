"""``/api/track-map`` and ``/api/charts/track-map``: the two-track map of a state (every partner at once)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Query

from valuesgap.analysis.selection import DEFAULT_MIN_N
from valuesgap.api.params import FORMAT_DEFAULT, End, Format, Start, State
from valuesgap.api.tables import TABLE_RESPONSES, table_response
from valuesgap.errors import InputError


class Arena(str, Enum):
    """Where cooperation is measured: the Assembly's nu+di votes, the Council's shared-interest drafts, events."""

    assembly = "assembly"
    council = "council"
    events = "events"


class MapView(str, Enum):
    """The map (one period) or the moves between ``compare`` and start…end (arrows)."""

    map = "map"
    moves = "moves"


Compare = Annotated[
    str | None,
    Query(
        max_length=20,
        pattern=r"^\s*\d{4}\s*[-–]\s*\d{2,4}\s*$",
        description="A second period FROM-TO (e.g. 2006-2008): each partner's numbers there too (columns from_…).",
        examples=["2006-2008"],
    ),
]
ArenaParam = Annotated[Arena, Query(description="Cooperation axis: assembly (default), council or events.")]
MapMinN = Annotated[
    int,
    Query(
        ge=1,
        le=10000,
        description=f"Leave off the map partners with fewer roll calls (drafts, events) in common (default {DEFAULT_MIN_N}).",
    ),
]

router = APIRouter(prefix="/api", tags=["map"])
charts_router = APIRouter(prefix="/api/charts", tags=["charts"])
SPEC = {
    200: {
        "description": "A Vega-Lite specification (JSON).",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
}


def _period(meta) -> str:
    return str(meta.start) if meta.start == meta.end else f"{meta.start}–{meta.end}"


@router.get("/track-map", responses=TABLE_RESPONSES, summary="The two-track map: every partner of a state")
def track_map(
    state: State,
    start: Start = None,
    end: End = None,
    compare: Compare = None,
    arena: ArenaParam = Arena.assembly,
    min_n: MapMinN = DEFAULT_MIN_N,
    format: Format = FORMAT_DEFAULT,
):
    """One row per partner (every state that voted in the Assembly in start…end; default the latest four
    years): ``iso3, name, values_institutions`` (x: mean |gap| over the value dimensions), ``shared_interests``
    (y: cooperation in the arena), ``shared_interests_n`` (in common), ``values_votes`` (human-rights vote
    agreement), ``values_votes_n, values_years, values_dimensions, gap_<dimension>``, ``left_out`` (why a
    partner is not placed; empty when it is); with ``compare`` the same prefixed ``from_``. Placed first.
    ``meta``: arena, arena_label, min_n, compare, notes, placed, left_out."""
    from valuesgap.analysis import track_map as tm
    from valuesgap.analysis.meta import meta_of

    frame = tm.track_map(state, start=start, end=end, compare=compare, arena=arena.value, min_n=min_n)
    meta = meta_of(frame)
    at = frame.attrs
    query = {
        "state": meta.iso3[0],
        "start": meta.start,
        "end": meta.end,
        "compare": "-".join(map(str, at["compare"])) if at["compare"] else None,
        "arena": at["arena"],
        "min_n": at["min_n"],
    }
    extra = {
        "arena": at["arena"],
        "arena_label": at["arena_label"],
        "min_n": at["min_n"],
        "compare": at["compare"],
        "notes": at["notes"],
        "placed": int((frame["left_out"] == "").sum()),
        "left_out": int((frame["left_out"] != "").sum()),
    }
    return table_response(frame, format, query, filename=f"track_map_{meta.iso3[0]}_{at['arena']}", meta=extra)


@charts_router.get("/track-map", responses=SPEC, summary="Chart: the two-track map, or the partners' moves")
def track_map_chart(
    state: State,
    start: Start = None,
    end: End = None,
    compare: Compare = None,
    arena: ArenaParam = Arena.assembly,
    min_n: MapMinN = DEFAULT_MIN_N,
    view: Annotated[MapView, Query(description="map (default) or moves (arrows; needs compare).")] = MapView.map,
    highlight: Annotated[
        str | None, Query(max_length=100, description="A partner to ring and name (e.g. the dyad's other state).")
    ] = None,
) -> dict[str, Any]:
    """Scatter of the placed partners (x values gap, y cooperation, colour human-rights agreement, size n;
    each point carries its ``iso3``), or with ``view=moves`` arrows from the ``compare`` period to start…end.
    Fills its container's width. Table: ``/api/track-map``."""
    from valuesgap import charts, charts_map
    from valuesgap.analysis import track_map as tm
    from valuesgap.analysis.meta import meta_of

    if view is MapView.moves and compare is None:
        raise InputError("view=moves draws arrows between two periods: give compare, e.g. compare=2006-2008")
    frame = tm.track_map(state, start=start, end=end, compare=compare, arena=arena.value, min_n=min_n)
    meta = meta_of(frame)
    ring = tm.partner_code(highlight)
    if view is MapView.moves:
        first, last = frame.attrs["compare"]
        before = str(first) if first == last else f"{first}–{last}"
        chart = charts_map.moves_chart(frame, meta.names[0], before, _period(meta), arena.value, highlight=ring)
    else:
        chart = charts_map.map_chart(frame, meta.names[0], _period(meta), arena.value, highlight=ring)
    return charts.spec(chart)
