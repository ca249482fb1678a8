"""Vote similarity measures: hand-computed cases, then the bootstrap and the cube."""

from __future__ import annotations

import math

import numpy as np
import pytest

from valuesgap.measures.similarity import (
    bootstrap_intervals,
    dyad_measures,
    focal_grouped_counts,
    focal_measures,
    grouped_dyad_counts,
    measures_from_counts,
    pair_counts,
    position_onehots,
    similarity_cube,
)

# Codes: 1 yes, 2 abstain, 3 no, 8 absent, 9 non-member, 0 no record. Six roll calls r1..r6.
A, B, C, D, E, F = range(6)
CODES = np.array(
    [
        [1, 1, 3, 2, 1, 8],  # A: mixed, absent on r6
        [1, 3, 3, 1, 2, 1],  # B: mixed
        [1, 1, 1, 1, 1, 1],  # C: only yes
        [1, 8, 1, 0, 1, 9],  # D: only yes where it has a position (r1, r3, r5)
        [8, 8, 8, 8, 8, 3],  # E: a position only on r6, where A is absent
        [2, 2, 2, 2, 2, 2],  # F: only abstains
    ],
    dtype=np.int8,
)


@pytest.fixture(scope="module")
def m():
    return dyad_measures(CODES)


def test_mixed_dyad_with_abstentions_and_an_absence(m):
    # A–B share r1..r5 (A absent on r6): n = 5.
    # pairs (A,B): r1 (y,y) d=0, r2 (y,n) d=1, r3 (n,n) d=0, r4 (a,y) d=½, r5 (y,a) d=½ → Σd = 2, mean 0.4
    assert m["n"][A, B] == 5
    assert m["agreement"][A, B] == pytest.approx(0.6)  # 1 − 0.4
    assert m["s_score"][A, B] == pytest.approx(0.2)  # 1 − 2·0.4
    # yes/no pairs only: r1 identical, r2 opposite, r3 identical → 2 / 3
    assert m["coincidence"][A, B] == pytest.approx(2 / 3)
    # p_A = (yes .6, abs .2, no .2), p_B = (.4, .2, .4)
    # D_e = .6·.2·½ + .6·.4·1 + .2·.4·½ + .2·.4·½ + .2·.4·1 + .2·.2·½ = .06+.24+.04+.04+.08+.02 = .48
    assert m["cohen_kappa"][A, B] == pytest.approx(1 - 0.4 / 0.48)  # = 1/6
    # pooled p = (.5, .2, .3): D_e = 2·(.5·.2·½ + .5·.3·1 + .2·.3·½) = 2·(.05+.15+.03) = .46
    assert m["scott_pi"][A, B] == pytest.approx(3 / 23)  # 1 − .4/.46 = 3/23


def test_against_a_state_that_only_votes_yes(m):
    # A–C on r1..r5: d = 0, 0, 1, ½, 0 → mean .3
    assert m["n"][A, C] == 5
    assert m["agreement"][A, C] == pytest.approx(0.7)
    assert m["s_score"][A, C] == pytest.approx(0.4)
    assert m["coincidence"][A, C] == pytest.approx(3 / 4)  # r1, r2, r5 identical; r3 opposite
    # p_C = (1, 0, 0): D_e = p_A(abs)·½ + p_A(no)·1 = .1 + .2 = .3 → κ = 1 − .3/.3 = 0
    assert m["cohen_kappa"][A, C] == pytest.approx(0.0, abs=1e-12)
    # pooled p = (.8, .1, .1): D_e = 2·(.8·.1·½ + .8·.1·1 + .1·.1·½) = 2·(.04+.08+.005) = .25 → π = 1 − .3/.25
    assert m["scott_pi"][A, C] == pytest.approx(-0.2)


def test_two_single_kind_voters_leave_kappa_and_pi_undefined(m):
    # C and D both only vote yes on their shared r1, r3, r5: D_o = 0 and D_e = 0.
    assert m["n"][C, D] == 3
    assert m["agreement"][C, D] == 1.0
    assert m["coincidence"][C, D] == 1.0
    assert m["s_score"][C, D] == 1.0
    assert math.isnan(m["cohen_kappa"][C, D])
    assert math.isnan(m["scott_pi"][C, D])


def test_abstainer_has_no_coincidence(m):
    # A–F: F abstains throughout; no yes/no pair → coincidence undefined.
    # d: r1 ½, r2 ½, r3 ½, r4 0, r5 ½ → mean .4
    assert m["n"][A, F] == 5
    assert math.isnan(m["coincidence"][A, F])
    assert m["agreement"][A, F] == pytest.approx(0.6)
    # p_F = (0, 1, 0): D_e = .6·½ + .2·½ = .4 → κ = 0
    assert m["cohen_kappa"][A, F] == pytest.approx(0.0, abs=1e-12)
    # pooled p = (.3, .6, .1): D_e = 2·(.3·.6·½ + .3·.1·1 + .6·.1·½) = 2·(.09+.03+.03) = .3 → π = 1 − .4/.3
    assert m["scott_pi"][A, F] == pytest.approx(-1 / 3)


