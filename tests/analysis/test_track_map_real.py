"""The two-track map on the real data: Russia 2009–2012, every partner placed or listed with its reason,
one partner's coordinates checked against the dyad's own values gap and vote similarity."""

from __future__ import annotations

import numpy as np
import pytest

import valuesgap as vg
from valuesgap.analysis import selection, tracks
from valuesgap.errors import InputError, NoData


@pytest.fixture(scope="module")
def russia(store):
    return vg.track_map("Russia", start=2009, end=2012)


def test_every_partner_is_placed_or_left_out_with_a_reason(russia):
    matrix = selection.vote_matrix()
    in_period = selection.select_rollcalls(matrix.rollcalls, "all", start=2009, end=2012).mask
    voted = np.isin(matrix.codes[:, in_period], (1, 2, 3)).any(axis=1)
    expected = set(np.asarray(matrix.states)[voted]) - {"RUS"}
    assert set(russia["iso3"]) == expected and len(russia) == len(expected) > 180
    placed = russia[russia["left_out"] == ""]
    assert len(placed) > 170
    assert placed[["values_institutions", "shared_interests"]].notna().all().all()
    assert (placed["shared_interests_n"] >= 10).all()
    left = russia[russia["left_out"] != ""]
    assert len(left) >= 1
    # Kiribati and Nauru rarely vote: too few nuclear/disarmament roll calls in common
    assert "fewer than min_n 10" in russia.set_index("iso3").loc["NRU", "left_out"]
    assert russia["left_out"].ne("").tolist() == sorted(russia["left_out"].ne("").tolist())  # placed first


def test_france_coordinates_match_the_dyad_computed_on_its_own(russia):
    fra = russia.set_index("iso3").loc["FRA"]
    # x: the values gap of the dyad, mean |gap| over the dimensions per year, then over the years
    gap = vg.values_gap("Russia", "France", start=2009, end=2012).pivot(index="year", columns="dimension", values="gap")
    assert fra["values_institutions"] == pytest.approx(gap.abs().mean(axis=1).mean(), abs=1e-12)
    assert fra["gap_media"] == pytest.approx(gap["media"].mean(), abs=1e-12)
    # y: the shared-interest vote track (nu+di) pooled over the years: Σ n·agreement / Σ n
    track = tracks.vote_track("RUS", "FRA", issues=("nu", "di"), years=range(2009, 2013), level=None)
    assert fra["shared_interests_n"] == track["n"].sum()
    assert fra["shared_interests"] == pytest.approx((track["n"] * track["value"]).sum() / track["n"].sum(), abs=1e-12)
    # colour: human-rights agreement, from vg.similarity by year, pooled the same way
    hr = vg.similarity("Russia", "France", issue="hr", by="year", start=2009, end=2012)
    assert fra["values_votes_n"] == hr["n"].sum()
    assert fra["values_votes"] == pytest.approx((hr["n"] * hr["agreement"]).sum() / hr["n"].sum(), abs=1e-12)
    # Russia scores far below France on every dimension (focal − partner < 0)
    assert all(fra[f"gap_{d}"] < -0.2 for d in ("repression", "media", "rule_of_law", "democracy"))


def test_compare_gives_both_periods(store):
    m = vg.track_map("Russia", start=2009, end=2012, compare="2006-2008").set_index("iso3")
    usa = m.loc["USA"]
    assert usa["left_out"] == "" and usa["from_left_out"] == ""
    before = vg.track_map("Russia", start=2006, end=2008).set_index("iso3").loc["USA"]
    assert usa["from_shared_interests"] == pytest.approx(before["shared_interests"])
    assert usa["from_values_institutions"] == pytest.approx(before["values_institutions"])
    # South Sudan joined in 2011: no votes in 2006–2008
    assert "not a UN member voting in 2006–2008" in m.loc["SSD", "from_left_out"]


def test_council_arena_places_members_and_says_who_was_not_on_the_council(store):
    m = vg.track_map("Russia", start=2009, end=2012, arena="council").set_index("iso3")
    placed = m[m["left_out"] == ""]
    assert {"USA", "CHN", "FRA", "GBR"} <= set(placed.index)
    got = vg.council("Russia", "United States", by="period", topic="shared", start=2009, end=2012)
    total = got[got["kind"] == "total"].iloc[0]
    assert m.loc["USA", "shared_interests_n"] == total["n"]
    assert m.loc["USA", "shared_interests"] == pytest.approx(total["agreement"])
    assert m.loc["ARG", "left_out"].startswith("not on the Security Council with Russia in 2009–2012")


def test_event_arena_pools_both_directions(store):
    m = vg.track_map("Russia", start=2009, end=2012, arena="events").set_index("iso3")
    ev = vg.events("Russia", "United States", start=2009, end=2012)
    both = ev[ev["direction"] == "both"]
    coop = (both["verb_coop"] + both["matl_coop"]).sum()
    assert m.loc["USA", "shared_interests_n"] == both["n"].sum()
    assert m.loc["USA", "shared_interests"] == pytest.approx(coop / both["n"].sum())


def test_arena_errors_name_the_way_out(store):
    with pytest.raises(NoData, match="Security Council"):
        vg.track_map("Andorra", start=2009, end=2012, arena="council")
    with pytest.raises(InputError, match="event data cover"):
        vg.track_map("Russia", start=2020, end=2022, arena="events")
    with pytest.raises(NoData, match="not yet a UN member"):
        vg.track_map("South Sudan", start=2000, end=2003)
