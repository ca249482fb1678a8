"""Putting indicators on one 0–1 scale (higher = better), combining them into dimensions, dyadic gaps.

Pure functions on arrays and frames; the rules are documented in ``valuesgap/facts/dimensions.toml``:

- transform: ``identity`` | ``normal_cdf`` (Φ) | ``minmax`` (documented scale bounds, clipped to 0–1);
- direction: ``higher_better`` keeps the value, ``lower_better`` takes ``1 − value`` and swaps the bounds;
- a dimension = the mean of the components present; its interval = the mean of the component bounds,
  a component without bounds contributing its point value to both; no bounds at all → NaN;
- constant footing (:func:`link_components`): a series is chain-linked so that a component entering or
  leaving does not move it; each year-to-year change is measured on the components present in both
  years, and the level is that of the latest year with the fullest component set (``docs/values.md``);
- gap = A − B, interval ``[a_lo − b_hi, a_hi − b_lo]`` when both sides have one, else NaN;
- trend: a change beyond ±``TREND_THRESHOLD`` on the 0–1 scale is rising/falling, otherwise stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.special import ndtr

from valuesgap.measures.linking import combine_and_link

TRANSFORMS = ("identity", "normal_cdf", "minmax")
DIRECTIONS = ("higher_better", "lower_better")

#: A change in a 0–1 dimension larger than this (5 points on the 0–100 reading) counts as rising or
#: falling; anything within it is "stable". It is about the width of a typical V-Dem one-sd interval
#: for a mid-range country, so smaller moves are within measurement noise.
TREND_THRESHOLD = 0.05


@dataclass(frozen=True)
class Component:
    """One published indicator inside a dimension, and how it is put on the 0–1 scale."""

    source: str
    variable: str
    transform: str = "identity"
    direction: str = "higher_better"
    scale_min: float | None = None
    scale_max: float | None = None
    note: str = ""

    @property
    def key(self) -> str:
        """Return ``"source:variable"``, the label used in component lists."""
        return f"{self.source}:{self.variable}"

    def __post_init__(self) -> None:
        if self.transform not in TRANSFORMS:
            raise ValueError(f"{self.key}: transform {self.transform!r} is not one of {', '.join(TRANSFORMS)}")
        if self.direction not in DIRECTIONS:
            raise ValueError(f"{self.key}: direction {self.direction!r} is not one of {', '.join(DIRECTIONS)}")
        if self.transform == "minmax":
            if self.scale_min is None or self.scale_max is None:
                raise ValueError(f"{self.key}: transform 'minmax' needs 'min' and 'max' (the documented scale bounds)")
            if not self.scale_max > self.scale_min:
                raise ValueError(f"{self.key}: 'max' ({self.scale_max}) must be above 'min' ({self.scale_min})")


@dataclass(frozen=True)
class Dimension:
    """A value dimension: a name, a label, what it means, and its components."""

    name: str
    label: str
    description: str
    components: tuple[Component, ...] = field(default_factory=tuple)


def _transform(x: np.ndarray, component: Component) -> np.ndarray:
    """Return ``x`` transformed to 0–1 in the source's own direction (before inversion)."""
    if component.transform == "identity":
        return x
    if component.transform == "normal_cdf":
        return ndtr(x)
    lo, hi = float(component.scale_min), float(component.scale_max)  # type: ignore[arg-type]
    return np.clip((x - lo) / (hi - lo), 0.0, 1.0)


def scale_values(values: np.ndarray | pd.Series, component: Component) -> np.ndarray:
    """Return the values on the 0–1, higher-is-better scale (NaN stays NaN)."""
    t = _transform(np.asarray(values, dtype=float), component)
    return 1.0 - t if component.direction == "lower_better" else t


