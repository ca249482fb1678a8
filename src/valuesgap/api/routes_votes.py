"""``/api/similarity`` and ``/api/partners``: UNGA vote similarity of a dyad over time, and who votes with a state."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from valuesgap.analysis import similarity as sim
from valuesgap.analysis.meta import meta_of
from valuesgap.analysis.selection import DEFAULT_LEVEL, DEFAULT_MIN_N, DEFAULT_N_BOOT
from valuesgap.api.params import (
    FORMAT_DEFAULT,
    End,
    Format,
    Grouping,
    Important,
    Issue,
    IssueParam,
    Level,
    Measure,
    MinN,
    RankBoot,
    Start,
    State,
    StateA,
    StateB,
)
from valuesgap.api.tables import TABLE_RESPONSES, table_response

router = APIRouter(prefix="/api", tags=["votes"])


@router.get("/similarity", responses=TABLE_RESPONSES, summary="Vote similarity of two states over time")
def similarity(
    a: StateA,
    b: StateB,
    issue: IssueParam = Issue("all"),
    by: Grouping = Grouping.session,
    important: Important = False,
    level: Level = None,
    start: Start = None,
    end: End = None,
    format: Format = FORMAT_DEFAULT,
):
    """How similarly A and B voted per session (or year): ``session|year, n, agreement, coincidence,
    s_score, cohen_kappa, scott_pi`` (+ ``<measure>_lo/_hi`` with ``level``). Source: UNGA roll calls."""
    frame = sim.similarity(a, b, issue=issue.value, by=by.value, important=important, level=level, start=start, end=end)
    ia, ib = meta_of(frame).iso3
    query = {
        "a": ia,
        "b": ib,
        "issue": issue.value,
        "by": by.value,
        "important": important,
        "level": level,
        "start": start,
        "end": end,
    }
    return table_response(frame, format, query, filename=f"similarity_{ia}_{ib}_{query['issue']}")


@router.get("/partners", responses=TABLE_RESPONSES, summary="Who votes with a state")
def partners(
    focal: State,
    session: Annotated[int | None, Query(ge=1, le=999, description="UNGA session (default: the latest).")] = None,
    year: Annotated[int | None, Query(ge=1000, le=2999, description="Calendar year instead of a session.")] = None,
    issue: IssueParam = Issue("all"),
    measure: Annotated[Measure, Query(description="Measure to rank by.")] = Measure("coincidence"),
    important: Important = False,
    min_n: MinN = DEFAULT_MIN_N,
    level: Level = DEFAULT_LEVEL,
    n_boot: RankBoot = DEFAULT_N_BOOT,
    format: Format = FORMAT_DEFAULT,
):
    """Every other state ranked by similarity with ``focal`` in one session or year: ``rank, iso3, name,
    n, agreement, coincidence, s_score, cohen_kappa, scott_pi`` and ``<measure>_lo/_hi``, the bootstrap
    interval of the ranked measure (omit ``level`` for none). Partners with fewer than ``min_n`` roll calls
    in common (default 10) are listed unranked. ``meta`` names the session/year used."""
    issue_code = issue.value
    measure_name = measure.value
    frame = sim.partners(
        focal,
        session=session,
        year=year,
        issue=issue_code,
        measure=measure_name,
        important=important,
        min_n=min_n,
        level=level,
        n_boot=n_boot,
    )
    (iso,) = meta_of(frame).iso3
    meta = {"by": frame.attrs.get("by"), "value": frame.attrs.get("value")}
    query = {
        "focal": iso,
        "session": session,
        "year": year,
        "issue": issue_code,
        "measure": measure_name,
        "important": important,
        "min_n": min_n,
        "level": level,
        "n_boot": n_boot,
    }
    return table_response(
        frame, format, query, filename=f"partners_{iso}_{meta['by']}{meta['value']}_{issue_code}", meta=meta
    )
