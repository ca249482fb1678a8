"""``/api/charts/...``: Vega-Lite specs (data inline) for the dashboard's panels; each mirrors a table
endpoint with the same parameters, whose ``?format=csv`` is the chart's CSV."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from valuesgap.analysis import similarity as sim
from valuesgap.analysis.meta import meta_of
from valuesgap.analysis.selection import DEFAULT_MIN_N
from valuesgap.api import specs
from valuesgap.api.params import (
    End,
    Grouping,
    Important,
    Issue,
    IssueParam,
    Measure,
    MinN,
    NBoot,
    Start,
    State,
    StateA,
    StateB,
)
from valuesgap.errors import NoData

router = APIRouter(prefix="/api/charts", tags=["charts"])
SPEC = {
    200: {
        "description": "A Vega-Lite specification (JSON).",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
}
MeasureParam = Annotated[Measure, Query(description="Vote-similarity measure.")]


@router.get("/tracks", responses=SPEC, summary="Chart: the two tracks with event annotations")
def tracks_chart(
    a: StateA, b: StateB, start: Start = None, end: End = None, measure: MeasureParam = Measure("agreement")
) -> dict[str, Any]:
    """The shared-interest and human-rights vote tracks with intervals, the institutional gap, and events.
    Table: ``/api/tracks?ideal=false``; events: ``/api/events``."""
    from valuesgap.analysis.events import timeline
    from valuesgap.analysis.tracks import tracks

    frame = tracks(a, b, start=start, end=end, measure=measure.value, ideal=False)
    events = timeline(a, b, start=start, end=end)
    na, nb = meta_of(frame).names
    return specs.tracks_chart(frame, events, (na, nb), measure.value)


@router.get("/similarity-issues", responses=SPEC, summary="Chart: similarity by issue, small multiples")
def similarity_issues_chart(
    a: StateA,
    b: StateB,
    by: Grouping = Grouping.year,
    important: Important = False,
    start: Start = None,
    end: End = None,
    measure: MeasureParam = Measure("agreement"),
) -> dict[str, Any]:
    """One panel per issue. Table: ``/api/similarity/issues``."""
    frame = sim.similarity_by_issue(a, b, by=by.value, important=important, start=start, end=end)
    na, nb = meta_of(frame).names
    return specs.similarity_issues_chart(frame, measure.value, (na, nb))


@router.get("/ideal-points", responses=SPEC, summary="Chart: ideal-point trajectories with intervals")
def ideal_points_chart(
    states: Annotated[str, Query(min_length=1, max_length=400, description="Comma-separated states.")],
    issue: IssueParam = Issue("all"),
    start: Start = None,
    end: End = None,
    n_boot: NBoot = 0,
) -> dict[str, Any]:
    """Trajectories of the chosen states, with bands when ``n_boot`` > 0. Table: ``/api/ideal-points``."""
    from valuesgap.analysis.idealpoints import ideal_points_of

    wanted = [s.strip() for s in states.split(",") if s.strip()]
    frame = ideal_points_of(wanted, issue=issue.value, start=start, end=end, n_boot=n_boot)
    order = list(dict.fromkeys(meta_of(frame).names))
    return specs.ideal_points_chart(frame, issue.value, order)


@router.get("/values-gap", responses=SPEC, summary="Chart: the value dimensions of both states")
def values_gap_chart(a: StateA, b: StateB, start: Start = None, end: End = None) -> dict[str, Any]:
    """Small multiples, one per dimension. Table: ``/api/values-gap``."""
    from valuesgap.analysis.values import values_gap

    frame = values_gap(a, b, start=start, end=end)
    na, nb = meta_of(frame).names
    return specs.values_chart(frame, (na, nb))


@router.get("/commitments", responses=SPEC, summary="Chart: both states' commitments on a timeline")
def commitments_chart(a: StateA, b: StateB, start: Start = None, end: End = None) -> dict[str, Any]:
    """Year × instrument, coloured by state. Table: ``/api/commitments/dyad``."""
    from valuesgap.analysis.commitments import dyad_commitments

    frame = dyad_commitments(a, b, start=start, end=end)
    meta = meta_of(frame)
    (ia, ib), (na, nb) = meta.iso3, meta.names
    if frame["year"].notna().sum() == 0:
        raise NoData(f"no dated commitments for {na} or {nb}")
    return specs.commitments_chart(frame, {ia: na, ib: nb})


@router.get("/partners-map", responses=SPEC, summary="Chart: world map of who votes with a state")
def partners_map_chart(
    focal: State,
    session: Annotated[int | None, Query(ge=1, le=999, description="UNGA session (default: the latest).")] = None,
    year: Annotated[int | None, Query(ge=1000, le=2999, description="Calendar year instead of a session.")] = None,
    issue: IssueParam = Issue("all"),
    measure: MeasureParam = Measure("agreement"),
    important: Important = False,
    min_n: MinN = DEFAULT_MIN_N,
) -> dict[str, Any]:
    """Choropleth of the measure with ``focal`` (world-atlas shapes served by this app). Table: ``/api/partners``."""
    table = sim.partners(
        focal,
        session=session,
        year=year,
        issue=issue.value,
        measure=measure.value,
        important=important,
        min_n=min_n,
        level=None,
    )
    label = f"{table.attrs.get('by')} {table.attrs.get('value')}" + ("" if issue.value == "all" else f", {issue.value}")
    (name,) = meta_of(table).names
    return specs.partners_map_chart(sim.with_map_codes(table), name, measure.value, label)