def scale_interval(
    lower: np.ndarray | pd.Series, upper: np.ndarray | pd.Series, component: Component
) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(lo, hi)`` on the 0–1 scale; ``lower_better`` swaps the bounds. NaN bounds stay NaN."""
    t_lo = _transform(np.asarray(lower, dtype=float), component)
    t_hi = _transform(np.asarray(upper, dtype=float), component)
    if component.direction == "lower_better":
        return 1.0 - t_hi, 1.0 - t_lo
    return t_lo, t_hi


def scale_components(raw: pd.DataFrame, dimension: Dimension) -> pd.DataFrame:
    """Scale the raw indicator rows that belong to ``dimension``.

    ``raw`` has columns ``iso3, year, source, variable, value, lower, upper`` (the store's ``indicators``
    layout). Returns one row per present component value: ``iso3, year, dimension, source, variable,
    component`` ("source:variable"), ``order`` (position in the definition), ``transform, raw, raw_lower,
    raw_upper, scaled, scaled_lo, scaled_hi``. Rows with a missing raw value are dropped (absent, not 0).
    """
    parts = []
    for order, comp in enumerate(dimension.components):
        rows = raw[(raw["source"] == comp.source) & (raw["variable"] == comp.variable)]
        rows = rows[rows["value"].notna()]
        if rows.empty:
            continue
        lo, hi = scale_interval(rows["lower"], rows["upper"], comp)
        parts.append(
            pd.DataFrame(
                {
                    "iso3": rows["iso3"].to_numpy(),
                    "year": rows["year"].to_numpy(),
                    "dimension": dimension.name,
                    "source": comp.source,
                    "variable": comp.variable,
                    "component": comp.key,
                    "order": order,
                    "transform": comp.transform if comp.direction == "higher_better" else f"1 − {comp.transform}",
                    "raw": rows["value"].to_numpy(dtype=float),
                    "raw_lower": rows["lower"].to_numpy(dtype=float),
                    "raw_upper": rows["upper"].to_numpy(dtype=float),
                    "scaled": scale_values(rows["value"], comp),
                    "scaled_lo": lo,
                    "scaled_hi": hi,
                }
            )
        )
    columns = [
        "iso3",
        "year",
        "dimension",
        "source",
        "variable",
        "component",
        "order",
        "transform",
        "raw",
        "raw_lower",
        "raw_upper",
        "scaled",
        "scaled_lo",
        "scaled_hi",
    ]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=float if c.startswith(("raw", "scaled")) else object) for c in columns})
    return pd.concat(parts, ignore_index=True)[columns]


def combine_components(scaled: pd.DataFrame, by: list[str] | None = None) -> pd.DataFrame:
    """Combine scaled components into dimension values: the mean of the components present.

    ``scaled`` has ``by`` columns (default ``iso3, year, dimension``) plus ``component``, ``order``,
    ``scaled``, ``scaled_lo``, ``scaled_hi``. Returns ``by`` + ``value`` (mean of ``scaled``), ``lo``,
    ``hi`` (mean of bounds, a component without bounds counting its point value; NaN if no component has
    bounds), ``n_components`` and ``components`` (comma-separated ``source:variable`` in definition order).
    """
    by = by or ["iso3", "year", "dimension"]
    out_cols = [*by, "value", "lo", "hi", "n_components", "components"]
    present = scaled[scaled["scaled"].notna()]
    if present.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in out_cols})
    present = present.sort_values([*by, "order"], kind="stable")
    starts = _group_starts(present, by)
    value = present["scaled"].to_numpy(dtype=float)
    lo = present["scaled_lo"].to_numpy(dtype=float)
    hi = present["scaled_hi"].to_numpy(dtype=float)
    bounded = ~np.isnan(lo) & ~np.isnan(hi)
    size = np.diff(np.append(starts, len(present)))
    out = present[by].iloc[starts].reset_index(drop=True)
    out["value"] = np.add.reduceat(value, starts) / size
    any_bounded = np.logical_or.reduceat(bounded, starts)
    out["lo"] = np.where(any_bounded, np.add.reduceat(np.where(bounded, lo, value), starts) / size, np.nan)
    out["hi"] = np.where(any_bounded, np.add.reduceat(np.where(bounded, hi, value), starts) / size, np.nan)
    out["n_components"] = size.astype(int)
    names = present["component"].astype(str).tolist()
    out["components"] = [", ".join(names[i : i + k]) for i, k in zip(starts.tolist(), size.tolist())]
    return out[out_cols]


def _group_starts(frame: pd.DataFrame, by: list[str]) -> np.ndarray:
    """Return the row positions where a new ``by`` group starts in ``frame`` (sorted by ``by``)."""
    change = np.zeros(len(frame), dtype=bool)
    change[0] = True
    for col in by:
        values = frame[col].to_numpy()
        change[1:] |= values[1:] != values[:-1]
    return np.flatnonzero(change)


def dyadic_gap(a: pd.DataFrame, b: pd.DataFrame, on: list[str] | None = None) -> pd.DataFrame:
    """Join two states' dimension values and take the gap A − B.

    ``a`` and ``b`` have ``on`` columns (default ``year, dimension``) plus ``value, lo, hi, n_components,
    components``; rows missing on one side stay, with NaN values, 0 components and an empty components
    string. Returns ``on`` + ``a_value, b_value, gap, a_lo, a_hi, b_lo, b_hi, gap_lo, gap_hi,
    a_n_components, b_n_components, a_components, b_components`` (plus ``a_/b_unlinked`` and
    ``a_/b_coverage_change`` when both inputs have those columns); ``gap_lo = a_lo − b_hi`` and
    ``gap_hi = a_hi − b_lo`` (NaN unless both sides have an interval).
    """
    on = on or ["year", "dimension"]
    keep = ["value", "lo", "hi", "n_components", "components"]
    extra = [k for k in ("unlinked", "coverage_change") if k in a.columns and k in b.columns]
    keep = keep + extra
    left = a[[*on, *keep]].rename(columns={k: f"a_{k}" for k in keep})
    right = b[[*on, *keep]].rename(columns={k: f"b_{k}" for k in keep})
    out = left.merge(right, on=on, how="outer")
    for side in ("a", "b"):
        for k in ("value", "lo", "hi"):
            out[f"{side}_{k}"] = pd.to_numeric(out[f"{side}_{k}"], errors="coerce").astype(float)
        out[f"{side}_n_components"] = out[f"{side}_n_components"].fillna(0).astype(int)
        out[f"{side}_components"] = out[f"{side}_components"].fillna("").astype(str)
        if "unlinked" in extra:
            out[f"{side}_unlinked"] = pd.to_numeric(out[f"{side}_unlinked"], errors="coerce").astype(float)
        if "coverage_change" in extra:
            out[f"{side}_coverage_change"] = out[f"{side}_coverage_change"].fillna("").astype(str)
    out = with_gap(out)
    cols = [*on, *GAP_COLUMNS, *[f"{side}_{k}" for k in extra for side in ("a", "b")]]
    return out.sort_values(on, ignore_index=True)[cols]


#: The columns of a dyadic gap after its keys (:func:`dyadic_gap`).
GAP_COLUMNS = [
    "a_value",
    "b_value",
    "gap",
    "a_lo",
    "a_hi",
    "b_lo",
    "b_hi",
    "gap_lo",
    "gap_hi",
    "a_n_components",
    "b_n_components",
    "a_components",
    "b_components",
]


def with_gap(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` (``a_value, b_value, a_lo, a_hi, b_lo, b_hi``) with ``gap = a − b`` and its interval
    ``gap_lo = a_lo − b_hi``, ``gap_hi = a_hi − b_lo`` (NaN unless both sides have an interval)."""
    frame["gap"] = frame["a_value"] - frame["b_value"]
    both = frame[["a_lo", "a_hi", "b_lo", "b_hi"]].notna().all(axis=1)
    frame["gap_lo"] = (frame["a_lo"] - frame["b_hi"]).where(both)
    frame["gap_hi"] = (frame["a_hi"] - frame["b_lo"]).where(both)
    return frame


