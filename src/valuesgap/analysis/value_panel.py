"""Every state's scaled value-dimension components as arrays, read from the store once per data version.

The two-track map compares one state with all its partners at once; it needs every state's components
(states × components × years per dimension) in memory rather than one SQL query and one pandas pivot per
dyad. The scaling is :func:`valuesgap.measures.indicators.scale_components`, the definitions those of
:mod:`valuesgap.analysis.values`, so the numbers are the ones ``values_gap`` starts from.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from valuesgap import store
from valuesgap.analysis.values import _check_components_in_store, load_dimensions
from valuesgap.errors import DataMissing
from valuesgap.measures.indicators import scale_components


@dataclass(frozen=True)
class ValuePanel:
    """Scaled components of all states: ``states`` (ISO3), ``years`` (int, consecutive), ``dimensions``
    (names in definition order), ``values[dimension]`` of shape (states, components, years), NaN where
    a component is not measured, and ``components[dimension]`` (``source:variable``, in that order)."""

    states: np.ndarray
    years: np.ndarray
    dimensions: tuple[str, ...]
    values: dict[str, np.ndarray]
    components: dict[str, tuple[str, ...]]

    def row(self, iso3: str) -> int | None:
        """Return the row of ``iso3``, or None if no component ever measures it."""
        hit = np.flatnonzero(self.states == iso3)
        return int(hit[0]) if hit.size else None

    def columns(self, start: int, end: int) -> np.ndarray:
        """Return a boolean mask of the years start…end (inclusive) on the ``years`` axis."""
        return (self.years >= start) & (self.years <= end)


_lock = threading.Lock()
_cache: dict[tuple, ValuePanel] = {}


def value_panel(definitions: str | Path | None = None) -> ValuePanel:
    """Return all states' scaled components (cached per process, data version and definitions file)."""
    dims = load_dimensions(definitions)
    path = str(definitions) if definitions is not None else ""
    mtime = Path(definitions).stat().st_mtime if definitions is not None else 0.0
    key = (store.data_version(), path, mtime)
    with _lock:
        if key not in _cache:
            _cache.clear()
            _cache[key] = _load(list(dims.values()))
        return _cache[key]


def _load(dims: list) -> ValuePanel:
    """Read the indicators behind ``dims`` for every state and year and lay them out as arrays."""
    _check_components_in_store(dims)
    keys = sorted({c.key for d in dims for c in d.components})
    raw = store.query(
        "SELECT iso3, year, source, variable, avg(value) AS value, avg(lower) AS lower, avg(upper) AS upper "
        f"FROM indicators WHERE source || ':' || variable IN ({', '.join('?' * len(keys))}) "
        "GROUP BY iso3, year, source, variable",
        keys,
    )
    if raw.empty:
        raise DataMissing("the store holds none of the dimensions' indicators: rebuild it with 'valuesgap data build'")
    states = np.array(sorted(raw["iso3"].unique()), dtype=object)
    years = np.arange(int(raw["year"].min()), int(raw["year"].max()) + 1)
    state_index = pd.Index(states)
    values: dict[str, np.ndarray] = {}
    components: dict[str, tuple[str, ...]] = {}
    for dim in dims:
        names = tuple(c.key for c in dim.components)
        scaled = scale_components(raw, dim)
        cube = np.full((len(states), len(names), len(years)), np.nan)
        if not scaled.empty:
            rows = state_index.get_indexer(scaled["iso3"])
            cube[rows, scaled["order"].to_numpy(dtype=int), scaled["year"].to_numpy(dtype=int) - years[0]] = scaled[
                "scaled"
            ].to_numpy(dtype=float)
        values[dim.name] = cube
        components[dim.name] = names
    return ValuePanel(states, years, tuple(d.name for d in dims), values, components)


__all__ = ["ValuePanel", "value_panel"]
