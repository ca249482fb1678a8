"""Value dimensions of a state and the dyadic values gap, from the store's ``indicators`` table.

The dimensions and their components are declared in ``valuesgap/facts/dimensions.toml`` (or a file the
user gives); the scaling and combining rules are in :mod:`valuesgap.measures.indicators`.
"""

from __future__ import annotations

import difflib
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from valuesgap import store
from valuesgap.analysis.memo import per_data_version
from valuesgap.analysis.meta import annotate
from valuesgap.analysis.selection import check_dyad, check_period
from valuesgap.countries import Country, resolve
from valuesgap.deprecation import renamed_arguments
from valuesgap.errors import DataMissing, InputError, NoData
from valuesgap.measures.indicators import (
    Component,
    Dimension,
    common_components,
    link_components,
    scale_components,
)
from valuesgap.measures.values_arrays import StateArrays, dyad_gap, state_arrays

DIMENSION_COLUMNS = [
    "year",
    "dimension",
    "iso3",
    "value",
    "lo",
    "hi",
    "n_components",
    "components",
    "unlinked",
    "coverage_change",
]

#: How a series is put together: ``linked`` (default) chain-links it so that a component entering or
#: leaving does not move it, and a dyad compares both states on the components both have each year;
#: ``present`` is the plain mean of whatever components are present that year (values can step).
FOOTINGS = ("linked", "present")


# ---------------------------------------------------------------------------------------------------
# Definitions


def default_definitions_path() -> Path:
    """Return the path of the packaged ``dimensions.toml``."""
    return Path(str(resources.files("valuesgap") / "facts" / "dimensions.toml"))


def parse_dimensions(data: dict, origin: str = "dimensions file") -> dict[str, Dimension]:
    """Return the dimensions declared in parsed TOML ``data`` (name → Dimension), in file order.

    Raises InputError naming the first malformed entry.
    """
    dims: dict[str, Dimension] = {}
    for name, body in data.items():
        if not isinstance(body, dict) or not isinstance(body.get("components"), list) or not body["components"]:
            raise InputError(f"{origin}: dimension {name!r} needs a non-empty [[{name}.components]] list")
        comps = []
        for i, c in enumerate(body["components"], start=1):
            if "source" not in c or "variable" not in c:
                raise InputError(f"{origin}: component {i} of {name!r} needs 'source' and 'variable'")
            try:
                comps.append(
                    Component(
                        source=str(c["source"]),
                        variable=str(c["variable"]),
                        transform=str(c.get("transform", "identity")),
                        direction=str(c.get("direction", "higher_better")),
                        scale_min=c.get("min"),
                        scale_max=c.get("max"),
                        note=str(c.get("note", "")),
                    )
                )
            except ValueError as exc:
                raise InputError(f"{origin}: dimension {name!r}: {exc}") from exc
        dims[name] = Dimension(name, str(body.get("label", name)), str(body.get("description", "")), tuple(comps))
    if not dims:
        raise InputError(f"{origin}: no dimensions defined")
    return dims


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> dict[str, Dimension]:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise InputError(f"dimensions file {path} not found: give an existing TOML file") from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"dimensions file {path} is not valid TOML ({exc})") from exc
    return parse_dimensions(data, origin=str(path))


def load_dimensions(path: str | Path | None = None) -> dict[str, Dimension]:
    """Return the dimension definitions (name → Dimension) from ``path`` or the packaged file."""
    p = Path(path) if path is not None else default_definitions_path()
    if not p.exists():
        raise InputError(f"dimensions file {p} not found: give an existing TOML file")
    return _load(str(p), p.stat().st_mtime)


def select_dimensions(dimension: str | list[str] | None, dims: dict[str, Dimension]) -> list[Dimension]:
    """Return the requested dimensions (all when None); InputError with a suggestion for unknown names."""
    if dimension is None:
        return list(dims.values())
    names = [dimension] if isinstance(dimension, str) else list(dimension)
    chosen = []
    for raw in names:
        for name in str(raw).split(","):
            key = name.strip().lower().replace("-", "_").replace(" ", "_")
            if key not in dims:
                close = difflib.get_close_matches(key, list(dims), n=1, cutoff=0.5)
                hint = f"did you mean {close[0]!r}? " if close else ""
                raise InputError(f"unknown dimension {name.strip()!r}: {hint}choose from {', '.join(dims)}")
            if dims[key] not in chosen:
                chosen.append(dims[key])
    return chosen


# ---------------------------------------------------------------------------------------------------
# Reading the store


