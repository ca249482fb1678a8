"""Council arena measures on small hand-computed cases."""

from __future__ import annotations

import numpy as np
import pytest

from valuesgap.measures import council

# Five drafts d0..d4 in two groups (d0–d2 group 0, d3–d4 group 1). Codes: 1 yes, 2 abstain, 3 no
# (a veto is a No), 0 did not vote.
GROUPS = np.array([0, 0, 0, 1, 1])
A_CODES = np.array([1, 1, 3, 2, 0])  # A: yes, yes, no (veto), abstain, not on the Council
B_CODES = np.array([1, 2, 1, 3, 1])
A_SPONSOR = np.array([True, False, False, True, False])
B_SPONSOR = np.array([True, True, False, True, True])
A_VETO = np.array([False, False, True, False, False])
B_VETO = np.array([False, False, False, True, False])


def test_agreement_per_group_by_hand():
    counts = council.dyad_counts(A_CODES, B_CODES, GROUPS, 2)
    got = council.agreement(counts)
    # group 0: d0 yes/yes |1−1|=0; d1 yes/abstain ½; d2 no/yes 1 → n=3, agreement 1 − 1.5/3 = 0.5
    # group 1: d3 abstain/no ½; d4 A did not vote → n=1, agreement 0.5
    assert got["n"].tolist() == [3, 1]
    assert got["agreement"] == pytest.approx([0.5, 0.5])
    # s-score = 1 − 2·mean d: group 0 → 0.0
    assert got["s_score"][0] == pytest.approx(0.0)


def test_a_veto_counts_as_a_no():
    # A vetoes d2 (code 3) while B votes yes: distance 1, as an ordinary No
    counts = council.dyad_counts(np.array([3]), np.array([1]), np.array([0]), 1)
    assert council.agreement(counts)["agreement"][0] == 0.0


def test_empty_group_is_missing_not_zero():
    counts = council.dyad_counts(np.array([0, 1]), np.array([1, 0]), np.array([0, 0]), 1)
    got = council.agreement(counts)
    assert got["n"][0] == 0
    assert np.isnan(got["agreement"][0])


def test_cosponsored_and_supported_vetoed_by_hand():
    # both sponsored: d0 (group 0) and d3 (group 1)
    assert council.cosponsored(A_SPONSOR, B_SPONSOR, GROUPS, 2).tolist() == [1, 1]
    # A sponsored or voted yes (d0, d1, d3) and B vetoed (d3) → group 1 has one
    assert council.supported_vetoed(A_CODES, A_SPONSOR, B_VETO, GROUPS, 2).tolist() == [0, 1]
    # B sponsored or voted yes on d2 (voted yes) and A vetoed d2 → group 0 has one
    assert council.supported_vetoed(B_CODES, B_SPONSOR, A_VETO, GROUPS, 2).tolist() == [1, 0]


def test_left_out_drafts_do_not_count():
    groups = np.array([-1, 0, 0, -1, -1])
    assert council.cosponsored(A_SPONSOR, B_SPONSOR, groups, 1).tolist() == [0]
    assert council.agreement(council.dyad_counts(A_CODES, B_CODES, groups, 1))["n"].tolist() == [2]


def test_all_dyads_match_the_single_dyad_path():
    codes = np.stack([A_CODES, B_CODES, np.array([1, 1, 1, 1, 1])])
    cube = council.all_dyad_counts(codes, GROUPS, 2)
    assert cube.shape == (3, 3, 3, 3, 2)
    one = council.dyad_counts(A_CODES, B_CODES, GROUPS, 2)
    np.testing.assert_array_equal(cube[:, :, 0, 1, :], one)
    flags = np.stack([A_SPONSOR, B_SPONSOR])
    both = council.all_dyad_flags(flags, GROUPS, 2)
    assert both[0, 1].tolist() == [1, 1]
    assert both[1, 1].tolist() == [2, 2]  # B sponsored d0, d1 (group 0) and d3, d4 (group 1)


def test_veto_counts_by_whom_against_whom():
    veto = np.stack([A_VETO, B_VETO])
    sponsor = np.stack([A_SPONSOR, B_SPONSOR])
    got = council.veto_counts(veto, sponsor)
    # A vetoed d2, which nobody sponsored; B vetoed d3, which A and B both sponsored
    assert got.tolist() == [[0, 0], [1, 1]]