def trend_word(start: float, end: float, threshold: float = TREND_THRESHOLD) -> str:
    """Return ``"rising"``, ``"falling"`` or ``"stable"`` for a move from ``start`` to ``end``.

    ``|end − start| <= threshold`` is stable; NaN on either side gives ``"unknown"``.
    """
    if start is None or end is None or np.isnan(start) or np.isnan(end):
        return "unknown"
    change = end - start
    if change > threshold:
        return "rising"
    if change < -threshold:
        return "falling"
    return "stable"


def trend_phrase(
    name: str, start_year: int, start: float, end_year: int, end: float, threshold: float = TREND_THRESHOLD
) -> str:
    """Return e.g. ``"media: 0.44 in 1998 → 0.10 in 2023, falling"`` (values to two decimals)."""
    if start_year == end_year:
        return f"{name}: {start:.2f} in {start_year} (no later year)"
    return f"{name}: {start:.2f} in {start_year} → {end:.2f} in {end_year}, {trend_word(start, end, threshold)}"


def common_components(scaled: pd.DataFrame, states: list[str]) -> pd.DataFrame:
    """Keep only the component values present for every one of ``states`` in the same year and dimension.

    ``scaled`` is the output of :func:`scale_components` for several states. Comparing the states on the
    same components removes gaps that come only from one source covering one state and not the other.
    """
    present = scaled[scaled["scaled"].notna() & scaled["iso3"].isin(states)]
    counts = present.groupby(["year", "dimension", "component"])["iso3"].nunique()
    shared = counts[counts == len(set(states))].reset_index()[["year", "dimension", "component"]]
    return present.merge(shared, on=["year", "dimension", "component"], how="inner")


