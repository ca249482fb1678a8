"""``valuesgap council``, ``vetoes``, ``events`` and ``data report --council`` on the real store."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from valuesgap.cli import run


def _csv(capsys, argv: list[str]) -> pd.DataFrame:
    assert run([*argv, "--format", "csv"]) == 0
    return pd.read_csv(io.StringIO(capsys.readouterr().out))


def test_council_usa_russia_per_year_by_topic_group(store, capsys):
    frame = _csv(capsys, ["council", "USA", "RUS", "--by", "year", "--topic", "shared"])
    assert frame["year"].min() == 1994 and frame["year"].max() == 2025
    assert {"dprk", "iran", "afghanistan", "shared"} <= set(frame["group"])
    assert run(["council", "USA", "RUS", "--topic", "shared", "--from", "2009", "--to", "2010"]) == 0
    out = capsys.readouterr().out
    assert "dprk" in out and "missing, not zero" in out


def test_done_when_us_russia_council_by_year_and_group_and_events_both_directions(store, capsys):
    # the Council measures per year 1994–2025 and topic group: every year has its rows (n = 0 where the
    # two voted on nothing of the group: agreement missing, not zero)
    frame = _csv(capsys, ["council", "USA", "RUS", "--by", "year", "--from", "1994", "--to", "2025"])
    assert sorted(frame["year"].unique()) == list(range(1994, 2026))
    assert {"dprk", "iran", "syria", "ukraine", "all"} <= set(frame["group"])
    assert frame.loc[frame["n"] == 0, "agreement"].isna().all()
    rows = frame.set_index(["year", "group"])
    # 2009: resolution 1874 (DPRK) adopted unanimously, both in favour; 2010: 1929 (Iran), both in favour
    assert rows.loc[(2009, "dprk"), "both_yes"] >= 1 and rows.loc[(2009, "dprk"), "agreement"] == 1.0
    assert rows.loc[(2010, "iran"), "both_yes"] == 1 and rows.loc[(2010, "iran"), "agreement"] == 1.0
    # 2014: Russia vetoed S/2014/189 (Ukraine), which the United States sponsored: agreement 0 on that draft
    assert rows.loc[(2014, "ukraine"), "a_for_b_vetoed"] >= 1
    # 2022: S/2022/431 (DPRK) — the United States in favour, Russia's veto: one agreeing, one opposed draft
    assert rows.loc[(2022, "dprk"), "n"] == 2 and rows.loc[(2022, "dprk"), "agreement"] == 0.5
    for column in ("agreement", "cosponsored", "a_for_b_vetoed", "b_for_a_vetoed", "both_yes", "drafts"):
        assert column in frame
    # the terminal table: years and groups, the vetoes named by direction
    assert run(["council", "USA", "RUS", "--by", "year", "--from", "1994", "--to", "2025"]) == 0
    out = capsys.readouterr().out
    assert "RUS_for_USA_vetoed" in out and "USA_for_RUS_vetoed" in out and "1994" in out and "2025" in out
    # the event shares 2002–2014, both directions, every year
    events = _csv(capsys, ["events", "USA", "RUS", "--from", "2002", "--to", "2014"])
    for direction in ("a_to_b", "b_to_a"):
        rows = events.loc[events["direction"] == direction]
        assert sorted(rows["year"]) == list(range(2002, 2015))
        assert (rows["n"] > 0).all() and rows["coop_share"].between(0, 1).all()
    assert set(events.loc[events["direction"] == "a_to_b", "sender"]) == {"USA"}
    assert set(events.loc[events["direction"] == "b_to_a", "sender"]) == {"RUS"}
    assert run(["events", "USA", "RUS", "--from", "2002", "--to", "2014"]) == 0
    out = capsys.readouterr().out
    assert "USA→RUS" in out and "RUS→USA" in out


def test_council_drafts_are_the_rows_behind_the_counts(store, capsys):
    """``council --drafts`` lists the drafts; those both voted on are the n of ``council`` (year by year)."""
    table = _csv(capsys, ["council", "USA", "RUS", "--topic", "dprk", "--from", "2006", "--to", "2017"])
    drafts = _csv(capsys, ["council", "USA", "RUS", "--drafts", "--topic", "dprk", "--from", "2006", "--to", "2017"])
    both = drafts[drafts["a_vote"].notna() & drafts["b_vote"].notna()]
    assert both.groupby("year").size().to_dict() == table.loc[table["n"] > 0].set_index("year")["n"].to_dict()
    assert "1874 (2009)" in set(drafts["resolution"])  # the DPRK sanctions of June 2009
    contested = _csv(capsys, ["council", "USA", "RUS", "--drafts", "--contested", "--from", "2011", "--to", "2012"])
    assert len(contested) > 0 and contested["contested"].all()
    assert "S/2011/612" in set(contested["symbol"])  # the Syria draft Russia and China vetoed in October 2011
    assert run(["council", "USA", "RUS", "--drafts", "--topic", "iran", "--from", "2010", "--to", "2010"]) == 0
    out = capsys.readouterr().out
    assert "USA_vote" in out and "1929 (2010)" in out


def test_council_contested_period(store, capsys):
    frame = _csv(capsys, ["council", "USA", "RUS", "--by", "period", "--contested", "--topic", "syria"])
    assert len(frame) == 1 and frame["n"].iloc[0] > 10


def test_vetoes_and_events(store, capsys):
    vetoes = _csv(capsys, ["vetoes", "--by", "RUS", "--against", "USA"])
    assert "S/2022/431" in set(vetoes["symbol"])
    events = _csv(capsys, ["events", "USA", "RUS"])
    assert set(events["direction"]) == {"a_to_b", "b_to_a", "both"}
    assert events["year"].between(2002, 2014).all()


def test_data_report_lists_council_defects(store, capsys):
    report = _csv(capsys, ["data", "report"])
    kinds = " ".join(report["kind"])
    assert "Security Council: votes contradict the outcome (draft left out)" in kinds
    detail = _csv(capsys, ["data", "report", "--council"])
    assert (detail["symbol"] == "S/2018/985").any()


@pytest.mark.parametrize(
    "argv, message",
    [
        (["council", "USA", "RUS", "--topic", "nukes"], "unknown topic group"),
        (["council", "USA", "RUS", "--topic", "dprkk"], "did you mean 'dprk'?"),
        (["council", "USA", "RUS", "--topic", "sharde"], "did you mean 'shared'?"),
        (["council", "USA", "Iceland", "--from", "2000"], "Iceland never sat on the Security Council"),
        (["events", "USA", "RUS", "--from", "1990", "--to", "1999"], "the event data cover 2002–2014"),
        (["events", "USA", "Iceland"], "do not cover Iceland"),
        (
            ["vetoes", "--against", "USA", "--from", "1950", "--to", "1960"],
            "sponsors of vetoed drafts are known from 1994",
        ),
        (["council", "USA", "IRN"], "never sat on the Security Council"),
        (["council", "USA", "RUS", "--from", "1980", "--to", "1990"], "1994–2025"),
        (["events", "USA", "RUS", "--from", "2020"], "2002–2014"),
        (["vetoes", "--by", "Germany"], "not a permanent member"),
        (["council", "USA", "RUS", "--topics", "/nonexistent.toml"], "does not exist"),
        (["council", "USA", "RUS", "--drafts", "--by", "period"], "leave out --by"),
    ],
)
def test_bad_input_one_line_exit_2(store, capsys, argv, message):
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
