"""The array path of the values gap (measures/values_arrays.py) on hand-computed cases."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from valuesgap.measures.indicators import Component, Dimension
from valuesgap.measures.values_arrays import DYAD_COLUMNS, dyad_gap, state_arrays

NAN = float("nan")
DIM = Dimension("media", "Media", "test", (Component("s", "p"), Component("s", "q")))


def _scaled(rows: list[tuple[int, str, float, float, float]]) -> pd.DataFrame:
    """Rows (year, variable, scaled, lo, hi) of one state in the layout of scale_components."""
    return pd.DataFrame(
        [
            {"year": y, "dimension": "media", "component": f"s:{v}", "scaled": x, "scaled_lo": lo, "scaled_hi": hi}
            for y, v, x, lo, hi in rows
        ]
    )


def test_state_arrays_lays_components_out_by_definition_order_and_year():
    x, lo, hi = state_arrays(_scaled([(2001, "q", 0.4, 0.3, 0.5), (2000, "p", 0.2, NAN, NAN)]), [DIM], 2000, 2001)
    assert x.shape == (1, 2, 2)
    assert x[0, 0, 0] == 0.2 and math.isnan(x[0, 0, 1])
    assert x[0, 1, 1] == 0.4 and lo[0, 1, 1] == 0.3 and hi[0, 1, 1] == 0.5
    assert math.isnan(lo[0, 0, 0])


def test_dyad_gap_compares_on_common_components_and_chain_links():
    # A: p 0.2 → 0.3 (2000→2001), q only in 2001 (0.8). B: p 0.5 → 0.5, q in 2001 (0.6).
    a = state_arrays(
        _scaled([(2000, "p", 0.2, NAN, NAN), (2001, "p", 0.3, NAN, NAN), (2001, "q", 0.8, NAN, NAN)]), [DIM], 2000, 2001
    )
    b = state_arrays(
        _scaled([(2000, "p", 0.5, NAN, NAN), (2001, "p", 0.5, NAN, NAN), (2001, "q", 0.6, NAN, NAN)]), [DIM], 2000, 2001
    )
    frame, first, last = dyad_gap(a, b, [DIM], 2000, None, None)
    assert list(frame.columns) == DYAD_COLUMNS and (first, last) == (2000, 2001)
    # 2001 is the anchor (most components): A = (0.3 + 0.8)/2 = 0.55, B = 0.55; 2000 follows p's change
    assert frame["a_value"].tolist() == pytest.approx([0.55 - 0.1, 0.55])
    assert frame["b_value"].tolist() == pytest.approx([0.55, 0.55])
    assert frame["gap"].tolist() == pytest.approx([-0.1, 0.0])
    assert frame["a_components"].tolist() == ["s:p", "s:p, s:q"]
    assert frame.loc[1, "coverage_change"] == "+s:q (from 2001); 2000→2001 linked on 1 component"
    assert frame["a_unlinked"].tolist() == pytest.approx([0.2, 0.55])
    assert frame["gap_lo"].isna().all()  # no bounds anywhere


def test_dyad_gap_present_footing_keeps_each_sides_own_components_and_the_interval():
    a = state_arrays(_scaled([(2000, "p", 0.2, 0.1, 0.3), (2000, "q", 0.6, NAN, NAN)]), [DIM], 2000, 2000)
    b = state_arrays(_scaled([(2000, "p", 0.5, 0.4, 0.7)]), [DIM], 2000, 2000)
    frame, _, _ = dyad_gap(a, b, [DIM], 2000, None, None, footing="present")
    row = frame.iloc[0]
    assert row["a_value"] == pytest.approx(0.4) and row["b_value"] == pytest.approx(0.5)
    # A's interval: mean of (0.1, 0.6) and (0.3, 0.6): q has no bounds and counts its point value
    assert (row["a_lo"], row["a_hi"]) == pytest.approx((0.35, 0.45))
    assert (row["gap_lo"], row["gap_hi"]) == pytest.approx((0.35 - 0.7, 0.45 - 0.4))
    assert (row["a_n_components"], row["b_n_components"]) == (2, 1)


def test_dyad_gap_is_none_without_data_in_the_period_and_keeps_given_bounds():
    a = state_arrays(_scaled([(2000, "p", 0.2, NAN, NAN)]), [DIM], 2000, 2002)
    b = state_arrays(_scaled([(2000, "p", 0.4, NAN, NAN)]), [DIM], 2000, 2002)
    assert dyad_gap(a, b, [DIM], 2000, 2001, 2002) is None
    frame, first, last = dyad_gap(a, b, [DIM], 2000, 1999, 2001)
    assert (first, last) == (1999, 2001) and frame["year"].tolist() == [1999, 2000, 2001]
    assert np.isnan(frame["gap"].to_numpy()[[0, 2]]).all() and frame["gap"].iloc[1] == pytest.approx(-0.2)
    assert frame["a_n_components"].tolist() == [0, 1, 0] and frame["a_components"].tolist() == ["", "s:p", ""]
