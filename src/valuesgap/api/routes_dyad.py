"""Dyad tables behind the dashboard: ``/api/tracks``, ``/api/events``, ``/api/similarity/issues``,
``/api/commitments/dyad``, ``/api/ideal-points``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from valuesgap.analysis.meta import meta_of
from valuesgap.api.params import (
    FORMAT_DEFAULT,
    End,
    Format,
    Grouping,
    Important,
    Issue,
    IssueParam,
    IssuesList,
    Level,
    Measure,
    NBoot,
    Start,
    StateA,
    StateB,
    TrackMeasure,
)
from valuesgap.api.tables import TABLE_RESPONSES, table_response

router = APIRouter(prefix="/api", tags=["dyad"])


@router.get("/tracks", responses=TABLE_RESPONSES, summary="The two tracks of a dyad per year")
def tracks(
    a: StateA,
    b: StateB,
    start: Start = None,
    end: End = None,
    measure: TrackMeasure = Measure("agreement"),
    level: Level = None,
    ideal: Annotated[bool, Query(description="Include ideal-point distances (slower the first time).")] = True,
    shared: IssuesList = None,
    values: IssuesList = None,
    format: Format = FORMAT_DEFAULT,
):
    """Per year: shared-interest vote similarity (nu+di), human-rights vote similarity (each with n and
    bootstrap interval), the gap on each value dimension and their mean |gap|, ideal-point distances.
    ``meta.missing`` lists what the data do not cover. Source: `valuesgap.analysis.tracks.tracks`."""
    from valuesgap.analysis import tracks as tracks_analysis

    slices = {k: v for k, v in (("shared_issues", shared), ("values_issues", values)) if v}
    frame = tracks_analysis.tracks(
        a,
        b,
        start=start,
        end=end,
        measure=measure.value,
        level=tracks_analysis.DEFAULT_LEVEL if level is None else level,
        ideal=ideal,
        **slices,
    )
    ia, ib = meta_of(frame).iso3
    query = {
        "a": ia,
        "b": ib,
        "start": start,
        "end": end,
        "measure": measure.value,
        "level": level,
        "ideal": ideal,
        "shared": shared,
        "values": values,
    }
    meta = {k: frame.attrs.get(k) for k in ("measure", "shared_issues", "values_issues", "level", "missing")}
    return table_response(frame, format, query, filename=f"tracks_{ia}_{ib}", meta=meta)


@router.get("/events", responses=TABLE_RESPONSES, summary="Dated events around a dyad")
def events(a: StateA, b: StateB, start: Start = None, end: End = None, format: Format = FORMAT_DEFAULT):
    """The curated timeline of the dyad and both states' dated commitments: ``date, year, x, kind, iso3,
    label, title, track, source, url``. ``meta.curated`` says whether the dyad has a curated timeline."""
    from valuesgap.analysis.events import timeline

    frame = timeline(a, b, start=start, end=end)
    ia, ib = meta_of(frame).iso3
    return table_response(
        frame,
        format,
        {"a": ia, "b": ib, "start": start, "end": end},
        filename=f"events_{ia}_{ib}",
        meta={"curated": bool(frame.attrs.get("curated", False))},
    )


@router.get("/similarity/issues", responses=TABLE_RESPONSES, summary="Vote similarity of a dyad on every issue")
def similarity_issues(
    a: StateA,
    b: StateB,
    by: Grouping = Grouping.year,
    important: Important = False,
    start: Start = None,
    end: End = None,
    format: Format = FORMAT_DEFAULT,
):
    """Per issue slice (me nu di hr co ec) and year (or session): ``issue, issue_label, year|session, n,
    agreement, coincidence, s_score, cohen_kappa, scott_pi``. Source: UNGA roll calls."""
    from valuesgap.analysis.similarity import similarity_by_issue

    frame = similarity_by_issue(a, b, by=by.value, important=important, start=start, end=end)
    ia, ib = meta_of(frame).iso3
    query = {"a": ia, "b": ib, "by": by.value, "important": important, "start": start, "end": end}
    return table_response(frame, format, query, filename=f"similarity_by_issue_{ia}_{ib}")


@router.get("/commitments/dyad", responses=TABLE_RESPONSES, summary="Both states' commitments ledgers")
def commitments_dyad(
    a: StateA,
    b: StateB,
    start: Start = None,
    end: End = None,
    format: Format = FORMAT_DEFAULT,
):
    """The ledgers of A and B one after the other (``iso3`` says whose): the columns of ``/api/commitments``."""
    from valuesgap.analysis.commitments import dyad_commitments

    frame = dyad_commitments(a, b, start=start, end=end)
    ia, ib = meta_of(frame).iso3
    query = {"a": ia, "b": ib, "start": start, "end": end}
    return table_response(frame, format, query, filename=f"commitments_{ia}_{ib}")


@router.get("/ideal-points", responses=TABLE_RESPONSES, summary="Yearly ideal points")
def ideal_points(
    states: Annotated[str | None, Query(max_length=400, description="Comma-separated states (default: all).")] = None,
    issue: IssueParam = Issue("all"),
    start: Start = None,
    end: End = None,
    n_boot: NBoot = 0,
    format: Format = FORMAT_DEFAULT,
):
    """Dynamic ordinal IRT ideal points per state and year (US positive): ``iso3, name, year, ideal_point,
    n_votes`` and, with ``n_boot``, ``lo, hi``. Source: `valuesgap.analysis.idealpoints.ideal_points`."""
    from valuesgap.analysis.idealpoints import ideal_points_of

    wanted = [s.strip() for s in (states or "").split(",") if s.strip()]
    frame = ideal_points_of(wanted, issue=issue.value, start=start, end=end, n_boot=n_boot)
    query = {
        "states": ",".join(meta_of(frame).iso3) or None,
        "issue": issue.value,
        "start": start,
        "end": end,
        "n_boot": n_boot,
    }
    return table_response(frame, format, query, filename=f"ideal_points_{issue.value}")
