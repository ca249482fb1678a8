"""The Security Council and event-data arenas on the real store: known facts, hand-checked numbers, bad input."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from valuesgap.errors import InputError, NoData


@pytest.fixture(scope="module")
def council(store):
    from valuesgap.analysis import council

    return council


@pytest.fixture(scope="module")
def arena(store):
    from valuesgap.analysis import event_arena

    return event_arena


def test_store_has_the_arena_tables(store):
    drafts = store.query("SELECT count(*) AS n FROM council_drafts")["n"].iloc[0]
    left_out = store.query("SELECT count(DISTINCT draft_id) AS n FROM council_report WHERE action = 'draft left out'")
    assert drafts + left_out["n"].iloc[0] == 1997
    assert store.query("SELECT count(*) AS n FROM event_dyads WHERE source = 'icews'")["n"].iloc[0] == 298376
    status = store.status()
    assert {"unsc_dppa", "unsc_vetoes", "icews"} <= set(status["source"])


def test_usa_russia_2009_dprk_and_2010_iran(council):
    frame = council.council("USA", "RUS", topic="shared", start=2009, end=2010)
    rows = frame.set_index(["year", "group"])
    # 2009: resolution 1874 (DPRK), adopted unanimously → both yes, agreement 1
    assert rows.loc[(2009, "dprk"), "n"] == 1 and rows.loc[(2009, "dprk"), "agreement"] == 1.0
    # 2010: resolution 1929 (Iran), both in favour
    assert rows.loc[(2010, "iran"), "both_yes"] == 1
    # a group with no drafts that year is missing, not zero
    assert rows.loc[(2009, "iran"), "n"] == 0 and math.isnan(rows.loc[(2009, "iran"), "agreement"])


def test_2022_dprk_veto_by_hand(council):
    # 2022 DPRK drafts: resolution 2627 (both yes) and S/2022/431 (US yes, Russia vetoed):
    # distances 0 and 1 → agreement 1 − 1/2 = 0.5; one draft the US voted for and Russia vetoed
    row = council.council("USA", "RUS", topic="dprk", start=2022, end=2022).iloc[0]
    assert (row["n"], row["agreement"], row["a_for_b_vetoed"], row["b_for_a_vetoed"]) == (2, 0.5, 1, 0)


def test_agreement_matches_the_drafts_by_hand(council):
    drafts = council.drafts_of("USA", "RUS", topic="ukraine")
    both = drafts.dropna(subset=["a_vote", "b_vote"])
    pos = {"yes": 1.0, "abstain": 0.5, "no": 0.0}
    expected = 1 - np.mean([abs(pos[x] - pos[y]) for x, y in zip(both["a_vote"], both["b_vote"])])
    row = council.council("USA", "RUS", topic="ukraine", by="period").iloc[0]
    assert row["n"] == len(both)
    assert row["agreement"] == pytest.approx(expected)
    crimea = drafts.set_index("symbol").loc["S/2014/189"]
    assert crimea["a_vote"] == "yes" and crimea["b_vote"] == "no" and bool(crimea["b_veto"])


def test_contested_keeps_only_drafts_not_adopted_unanimously(council):
    frame = council.council("USA", "RUS", by="period", contested=True, topic="dprk")
    drafts = council.drafts_of("USA", "RUS", topic="dprk")
    assert frame.iloc[0]["drafts"] == int(drafts["contested"].sum())
    assert frame.iloc[0]["agreement"] == 0.0  # both contested DPRK drafts were vetoed by Russia


def test_total_row_adds_the_groups(council):
    frame = council.council("USA", "RUS", topic="shared", by="period")
    total = frame.loc[frame["group"] == "shared"].iloc[0]
    parts = frame.loc[frame["kind"] == "shared"]
    assert total["n"] == parts["n"].sum() and total["cosponsored"] == parts["cosponsored"].sum()


def test_elected_members_count_only_in_their_council_years(council):
    frame = council.council("USA", "BRA", topic="iran", start=2010, end=2011)
    row = frame.set_index("year").loc[2010]
    assert row["n"] == 1 and row["agreement"] == 0.0  # 1929: US yes, Brazil no
    assert council.years_on_council("CHE") == [2023, 2024]


def test_vetoes_by_and_against(council):
    by_russia = council.vetoes(by="Russia", against="United States", start=2022, end=2022)
    assert "S/2022/431" in set(by_russia["symbol"])
    assert set(council.vetoes(by="China", start=2022, end=2022)["symbol"]) == {"S/2022/431"}
    early = council.vetoes(by="USSR", end=1950)
    assert set(early["vetoer"]) == {"RUS"} and set(early["source"]) == {"veto_list"}


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda c: c.council("USA", "RUS", topic="nukes"), InputError, "unknown topic group"),
        (lambda c: c.council("USA", "Iran"), InputError, "never sat on the Security Council"),
        (lambda c: c.council("USA", "RUS", start=1980, end=1990), InputError, "1994–2025"),
        (lambda c: c.council("USA", "RUS", start=2010, end=2005), InputError, "swap"),
        (lambda c: c.council("USA", "CHE", start=2000, end=2010), NoData, "never sat on the Security Council together"),
        (lambda c: c.council("USA", "RUS", by="week"), InputError, "unknown grouping"),
        (lambda c: c.vetoes(by="Germany"), InputError, "not a permanent member"),
        (lambda c: c.vetoes(by="France", start=2000, end=2010), NoData, "no vetoes"),
    ],
)
def test_bad_input_is_one_clear_error(council, call, error, message):
    with pytest.raises(error, match=message):
        call(council)


def test_events_usa_russia_known_counts_and_shares(arena):
    frame = arena.events("USA", "RUS")
    rows = frame.set_index(["year", "direction"])
    r09 = rows.loc[(2009, "a_to_b")]
    assert r09["verb_coop"] == 6703
    # 2014, USA → RUS: 4374 + 25 cooperation of 4374 + 25 + 1694 + 1371 = 7464 events
    r14 = rows.loc[(2014, "a_to_b")]
    assert r14["n"] == 7464
    assert r14["coop_share"] == pytest.approx(4399 / 7464)
    assert r14["matl_conf_share"] == pytest.approx(1371 / 7464)
    assert r14["coop_lo"] < r14["coop_share"] < r14["coop_hi"]
    both = rows.loc[(2014, "both")]
    assert both["n"] == r14["n"] + rows.loc[(2014, "b_to_a"), "n"]
    assert sorted(frame["year"].unique()) == list(range(2002, 2015))
    # relative share: the dyad's share over the sender's share towards everyone that year
    assert r14["coop_relative"] == pytest.approx(r14["coop_share"] / r14["sender_coop_share"])


def test_events_all_agrees_with_one_dyad(arena):
    every = arena.events_all()
    one = every.loc[(every["sender"] == "USA") & (every["target"] == "RUS") & (every["year"] == 2014)].iloc[0]
    dyad = arena.events("USA", "RUS", start=2014, end=2014).set_index("direction").loc["a_to_b"]
    assert one["coop_relative"] == pytest.approx(dyad["coop_relative"])
    assert one["coop_lo"] == pytest.approx(dyad["coop_lo"])


def test_events_all_sender_share_matches_each_sender_and_year(arena):
    # the vectorised sender totals (one sum per sender and year) agree with the per-dyad SQL sums
    every = arena.events_all()
    for a, b, year in (("RUS", "USA", 2002), ("CHN", "USA", 2008), ("USA", "RUS", 2010)):
        one = every.loc[(every["sender"] == a) & (every["target"] == b) & (every["year"] == year)].iloc[0]
        dyad = arena.events(a, b, start=year, end=year).set_index("direction").loc["a_to_b"]
        assert one["sender_coop_share"] == pytest.approx(dyad["sender_coop_share"])
        assert one["n"] == dyad["n"]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"start": 2020}, "2002–2014"),
        ({"level": 1.5}, "strictly between 0 and 1"),
        ({"start": 2010, "end": 2004}, "swap"),
    ],
)
def test_events_bad_input(arena, kwargs, message):
    with pytest.raises(InputError, match=message):
        arena.events("USA", "RUS", **kwargs)


def test_events_periods_as_text_and_by(arena):
    # '2013' and 2013 are the same year; ICEWS rows are yearly (month NULL) and say where they come from
    frame = arena.events("USA", "RUS", start="2013", end=2014)
    assert frame.attrs["by"] == "year" and sorted(frame["year"].unique()) == [2013, 2014]
    assert frame["month"].isna().all()
    assert frame.attrs["sources"] == ["2013–2014: ICEWS (Boschee et al.), dyad-years via netify"]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"by": "month"}, "the event data in the store are yearly (ICEWS"),
        ({"by": "week"}, "--by must be 'year' or 'month'"),
        ({"start": "2010-03"}, "2010-03 is a month: with --by year give years"),
        ({"start": "2010/03", "by": "month"}, "a year (YYYY) or a month (YYYY-MM)"),
    ],
)
def test_events_by_month_needs_monthly_data(arena, kwargs, message):
    with pytest.raises(InputError, match=re.escape(message)):
        arena.events("USA", "RUS", **kwargs)


def test_events_state_not_covered(arena):
    with pytest.raises(InputError, match="do not cover Iceland"):
        arena.events("USA", "Iceland")
