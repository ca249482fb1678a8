"""Query parameters shared by the API's endpoints (one definition each, so the OpenAPI schema is consistent)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from fastapi import Query

from valuesgap.analysis.selection import DEFAULT_MIN_N, ISSUE_CODES, ISSUES, MEASURES
from valuesgap.api.tables import TableFormat

Issue = Enum("Issue", {code: code for code in ISSUES}, type=str)  # type: ignore[misc]
Issue.__doc__ = f"UNGA issue slice: all, or {' '.join(ISSUE_CODES)}."
Measure = Enum("Measure", {m: m for m in MEASURES}, type=str)  # type: ignore[misc]
Measure.__doc__ = "Vote-similarity measure."


class Grouping(str, Enum):
    """Group roll calls by UNGA session or by calendar year."""

    session = "session"
    year = "year"


STATE_HELP = "A state: name, ISO2/ISO3 or COW code, in any case (e.g. 'United States', 'RUS', '365')."
StateA = Annotated[str, Query(min_length=1, max_length=100, description=STATE_HELP, examples=["United States"])]
StateB = Annotated[str, Query(min_length=1, max_length=100, description=STATE_HELP, examples=["Russia"])]
State = Annotated[str, Query(min_length=1, max_length=100, description=STATE_HELP, examples=["Russia"])]
Start = Annotated[int | None, Query(ge=1000, le=2999, description="First calendar year (inclusive).")]
End = Annotated[int | None, Query(ge=1000, le=2999, description="Last calendar year (inclusive).")]
Format = Annotated[TableFormat, Query(description="json (default) or csv.")]
FORMAT_DEFAULT = TableFormat.json
IssueParam = Annotated[Issue, Query(description="Issue slice: " + ", ".join(f"{k} ({v})" for k, v in ISSUES.items()))]
Important = Annotated[
    bool, Query(description="Only the US State Department's important votes (flagged for sessions 38–72, 1983–2017).")
]
Level = Annotated[float | None, Query(gt=0, lt=1, description="Bootstrap interval level, e.g. 0.95 (slower).")]
NBoot = Annotated[
    int,
    Query(
        ge=0,
        le=20,
        description="Bootstrap replicates for lo/hi (0: none; each one is a "
        "refit, about 10-20 s the first time, then cached).",
    ),
]
MinN = Annotated[
    int,
    Query(
        ge=0,
        le=10000,
        description=f"Leave unranked (and off the map) partners with fewer roll calls in common (default {DEFAULT_MIN_N}).",
    ),
]
RankBoot = Annotated[
    int, Query(ge=1, le=10000, description="Bootstrap resamples for the interval beside each ranked value.")
]
TrackMeasure = Annotated[Measure, Query(description="Vote-similarity measure (default agreement).")]
IssuesList = Annotated[
    str | None, Query(max_length=40, pattern=r"^[A-Za-z, ]*$", description="Comma-separated issue codes, e.g. nu,di.")
]
Dimension = Annotated[
    str | None,
    Query(max_length=200, description="Value dimension(s), comma-separated (default: all); see /api/dimensions."),
]
