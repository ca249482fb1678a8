"""``/api/coverage``: how current the data are — first and last date per arena and source, and where
each arena's data end (the dashboard's footer reads it)."""

from __future__ import annotations

from fastapi import APIRouter

from valuesgap import coverage
from valuesgap.api.params import FORMAT_DEFAULT, Format
from valuesgap.api.tables import TABLE_RESPONSES, table_response

router = APIRouter(prefix="/api", tags=["meta"])


@router.get("/coverage", responses=TABLE_RESPONSES, summary="First and last date of the data per arena")
def data_coverage(format: Format = FORMAT_DEFAULT):
    """Per arena and source: ``arena, source, first, last, n, unit`` (as ``valuesgap data status
    --arenas``); ``meta.ends`` names where each arena's data end (``arena, last, detail``) and
    ``meta.line`` says it in one line."""
    ends = coverage.data_ends()
    meta = {"ends": ends.to_dict(orient="records"), "line": coverage.data_ends_line()}
    frame = coverage.arenas()
    for column in ("first", "last"):  # calendar dates, not timestamps
        frame[column] = frame[column].map(lambda day: day.isoformat() if day is not None else None)
    return table_response(frame, format, {}, filename="coverage", meta=meta)