def test_opposed_single_kind_voters():
    # X always yes, Y always no on 4 roll calls: D_o = 1; κ: D_e = 1 → 0; π: p = (½, 0, ½), D_e = ½ → −1.
    codes = np.array([[1, 1, 1, 1], [3, 3, 3, 3]], dtype=np.int8)
    r = dyad_measures(codes)
    assert r["agreement"][0, 1] == 0.0
    assert r["s_score"][0, 1] == -1.0
    assert r["coincidence"][0, 1] == 0.0
    assert r["cohen_kappa"][0, 1] == pytest.approx(0.0, abs=1e-12)
    assert r["scott_pi"][0, 1] == pytest.approx(-1.0)


def test_dyad_with_no_shared_roll_call_is_all_nan(m):
    # E only votes on r6, where A is absent: n = 0, every measure undefined.
    assert m["n"][A, E] == 0
    for name in ("agreement", "coincidence", "s_score", "cohen_kappa", "scott_pi"):
        assert math.isnan(m[name][A, E]), name


def test_symmetry_and_self(m):
    for name in ("n", "agreement", "coincidence", "s_score", "cohen_kappa", "scott_pi"):
        np.testing.assert_array_equal(m[name], m[name].T)
    # A with itself: 5 positions, agreement 1; B with itself: 6 positions
    assert m["n"][A, A] == 5 and m["n"][B, B] == 6
    assert m["agreement"][A, A] == 1.0 and m["cohen_kappa"][B, B] == 1.0


def test_pair_counts_table():
    # counts[j, k, a, b]: A row 0 votes j, B row 1 votes k. A = y y n a y ·, B = y n n y a y
    counts = pair_counts(position_onehots(CODES))[:, :, A, B]
    expected = np.array([[1, 1, 1], [1, 0, 0], [0, 0, 1]])  # (y,y) r1 (y,a) r5 (y,n) r2 (a,y) r4 (n,n) r3
    np.testing.assert_array_equal(counts, expected)


def test_focal_row_equals_matrix_row(m):
    f = focal_measures(CODES, A)
    for name, values in f.items():
        np.testing.assert_array_equal(values, m[name][A])


def test_grouped_dyad_counts_split_roll_calls():
    # groups: r1..r3 → 0, r4..r6 → 1. A–B group 0: (y,y) (y,n) (n,n); group 1: (a,y) (y,a), r6 A absent.
    groups = np.array([0, 0, 0, 1, 1, 1])
    counts = grouped_dyad_counts(CODES[A], CODES[B], groups, 2)
    assert counts.shape == (3, 3, 2)
    np.testing.assert_array_equal(counts[:, :, 0], [[1, 0, 1], [0, 0, 0], [0, 0, 1]])
    np.testing.assert_array_equal(counts[:, :, 1], [[0, 1, 0], [1, 0, 0], [0, 0, 0]])
    r = measures_from_counts(counts)
    assert r["agreement"][0] == pytest.approx(2 / 3)  # d = 0, 1, 0
    assert r["agreement"][1] == pytest.approx(0.5)  # d = ½, ½


def test_measures_from_counts_rejects_bad_shape():
    with pytest.raises(ValueError):
        measures_from_counts(np.zeros((2, 3)))


