"""Early and recent windows, window means and the correlation of two yearly series (hand-computed cases)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from valuesgap.analysis.trends import column_windows, correlation, span_text, value_in, window_mean, windows


def test_windows_hold_five_years_or_half_the_series():
    assert windows(list(range(1992, 2024))) == ((1992, 1996), (2019, 2023))  # 32 years: five each
    assert windows([2000, 2001, 2002, 2003, 2004, 2005, 2006]) == ((2000, 2002), (2004, 2006))  # 7 // 2 = 3
    assert windows([2000, 2001, 2002]) == ((2000, 2000), (2002, 2002))
    assert windows([1990, 2010]) == ((1990, 1990), (2010, 2010))  # gaps between years do not matter
    assert windows([2000]) == ((2000, 2000), (2000, 2000))
    assert windows([]) is None
    assert windows(list(range(2000, 2020)), window=2) == ((2000, 2001), (2018, 2019))


def test_column_windows_skip_years_without_a_value():
    frame = pd.DataFrame({"year": [2000, 2001, 2002, 2003, 2004], "x": [math.nan, 1.0, 2.0, math.nan, 4.0]})
    assert column_windows(frame, "x") == ((2001, 2001), (2004, 2004))  # 3 years with values: one each
    assert column_windows(frame.assign(x=math.nan), "x") is None


def test_window_mean_and_value_in_leave_missing_years_out():
    frame = pd.DataFrame({"year": [1, 2, 3, 4], "x": [1.0, math.nan, 3.0, 5.0]})
    assert window_mean(frame, "x", 1, 3) == 2.0  # (1 + 3) / 2, year 2 missing
    assert window_mean(frame, "x", 2, 4) == 4.0
    assert math.isnan(window_mean(frame, "x", 2, 2)) and math.isnan(window_mean(frame, "x", 7, 9))
    assert value_in(frame, "x", 4) == 5.0 and math.isnan(value_in(frame, "x", 9))


def test_correlation_by_hand():
    # x = 1, 2, 3; y = 2, 4, 7: deviations (−1, 0, 1) and (−7/3, −1/3, 8/3); Σdxdy = 5, Σdx² = 2,
    # Σdy² = 114/9, so r = 5 / √(2 · 114/9) = 15 / √228
    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0, math.nan], "y": [2.0, 4.0, 7.0, 1.0]})
    r, n = correlation(frame, "x", "y")
    assert n == 3 and r == pytest.approx(15 / math.sqrt(228), abs=1e-12)
    assert correlation(frame.iloc[:2], "x", "y") == (None, 2)


def test_span_text():
    assert span_text(1992, 1996) == "1992–1996" and span_text(2023, 2023) == "2023"
