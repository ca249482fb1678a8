"""GDELT against ICEWS where both cover a dyad: hand-computed correlations."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from valuesgap.analysis.event_overlap import compare
from valuesgap.errors import NoData

COLS = ["sender", "target", "year", "verb_coop", "matl_coop", "verb_conf", "matl_conf"]


def test_hand_computed():
    icews = pd.DataFrame(
        [
            ("USA", "RUS", 2013, 10, 0, 10, 0),
            ("USA", "RUS", 2014, 0, 0, 10, 10),
            ("RUS", "USA", 2013, 10, 10, 0, 0),
            ("FRA", "DEU", 2013, 30, 0, 0, 0),
        ],
        columns=COLS,
    )
    # GDELT monthly rows sum to years: USA->RUS 2013 = (20, 0, 20, 0), 2014 = (0, 0, 20, 20): exactly 2 × ICEWS
    gdelt = pd.DataFrame(
        [
            ("USA", "RUS", 2013, 1, 12, 0, 15, 0),
            ("USA", "RUS", 2013, 2, 8, 0, 5, 0),
            ("USA", "RUS", 2014, 3, 0, 0, 20, 20),
            ("RUS", "USA", 2013, 5, 0, 0, 10, 10),  # the opposite mix: r = -1
            ("FRA", "DEU", 2013, 1, 5, 0, 0, 0),  # below min_events in GDELT: left out
        ],
        columns=[*COLS[:3], "month", *COLS[3:]],
    )
    per_dyad, per_year = compare(icews, gdelt, min_events=10)
    assert per_dyad[["sender", "target"]].values.tolist() == [["RUS", "USA"], ["USA", "RUS"]]
    rus, usa = per_dyad.iloc[0], per_dyad.iloc[1]
    assert usa["years"] == 2 and usa["n_icews"] == 40 and usa["n_gdelt"] == 80
    assert usa["r_counts"] == pytest.approx(1.0)  # same profile, twice the volume
    assert usa["coop_icews"] == pytest.approx(10 / 40) and usa["coop_gdelt"] == pytest.approx(20 / 80)
    # RUS->USA 2013: ICEWS (10, 10, 0, 0), GDELT (0, 0, 10, 10): deviations (5, 5, -5, -5) vs (-5, -5, 5, 5)
    assert rus["r_counts"] == pytest.approx(-1.0)
    assert (rus["coop_icews"], rus["coop_gdelt"]) == (1.0, 0.0)
    # two dyads in 2013 only: no correlation over dyads from two points
    assert per_year["dyads"].tolist() == [2, 1] and per_year["r_coop_share"].isna().all()
    assert not math.isnan(usa["r_counts"])


def test_no_common_dyads_is_said():
    icews = pd.DataFrame([("USA", "RUS", 2013, 10, 0, 10, 0)], columns=COLS)
    gdelt = pd.DataFrame([("USA", "CHN", 2013, 10, 0, 10, 0)], columns=COLS)
    with pytest.raises(NoData, match=r"fetch GDELT 1\.0 for 2013"):
        compare(icews, gdelt)
