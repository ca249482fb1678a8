"""``valuesgap map`` on the real store: every partner with both coordinates, the left-out ones with the reason."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from valuesgap.cli import run


def _csv(capsys, argv: list[str]) -> pd.DataFrame:
    assert run([*argv, "--format", "csv"]) == 0
    return pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False, na_values=[""])


def test_map_russia_2009_2012_lists_every_partner(store, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    assert run(["map", "Russia", "--from", "2009", "--to", "2012"]) == 0
    out = capsys.readouterr().out
    assert "The two-track map of Russia, 2009–2012 (assembly)" in out
    assert "│ FRA  │ France" in out and "│ USA  │ United States" in out
    table = out.split("gap = values_institutions")[0]
    assert "…" not in table  # nothing truncated on an 80-column terminal
    assert "Left out (2):" in out
    assert "NRU Nauru: 3 roll calls in common, fewer than min_n 10" in out
    frame = _csv(capsys, ["map", "Russia", "--from", "2009", "--to", "2012"])
    assert len(frame) == 192
    placed = frame[frame["left_out"].isna()]
    assert len(placed) == 190
    assert placed[["values_institutions", "shared_interests", "values_votes"]].notna().all().all()
    assert frame.loc[frame["left_out"].notna(), "iso3"].tolist() == ["KIR", "NRU"]


def test_map_compare_shows_both_periods(store, capsys):
    frame = _csv(capsys, ["map", "RUS", "--from", "2009", "--to", "2012", "--compare", "2006-2008"])
    usa = frame.set_index("iso3").loc["USA"]
    assert 0 < usa["from_shared_interests"] < 1 and 0 < usa["from_values_institutions"] < 1
    assert run(["map", "RUS", "--from", "2009", "--to", "2012", "--compare", "2006-08"]) == 0
    out = capsys.readouterr().out
    assert "gap_from" in out and "SSD South Sudan: 2006–2008: not a UN member voting in 2006–2008" in out


def test_map_council_arena(store, capsys):
    frame = _csv(capsys, ["map", "RUS", "--from", "2009", "--to", "2012", "--arena", "council"])
    placed = frame[frame["left_out"].isna()]
    assert {"USA", "CHN", "FRA", "GBR"} <= set(placed["iso3"])
    assert frame["left_out"].str.startswith("not on the Security Council with Russia", na=False).sum() > 100


@pytest.mark.parametrize(
    "argv, message",
    [
        (["map", "Russia", "--from", "2012", "--to", "2009"], "--from 2012 is after --to 2009"),
        (["map", "Russia", "--compare", "2006"], "FROM-TO"),
        (["map", "Russia", "--arena", "parliament"], "unknown arena"),
        (["map", "Rusia"], "did you mean"),
        (["map", "Russia", "--from", "2020", "--to", "2022", "--arena", "events"], "event data cover"),
    ],
)
def test_map_bad_input_is_one_line_exit_2(store, capsys, argv, message):
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_min_n_default_matches_the_analysis():
    from valuesgap.analysis.selection import DEFAULT_MIN_N
    from valuesgap.cli.cmd_map import MIN_N

    assert MIN_N == DEFAULT_MIN_N
