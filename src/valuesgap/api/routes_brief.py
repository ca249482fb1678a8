"""``/api/brief``: the written brief for a dyad as one self-contained HTML page (:mod:`valuesgap.brief`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from valuesgap.api.params import StateA, StateB

router = APIRouter(prefix="/api", tags=["brief"])


@router.get(
    "/brief",
    response_class=HTMLResponse,
    summary="The policy brief for a dyad (HTML)",
    responses={200: {"content": {"text/html": {"schema": {"type": "string"}}}}},
)
def brief(
    a: StateA,
    b: StateB,
    since: Annotated[int | None, Query(ge=1000, le=2999, description="First year of the period.")] = None,
    until: Annotated[int | None, Query(ge=1000, le=2999, description="Last year of the period.")] = None,
) -> HTMLResponse:
    """The brief ``valuesgap brief A B --since YEAR`` writes: summary, both tracks, the values gap, commitments
    and the three options, each number footnoted with its source and the command that reproduces it."""
    from valuesgap.brief import build_brief, render_html

    return HTMLResponse(render_html(build_brief(a, b, since=since, until=until)))
