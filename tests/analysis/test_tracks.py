"""The two tracks on a hand-made vote matrix, value gaps and ideal points: unions, missing years, intervals."""

from __future__ import annotations

import math
import sys
import types

import numpy as np
import pandas as pd
import pytest

import valuesgap.analysis.selection as selection
import valuesgap.analysis.similarity as s
import valuesgap.analysis.tracks as tr
import valuesgap.analysis.values as values_module
from valuesgap.errors import InputError, NoData
from valuesgap.rollcall import VoteMatrix

#   rc:        1      2      3        4      5      6      7      8
#   year:      2005   2005   2005     2005   2006   2007   2008   2007
#   issue:     nu     di     nu+di    hr     hr     nu     me     di
ROLLCALLS = pd.DataFrame(
    {
        "rcid": [1, 2, 3, 4, 5, 6, 7, 8],
        "session": [60, 60, 60, 60, 61, 62, 63, 62],
        "year": [2005, 2005, 2005, 2005, 2006, 2007, 2008, 2007],
        "important": [False] * 8,
        "me": [False, False, False, False, False, False, True, False],
        "nu": [True, False, True, False, False, True, False, False],
        "di": [False, True, True, False, False, False, False, True],
        "hr": [False, False, False, True, True, False, False, False],
        "co": [False] * 8,
        "ec": [False] * 8,
    }
)
STATES = np.array(["RUS", "USA", "FRA"], dtype=object)
CODES = np.array(
    [
        [1, 2, 3, 1, 2, 1, 1, 1],  # RUS: yes, abstain, no, yes, abstain, yes, yes, yes
        [1, 3, 1, 3, 3, 1, 1, 8],  # USA: yes, no, yes, no, no, yes, yes, absent
        [9, 9, 9, 9, 9, 9, 9, 9],  # FRA: never a member here
    ],
    dtype=np.int8,
)


@pytest.fixture(autouse=True)
def fake_matrix(monkeypatch):
    matrix = VoteMatrix(states=STATES, rollcalls=ROLLCALLS, codes=CODES)
    monkeypatch.setattr(selection, "vote_matrix", lambda: matrix)
    return matrix


def fake_gap(a, b, start=None, end=None, dimension=None, definitions=None):
    """values_gap stand-in: 2005 all five dimensions, 2006 without democracy, 2007 all, 2008 nothing."""
    rows = []
    gaps = {
        2005: {"repression": 0.4, "media": -0.2, "capture": 0.1, "rule_of_law": 0.3, "democracy": 0.5},
        2006: {"repression": 0.2, "media": 0.2, "capture": 0.2, "rule_of_law": 0.2, "democracy": math.nan},
        2007: {"repression": 0.1, "media": -0.1, "capture": 0.1, "rule_of_law": -0.1, "democracy": 0.1},
    }
    for year, by_dim in gaps.items():
        if start <= year <= end:
            rows += [{"year": year, "dimension": d, "gap": g} for d, g in by_dim.items()]
    return pd.DataFrame(rows)


def fake_ideal_points(issue="all", by="session", **kw):
    assert by == "year"
    shift = 0.0 if issue == "all" else 1.0
    return pd.DataFrame(
        {
            "iso3": ["USA", "RUS", "USA", "RUS", "USA"],
            "name": ["United States", "Russia", "United States", "Russia", "United States"],
            "year": [2005, 2005, 2006, 2006, 2007],
            "ideal_point": [1.0 + shift, -0.5, 0.1, 0.0, 0.9],
            "lo": [0.8 + shift, -0.7, -0.2, -0.3, 0.7],
            "hi": [1.2 + shift, -0.3, 0.4, 0.3, 1.1],
        }
    )


@pytest.fixture
def fakes(monkeypatch):
    monkeypatch.setattr(values_module, "values_gap", fake_gap)
    module = types.ModuleType("valuesgap.analysis.idealpoints")
    module.ideal_points = fake_ideal_points
    monkeypatch.setitem(sys.modules, "valuesgap.analysis.idealpoints", module)


