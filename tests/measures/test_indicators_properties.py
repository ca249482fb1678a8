"""Properties of the scaling and combining rules (hypothesis): bounds stay ordered, means stay inside."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from valuesgap.measures.indicators import Component, Dimension, combine_components, scale_components

COMPONENTS = (
    Component("s", "idx", "identity", "lower_better"),
    Component("s", "latent", "normal_cdf", "higher_better"),
    Component("s", "rating", "minmax", "lower_better", 1, 7),
)
DIM = Dimension("d", "D", "", COMPONENTS)

finite = st.floats(-6, 6, allow_nan=False)
half_width = st.floats(0, 2, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from([c.variable for c in COMPONENTS]), finite, half_width, st.booleans()),
        min_size=1,
        max_size=6,
        unique_by=lambda t: t[0],
    )
)
def test_interval_contains_value_and_mean_is_inside(rows):
    # the identity transform is for indices already on 0–1: draw those on 0–1 (x on −6…6 → (x + 6)/12)
    rows = [(var, (x + 6) / 12, h / 12, has) if var == "idx" else (var, x, h, has) for var, x, h, has in rows]
    raw = pd.DataFrame(
        [("X", 2000, "s", var, x, x - h if has else np.nan, x + h if has else np.nan) for var, x, h, has in rows],
        columns=["iso3", "year", "source", "variable", "value", "lower", "upper"],
    )
    scaled = scale_components(raw, DIM)
    assert scaled["scaled"].between(0, 1).all()
    bounded = scaled.dropna(subset=["scaled_lo"])
    assert (bounded["scaled_lo"] <= bounded["scaled"] + 1e-12).all()
    assert (bounded["scaled"] <= bounded["scaled_hi"] + 1e-12).all()
    out = combine_components(scaled).iloc[0]
    assert scaled["scaled"].min() - 1e-12 <= out["value"] <= scaled["scaled"].max() + 1e-12
    assert out["n_components"] == len(rows)
    if bounded.empty:
        assert np.isnan(out["lo"]) and np.isnan(out["hi"])
    else:
        assert out["lo"] <= out["value"] + 1e-12 <= out["hi"] + 2e-12
