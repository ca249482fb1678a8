"""``/api/values-gap``, ``/api/value-components``, ``/api/dimensions`` and ``/api/commitments``."""

from __future__ import annotations

from fastapi import APIRouter

from valuesgap.analysis import commitments as commitments_analysis
from valuesgap.analysis import values
from valuesgap.analysis.meta import meta_of
from valuesgap.api.params import FORMAT_DEFAULT, Dimension, End, Format, Start, State, StateA, StateB
from valuesgap.api.tables import TABLE_RESPONSES, table_response

router = APIRouter(prefix="/api", tags=["values"])


@router.get("/values-gap", responses=TABLE_RESPONSES, summary="The values gap between two states")
def values_gap(
    a: StateA,
    b: StateB,
    start: Start = None,
    end: End = None,
    dimension: Dimension = None,
    format: Format = FORMAT_DEFAULT,
):
    """Per year and value dimension (0–1, higher = freer): ``year, dimension, a_iso3, b_iso3, a_value,
    b_value, gap`` (A − B) with intervals and the components present. Source: the store's indicators."""
    frame = values.values_gap(a, b, start=start, end=end, dimension=dimension)
    ia, ib = meta_of(frame).iso3
    query = {"a": ia, "b": ib, "start": start, "end": end, "dimension": dimension}
    return table_response(frame, format, query, filename=f"values_gap_{ia}_{ib}")


@router.get("/value-components", responses=TABLE_RESPONSES, summary="The indicators behind a state's dimensions")
def value_components(
    state: State, dimension: Dimension = None, start: Start = None, end: End = None, format: Format = FORMAT_DEFAULT
):
    """Raw and scaled components per year: ``year, dimension, iso3, source, variable, raw, raw_lower,
    raw_upper, transform, scaled, scaled_lo, scaled_hi``. Source: the store's indicators."""
    frame = values.value_components(state, dimension=dimension, start=start, end=end)
    (iso,) = meta_of(frame).iso3
    query = {"state": iso, "dimension": dimension, "start": start, "end": end}
    return table_response(frame, format, query, filename=f"value_components_{iso}")


@router.get("/dimensions", responses=TABLE_RESPONSES, summary="The value dimensions and their components")
def dimensions(format: Format = FORMAT_DEFAULT):
    """The declared components: ``dimension, source, variable, transform, direction, min, max, note``."""
    frame = values.dimension_catalog()
    return table_response(frame, format, {}, filename="dimensions")


@router.get("/commitments", responses=TABLE_RESPONSES, summary="The commitments ledger of a state")
def commitments(
    state: State,
    start: Start = None,
    end: End = None,
    format: Format = FORMAT_DEFAULT,
):
    """Commitments the state undertook (and left), oldest first: ``date, year, iso3, commitment, action,
    track, dimensions, record, source, url, note``. Sources: treaty actions, curated facts, dimensions."""
    frame = commitments_analysis.commitments(state, start=start, end=end)
    (iso,) = meta_of(frame).iso3
    query = {"state": iso, "start": start, "end": end}
    return table_response(frame, format, query, filename=f"commitments_{iso}")