class TestBootstrap:
    def test_unanimous_dyad_has_degenerate_interval(self):
        counts = np.array([[4, 0, 0], [0, 0, 0], [0, 0, 3]])  # 7 identical votes, never apart
        ci = bootstrap_intervals(counts, level=0.9, n_boot=200, seed=1)
        assert ci["agreement"] == (1.0, 1.0)
        assert ci["coincidence"] == (1.0, 1.0)

    def test_reproducible_and_brackets_the_estimate(self):
        counts = np.array([[30, 5, 10], [4, 6, 3], [8, 2, 25]])
        one = bootstrap_intervals(counts, seed=7)
        two = bootstrap_intervals(counts, seed=7)
        assert one == two
        point = measures_from_counts(counts)
        for name, (lo, hi) in one.items():
            assert lo <= point[name] <= hi, name
            assert lo < hi, name
        other = bootstrap_intervals(counts, seed=8)
        assert other != one

    def test_width_matches_binomial_theory(self):
        # 100 roll calls, 80 (y,y) and 20 (y,n): agreement is a binomial share p = .8;
        # its 95 % interval is about ±1.96·sqrt(.8·.2/100) = ±0.078.
        counts = np.array([[80, 0, 20], [0, 0, 0], [0, 0, 0]])
        lo, hi = bootstrap_intervals(counts, n_boot=4000, seed=3)["agreement"]
        assert hi - lo == pytest.approx(2 * 0.0784, abs=0.02)

    def test_same_spread_as_resampling_roll_calls(self):
        # Drawing category counts from multinomial(n, shares) is resampling the n roll calls with
        # replacement; check the spread against the literal resampling of a 60-roll-call record.
        x = np.array([1] * 30 + [3] * 10 + [2] * 10 + [1] * 10, dtype=np.int8)
        y = np.array([1] * 30 + [3] * 10 + [1] * 10 + [3] * 10, dtype=np.int8)
        rng = np.random.default_rng(0)
        picks = rng.integers(0, 60, size=(4000, 60))
        literal = [
            1 - np.abs(((x[p] == 1) * 1.0 + (x[p] == 2) * 0.5) - ((y[p] == 1) * 1.0 + (y[p] == 2) * 0.5)).mean()
            for p in picks
        ]
        lo_lit, hi_lit = np.quantile(literal, [0.025, 0.975])
        counts = grouped_dyad_counts(x, y, np.zeros(60, dtype=int), 1)[:, :, 0]
        lo, hi = bootstrap_intervals(counts, n_boot=4000, seed=0)["agreement"]
        assert lo == pytest.approx(lo_lit, abs=0.02)
        assert hi == pytest.approx(hi_lit, abs=0.02)

    def test_n_zero_gives_nan(self):
        ci = bootstrap_intervals(np.zeros((3, 3), dtype=int))
        assert all(math.isnan(lo) and math.isnan(hi) for lo, hi in ci.values())

    def test_level_must_be_inside_0_1(self):
        with pytest.raises(ValueError):
            bootstrap_intervals(np.ones((3, 3)), level=2)


def test_cube_matches_per_group_matrices():
    rng = np.random.default_rng(5)
    codes = rng.choice(np.array([0, 1, 1, 2, 3, 8, 9], dtype=np.int8), size=(9, 40))
    codes[8] = 9  # a state that is never a member: never in a dyad
    groups = np.repeat([0, 1, 2, 3], 10)
    groups[:3] = -1  # roll calls left out
    slices = {"all": np.ones(40, bool), "odd": np.arange(40) % 2 == 1}
    cube = similarity_cube(codes, groups, slices, group_labels=[60, 61, 62, 63])
    assert list(cube.columns) == [
        "slice",
        "group",
        "a",
        "b",
        "n",
        "agreement",
        "coincidence",
        "s_score",
        "cohen_kappa",
        "scott_pi",
    ]
    assert not ((cube["a"] == 8) | (cube["b"] == 8)).any()
    assert (cube["a"] < cube["b"]).all()
    for (name, label), part in cube.groupby(["slice", "group"], observed=True):
        g = label - 60
        cols = (groups == g) & slices[name]
        expected = dyad_measures(codes[:, cols])
        for row in part.itertuples():
            assert row.n == expected["n"][row.a, row.b]
            for key in ("agreement", "coincidence", "s_score", "cohen_kappa", "scott_pi"):
                np.testing.assert_allclose(getattr(row, key), expected[key][row.a, row.b], rtol=1e-6, atol=1e-6)
    # every pair of the 8 member states appears once per slice and group
    assert len(cube) == 2 * 4 * (8 * 7 // 2)


def test_focal_grouped_counts_match_per_dyad_counts():
    rng = np.random.default_rng(11)
    codes = rng.choice(np.array([0, 1, 2, 3, 8, 9], dtype=np.int8), size=(7, 50))
    groups = rng.integers(-1, 4, size=50)  # −1: left out
    counts = focal_grouped_counts(codes, 2, groups, 4)
    assert counts.shape == (3, 3, 7, 4)
    for state in range(7):
        expected = grouped_dyad_counts(codes[2], codes[state], groups, 4)
        np.testing.assert_array_equal(counts[:, :, state, :], expected)


def test_bootstrap_intervals_of_only_some_measures_are_those_of_the_full_draw():
    counts = np.array([[30, 2, 5], [1, 4, 2], [3, 1, 20]])
    full = bootstrap_intervals(counts, 0.9, 500, seed=[3, 2001])
    some = bootstrap_intervals(counts, 0.9, 500, seed=[3, 2001], only=["cohen_kappa", "agreement"])
    assert list(some) == ["agreement", "cohen_kappa"]  # in the order of MEASURES
    assert some == {m: full[m] for m in some}
    empty = bootstrap_intervals(np.zeros((3, 3)), only=["s_score"])
    assert list(empty) == ["s_score"] and all(math.isnan(x) for x in empty["s_score"])
