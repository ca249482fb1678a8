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
        (["council", "USA", "IRN"], "never sat on the Security Council"),
        (["council", "USA", "RUS", "--from", "1980", "--to", "1990"], "1994–2025"),
        (["events", "USA", "RUS", "--from", "2020"], "2002–2014"),
        (["vetoes", "--by", "Germany"], "not a permanent member"),
        (["council", "USA", "RUS", "--topics", "/nonexistent.toml"], "does not exist"),
    ],
)
def test_bad_input_one_line_exit_2(store, capsys, argv, message):
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
