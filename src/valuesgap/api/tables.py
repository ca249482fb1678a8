"""Turning an analysis DataFrame into an API response: JSON (columns + rows) or CSV (``?format=csv``)."""

from __future__ import annotations

import json
import re
from enum import Enum
from typing import Any

import pandas as pd
from fastapi import Response
from pydantic import BaseModel, Field


class TableFormat(str, Enum):
    """How a table endpoint answers: ``json`` (default) or ``csv``."""

    json = "json"
    csv = "csv"


class Table(BaseModel):
    """A table answer: the query as understood, the data version, column names and one object per row."""

    query: dict[str, Any] = Field(description="The parameters the table was computed for (resolved).")
    data_version: str = Field(description="Id of the built data the numbers come from (also in the ETag).")
    columns: list[str] = Field(description="Column names, in order.")
    rows: list[dict[str, Any]] = Field(description="One object per row; missing values are null.")
    meta: dict[str, Any] = Field(
        default_factory=dict, description="Extra facts about the table (e.g. the session used)."
    )


TABLE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "model": Table,
        "description": "The table as JSON, or as CSV with `?format=csv`.",
        "content": {"text/csv": {"schema": {"type": "string"}}},
    },
}


def _data_version_of(frame: pd.DataFrame) -> str:
    from valuesgap.analysis.meta import meta_of

    try:
        return meta_of(frame).data_version
    except KeyError:
        from valuesgap import store

        return store.data_version()


def _safe_filename(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") or "table"


def table_response(
    frame: pd.DataFrame,
    fmt: TableFormat,
    query: dict[str, Any],
    data_version: str | None = None,
    filename: str = "table",
    meta: dict[str, Any] | None = None,
) -> Response:
    """Return ``frame`` as a JSON :class:`Table` or as a CSV download ``<filename>[_<start>-<end>].csv``.

    ``query``: the parameters as understood (states as resolved ISO3: take them from
    :func:`valuesgap.analysis.meta.meta_of`); ``data_version``: by default the one the frame carries
    (:func:`~valuesgap.analysis.meta.annotate`), else the store's. Missing values (NaN, NaT, pd.NA) become
    JSON null / empty CSV cells; dates are ISO 8601.
    """
    if data_version is None:
        data_version = _data_version_of(frame)
    if fmt is TableFormat.csv:
        start, end = query.get("start"), query.get("end")
        period = f"_{start or ''}-{end or ''}" if start is not None or end is not None else ""
        name = _safe_filename(filename + period)
        return Response(
            frame.to_csv(index=False),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
    rows = frame.to_json(
        orient="records", date_format="iso", force_ascii=False, default_handler=str, double_precision=15
    )
    head = {
        "query": {k: v for k, v in query.items() if v is not None},
        "data_version": data_version,
        "columns": [str(c) for c in frame.columns],
        "meta": meta or {},
    }
    body = json.dumps(head, ensure_ascii=False, default=str)[:-1] + ', "rows": ' + rows + "}"
    return Response(body, media_type="application/json")
