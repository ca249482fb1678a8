"""``/api/countries``: search states by name or code, and resolve one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from valuesgap import countries, store
from valuesgap.api.params import FORMAT_DEFAULT, Format
from valuesgap.api.tables import TABLE_RESPONSES, table_response

router = APIRouter(prefix="/api", tags=["countries"])


class CountryOut(BaseModel):
    """A resolved state."""

    iso3: str
    iso2: str | None
    cow: int | None
    name: str
    note: str


@router.get("/countries", responses=TABLE_RESPONSES, summary="Search states by name or code")
def search_countries(
    q: Annotated[
        str | None, Query(max_length=100, description="Part of a name, or a code; all states if absent.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="At most this many rows.")] = 1000,
    format: Format = FORMAT_DEFAULT,
):
    """States matching ``q`` (substring of the name or official name, or an ISO2/ISO3/COW code).

    Columns: iso3, iso2, name, official_name, note. An empty result is an empty table, not an error.
    """
    frame = countries.search(q).head(limit)
    return table_response(frame, format, {"q": q, "limit": limit}, store.data_version(), f"countries_{q or 'all'}")


@router.get("/countries/{query}", response_model=CountryOut, summary="Resolve one state")
def resolve_country(
    query: Annotated[str, Path(max_length=100, description="A name, ISO2/ISO3 or COW code (at most 100 characters).")],
) -> CountryOut:
    """The state a name or code means (404 with suggestions when none)."""
    c = countries.resolve(query)
    return CountryOut(iso3=c.iso3, iso2=c.iso2, cow=c.cow, name=c.name, note=countries.note_of(c.iso3))
