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
    present = present.sort_values([*by, "order"])
    has_bounds = present["scaled_lo"].notna() & present["scaled_hi"].notna()
    work = present.assign(
        _lo=present["scaled_lo"].where(has_bounds, present["scaled"]),
        _hi=present["scaled_hi"].where(has_bounds, present["scaled"]),
        _bounded=has_bounds,
    )
    grouped = work.groupby(by, sort=True)
    out = grouped.agg(
        value=("scaled", "mean"),
        lo=("_lo", "mean"),
        hi=("_hi", "mean"),
        n_components=("scaled", "size"),
        _any_bounded=("_bounded", "any"),
        components=("component", ", ".join),
    ).reset_index()
    out.loc[~out["_any_bounded"], ["lo", "hi"]] = np.nan
    out["n_components"] = out["n_components"].astype(int)
    return out[out_cols]


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
    out["gap"] = out["a_value"] - out["b_value"]
    both = out[["a_lo", "a_hi", "b_lo", "b_hi"]].notna().all(axis=1)
    out["gap_lo"] = (out["a_lo"] - out["b_hi"]).where(both)
    out["gap_hi"] = (out["a_hi"] - out["b_lo"]).where(both)
    cols = [
        *on,
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
        *[f"{side}_{k}" for k in extra for side in ("a", "b")],
    ]
    return out.sort_values(on, ignore_index=True)[cols]


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


def _coverage_note(prev_year: int, year: int, before: list[str], now: list[str], link: list[str]) -> str:
    """Return e.g. ``"−cirights:physint_sum (last 2020); 2020→2021 linked on 4 components"`` ('' if none)."""
    gone = [c for c in before if c not in now]
    new = [c for c in now if c not in before]
    if not gone and not new:
        return ""
    parts = [f"−{c} (last {prev_year})" for c in gone] + [f"+{c} (from {year})" for c in new]
    if not link:
        return ", ".join(parts) + f"; no component in both {prev_year} and {year}: not linked (series break)"
    return ", ".join(parts) + f"; {prev_year}→{year} linked on {len(link)} component{'s' if len(link) > 1 else ''}"


def _link_series(years: np.ndarray, x: np.ndarray, keys: list[str]) -> tuple[np.ndarray, list[str]]:
    """Chain-link one series: return (linked value per year, coverage note per year).

    ``x`` is years × components (NaN = not measured), every row with at least one value, rows in year
    order. A link between adjacent rows is the change ``mean_L x[t] − mean_L x[t−1]`` over the
    components ``L`` present in both; rows with no common component break the series into stretches.
    In each stretch the anchor is the latest row with the most components (its plain mean is kept) and
    the other rows follow the links forwards and backwards from it.
    """
    present = ~np.isnan(x)
    plain = np.nanmean(x, axis=1)
    n = present.sum(axis=1)
    change = np.full(len(years), np.nan)  # change[i]: from row i−1 to row i
    notes = [""] * len(years)
    for i in range(1, len(years)):
        link = present[i] & present[i - 1]
        notes[i] = _coverage_note(
            int(years[i - 1]),
            int(years[i]),
            [k for k, p in zip(keys, present[i - 1]) if p],
            [k for k, p in zip(keys, present[i]) if p],
            [k for k, p in zip(keys, link) if p],
        )
        if link.any():
            change[i] = float(x[i, link].mean() - x[i - 1, link].mean())
    linked = plain.copy()
    starts = [0, *[i for i in range(1, len(years)) if np.isnan(change[i])], len(years)]
    for lo, hi in zip(starts[:-1], starts[1:]):
        stretch = n[lo:hi]
        anchor = lo + int(np.flatnonzero(stretch == stretch.max())[-1])
        for i in range(anchor + 1, hi):
            linked[i] = linked[i - 1] + change[i]
        for i in range(anchor, lo, -1):
            linked[i - 1] = linked[i] - change[i]
    return linked, notes


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
    plain = combine_components(scaled, by=[*by, "year"])
    out_cols = [*by, "year", *LINKED_COLUMNS]
    if plain.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in out_cols})
    present = scaled[scaled["scaled"].notna()]
    order = present.drop_duplicates("component").sort_values("order")["component"].tolist()
    parts = []
    for key, grid in present.pivot_table(
        index=[*by, "year"], columns="component", values="scaled", aggfunc="mean"
    ).groupby(level=list(range(len(by))), sort=True):
        grid = grid.dropna(axis=1, how="all")
        grid = grid.reindex(columns=[c for c in order if c in grid.columns]).sort_index()
        years = grid.index.get_level_values("year").to_numpy()
        series, notes = _link_series(years, grid.to_numpy(dtype=float), list(grid.columns))
        key = key if isinstance(key, tuple) else (key,)
        frame = pd.DataFrame({"year": years, "linked": series, "coverage_change": notes})
        for col, val in zip(by, key):
            frame[col] = val
        parts.append(frame)
    links = pd.concat(parts, ignore_index=True)
    out = plain.merge(links, on=[*by, "year"], how="left")
    out["unlinked"] = out["value"]
    if not linked:
        return out[out_cols].sort_values([*by, "year"], ignore_index=True)
    shift = out["linked"] - out["value"]
    out["value"] = out["linked"].clip(0.0, 1.0)
    out["lo"] = (out["lo"] + shift).clip(0.0, 1.0)
    out["hi"] = (out["hi"] + shift).clip(0.0, 1.0)
    return out[out_cols].sort_values([*by, "year"], ignore_index=True)
