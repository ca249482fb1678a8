"""Ideal points on the real UNGA votes: face validity, issue slices, cache, errors, CLI."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuesgap.analysis import idealpoints as ip
from valuesgap.analysis import selection
from valuesgap.errors import InputError, NoData

RECENT = range(70, 79)  # sessions 70-78, 2015-2024


@pytest.fixture(scope="module")
def all_votes(store):
    return ip.ideal_points()


def _percentiles(frame: pd.DataFrame, by: str = "session") -> pd.DataFrame:
    out = frame.copy()
    out["pct"] = out.groupby(by)["ideal_point"].rank(pct=True)
    return out


def test_columns_scale_and_orientation(all_votes):
    assert list(all_votes.columns) == ["iso3", "name", "session", "ideal_point", "n_votes"]
    assert all_votes["session"].min() == 1 and all_votes["session"].max() == 78
    assert not all_votes.duplicated(["iso3", "session"]).any()
    assert all_votes["ideal_point"].mean() == pytest.approx(0.0, abs=1e-9)
    assert all_votes["ideal_point"].std(ddof=0) == pytest.approx(1.0, rel=1e-9)
    us = all_votes[all_votes["iso3"] == "USA"]
    assert len(us) == 78 and (us["ideal_point"] > 0).all()
    assert all_votes.loc[all_votes["iso3"] == "RUS", "name"].iloc[0] == "Russia"
    assert (all_votes["n_votes"] > 0).all()


def test_west_positive_and_its_opponents_negative_in_recent_sessions(all_votes):
    recent = _percentiles(all_votes[all_votes["session"].isin(RECENT)])
    pct = recent.pivot(index="session", columns="iso3", values="pct")
    for iso3 in ("USA", "ISR", "GBR"):
        assert (pct[iso3] >= 0.95).all(), iso3
    for iso3 in ("CUB", "IRN", "SYR"):
        assert (pct[iso3] <= 0.05).all(), iso3
    # North Korea: below the median in every recent session on all votes (it abstains on many
    # nuclear-disarmament resolutions the non-aligned states carry), and at the very bottom on
    # human-rights votes (below)
    assert (pct["PRK"] < 0.5).all()
    assert (recent.loc[recent["iso3"] == "PRK", "ideal_point"] < -0.4).all()


def test_cold_war_blocs(all_votes):
    s30 = _percentiles(all_votes[all_votes["session"] == 30]).set_index("iso3")["pct"]  # 1975
    assert s30["RUS"] <= 0.05 and s30["USA"] >= 0.95
    # Poland moves from the Soviet bloc to the Western side around 1989-1991
    pol = all_votes[all_votes["iso3"] == "POL"].set_index("session")["ideal_point"]
    assert pol.loc[40] < -0.5 and pol.loc[50] > 0.5


def test_human_rights_slice(store):
    hr = ip.ideal_points(issue="hr", start=2010)
    recent = _percentiles(hr[hr["session"].isin(RECENT)])
    pct = recent.pivot(index="session", columns="iso3", values="pct")
    for iso3 in ("PRK", "IRN", "SYR", "CUB"):
        assert (pct[iso3] <= 0.10).all(), iso3
    assert (pct["USA"] >= 0.80).all()
    assert hr["session"].min() == 64  # roll calls from 2010 on: the end of session 64 onwards


def test_issue_lists_are_unions_in_any_order(store):
    assert selection.check_issues(["nu", "di"]) == ("nu", "di")
    assert selection.check_issues("DI,nu") == ("di", "nu")
    both = ip.ideal_points(issue=["nu", "di"], start=2010)
    nu = ip.votes_frame(("nu",), "session", start=2010, bridge=False)
    di = ip.votes_frame(("di",), "session", start=2010, bridge=False)
    union = ip.votes_frame(("di", "nu"), "session", start=2010, bridge=False)
    assert set(union["rollcall"]) == set(nu["rollcall"]) | set(di["rollcall"])
    assert len(set(nu["rollcall"]) - set(di["rollcall"])) > 0  # really a union, not one slice
    assert both.loc[both["iso3"] == "USA", "ideal_point"].gt(0).all()


def test_by_year(store):
    frame = ip.ideal_points(by="year", start=2015, end=2019)
    assert "year" in frame.columns and "session" not in frame.columns
    assert sorted(frame["year"].unique()) == [2015, 2016, 2017, 2018, 2019]


def test_bootstrap_bounds(store):
    frame = ip.ideal_points(issue="nu", start=2012, end=2019, n_boot=4)
    assert {"lo", "hi"} <= set(frame.columns)
    assert (frame["lo"] <= frame["hi"]).all()
    inside = (frame["lo"] <= frame["ideal_point"]) & (frame["ideal_point"] <= frame["hi"])
    assert inside.mean() > 0.5


def test_results_are_cached_by_data_version_and_parameters(store, monkeypatch):
    first = ip.ideal_points(issue="di", start=2016)
    cached = list((store.home() / "cache").glob("idealpoints-*.parquet"))
    assert cached
    store_mtime = store.store_path().stat().st_mtime

    def refuse(*args, **kwargs):
        raise AssertionError("refitted although the result was cached")

    monkeypatch.setattr(ip.DynamicIdealPoints, "fit", refuse)
    again = ip.ideal_points(issue="di", start=2016)
    pd.testing.assert_frame_equal(first, again)
    with pytest.raises(AssertionError, match="refitted"):
        ip.ideal_points(issue="di", start=2017)  # another parameter: a new fit
    assert store.store_path().stat().st_mtime == store_mtime  # the store is never written


def test_bad_input(store):
    with pytest.raises(InputError, match="start 2020 is after end 2010: swap start and end"):
        ip.ideal_points(start=2020, end=2010)
    with pytest.raises(InputError, match="grouping"):
        ip.ideal_points(by="week")
    with pytest.raises(InputError, match="unknown issue"):
        ip.ideal_points(issue="xx")
    with pytest.raises(InputError, match="alone"):
        ip.ideal_points(issue=["all", "hr"])
    with pytest.raises(InputError, match="n_boot"):
        ip.ideal_points(n_boot=-1)
    with pytest.raises(NoData, match="cover 1946"):
        ip.ideal_points(start=2031)
    with pytest.raises(NoData, match="contested roll calls"):
        ip.ideal_points(issue="nu", start=1957, end=1958)  # 5 nuclear roll calls: too few to fit


def test_cli(store, tmp_path, capsys):
    from valuesgap.cli import run

    out = tmp_path / "ip.csv"
    assert run(["ideal-points", "--issue", "nu,di", "--from", "2016", "--format", "csv", "--out", str(out)]) == 0
    frame = pd.read_csv(out)
    assert list(frame.columns) == ["iso3", "name", "session", "ideal_point", "n_votes"]
    assert frame.loc[frame["iso3"] == "USA", "ideal_point"].gt(0).all()
    assert run(["ideal-points", "--from", "2020", "--to", "2010"]) == 2
    assert "--from 2020 is after --to 2010: swap --from and --to" in capsys.readouterr().err
    assert run(["ideal-points", "--issue", "zz"]) == 2
    assert run(["ideal-points", "--walk-sd", "0"]) == 2
    assert np.isfinite(frame["ideal_point"]).all()


def test_bridging_ties_recurring_resolutions(store):
    votes = ip.votes_frame(("all",), "session", bridge=True)
    per_item = votes.dropna(subset=["item"]).groupby("item")["session"].nunique()
    assert len(per_item) > 300 and (per_item >= 2).all()  # each bridge spans at least two sessions
    plain = ip.votes_frame(("all",), "session", bridge=False)
    assert "item" not in plain.columns and len(plain) == len(votes)