def _check_footing(footing: str) -> str:
    if footing not in FOOTINGS:
        raise InputError(f"unknown footing {footing!r}: choose from {', '.join(FOOTINGS)}", params=("footing",))
    return footing


def _check_components_in_store(dims: list[Dimension]) -> None:
    """Raise InputError if a component names a source/variable that the store does not hold.

    A component of an optional source that is not installed (e.g. one with no file address, on a
    machine that fetched the sources) is left out: its dimension is computed from the others.
    """
    from valuesgap.sources import registry

    optional = {s.id for s in registry.SOURCES if s.optional}
    known = _present_components()
    sources = {source for source, _ in known}
    for dim in dims:
        for comp in dim.components:
            if comp.source not in sources and comp.source in optional:
                continue
            if (comp.source, comp.variable) not in known:
                what = "source" if comp.source not in sources else "variable"
                raise InputError(
                    f"dimension {dim.name!r}: component {comp.key} is not in the store (unknown {what}); "
                    f"known sources: {', '.join(sorted(sources))}"
                )


@per_data_version(maxsize=1)
def _present_components() -> frozenset[tuple[str, str]]:
    """Return the (source, variable) pairs the store's indicators table holds."""
    present = store.query("SELECT DISTINCT source, variable FROM indicators")
    return frozenset(zip(present["source"], present["variable"]))


@per_data_version(maxsize=512)
def _state_scaled(iso3: str, dims: tuple[Dimension, ...]) -> pd.DataFrame:
    """Return one state's scaled components of ``dims``, all years (per-state work, kept per data version)."""
    raw = _raw_indicators([iso3], list(dims), None, None)
    return pd.concat([scale_components(raw, d) for d in dims], ignore_index=True)


@per_data_version(maxsize=8)
def _span(dims: tuple[Dimension, ...]) -> tuple[int, int]:
    """Return the first and last year any component of ``dims`` has data for any state (kept per data version)."""
    return _coverage(list(dims))


@per_data_version(maxsize=512)
def _state_arrays(iso3: str, dims: tuple[Dimension, ...]) -> StateArrays:
    """Return one state's scaled components as arrays over :func:`_span` (per-state work, kept per data version)."""
    first, last = _span(dims)
    return state_arrays(_state_scaled(iso3, dims), dims, first, last)


def warm_states() -> int:
    """Compute every state's scaled components and arrays in one batch (the default dimensions) and keep
    them per data version, as the first request of each state would; return how many states."""
    dims = tuple(select_dimensions(None, load_dimensions(None)))
    isos = store.query("SELECT DISTINCT iso3 FROM indicators ORDER BY iso3")["iso3"].tolist()
    raw = _raw_indicators(isos, list(dims), None, None)
    scaled = pd.concat([scale_components(raw, d) for d in dims], ignore_index=True)
    first, last = _span(dims)
    for iso3, rows in scaled.groupby("iso3", sort=True):
        mine = rows.reset_index(drop=True)
        _state_scaled.prime(mine, iso3, dims)  # type: ignore[attr-defined]
        _state_arrays.prime(state_arrays(mine, dims, first, last), iso3, dims)  # type: ignore[attr-defined]
    return int(scaled["iso3"].nunique())


def _raw_indicators(iso3s: list[str], dims: list[Dimension], start: int | None, end: int | None) -> pd.DataFrame:
    """Return the store rows behind ``dims`` for ``iso3s``: iso3, year, source, variable, value, lower, upper.

    A (state, year, source, variable) filed more than once in the store is averaged. ``None`` bounds
    read all years.
    """
    keys = sorted({c.key for d in dims for c in d.components})
    sql = (
        "SELECT iso3, year, source, variable, avg(value) AS value, avg(lower) AS lower, avg(upper) AS upper "
        f"FROM indicators WHERE iso3 IN ({', '.join('?' * len(iso3s))}) "
        f"AND source || ':' || variable IN ({', '.join('?' * len(keys))}) "
        "AND year >= ? AND year <= ? GROUP BY iso3, year, source, variable"
    )
    lo = -10_000 if start is None else int(start)
    hi = 10_000 if end is None else int(end)
    return store.query(sql, [*iso3s, *keys, lo, hi])


def _coverage(dims: list[Dimension]) -> tuple[int, int]:
    """Return the first and last year any component of ``dims`` has data for any state."""
    keys = sorted({c.key for d in dims for c in d.components})
    got = store.query(
        f"SELECT min(year) AS lo, max(year) AS hi FROM indicators WHERE source || ':' || variable IN "
        f"({', '.join('?' * len(keys))})",
        keys,
    )
    if got.empty or pd.isna(got.loc[0, "lo"]):
        raise DataMissing("the store holds none of the dimensions' indicators: rebuild it with 'valuesgap data build'")
    return int(got.loc[0, "lo"]), int(got.loc[0, "hi"])


