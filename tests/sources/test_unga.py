"""UNGA sources on the real mirror files: counts, known votes, the merge rules."""

import pandas as pd
import pytest

from valuesgap.sources import registry, unga, unga_wide


@pytest.fixture(scope="module")
def data(mirror):
    return unga.merged(registry.found(mirror, "unga"))


def test_rollcall_counts_and_range(data):
    r = data.rollcalls
    assert len(r) == 6551
    assert r["rcid"].is_unique
    assert r["date"].min() == pd.Timestamp("1946-01-01")
    assert r["date"].max() == pd.Timestamp("2024-06-04")
    assert (r["source"] == "wide").sum() == 349  # 345 of 2020-24 + 4 renumbered re-used ids


def test_every_vote_of_either_file_kept(data):
    cast = data.votes[data.votes["vote"].isin(["yes", "abstain", "no"])]
    assert len(cast) > 869_937  # more than the R data alone: West Germany etc. added
    assert not data.votes.duplicated(["rcid", "iso3"]).any()


def test_historical_entities_kept_apart(data):
    states = set(data.votes["iso3"])
    assert {"CSK", "DDR", "YMD", "YUG", "ZZB"} <= states
    yug = data.votes[data.votes["iso3"] == "YUG"].merge(data.rollcalls[["rcid", "date"]], on="rcid")
    assert yug["date"].max() <= pd.Timestamp("1992-12-31")


def test_known_votes(data):
    """rcid 3 (1946-01-01): the wide file's first row has USA yes (1) and Canada no (3)."""
    v = data.votes.set_index(["rcid", "iso3"])["vote"]
    assert v[(3, "USA")] == "yes"
    assert v[(3, "CAN")] == "no"


def test_session_from_date():
    dates = pd.Series(pd.to_datetime(["1946-01-10", "1947-09-16", "2019-12-27", "2020-09-15", "2021-06-01"]))
    assert unga_wide.session_of(dates).tolist() == [1, 2, 74, 75, 75]


def test_derived_session_agrees_with_unvotes_for_regular_sessions(data):
    r = data.rollcalls[data.rollcalls["source"] == "both"]
    agree = (unga_wide.session_of(r["date"]) == r["session"]).mean()
    assert agree > 0.99


def test_issue_flags(data):
    r = data.rollcalls
    assert r["hr"].sum() > 900 and r["nu"].sum() > 700


def test_merge_rules_on_a_hand_made_case():
    r = pd.DataFrame({"rcid": [1, 1, 2], "iso3": ["AAA", "BBB", "AAA"], "vote": ["yes", "no", "abstain"]})
    w = pd.DataFrame({"rcid": [1, 1, 2, 2], "iso3": ["AAA", "BBB", "AAA", "CCC"], "code": [1, 2, 9, 8]})
    votes, report = unga.merge_votes(r, w)
    got = votes.set_index(["rcid", "iso3"])["vote"].to_dict()
    # BBB differs (no vs abstain): wide kept; AAA rc2 non-member in wide but abstain in R: vote kept
    assert got == {(1, "AAA"): "yes", (1, "BBB"): "abstain", (2, "AAA"): "abstain", (2, "CCC"): "absent"}
    assert sorted(report["iso3"]) == ["AAA", "BBB"]
