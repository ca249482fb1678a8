"""Change points on hand-made series with known steps, and the sentences told from their numbers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from valuesgap.analysis import changepoints as cp
from valuesgap.errors import InputError

YEARS = np.arange(2000, 2020)
# hand-made noise: ten values summing to 0, so each ten-year segment keeps its exact mean
NOISE10 = np.array([0.02, -0.015, 0.01, -0.005, 0.0, 0.015, -0.02, 0.005, -0.01, 0.0])
WIGGLE = np.tile(NOISE10, 2)


def frame(**columns) -> pd.DataFrame:
    return pd.DataFrame({"year": YEARS, **columns})


def test_noise_sd_by_hand():
    # y = 0, 1, 3, 6 → Δ = 1, 2, 3; median 2; |Δ − 2| = 1, 0, 1 → MAD 1 → σ̂ = 1 / (0.6745 · √2)
    assert cp.noise_sd(np.array([0.0, 1.0, 3.0, 6.0])) == pytest.approx(1 / (0.6745 * math.sqrt(2)))
    # penalty 2 σ̂² ln n with n = 4
    assert cp.bic_penalty(np.array([0.0, 1.0, 3.0, 6.0])) == pytest.approx(2 / (0.6745**2 * 2) * math.log(4))


def test_one_known_step_is_found_at_its_year():
    y = np.where(YEARS < 2010, 0.3, 0.8) + WIGGLE
    assert cp.breakpoints(y) == [10]
    got = cp.change_points(frame(shared_interests=y), ["shared_interests"])
    assert len(got) == 1
    row = got.iloc[0]
    assert row["year"] == 2010 and row["direction"] == "up"
    # each segment has the ten noise values summing to 0: means 0.30 and 0.80
    assert row["before_mean"] == pytest.approx(0.3) and row["after_mean"] == pytest.approx(0.8)
    assert (row["before_from"], row["before_to"], row["after_from"], row["after_to"]) == (2000, 2009, 2010, 2019)
    assert row["sentence"].startswith(
        "From 2010, shared-interest vote similarity rose from 0.30 (mean of 2000–2009) to 0.80 (mean of 2010–2019)"
    )


def test_no_step_no_change_point():
    y = 0.5 + WIGGLE
    assert cp.breakpoints(y) == []
    assert cp.change_points(frame(shared_interests=y), ["shared_interests"]).empty
    assert cp.breakpoints(np.full(20, 0.4)) == []  # constant
    zigzag = np.array([0.5, 0.52] * 10)  # MAD of the differences is 0: the sd of the differences is used
    # Δ: ten +0.02 and nine −0.02 → mean 0.02/19, sd = 0.02 · √(1 − 1/19²)
    assert cp.noise_sd(zigzag) == pytest.approx(0.02 * math.sqrt(1 - 1 / 361) / math.sqrt(2))
    assert cp.breakpoints(zigzag) == []


def test_noise_free_step():
    y = np.where(YEARS < 2012, 0.2, 0.6)
    assert cp.breakpoints(y) == [12]


def test_two_steps_up_then_down():
    y = np.select([YEARS < 2006, YEARS < 2014], [0.2, 0.7], 0.4) + WIGGLE
    got = cp.change_points(frame(values_votes=y), ["values_votes"])
    assert got["year"].tolist() == [2006, 2014]
    assert got["direction"].tolist() == ["up", "down"]
    assert got["after_mean"].tolist() == pytest.approx([0.7, 0.4], abs=0.01)
    assert "fell from 0.70" in got["sentence"].iloc[1]


def test_missing_years_are_left_out_not_zero():
    y = np.where(YEARS < 2010, 0.3, 0.8) + WIGGLE
    y[[3, 15]] = np.nan  # 2003 and 2015 missing
    segs = cp.segments(YEARS, y)
    assert segs["start_year"].tolist() == [2000, 2010]
    assert segs["n_years"].tolist() == [9, 9]
    # mean of 2000–2009 without 2003, whose noise was −0.005: the other nine sum to +0.005
    assert segs["mean"].iloc[0] == pytest.approx(0.3 + 0.005 / 9)


def test_companion_stayed_or_moved():
    si = np.where(YEARS < 2010, 0.3, 0.8) + WIGGLE
    flat = 0.12 + WIGGLE  # human-rights similarity does not move
    got = cp.change_points(frame(shared_interests=si, values_votes=flat), ["shared_interests"])
    sentence = got["sentence"].iloc[0]
    assert sentence.endswith("while human-rights vote similarity stayed between 0.10 and 0.14 (2000–2019).")
    falling = np.where(YEARS < 2010, 0.5, 0.2)
    got = cp.change_points(frame(shared_interests=si, values_votes=falling), ["shared_interests"])
    assert (
        got["sentence"]
        .iloc[0]
        .endswith("while human-rights vote similarity fell from 0.50 to 0.20 (means over the same years).")
    )
    assert got.loc[0, "companion_before"] == pytest.approx(0.5)


def test_short_series_and_bad_input():
    assert cp.breakpoints(np.array([0.1, 0.9, 0.1, 0.9, 0.1])) == []  # shorter than 2 × min_size
    with pytest.raises(InputError):
        cp.breakpoints(np.array([0.1, math.nan, 0.3, 0.4, 0.5, 0.6]))
    with pytest.raises(InputError):
        cp.change_points(frame(shared_interests=np.zeros(20)), ["no_such_track"])
    with pytest.raises(InputError):
        cp.change_points(pd.DataFrame({"x": [1]}))
