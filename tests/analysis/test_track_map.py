"""The two-track map on a hand-made vote matrix and value panel: coordinates, colour, size, left-out reasons."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import valuesgap.analysis.selection as selection
import valuesgap.analysis.track_map as tm
import valuesgap.analysis.value_panel as value_panel
from valuesgap.errors import InputError, NoData
from valuesgap.rollcall import VoteMatrix

NAN = math.nan
#   rc:      1     2     3       4     5     6
#   year:    2009  2009  2010    2010  2011  2009
#   issue:   nu    di    nu+di   hr    nu    hr
ROLLCALLS = pd.DataFrame(
    {
        "rcid": [1, 2, 3, 4, 5, 6],
        "session": [64, 64, 65, 65, 66, 64],
        "year": [2009, 2009, 2010, 2010, 2011, 2009],
        "important": [False] * 6,
        "me": [False] * 6,
        "nu": [True, False, True, False, True, False],
        "di": [False, True, True, False, False, False],
        "hr": [False, False, False, True, False, True],
        "co": [False] * 6,
        "ec": [False] * 6,
    }
)
STATES = np.array(["CHN", "DEU", "FRA", "RUS", "USA"], dtype=object)
CODES = np.array(
    [
        [1, 1, 1, 1, 1, 1],  # CHN
        [9, 9, 9, 9, 9, 9],  # DEU: not a member here → not a partner in 2009–2010
        [1, 2, 8, 1, 1, 1],  # FRA: absent on rc3
        [1, 1, 3, 1, 1, 2],  # RUS (focal)
        [3, 1, 3, 3, 3, 3],  # USA
    ],
    dtype=np.int8,
)
# value panel, years 2009–2010, one component per dimension; CHN has no indicators
PANEL = value_panel.ValuePanel(
    states=np.array(["FRA", "RUS", "USA"], dtype=object),
    years=np.array([2009, 2010]),
    dimensions=("repression", "media"),
    values={
        "repression": np.array([[[0.7, NAN]], [[0.3, 0.3]], [[0.8, 0.9]]]),
        "media": np.array([[[NAN, NAN]], [[0.2, 0.4]], [[0.9, 0.9]]]),
    },
    components={"repression": ("s:r",), "media": ("s:m",)},
)


@pytest.fixture(autouse=True)
def fakes(monkeypatch):
    matrix = VoteMatrix(states=STATES, rollcalls=ROLLCALLS, codes=CODES)
    monkeypatch.setattr(selection, "vote_matrix", lambda: matrix)
    monkeypatch.setattr(value_panel, "value_panel", lambda definitions=None: PANEL)


def row(frame: pd.DataFrame, iso3: str) -> pd.Series:
    return frame.set_index("iso3").loc[iso3]


def test_coordinates_colour_and_size_by_hand():
    m = tm.track_map("RUS", start=2009, end=2010, min_n=2)
    assert sorted(m["iso3"]) == ["CHN", "FRA", "USA"]  # DEU cast no vote in 2009–2010
    usa = row(m, "USA")
    # shared (nu or di, 2009–2010): rc1 |1−0| = 1, rc2 0, rc3 0 → n 3, agreement 1 − 1/3
    assert usa["shared_interests_n"] == 3 and usa["shared_interests"] == pytest.approx(2 / 3)
    # hr: rc4 |1−0| = 1, rc6 |½−0| = ½ → 1 − 0.75
    assert usa["values_votes_n"] == 2 and usa["values_votes"] == pytest.approx(0.25)
    # gaps RUS − USA: repression −0.5, −0.6; media −0.7, −0.5 → yearly mean |gap| 0.6, 0.55 → 0.575
    assert usa["values_institutions"] == pytest.approx(0.575)
    assert usa["gap_repression"] == pytest.approx(-0.55) and usa["gap_media"] == pytest.approx(-0.6)
    assert usa["values_years"] == 2 and usa["values_dimensions"] == 2 and usa["left_out"] == ""
    fra = row(m, "FRA")
    # shared: rc1 0, rc2 |1−½| = ½, rc3 France absent → n 2, 1 − 0.25
    assert fra["shared_interests_n"] == 2 and fra["shared_interests"] == pytest.approx(0.75)
    # hr: rc4 0, rc6 |½ − 1| = ½ → 0.75
    assert fra["values_votes"] == pytest.approx(0.75)
    # only repression in 2009 measures both: |0.3 − 0.7| = 0.4, one year, one dimension
    assert fra["values_institutions"] == pytest.approx(0.4)
    assert fra["values_years"] == 1 and fra["values_dimensions"] == 1 and fra["left_out"] == ""


def test_partners_that_cannot_be_placed_are_listed_with_the_reason():
    m = tm.track_map("RUS", start=2009, end=2010, min_n=3)
    assert m["left_out"].ne("").tolist() == [False, True, True]  # placed first
    assert row(m, "USA")["left_out"] == ""
    assert row(m, "FRA")["left_out"] == "2 roll calls in common, fewer than min_n 3"
    chn = row(m, "CHN")
    # CHN: shared rc1 0, rc2 0, rc3 |0 − 1| = 1 → 2/3 on n 3, but no indicators
    assert chn["shared_interests"] == pytest.approx(2 / 3)
    assert math.isnan(chn["values_institutions"])
    assert chn["left_out"] == "no value-dimension data for China in 2009–2010"


def test_compare_adds_the_other_period_for_arrows():
    m = tm.track_map("RUS", start=2010, end=2010, compare="2009-2009", min_n=1)
    usa = row(m, "USA")
    # 2010: rc3 only (0) → 1; 2009: rc1 (1), rc2 (0) → 0.5
    assert usa["shared_interests"] == pytest.approx(1.0) and usa["from_shared_interests"] == pytest.approx(0.5)
    assert usa["values_institutions"] == pytest.approx(0.55) and usa["from_values_institutions"] == pytest.approx(0.6)
    # France was absent on 2010's only shared roll call
    assert row(m, "FRA")["left_out"] == (
        "no nuclear or disarmament roll call in common in 2010; no value-dimension data for France in 2010"
    )
    assert m.attrs["compare"] == [2009, 2009]


def test_bad_arguments_say_what_to_give():
    with pytest.raises(InputError, match="unknown arena"):
        tm.track_map("RUS", start=2009, end=2010, arena="parliament")
    with pytest.raises(InputError, match="FROM-TO"):
        tm.track_map("RUS", start=2009, end=2010, compare="2006")
    with pytest.raises(InputError, match="backwards"):
        tm.track_map("RUS", start=2009, end=2010, compare="2008-2006")
    with pytest.raises(InputError, match="min_n"):
        tm.track_map("RUS", start=2009, end=2010, min_n=0)
    with pytest.raises(InputError, match="swap"):
        tm.track_map("RUS", start=2010, end=2009)
    with pytest.raises(NoData, match="Germany"):
        tm.track_map("DEU", start=2009, end=2010)


def test_parse_period_spellings():
    assert tm.parse_period("2006-2008") == (2006, 2008)
    assert tm.parse_period("2006–08") == (2006, 2008)
    assert tm.parse_period((2006, 2008)) == (2006, 2008)
    assert tm.parse_period(None) is None
