"""The map's vectorised chain-linking and gaps on small hand-computed arrays, and against the frame version."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from valuesgap.measures import track_map as tm
from valuesgap.measures.indicators import link_components

NAN = math.nan


def test_link_series_one_stretch_follows_the_matched_changes():
    # comp A: 0.2 0.4  –  0.5 ; comp B: – 0.6 0.7 0.9
    # plain means 0.2 0.5 0.7 0.7; changes on the common components: +0.2 (A), +0.1 (B), +0.2 (B)
    # anchor: the latest year with the most components (year 3, two of them) keeps 0.7;
    # backwards: 0.7 − 0.2 = 0.5, 0.5 − 0.1 = 0.4, 0.4 − 0.2 = 0.2
    x = np.array([[0.2, 0.4, NAN, 0.5], [NAN, 0.6, 0.7, 0.9]])
    assert tm.link_series(x) == pytest.approx([0.2, 0.4, 0.5, 0.7])


def test_link_series_breaks_where_two_data_years_share_no_component_and_skips_empty_years():
    # A: 0.3 0.5 – – – ; B: – – – 0.6 0.8. Year 2 has nothing (NaN); year 3's previous data year is 1,
    # with no component in common: a new stretch, anchored on its own latest fullest year (4).
    x = np.array([[0.3, 0.5, NAN, NAN, NAN], [NAN, NAN, NAN, 0.6, 0.8]])
    got = tm.link_series(x)
    assert got[[0, 1, 3, 4]] == pytest.approx([0.3, 0.5, 0.6, 0.8])
    assert math.isnan(got[2])
    # a link across an empty year: A 0.3 – 0.6 → the change 0.3 is taken from year 0 to year 2
    assert tm.link_series(np.array([[0.3, NAN, 0.6], [NAN, NAN, 0.2]]))[[0, 2]] == pytest.approx([0.1, 0.4])


def test_link_series_clips_to_the_unit_interval():
    # A: 0.0 0.8 ; B: – 0.2 → anchor year 1 (plain 0.5), change +0.8 on A → year 0 at 0.5 − 0.8 = −0.3 → 0
    assert tm.link_series(np.array([[0.0, 0.8], [NAN, 0.2]])) == pytest.approx([0.0, 0.5])


def test_pair_gaps_compare_each_pair_on_its_common_components():
    focal = np.array([[0.8, 0.8, 0.9], [0.6, NAN, 0.7]])
    partners = np.array(
        [
            [[0.2, 0.3, NAN], [0.4, 0.4, 0.5]],  # common: both (year 0), A (year 1), B (year 2)
            [[NAN, NAN, NAN], [NAN, NAN, NAN]],  # nothing in common
        ]
    )
    # focal on the common components: A 0.8 0.8 –, B 0.6 – 0.7 → plain 0.7 0.8 0.7; year 1 linked on A
    # (change 0), year 2 shares nothing with year 1: break. Anchor year 0 → 0.7 0.7 | 0.7
    # partner: A 0.2 0.3 –, B 0.4 – 0.5 → plain 0.3 0.3 0.5; change +0.1 on A → 0.3 0.4 | 0.5
    got = tm.pair_gaps(focal, partners)
    assert got[0] == pytest.approx([0.4, 0.3, 0.2])
    assert np.isnan(got[1]).all()


def test_mean_abs_gap_uses_the_years_with_every_counted_dimension():
    gaps = np.array(
        [
            [[0.4, -0.2, NAN], [NAN, NAN, NAN], [NAN, NAN, NAN]],  # dimension 1
            [[0.0, 0.6, 0.5], [NAN, -0.6, 0.2], [NAN, NAN, NAN]],  # dimension 2
        ]
    )
    x, years, dims = tm.mean_abs_gap(gaps)
    # partner 0: both dimensions count; year 2 lacks dimension 1 → years 0, 1: (0.4 + 0)/2, (0.2 + 0.6)/2
    assert x[0] == pytest.approx((0.2 + 0.4) / 2) and years[0] == 2 and dims[0] == 2
    # partner 1: only dimension 2 counts: |−0.6|, |0.2| → 0.4
    assert x[1] == pytest.approx(0.4) and years[1] == 2 and dims[1] == 1
    # partner 2: nothing
    assert math.isnan(x[2]) and years[2] == 0 and dims[2] == 0


def test_link_series_matches_link_components_on_random_series():
    rng = np.random.default_rng(7)
    x = rng.uniform(0, 1, size=(12, 4, 30))
    x[rng.uniform(size=x.shape) < 0.45] = NAN
    got = tm.link_series(x)
    rows = []
    for s in range(x.shape[0]):
        for c in range(x.shape[1]):
            for y in range(x.shape[2]):
                if not math.isnan(x[s, c, y]):
                    rows.append(
                        {
                            "iso3": f"S{s:02d}",
                            "dimension": "d",
                            "year": 2000 + y,
                            "component": f"c{c}",
                            "order": c,
                            "scaled": x[s, c, y],
                            "scaled_lo": NAN,
                            "scaled_hi": NAN,
                        }
                    )
    frame = link_components(pd.DataFrame(rows))
    for s in range(x.shape[0]):
        mine = frame[frame["iso3"] == f"S{s:02d}"]
        expected = np.full(x.shape[2], NAN)
        expected[mine["year"].to_numpy() - 2000] = mine["value"].to_numpy(dtype=float)
        assert np.allclose(got[s], expected, equal_nan=True, atol=1e-12)
