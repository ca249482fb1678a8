"""Early against recent years of a yearly series: the windows, their means, and the link of two series.

A dyad's track is compared between its first and its last ``WINDOW`` years with data (fewer when the
series is short: half its years, at least one). :func:`windows` returns those two spans,
:func:`window_mean` the mean of a column over a span (missing years left out), :func:`correlation`
Pearson's r of two columns over the years where both are present. Pure: frames in, numbers out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

WINDOW = 5
MIN_CORRELATION_YEARS = 3

Span = tuple[int, int]


def span_text(first: int, last: int) -> str:
    """Return a span of years as printed: ``1992–1996``, or ``2023`` when it is one year."""
    return str(first) if first == last else f"{first}–{last}"


def windows(years: Sequence[int], window: int = WINDOW) -> tuple[Span, Span] | None:
    """Return the early and the recent span ((first, last), (first, last)) of sorted ``years``, or None.

    Each span holds ``k = min(window, len(years) // 2)`` years (at least one), so the two never overlap
    unless there is a single year.
    """
    years = [int(y) for y in years]
    if not years:
        return None
    k = max(1, min(window, len(years) // 2 or 1))
    return (years[0], years[k - 1]), (years[-k], years[-1])


def column_windows(frame: pd.DataFrame, column: str, window: int = WINDOW) -> tuple[Span, Span] | None:
    """Return :func:`windows` over the years in which ``column`` of a yearly ``frame`` has a value."""
    years = frame.loc[frame[column].notna(), "year"].astype(int).tolist()
    return windows(years, window)


def window_mean(frame: pd.DataFrame, column: str, first: int, last: int) -> float:
    """Return the mean of ``column`` over the years first…last of a yearly ``frame`` (NaN if none has a value)."""
    sel = frame.loc[(frame["year"] >= first) & (frame["year"] <= last), column].dropna()
    return float(sel.mean()) if not sel.empty else math.nan


def value_in(frame: pd.DataFrame, column: str, year: int) -> float:
    """Return ``column`` of a yearly ``frame`` in ``year`` (NaN if the year is absent)."""
    row = frame.loc[frame["year"] == year, column]
    return float(row.iloc[0]) if not row.empty else math.nan


def correlation(frame: pd.DataFrame, x: str, y: str) -> tuple[float | None, int]:
    """Return (Pearson r of columns ``x`` and ``y`` over the rows where both are present, that row count).

    r is None when fewer than :data:`MIN_CORRELATION_YEARS` rows have both.
    """
    both = frame[[x, y]].dropna()
    if len(both) < MIN_CORRELATION_YEARS:
        return None, len(both)
    return float(np.corrcoef(both[x], both[y])[0, 1]), len(both)


__all__ = ["WINDOW", "column_windows", "correlation", "span_text", "value_in", "window_mean", "windows"]
