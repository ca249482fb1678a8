"""The dyadic values gap on arrays: one state's scaled components laid out once, any partner in milliseconds.

Same rules as the frame path (:func:`valuesgap.measures.indicators.common_components`, then
:func:`valuesgap.measures.indicators.link_components`, then :func:`valuesgap.measures.indicators.dyadic_gap`):
both sides go through :func:`valuesgap.measures.linking.combine_and_link`. The per-state layout
(:func:`state_arrays`) is what a server keeps per data version; :func:`dyad_gap` then costs a few small
array operations per dimension instead of pandas pivots and merges.

Pure: frames and arrays in, a frame out.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from valuesgap.measures.indicators import GAP_COLUMNS, Dimension, with_gap
from valuesgap.measures.linking import combine_and_link

StateArrays = tuple[np.ndarray, np.ndarray, np.ndarray]

#: The columns of :func:`dyad_gap`: year, dimension, the gap's, the plain means and the coverage notes.
DYAD_COLUMNS = ["year", "dimension", *GAP_COLUMNS, "a_unlinked", "b_unlinked", "coverage_change"]


def state_arrays(scaled: pd.DataFrame, dims: Sequence[Dimension], first: int, last: int) -> StateArrays:
    """Return one state's ``(scaled, scaled_lo, scaled_hi)``, each ``(dimensions, components, years)``.

    ``scaled``: the state's rows of :func:`valuesgap.measures.indicators.scale_components` for ``dims``;
    components in definition order (padded with NaN up to the largest dimension), years ``first``–``last``.
    A (year, component) filed twice is averaged.
    """
    width = max(len(d.components) for d in dims)
    shape = (len(dims), width, last - first + 1)
    total = np.zeros((3, *shape))
    count = np.zeros(shape)
    slot = {(d.name, c.key): (i, j) for i, d in enumerate(dims) for j, c in enumerate(d.components)}
    rows = scaled[scaled["scaled"].notna() & scaled["year"].between(first, last)]
    if not rows.empty:
        where = [slot.get(k, (-1, -1)) for k in zip(rows["dimension"], rows["component"])]
        dim_i = np.array([w[0] for w in where])
        comp_i = np.array([w[1] for w in where])
        keep = dim_i >= 0
        cell = (dim_i[keep], comp_i[keep], rows["year"].to_numpy(dtype=np.int64)[keep] - first)
        np.add.at(count, cell, 1.0)
        for k, col in enumerate(("scaled", "scaled_lo", "scaled_hi")):
            np.add.at(total[k], cell, rows[col].to_numpy(dtype=float)[keep])
    with np.errstate(invalid="ignore"):
        x, lo, hi = total / np.where(count > 0, count, np.nan)
    return x, lo, hi


def dyad_gap(
    a: StateArrays,
    b: StateArrays,
    dims: Sequence[Dimension],
    first: int,
    start: int | None,
    end: int | None,
    footing: str = "linked",
    same_components: bool = False,
) -> tuple[pd.DataFrame, int, int] | None:
    """Return (gap frame, first year, last year) of the dyad, or None when neither side has data in the period.

    ``a``, ``b``: :func:`state_arrays` with years from ``first``. Columns :data:`DYAD_COLUMNS`, rows year ×
    dimension (definition order). ``footing="linked"`` (or ``same_components``) keeps the components both
    have each year; each side is combined and, linked, chain-linked over all years before the period is
    cut. Without ``start``/``end`` the period is the years in which every dimension has a value for both
    (else the years in which anything has one).
    """
    common = footing == "linked" or same_components
    if common:
        both = ~np.isnan(a[0]) & ~np.isnan(b[0])
        a = tuple(np.where(both, arr, np.nan) for arr in a)  # type: ignore[assignment]
        b = tuple(np.where(both, arr, np.nan) for arr in b)  # type: ignore[assignment]
    span = np.arange(first, first + a[0].shape[-1])
    sides = []
    for side in (a, b):
        per_dim = [
            combine_and_link(
                side[0][i : i + 1, : len(d.components)],
                side[1][i : i + 1, : len(d.components)],
                side[2][i : i + 1, : len(d.components)],
                [c.key for c in d.components],
                span,
                linked=footing == "linked",
            )
            for i, d in enumerate(dims)
        ]
        sides.append({k: np.concatenate([p[k] for p in per_dim]) for k in per_dim[0]})  # (dims, years)
    inside = np.ones(len(span), dtype=bool)
    if start is not None:
        inside &= span >= start
    if end is not None:
        inside &= span <= end
    has = [(s["n_components"] > 0) & inside for s in sides]
    if not (has[0] | has[1]).any():
        return None
    full = has[0].all(axis=0) & has[1].all(axis=0)
    years = span[full] if full.any() else span[(has[0] | has[1]).any(axis=0)]
    lo_year = int(start) if start is not None else int(years[0])
    hi_year = int(end) if end is not None else int(years[-1])
    return _frame(sides, dims, span, lo_year, hi_year), lo_year, hi_year


def _frame(
    sides: list[dict[str, np.ndarray]], dims: Sequence[Dimension], span: np.ndarray, lo: int, hi: int
) -> pd.DataFrame:
    """Return the gap rows of years ``lo``–``hi`` × dims from the combined ``(dims, years)`` arrays of A and B."""
    years = np.arange(lo, hi + 1)
    at = years - span[0]
    valid = (at >= 0) & (at < len(span))
    col = np.clip(at, 0, len(span) - 1)

    def cells(side: dict[str, np.ndarray], key: str, empty: float | int | str) -> np.ndarray:
        grid = side[key][:, col]  # (dims, window years)
        grid = np.where(valid[None, :] & (side["n_components"][:, col] > 0), grid, empty)
        return grid.T.ravel()  # year-major, dimension in definition order

    out = {
        "year": np.repeat(years, len(dims)).astype(np.int64),
        "dimension": np.tile(np.array([d.name for d in dims], dtype=object), len(years)),
    }
    for name, side in zip("ab", sides):
        for key in ("value", "lo", "hi", "unlinked"):
            out[f"{name}_{key}"] = cells(side, key, np.nan).astype(float)
        out[f"{name}_n_components"] = cells(side, "n_components", 0).astype(np.int64)
        out[f"{name}_components"] = cells(side, "components", "").astype(object)
        out[f"{name}_notes"] = cells(side, "coverage_change", "").astype(object)
    frame = with_gap(pd.DataFrame(out))
    frame["coverage_change"] = [
        x if x == y else "; ".join(f"{s}: {t}" for s, t in (("A", x), ("B", y)) if t)
        for x, y in zip(frame.pop("a_notes"), frame.pop("b_notes"))
    ]
    return frame[DYAD_COLUMNS]


__all__ = ["DYAD_COLUMNS", "StateArrays", "dyad_gap", "state_arrays"]