def test_union_of_issues_counts_a_roll_call_once(fakes):
    t = tr.tracks("USA", "RUS", level=None)
    assert t["year"].tolist() == [2005, 2006, 2007, 2008]
    # 2005 shared (nu or di): rc1 |1−1| = 0, rc2 |0−½| = ½, rc3 |1−0| = 1 → n 3, agreement 1 − 1.5/3 = 0.5
    # (counting rc3 twice would give n 4 and 1 − 2.5/4 = 0.375)
    assert t.loc[0, "shared_interests_n"] == 3
    assert t.loc[0, "shared_interests"] == pytest.approx(0.5)
    # 2007: rc6 both yes; rc8 USA absent → n 1, agreement 1
    assert t.loc[2, "shared_interests_n"] == 1
    assert t.loc[2, "shared_interests"] == pytest.approx(1.0)
    # hr 2005: rc4 |0 − 1| = 1 → 0; 2006: rc5 |0 − ½| → 0.5
    assert t["values_votes"].iloc[:2].tolist() == pytest.approx([0.0, 0.5])


def test_years_without_votes_are_missing_not_zero(fakes):
    t = tr.tracks("USA", "RUS", level=None)
    # 2006 has no nu/di roll call; 2007 and 2008 no hr roll call
    assert t.loc[1, "shared_interests_n"] == 0 and math.isnan(t.loc[1, "shared_interests"])
    assert math.isnan(t.loc[3, "shared_interests"])
    assert t["values_votes_n"].tolist() == [1, 1, 0, 0]
    assert t["values_votes"].iloc[2:].isna().all()
    # some years have votes, so neither track is reported as wholly missing
    assert not any(m.startswith(("shared_interests", "values_votes")) for m in t.attrs["missing"])
    empty = tr.tracks("USA", "RUS", start=2007, end=2008, level=None)
    assert any(m.startswith("values_votes: no roll call on hr") for m in empty.attrs["missing"])


def test_other_measures_are_selectable(fakes):
    t = tr.tracks("USA", "RUS", measure="coincidence", level=None)
    # 2005 yes/no pairs only: rc1 (yes, yes) identical, rc3 (yes, no) opposite; rc2 has an abstention → 1/2
    assert t.loc[0, "shared_interests"] == pytest.approx(0.5)
    k = tr.tracks("USA", "RUS", measure="cohen_kappa", level=None)
    # USA yes, no, yes → pA = (2/3, 0, 1/3); RUS yes, abstain, no → pB = (1/3, 1/3, 1/3); D_o = 0.5
    # D_e = 2/3·(1/3·½ + 1/3·1) + 1/3·(1/3·1 + 1/3·½) = 1/3 + 1/6 = 0.5 → κ = 1 − 0.5/0.5 = 0
    assert k.loc[0, "shared_interests"] == pytest.approx(0.0, abs=1e-12)
    assert k.attrs["measure"] == "cohen_kappa"


def test_institutions_mean_of_absolute_gaps(fakes):
    t = tr.tracks("USA", "RUS", level=None)
    assert t.loc[0, "gap_media"] == pytest.approx(-0.2)
    # 2005: (0.4 + 0.2 + 0.1 + 0.3 + 0.5) / 5 = 0.3
    assert t.loc[0, "values_institutions"] == pytest.approx(0.3)
    assert t.loc[0, "values_institutions_n"] == 5
    # 2006 lacks democracy: no mean over a different set of dimensions
    assert math.isnan(t.loc[1, "values_institutions"]) and t.loc[1, "values_institutions_n"] == 4
    # 2007: every |gap| is 0.1
    assert t.loc[2, "values_institutions"] == pytest.approx(0.1)
    # 2008: no data at all
    assert math.isnan(t.loc[3, "values_institutions"]) and t.loc[3, "values_institutions_n"] == 0


