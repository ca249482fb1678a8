"""Where a track shifts: change points in the mean of a yearly series, each told in one sentence.

Detection: ``ruptures.Pelt`` with the ``l2`` cost (a change in mean), at least ``MIN_SIZE`` years per
segment, and a BIC penalty ``pen = 2 · σ̂² · ln(n)`` — two parameters per change (its year and the
new mean), scaled by the noise variance. σ̂ is estimated robustly from year-to-year differences,
σ̂ = MAD(Δy) / (0.6745 · √2), so that the shifts themselves barely inflate it (sd(Δy)/√2 where
the MAD is 0). Missing years (NaN)
are left out before detection; segments are described with the years they actually cover.

This module works on frames only (the output of :func:`valuesgap.analysis.tracks.tracks`); it never
opens the store.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import ruptures

from valuesgap.errors import InputError

MIN_SIZE = 3
STABLE = 0.05  # a companion track moving less than this between segments "stayed"

LABELS = {
    "shared_interests": "shared-interest vote similarity",
    "values_votes": "human-rights vote similarity",
    "values_institutions": "the institutional values gap",
    "ideal_distance": "the ideal-point distance",
    "ideal_distance_hr": "the ideal-point distance on human rights",
}
COMPANION = {
    "shared_interests": "values_votes",
    "values_votes": "shared_interests",
    "values_institutions": "shared_interests",
    "ideal_distance": "values_institutions",
    "ideal_distance_hr": "shared_interests",
}
CHANGE_COLUMNS = [
    "track",
    "year",
    "before_from",
    "before_to",
    "before_mean",
    "after_from",
    "after_to",
    "after_mean",
    "change",
    "direction",
    "companion",
    "companion_before",
    "companion_after",
    "companion_min",
    "companion_max",
    "sentence",
]


def noise_sd(values: np.ndarray) -> float:
    """Return σ̂ = MAD of the first differences / (0.6745 · √2); 0 for fewer than 3 values.

    Where more than half the differences are equal (MAD = 0: a flat series with one jump, or a
    perfectly regular zig-zag), the standard deviation of the differences / √2 is used instead.
    """
    y = np.asarray(values, dtype=float)
    if y.size < 3:
        return 0.0
    d = np.diff(y)
    mad = float(np.median(np.abs(d - np.median(d))))
    if mad > 0:
        return mad / 0.6745 / math.sqrt(2)
    return float(np.std(d)) / math.sqrt(2)


def bic_penalty(values: np.ndarray) -> float:
    """Return the penalty 2 · σ̂² · ln(n) used by :func:`breakpoints`."""
    y = np.asarray(values, dtype=float)
    return 2.0 * noise_sd(y) ** 2 * math.log(max(y.size, 2))


def breakpoints(values: np.ndarray, min_size: int = MIN_SIZE, pen: float | None = None) -> list[int]:
    """Return the indices where a new segment starts (0 < i < n) in a series without NaN.

    ``pen`` defaults to :func:`bic_penalty`. A series shorter than 2 · ``min_size`` has no change point;
    so has a series without noise and without a step (σ̂ = 0 and constant).
    """
    y = np.asarray(values, dtype=float)
    if np.isnan(y).any():
        raise InputError("breakpoints needs a series without missing values: drop the NaN years first")
    if min_size < 1:
        raise InputError(f"min_size must be at least 1, got {min_size}")
    if y.size < 2 * min_size or np.ptp(y) == 0:
        return []
    penalty = bic_penalty(y) if pen is None else float(pen)
    if penalty <= 0:  # every difference equal: no noise and no jump to find
        return []
    ends = ruptures.Pelt(model="l2", min_size=min_size, jump=1).fit(y.reshape(-1, 1)).predict(pen=penalty)
    return [int(e) for e in ends[:-1]]


def segments(years: np.ndarray, values: np.ndarray, min_size: int = MIN_SIZE, pen: float | None = None) -> pd.DataFrame:
    """Return the segments of a yearly series: ``start_year, end_year, n_years, mean``.

    NaN values are dropped first; an empty or all-NaN series gives an empty frame.
    """
    years = np.asarray(years)
    values = np.asarray(values, dtype=float)
    keep = ~np.isnan(values)
    years, values = years[keep], values[keep]
    if values.size == 0:
        return pd.DataFrame(columns=["start_year", "end_year", "n_years", "mean"])
    cuts = [0, *breakpoints(values, min_size, pen), values.size]
    rows = [
        {
            "start_year": int(years[i]),
            "end_year": int(years[j - 1]),
            "n_years": j - i,
            "mean": float(values[i:j].mean()),
        }
        for i, j in zip(cuts[:-1], cuts[1:])
    ]
    return pd.DataFrame(rows)


def _span(first: int, last: int) -> str:
    return f"{first}" if first == last else f"{first}–{last}"


def _mean_in(frame: pd.DataFrame, column: str, first: int, last: int) -> tuple[float, float, float]:
    """Return (mean, min, max) of ``column`` over the years first…last (NaN if none)."""
    sel = frame.loc[(frame["year"] >= first) & (frame["year"] <= last), column].dropna()
    if sel.empty:
        return math.nan, math.nan, math.nan
    return float(sel.mean()), float(sel.min()), float(sel.max())


def describe(row: dict) -> str:
    """Return the one-sentence account of one change (a row of :func:`change_points`), numbers only."""
    label = LABELS.get(row["track"], row["track"])
    verb = {"up": "rose", "down": "fell"}[row["direction"]]
    text = (
        f"From {row['year']}, {label} {verb} from {row['before_mean']:.2f} "
        f"(mean of {_span(row['before_from'], row['before_to'])}) to {row['after_mean']:.2f} "
        f"(mean of {_span(row['after_from'], row['after_to'])})"
    )
    comp = row.get("companion")
    if comp and not math.isnan(row["companion_before"]) and not math.isnan(row["companion_after"]):
        clabel = LABELS.get(comp, comp)
        span = _span(row["before_from"], row["after_to"])
        if abs(row["companion_after"] - row["companion_before"]) <= STABLE:
            text += (
                f", while {clabel} stayed between {row['companion_min']:.2f} and {row['companion_max']:.2f} ({span})"
            )
        else:
            cverb = "rose" if row["companion_after"] > row["companion_before"] else "fell"
            text += (
                f", while {clabel} {cverb} from {row['companion_before']:.2f} to "
                f"{row['companion_after']:.2f} (means over the same years)"
            )
    return text + "."


def change_points(
    frame: pd.DataFrame,
    columns: tuple[str, ...] | list[str] = ("shared_interests", "values_votes", "values_institutions"),
    min_size: int = MIN_SIZE,
) -> pd.DataFrame:
    """Return every change point of each track in ``frame`` (a :func:`tracks` frame), oldest first.

    Columns: ``track, year`` (first year of the new level), ``before_from, before_to, before_mean,
    after_from, after_to, after_mean`` (the adjacent segments and their means), ``change`` (after −
    before), ``direction`` (up/down), ``companion`` (the track it is compared with), ``companion_before,
    companion_after`` (its means over the same two spans), ``companion_min, companion_max`` (its range over
    both spans), ``sentence`` (the change in one sentence, built from these numbers).
    """
    if "year" not in frame.columns:
        raise InputError("change_points needs a tracks frame with a 'year' column")
    rows = []
    for column in columns:
        if column not in frame.columns:
            raise InputError(f"no column {column!r} in the tracks frame: use one of {', '.join(LABELS)}")
        segs = segments(frame["year"].to_numpy(), frame[column].to_numpy(dtype=float), min_size)
        comp = COMPANION.get(column)
        if comp not in frame.columns:
            comp = None
        for before, after in zip(segs.iloc[:-1].itertuples(), segs.iloc[1:].itertuples()):
            row: dict[str, Any] = {
                "track": column,
                "year": int(after.start_year),
                "before_from": int(before.start_year),
                "before_to": int(before.end_year),
                "before_mean": float(before.mean),
                "after_from": int(after.start_year),
                "after_to": int(after.end_year),
                "after_mean": float(after.mean),
                "change": float(after.mean - before.mean),
                "direction": "up" if after.mean > before.mean else "down",
                "companion": comp or "",
                "companion_before": math.nan,
                "companion_after": math.nan,
                "companion_min": math.nan,
                "companion_max": math.nan,
            }
            if comp:
                row["companion_before"] = _mean_in(frame, comp, row["before_from"], row["before_to"])[0]
                row["companion_after"] = _mean_in(frame, comp, row["after_from"], row["after_to"])[0]
                _, row["companion_min"], row["companion_max"] = _mean_in(
                    frame, comp, row["before_from"], row["after_to"]
                )
            row["sentence"] = describe(row)
            rows.append(row)
    out = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    return out.sort_values(["year", "track"], kind="stable").reset_index(drop=True)


__all__ = ["bic_penalty", "breakpoints", "change_points", "describe", "noise_sd", "segments"]