def matched_change(scaled: pd.DataFrame, from_year: int, to_year: int) -> dict:
    """Compare one state's dimension between two years on the components present in both.

    ``scaled`` holds one state's rows of one dimension (``year, component, scaled``). Returns
    ``from_value`` and ``to_value`` (means over the shared components), ``n_components`` and
    ``components`` (comma-separated); NaN values and 0 components when no component is in both years.
    A source that starts or ends between the two years thus does not move the trend.
    """
    a = scaled[(scaled["year"] == from_year) & scaled["scaled"].notna()].set_index("component")["scaled"]
    b = scaled[(scaled["year"] == to_year) & scaled["scaled"].notna()].set_index("component")["scaled"]
    shared = [c for c in a.index if c in b.index]
    if not shared:
        return {"from_value": float("nan"), "to_value": float("nan"), "n_components": 0, "components": ""}
    return {
        "from_value": float(a[shared].mean()),
        "to_value": float(b[shared].mean()),
        "n_components": len(shared),
        "components": ", ".join(shared),
    }


LINKED_COLUMNS = ["value", "lo", "hi", "n_components", "components", "unlinked", "coverage_change"]


def link_components(scaled: pd.DataFrame, by: list[str] | None = None, linked: bool = True) -> pd.DataFrame:
    """Combine scaled components into dimension values on a constant footing (chain-linked).

    ``scaled`` is as for :func:`combine_components`. Per ``by`` group (default ``iso3, dimension``)
    the years with any component form a series. The change from one data year to the next is measured
    on the components present in BOTH years (like with like), so a component that starts or ends moves
    nothing: only measured changes do. The level is anchored on the latest year with the most
    components (the fullest set), where the value is the plain mean; the other years follow the
    changes from there. When two consecutive data years share no component the series breaks and each
    stretch has its own anchor.
    The interval is the plain interval (:func:`combine_components`) moved by the same amount as the
    value. Values and bounds are clipped to 0–1.

    Returns ``by`` + ``year, value, lo, hi, n_components, components`` (the components measured that
    year), ``unlinked`` (the plain mean of those components) and ``coverage_change`` (what entered or
    left since the previous data year and what the link rests on; '' when nothing changed).
    ``linked=False`` returns the plain means (``value == unlinked``) with the same columns and notes.
    """
    by = by or ["iso3", "dimension"]
    out_cols = [*by, "year", *LINKED_COLUMNS]
    present = scaled[scaled["scaled"].notna()]
    if present.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in out_cols})
    present = present.sort_values([*by, "year", "order"], kind="stable")
    rows, (x, lo, hi), keys, at = _series_grid(present, by)
    got = combine_and_link(x, lo, hi, keys, _year_grid(rows, at), linked=linked)
    out = rows.reset_index(drop=True)
    for col in LINKED_COLUMNS:
        out[col] = got[col][at]
    out["n_components"] = out["n_components"].astype(int)
    return out[out_cols]


def _series_grid(
    present: pd.DataFrame, by: list[str]
) -> tuple[pd.DataFrame, tuple[np.ndarray, np.ndarray, np.ndarray], list[str], tuple[np.ndarray, np.ndarray]]:
    """Lay the component rows out as ``(series, components, data years)`` arrays for :func:`combine_and_link`.

    ``present``: the rows with a value, sorted by ``by``, year, order. Returns the ``by`` + year of each
    series-year (one row each), the arrays of ``scaled``, ``scaled_lo``, ``scaled_hi`` (NaN = not
    measured; a duplicated row is averaged), the component names in definition order, and the
    (series, data-year position) of each series-year.
    """
    row_starts = _group_starts(present, [*by, "year"])
    rows = present[[*by, "year"]].iloc[row_starts]
    row_of = np.repeat(np.arange(len(row_starts)), np.diff(np.append(row_starts, len(present))))
    series_starts = _group_starts(rows, by)
    series = np.repeat(np.arange(len(series_starts)), np.diff(np.append(series_starts, len(rows))))
    position = np.arange(len(rows)) - series_starts[series]
    ranked = present.drop_duplicates("component").sort_values("order", kind="stable")["component"].tolist()
    column = {c: i for i, c in enumerate(ranked)}
    comp = present["component"].map(column).to_numpy()
    shape = (len(series_starts), len(ranked), int(position.max()) + 1)
    cell = (series[row_of], comp, position[row_of])
    count = np.zeros(shape)
    np.add.at(count, cell, 1.0)
    arrays = []
    for col in ("scaled", "scaled_lo", "scaled_hi"):
        total = np.zeros(shape)
        np.add.at(total, cell, present[col].to_numpy(dtype=float))
        with np.errstate(invalid="ignore"):
            arrays.append(total / np.where(count > 0, count, np.nan))
    return rows, (arrays[0], arrays[1], arrays[2]), ranked, (series, position)


def _year_grid(rows: pd.DataFrame, at: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Return the year label of each (series, data-year position) cell (0 in the padding)."""
    series, position = at
    years = np.zeros((int(series.max()) + 1, int(position.max()) + 1), dtype=np.int64)
    years[series, position] = rows["year"].to_numpy(dtype=np.int64)
    return years
