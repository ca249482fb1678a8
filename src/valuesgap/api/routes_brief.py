"""``/api/brief``: the written brief for a dyad as one self-contained HTML page (:mod:`valuesgap.brief`)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from valuesgap.api.params import End, Start, StateA, StateB

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
    start: Start = None,
    end: End = None,
) -> HTMLResponse:
    """The brief ``valuesgap brief A B --from YEAR`` writes: summary, both tracks, the values gap, commitments
    and the three options, each number footnoted with its source and the command that reproduces it."""
    from valuesgap.brief import build_brief, render_html

    return HTMLResponse(render_html(build_brief(a, b, start=start, end=end)))