def _in_period(frame: pd.DataFrame, start: int | None, end: int | None) -> pd.DataFrame:
    keep = pd.Series(True, index=frame.index)
    if start is not None:
        keep &= frame["year"] >= int(start)
    if end is not None:
        keep &= frame["year"] <= int(end)
    return frame[keep]


def _combined(
    iso3s: list[str],
    dims: list[Dimension],
    start: int | None,
    end: int | None,
    same_components: bool = False,
    footing: str = "linked",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (scaled components, combined dimension values) for the states and dimensions in the period.

    ``linked``: with two or more states only the components present for every state in a year are used,
    and each state's series is chain-linked over ALL years of data before the period is cut, so a value
    does not depend on the period asked for. ``present``: the plain mean of the components present
    (only those present for every state when ``same_components``).
    """
    scaled = pd.concat([_state_scaled(iso3, tuple(dims)) for iso3 in iso3s], ignore_index=True)
    if len(iso3s) > 1 and (same_components or footing == "linked"):
        scaled = common_components(scaled, iso3s)
    combined = link_components(scaled, linked=footing == "linked")
    return _in_period(scaled, start, end), _in_period(combined, start, end)


@renamed_arguments(positional=1, old_order=("dimension", "definitions"))
def scaled_components(
    state: str, *, dimension: str | list[str] | None = None, definitions: str | Path | None = None
) -> pd.DataFrame:
    """Return all of a state's scaled component values (columns of :func:`scale_components`), all years."""
    dims = select_dimensions(dimension, load_dimensions(definitions))
    _check_components_in_store(dims)
    return _combined([resolve(state).iso3], dims, None, None)[0]


def _window(
    combined: pd.DataFrame, iso3s: list[str], dims: list[Dimension], start: int | None, end: int | None
) -> tuple[int, int]:
    """Return the (first, last) year to report.

    Given bounds are kept. A missing bound comes from the data: the years in which every requested
    dimension has a value for every state; if there are none, the years in which anything has a value.
    """
    if start is not None and end is not None:
        return int(start), int(end)
    years_all = None
    for iso3 in iso3s:
        mine = combined[combined["iso3"] == iso3]
        per_year = mine.groupby("year")["dimension"].nunique()
        full = set(per_year[per_year == len(dims)].index)
        years_all = full if years_all is None else years_all & full
    years = sorted(years_all) if years_all else sorted(set(combined["year"]))
    first = int(start) if start is not None else int(years[0])
    last = int(end) if end is not None else int(years[-1])
    return first, last  # the store was read within the given bounds, so first <= last


def _grid(iso3: str, dims: list[Dimension], first: int, last: int, combined: pd.DataFrame) -> pd.DataFrame:
    """Return every year × dimension of ``iso3`` in the window, missing ones as NaN with no components."""
    grid = pd.MultiIndex.from_product([range(first, last + 1), [d.name for d in dims]], names=["year", "dimension"])
    mine = combined[combined["iso3"] == iso3]
    keys = pd.MultiIndex.from_arrays(
        [mine["year"].to_numpy(dtype="int64"), mine["dimension"].to_numpy()], names=["year", "dimension"]
    )
    cells = ["value", "lo", "hi", "n_components", "components", "unlinked", "coverage_change"]
    out = pd.DataFrame({c: mine[c].to_numpy() for c in cells}, index=keys).reindex(grid).reset_index()
    for col in ("value", "lo", "hi", "unlinked"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
    out["n_components"] = out["n_components"].fillna(0).astype(int)
    for col in ("components", "coverage_change"):
        out[col] = out[col].fillna("").astype(str)
    out["iso3"] = iso3
    return out[DIMENSION_COLUMNS]  # the grid is in year, then definition order


def _no_data_message(names: list[str], first: int | None, last: int | None, cover: tuple[int, int]) -> str:
    period = f" in {first}–{last}" if first is not None or last is not None else ""
    who = " or ".join(names)
    return (
        f"no value-dimension data for {who}{period}: the indicators cover {cover[0]}–{cover[1]}; "
        "try another period or 'valuesgap values STATE --components'"
    )


def _state_coverage(iso3: str, dims: list[Dimension]) -> tuple[int, int] | None:
    """Return the first and last year any component of ``dims`` has data for ``iso3`` (None if never)."""
    keys = sorted({c.key for d in dims for c in d.components})
    got = store.query(
        "SELECT min(year) AS lo, max(year) AS hi FROM indicators WHERE iso3 = ? AND value IS NOT NULL "
        f"AND source || ':' || variable IN ({', '.join('?' * len(keys))})",
        [iso3, *keys],
    )
    if got.empty or pd.isna(got.loc[0, "lo"]):
        return None
    return int(got.loc[0, "lo"]), int(got.loc[0, "hi"])


def _what(dims: list[Dimension]) -> str:
    """Return 'repression' / 'repression and media' / 'value-dimension' for messages."""
    return " and ".join(d.name for d in dims) if len(dims) <= 2 else "value-dimension"


def _no_common_message(
    covers: dict[str, tuple[int, int] | None], dims: list[Dimension], start: int | None, end: int | None
) -> str:
    """Say why a dyad has no value in the period although each state has data somewhere."""
    names = list(covers)
    what = _what(dims)
    period = f" in {start if start is not None else '…'}–{end if end is not None else '…'}"
    spans = ", ".join(f"{n} {c[0]}–{c[1]}" for n, c in covers.items() if c)
    return (
        f"no component measures both {names[0]} and {names[1]}{period}: each has {what} data ({spans}) but "
        "from different sources; see 'valuesgap values STATE --components', or use --footing present"
    )


# ---------------------------------------------------------------------------------------------------
# Public functions


def _one_state(
    state: str,
    dimension: str | list[str] | None,
    start: int | None,
    end: int | None,
    definitions: str | Path | None,
    footing: str = "linked",
) -> tuple[list[Dimension], Country, pd.DataFrame, pd.DataFrame]:
    """Return (dimensions, country, scaled components, combined dimensions) for one state.

    Checks the period and the definitions; raises NoData when the state has no value in the period.
    """
    start, end = check_period(start, end)
    _check_footing(footing)
    dims = select_dimensions(dimension, load_dimensions(definitions))
    country = resolve(state)
    _check_components_in_store(dims)
    scaled, combined = _combined([country.iso3], dims, start, end, footing=footing)
    if scaled.empty or combined.empty:
        raise NoData(_no_data_message([country.name], start, end, _coverage(dims)))
    return dims, country, scaled, combined


@renamed_arguments(positional=1, old_order=("start", "end", "dimension", "definitions"))
def dimension_values(
    state: str,
    *,
    start: int | None = None,
    end: int | None = None,
    dimension: str | list[str] | None = None,
    definitions: str | Path | None = None,
    footing: str = "linked",
) -> pd.DataFrame:
    """Return one state's value dimensions per year, on the 0–1 scale (higher = better).

    Columns: ``year, dimension, iso3, value, lo, hi, n_components, components, unlinked,
    coverage_change``. ``value`` is on a constant footing (``footing="linked"``, see
    :func:`valuesgap.measures.indicators.link_components`): the latest year with the most components
    keeps the plain mean of its components, the other years follow the changes measured on the
    components present in both adjacent years, so a source starting or ending moves nothing. ``lo/hi``: the components' interval moved with
    the value (NaN where no component has one). ``components``: the ``source:variable`` list measured
    that year; ``unlinked``: their plain mean; ``coverage_change``: what entered or left that year.
    ``footing="present"`` gives the plain means as ``value``. Years with no data stay as rows with NaN.
    Source: the store's ``indicators`` table (V-Dem, Freedom House, Polity5, Fariss, CIRIGHTS, WGI).
    """
    dims, country, _, combined = _one_state(state, dimension, start, end, definitions, footing)
    first, last = _window(combined, [country.iso3], dims, start, end)
    return annotate(_grid(country.iso3, dims, first, last, combined), states=[country], start=first, end=last)


@renamed_arguments(positional=2, old_order=("start", "end", "dimension", "definitions", "same_components"))
def values_gap(
    a: str,
    b: str,
    *,
    start: int | None = None,
    end: int | None = None,
    dimension: str | list[str] | None = None,
    definitions: str | Path | None = None,
    same_components: bool = False,
    footing: str = "linked",
) -> pd.DataFrame:
    """Return the values gap between states A and B per year and dimension.

    Columns: ``year, dimension, a_iso3, b_iso3, a_value, b_value, gap`` (A − B, on the 0–1 scale where
    higher = freer / less captured), ``a_lo, a_hi, b_lo, b_hi, gap_lo, gap_hi`` (intervals from the
    sources' own uncertainty, NaN where unavailable; the gap interval is ``[a_lo − b_hi, a_hi − b_lo]``),
    ``a_n_components, b_n_components, a_components, b_components`` (the ``source:variable`` list the
    value rests on that year; empty where there is none: the value is then NaN, never 0),
    ``a_unlinked, b_unlinked`` (plain means of those components) and ``coverage_change`` (what entered
    or left that year and what the link rests on).
    With the default ``footing="linked"`` both states are scored each year on the components BOTH have
    (identical lists), and each series is chain-linked (:func:`dimension_values`), so neither a source
    covering one state only nor a source starting or ending moves the gap. ``footing="present"``: plain
    means of whatever is present (``same_components=True`` then keeps only the components both have).
    Without ``start``/``end`` the period is the years in which every requested dimension has a value for
    both states.
    Source: the store's ``indicators`` table; rules in ``facts/dimensions.toml``.
    """
    start, end = check_period(start, end)
    _check_footing(footing)
    dims = select_dimensions(dimension, load_dimensions(definitions))
    ca, cb = check_dyad(a, b)
    if ca.iso3 == cb.iso3:
        raise InputError(f"A and B are the same state ({ca.name}): give two different states")
    _check_components_in_store(dims)
    key = tuple(dims)
    got = dyad_gap(
        _state_arrays(ca.iso3, key),
        _state_arrays(cb.iso3, key),
        dims,
        _span(key)[0],
        start,
        end,
        footing,
        same_components,
    )
    if got is None:
        covers = {c.name: _state_coverage(c.iso3, dims) for c in (ca, cb)}
        lo, hi = -10_000 if start is None else start, 10_000 if end is None else end
        outside = [n for n, c in covers.items() if c is None or c[1] < lo or c[0] > hi]
        if not outside:
            raise NoData(_no_common_message(covers, dims, start, end))
        spans = ", ".join(f"{n} {covers[n][0]}–{covers[n][1]}" for n in outside if covers[n])  # type: ignore[index]
        if not spans:
            raise NoData(_no_data_message(outside, start, end, _coverage(dims)))
        period = f" in {start}–{end}" if start is not None or end is not None else ""
        raise NoData(
            f"no value-dimension data for {' or '.join(outside)}{period}: the {_what(dims)} indicators cover "
            f"{spans}; try another period"
        )
    out, first, last = got
    out.insert(2, "a_iso3", ca.iso3)
    out.insert(3, "b_iso3", cb.iso3)
    return annotate(out.reset_index(drop=True), states=[ca, cb], start=first, end=last)


@renamed_arguments(positional=1, old_order=("dimension", "start", "end", "definitions"))
def value_components(
    state: str,
    *,
    dimension: str | list[str] | None = None,
    start: int | None = None,
    end: int | None = None,
    definitions: str | Path | None = None,
) -> pd.DataFrame:
    """Return the indicators behind a state's dimensions, raw and scaled, per year.

    Columns: ``year, dimension, iso3, source, variable, raw, raw_lower, raw_upper, transform, scaled,
    scaled_lo, scaled_hi``. ``transform`` names the rule (``identity``, ``normal_cdf``, ``minmax``, with
    ``1 − …`` where lower raw values are better). Only components the store holds for that year appear.
    Source: the store's ``indicators`` table.
    """
    dims, country, scaled, _ = _one_state(state, dimension, start, end, definitions)
    order = {d.name: i for i, d in enumerate(dims)}
    scaled = scaled.assign(_d=scaled["dimension"].map(order)).sort_values(["year", "_d", "order"])
    cols = [
        "year",
        "dimension",
        "iso3",
        "source",
        "variable",
        "raw",
        "raw_lower",
        "raw_upper",
        "transform",
        "scaled",
        "scaled_lo",
        "scaled_hi",
    ]
    out = scaled[cols].reset_index(drop=True)
    out["year"] = out["year"].astype(int)
    return annotate(out, states=[country], start=start, end=end)


def dimension_catalog(definitions: str | Path | None = None) -> pd.DataFrame:
    """Return the declared components: ``dimension, source, variable, transform, direction, min, max, note``."""
    rows = []
    for dim in load_dimensions(definitions).values():
        for c in dim.components:
            rows.append(
                {
                    "dimension": dim.name,
                    "source": c.source,
                    "variable": c.variable,
                    "transform": c.transform,
                    "direction": c.direction,
                    "min": c.scale_min,
                    "max": c.scale_max,
                    "note": c.note,
                }
            )
    return pd.DataFrame(rows)
