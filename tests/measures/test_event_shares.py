"""Event-share measures on small hand-computed cases."""

from __future__ import annotations

import math

import numpy as np
import pytest

from valuesgap.measures import event_shares as es


def test_wilson_interval_by_hand():
    # 5 of 10 at 95 %: z = 1.959964, z² = 3.841459; centre = (0.5 + z²/20) / (1 + z²/10) = 0.5;
    # half = z·√(0.025 + z²/400) / (1 + z²/10) = 1.959964·√0.0346036 / 1.3841459 = 0.263406
    lo, hi = es.wilson_interval(np.array([5]), np.array([10]), 0.95)
    assert lo[0] == pytest.approx(0.5 - 0.263406, abs=1e-5)
    assert hi[0] == pytest.approx(0.5 + 0.263406, abs=1e-5)


def test_wilson_interval_at_zero_successes_by_hand():
    # 0 of 4: centre = (z²/8)/(1 + z²/4), half = z·√(z²/64)/(1 + z²/4) = (z²/8)/(1 + z²/4) → lo 0, hi z²/4/(1+z²/4)
    z2 = 1.959964**2
    lo, hi = es.wilson_interval(np.array([0]), np.array([4]), 0.95)
    assert lo[0] == pytest.approx(0.0, abs=1e-12)
    assert hi[0] == pytest.approx((z2 / 4) / (1 + z2 / 4), abs=1e-6)


def test_shares_by_hand_and_missing_when_no_events():
    got = es.shares([6, 0], [2, 0], [1, 0], [1, 0], level=0.9)
    # first dyad: 10 events, cooperation (6+2)/10 = 0.8, material conflict 1/10 = 0.1
    assert got["n"].tolist() == [10, 0]
    assert got["coop_share"][0] == pytest.approx(0.8)
    assert got["matl_conf_share"][0] == pytest.approx(0.1)
    assert got["coop_lo"][0] < 0.8 < got["coop_hi"][0]
    # no events: missing, not zero
    assert math.isnan(got["coop_share"][1]) and math.isnan(got["coop_lo"][1])


def test_relative_share_and_sender_totals_by_hand():
    # sender 0 → two targets in period 0: (8 coop of 10) and (2 coop of 10) → overall 10/20 = 0.5
    counts = np.array([[6, 2, 1, 1], [1, 1, 4, 4], [3, 0, 0, 0]])
    totals = es.sender_totals(np.array([0, 0, 1]), np.array([0, 0, 0]), counts)
    assert totals.tolist() == [[7, 3, 5, 5], [7, 3, 5, 5], [3, 0, 0, 0]]
    dyad = es.shares(*counts.T)["coop_share"]
    sender = es.shares(*totals.T)["coop_share"]
    rel = es.relative_share(dyad, sender)
    assert rel == pytest.approx([0.8 / 0.5, 0.2 / 0.5, 1.0])
    assert math.isnan(es.relative_share(np.array([0.3]), np.array([0.0]))[0])


def test_sender_totals_separate_senders_and_periods_by_hand():
    # sender 0 in periods 0 and 1, sender 1 in period 0: sums stay within (sender, period)
    counts = np.array([[1, 0, 0, 0], [2, 1, 0, 0], [0, 0, 3, 0], [0, 0, 0, 4]])
    totals = es.sender_totals(np.array([0, 0, 0, 1]), np.array([0, 1, 0, 0]), counts)
    assert totals.tolist() == [[1, 0, 3, 0], [2, 1, 0, 0], [1, 0, 3, 0], [0, 0, 0, 4]]


def test_coop_share_of_by_hand():
    # (3 + 1) / (3 + 1 + 2 + 2) = 0.5; no events: missing, not zero
    got = es.coop_share_of(np.array([[3, 1, 2, 2], [0, 0, 0, 0]]))
    assert got[0] == pytest.approx(0.5)
    assert math.isnan(got[1])


def test_level_must_be_a_probability():
    with pytest.raises(ValueError):
        es.z_value(1.5)