def test_ideal_point_distance_and_its_interval(fakes):
    t = tr.tracks("USA", "RUS", level=None)
    # 2005: |1.0 − (−0.5)| = 1.5; intervals [0.8, 1.2] and [−0.7, −0.3]: lo 0.8 − (−0.3) = 1.1, hi 1.2 + 0.7 = 1.9
    assert t.loc[0, ["ideal_distance", "ideal_distance_lo", "ideal_distance_hi"]].tolist() == pytest.approx(
        [1.5, 1.1, 1.9]
    )
    # 2006: |0.1 − 0| = 0.1; intervals overlap → lo 0; hi max(0.4 + 0.3, 0.3 + 0.2) = 0.7
    assert t.loc[1, ["ideal_distance", "ideal_distance_lo", "ideal_distance_hi"]].tolist() == pytest.approx(
        [0.1, 0.0, 0.7]
    )
    # 2007: Russia has no point → missing
    assert math.isnan(t.loc[2, "ideal_distance"])
    # human-rights fit (USA shifted by 1): 2005 |2.0 + 0.5| = 2.5
    assert t.loc[0, "ideal_distance_hr"] == pytest.approx(2.5)


def test_single_issue_equals_the_similarity_table_with_intervals(fakes):
    got = tr.vote_track("USA", "RUS", issues=["hr"], years=[2005, 2006], level=0.9, n_boot=200)
    ref = s.similarity("USA", "RUS", issue="hr", by="year", level=0.9, n_boot=200)
    assert got["value"].tolist() == pytest.approx(ref["agreement"].tolist())
    assert got["lo"].tolist() == pytest.approx(ref["agreement_lo"].tolist())
    assert got["hi"].tolist() == pytest.approx(ref["agreement_hi"].tolist())


def test_period_bounds_and_order(fakes):
    t = tr.tracks("Russia", "United States", start=2006, end=2007, level=None)
    assert t["year"].tolist() == [2006, 2007]
    assert (t["a_iso3"] == "RUS").all() and (t["b_iso3"] == "USA").all()


def test_value_data_missing_is_reported(monkeypatch):
    def no_gap(*args, **kw):
        raise NoData("no value-dimension data for X")

    monkeypatch.setattr(values_module, "values_gap", no_gap)
    t = tr.tracks("USA", "RUS", level=None, ideal=False)
    assert t["values_institutions"].isna().all()
    assert any("no value-dimension data" in m for m in t.attrs["missing"])


@pytest.mark.parametrize(
    "kwargs, error",
    [
        ({"a": "USA", "b": "United States"}, InputError),
        ({"a": "USA", "b": "RUS", "start": 2007, "end": 2005}, InputError),
        ({"a": "USA", "b": "RUS", "start": "2005"}, InputError),
        ({"a": "USA", "b": "RUS", "measure": "pearson"}, InputError),
        ({"a": "USA", "b": "RUS", "shared_issues": "nu,xx"}, InputError),
        ({"a": "USA", "b": "RUS", "shared_issues": ""}, InputError),
        ({"a": "USA", "b": "RUS", "start": 1990, "end": 1995}, NoData),
        ({"a": "USA", "b": "FRA"}, NoData),
    ],
)
def test_bad_input(fakes, kwargs, error):
    with pytest.raises(error):
        tr.tracks(**kwargs)


def test_distance_interval_by_hand():
    lo, hi = tr.distance_interval([0.0, 0.0], [1.0, 1.0], [2.0, 0.5], [3.0, 0.7])
    # disjoint: [0, 1] and [2, 3] → |x − y| ∈ [1, 3]; nested: [0, 1] and [0.5, 0.7] → [0, 0.7]
    assert lo.tolist() == [1.0, 0.0]
    assert hi.tolist() == [3.0, 0.7]
