"""Scaling, combining and gap rules of valuesgap.measures.indicators, on hand-computed cases."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from valuesgap.measures.indicators import (
    Component,
    Dimension,
    combine_components,
    common_components,
    dyadic_gap,
    matched_change,
    scale_components,
    scale_interval,
    scale_values,
    trend_phrase,
    trend_word,
)

IDENT = Component("vdem14", "v2x_clpol")
CORR = Component("vdem14", "v2x_corr", direction="lower_better")
LATENT = Component("wgi", "cc_estimate", transform="normal_cdf")
FH_PR = Component("fh_ratings", "pr", transform="minmax", direction="lower_better", scale_min=1, scale_max=7)
FH_TOTAL = Component("fh_scores", "total", transform="minmax", scale_min=0, scale_max=100)
POLITY = Component("polity5", "polity2", transform="minmax", scale_min=-10, scale_max=10)


def test_identity_keeps_values_and_nan():
    got = scale_values([0.2, np.nan, 0.9], IDENT)
    assert got[0] == pytest.approx(0.2) and np.isnan(got[1]) and got[2] == pytest.approx(0.9)


def test_lower_better_inverts():
    # corruption 0.785 -> 1 - 0.785 = 0.215
    assert scale_values([0.785], CORR)[0] == pytest.approx(0.215)


def test_normal_cdf_known_points():
    # Φ(0) = 0.5; Φ(1.959964) = 0.975; Φ(-1) = 0.158655 (normal table)
    got = scale_values([0.0, 1.959964, -1.0], LATENT)
    assert got == pytest.approx([0.5, 0.975, 0.158655], abs=1e-6)


def test_minmax_fh_rating_inverted():
    # FH pr 1 (best) -> 1, 7 (worst) -> 0, 4 -> (7-4)/6 = 0.5, 6 -> (7-6)/6 = 1/6
    assert scale_values([1, 7, 4, 6], FH_PR) == pytest.approx([1.0, 0.0, 0.5, 1 / 6])


def test_minmax_polity_and_clipping():
    # polity2 4 -> (4+10)/20 = 0.7; -10 -> 0
    assert scale_values([4, -10], POLITY) == pytest.approx([0.7, 0.0])
    # FH total -3 (discretionary question) -> clipped to 0; 83 -> 0.83
    assert scale_values([-3, 83], FH_TOTAL) == pytest.approx([0.0, 0.83])


def test_interval_swaps_for_lower_better():
    # corruption interval [0.70, 0.80] -> inverted [1-0.80, 1-0.70] = [0.20, 0.30]
    lo, hi = scale_interval([0.70], [0.80], CORR)
    assert (lo[0], hi[0]) == pytest.approx((0.20, 0.30))


def test_interval_through_normal_cdf():
    # WGI -1 ± 1.96*0.5 -> bounds -1.98, -0.02 -> Φ(-1.98) = 0.023852, Φ(-0.02) = 0.492022
    lo, hi = scale_interval([-1.98], [-0.02], LATENT)
    assert (lo[0], hi[0]) == pytest.approx((0.023852, 0.492022), abs=1e-6)


def test_component_validation():
    with pytest.raises(ValueError, match="needs 'min' and 'max'"):
        Component("x", "y", transform="minmax")
    with pytest.raises(ValueError, match="transform 'zscore'"):
        Component("x", "y", transform="zscore")
    with pytest.raises(ValueError, match="direction"):
        Component("x", "y", direction="up")


def _raw(rows):
    return pd.DataFrame(rows, columns=["iso3", "year", "source", "variable", "value", "lower", "upper"])


DIM = Dimension("capture", "Capture", "test", (CORR, LATENT))


def test_scale_components_picks_only_defined_rows_and_drops_missing():
    raw = _raw(
        [
            ("RUS", 2000, "vdem14", "v2x_corr", 0.8, np.nan, np.nan),
            ("RUS", 2000, "wgi", "cc_estimate", 0.0, -0.392, 0.392),
            ("RUS", 2000, "wgi", "rl_estimate", 1.0, np.nan, np.nan),  # not in the dimension
            ("RUS", 2001, "vdem14", "v2x_corr", np.nan, np.nan, np.nan),  # missing -> absent
        ]
    )
    got = scale_components(raw, DIM)
    assert list(got["component"]) == ["vdem14:v2x_corr", "wgi:cc_estimate"]
    # 1 - 0.8 = 0.2 ; Φ(0) = 0.5 ; Φ(±0.392) = 0.5 ± 0.15247 (table: Φ(0.392) ≈ 0.65247)
    assert got["scaled"].tolist() == pytest.approx([0.2, 0.5])
    assert got["scaled_lo"].iloc[1] == pytest.approx(0.34753, abs=1e-5)
    assert got["scaled_hi"].iloc[1] == pytest.approx(0.65247, abs=1e-5)
    assert np.isnan(got["scaled_lo"].iloc[0])


def test_combine_mean_of_present_and_interval_rule():
    raw = _raw(
        [
            ("RUS", 2000, "vdem14", "v2x_corr", 0.8, np.nan, np.nan),
            ("RUS", 2000, "wgi", "cc_estimate", 0.0, -0.392, 0.392),
            ("RUS", 1990, "vdem14", "v2x_corr", 0.6, np.nan, np.nan),
        ]
    )
    got = combine_components(scale_components(raw, DIM)).set_index("year")
    # 2000: mean(0.2, 0.5) = 0.35; lo = mean(0.2 [point], 0.34753) = 0.273765;
    #       hi = mean(0.2, 0.65247) = 0.426235
    assert got.loc[2000, "value"] == pytest.approx(0.35)
    assert got.loc[2000, "lo"] == pytest.approx(0.273765, abs=1e-5)
    assert got.loc[2000, "hi"] == pytest.approx(0.426235, abs=1e-5)
    assert got.loc[2000, "n_components"] == 2
    assert got.loc[2000, "components"] == "vdem14:v2x_corr, wgi:cc_estimate"
    # 1990: only the V-Dem index: 1 - 0.6 = 0.4, one component, no published interval -> NaN
    assert got.loc[1990, "value"] == pytest.approx(0.4)
    assert got.loc[1990, "n_components"] == 1
    assert math.isnan(got.loc[1990, "lo"]) and math.isnan(got.loc[1990, "hi"])


def test_combine_three_components_by_hand():
    dim = Dimension("democracy", "Democracy", "t", (IDENT, FH_PR, POLITY))
    raw = _raw(
        [
            ("USA", 2010, "vdem14", "v2x_clpol", 0.9, 0.85, 0.95),
            ("USA", 2010, "fh_ratings", "pr", 1.0, np.nan, np.nan),
            ("USA", 2010, "polity5", "polity2", 8.0, np.nan, np.nan),
        ]
    )
    got = combine_components(scale_components(raw, dim)).iloc[0]
    # components: 0.9 ; (7-1)/6 = 1.0 ; (8+10)/20 = 0.9 -> mean 2.8/3 = 0.933333
    # lo: (0.85 + 1.0 + 0.9)/3 = 0.916667 ; hi: (0.95 + 1.0 + 0.9)/3 = 0.95
    assert got["value"] == pytest.approx(2.8 / 3)
    assert got["lo"] == pytest.approx(2.75 / 3)
    assert got["hi"] == pytest.approx(0.95)
    assert got["components"] == "vdem14:v2x_clpol, fh_ratings:pr, polity5:polity2"


def test_combine_empty_gives_empty_frame():
    got = combine_components(scale_components(_raw([]), DIM))
    assert got.empty and "value" in got.columns


def _dim_frame(rows):
    frame = pd.DataFrame(rows, columns=["year", "dimension", "value", "lo", "hi", "components"])
    return frame.assign(n_components=1)


def test_dyadic_gap_values_and_interval():
    a = _dim_frame([(2000, "media", 0.9, 0.85, 0.95, "x:a"), (2001, "media", 0.8, np.nan, np.nan, "x:a")])
    b = _dim_frame([(2000, "media", 0.3, 0.2, 0.4, "x:a"), (2002, "media", 0.1, 0.0, 0.2, "x:a")])
    got = dyadic_gap(a, b).set_index("year")
    # 2000: 0.9 - 0.3 = 0.6 ; [0.85 - 0.4, 0.95 - 0.2] = [0.45, 0.75]
    assert got.loc[2000, "gap"] == pytest.approx(0.6)
    assert (got.loc[2000, "gap_lo"], got.loc[2000, "gap_hi"]) == pytest.approx((0.45, 0.75))
    # 2001: B missing -> gap NaN, B components empty (missing, not zero)
    assert math.isnan(got.loc[2001, "gap"]) and math.isnan(got.loc[2001, "b_value"])
    assert got.loc[2001, "b_components"] == "" and got.loc[2001, "b_n_components"] == 0
    assert got.loc[2001, "a_n_components"] == 1
    # 2002: A missing
    assert math.isnan(got.loc[2002, "a_value"]) and got.loc[2002, "a_components"] == ""
    assert math.isnan(got.loc[2002, "gap_lo"])


def test_dyadic_gap_interval_needs_both_sides():
    a = _dim_frame([(2000, "media", 0.9, np.nan, np.nan, "x:a")])
    b = _dim_frame([(2000, "media", 0.3, 0.2, 0.4, "x:a")])
    got = dyadic_gap(a, b).iloc[0]
    assert got["gap"] == pytest.approx(0.6) and math.isnan(got["gap_lo"]) and math.isnan(got["gap_hi"])


@pytest.mark.parametrize(
    ("start", "end", "word"),
    [
        (0.44, 0.10, "falling"),
        (0.10, 0.44, "rising"),
        (0.50, 0.54, "stable"),
        (0.50, 0.46, "stable"),
        (0.50, 0.56, "rising"),
        (0.50, np.nan, "unknown"),
    ],
)
def test_trend_word(start, end, word):
    # threshold 0.05: |0.54-0.50| = 0.04 stable, 0.56-0.50 = 0.06 rising
    assert trend_word(start, end) == word


def test_trend_phrase_format():
    assert trend_phrase("media", 1998, 0.444, 2023, 0.1) == "media: 0.44 in 1998 → 0.10 in 2023, falling"
    assert trend_phrase("media", 2023, 0.1, 2023, 0.1) == "media: 0.10 in 2023 (no later year)"


def _scaled(rows):
    return pd.DataFrame(rows, columns=["iso3", "year", "dimension", "component", "scaled"])


def test_common_components_keeps_only_shared_in_same_year():
    scaled = _scaled(
        [
            ("USA", 2020, "repression", "vdem14:v2x_clpol", 0.95),
            ("USA", 2020, "repression", "cirights:physint_sum", 0.375),
            ("RUS", 2020, "repression", "vdem14:v2x_clpol", 0.11),
            ("RUS", 2021, "repression", "cirights:physint_sum", 0.0),  # other year: not shared
            ("USA", 2021, "repression", "vdem14:v2x_clpol", np.nan),  # missing: not shared
            ("RUS", 2021, "repression", "vdem14:v2x_clpol", 0.10),
        ]
    )
    got = common_components(scaled, ["USA", "RUS"])
    assert sorted(zip(got["iso3"], got["year"], got["component"])) == [
        ("RUS", 2020, "vdem14:v2x_clpol"),
        ("USA", 2020, "vdem14:v2x_clpol"),
    ]


def test_matched_change_uses_components_of_both_years():
    scaled = _scaled(
        [
            ("USA", 2019, "repression", "vdem14:v2x_clpol", 0.953),
            ("USA", 2019, "repression", "cirights:physint_sum", 0.375),
            ("USA", 2022, "repression", "vdem14:v2x_clpol", 0.969),
        ]
    )
    got = matched_change(scaled, 2019, 2022)
    # only v2x_clpol is in both years: 0.953 -> 0.969 (the all-present mean of 2019 would be 0.664)
    assert got["from_value"] == pytest.approx(0.953) and got["to_value"] == pytest.approx(0.969)
    assert got["n_components"] == 1 and got["components"] == "vdem14:v2x_clpol"
    none = matched_change(scaled, 2019, 2030)
    assert math.isnan(none["from_value"]) and none["n_components"] == 0
