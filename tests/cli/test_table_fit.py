"""Terminal tables fit the terminal: the column choice by hand, and the similarity table at COLUMNS=80."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from valuesgap.cli import fit, run

SIMILARITY = ["similarity", "United States", "Russia", "--issue", "hr", "--ci", "0.95"]


# ---------------------------------------------------------------- the choice, by hand


def test_table_width_counts_padding_and_borders():
    # │ abc │ defgh │ : 1 + (1+3+1) + 1 + (1+5+1) + 1 = 15
    assert fit.table_width([3, 5]) == 15
    assert fit.table_width([]) == 1


def test_choose_stops_at_the_first_column_that_does_not_fit():
    widths = {"a": 3, "b": 5, "c": 4, "d": 1}
    assert fit.choose(widths, ["a", "b", "c", "d"], 15) == ["a", "b"]  # c would make 22
    assert fit.choose(widths, ["a", "b", "c", "d"], 22) == ["a", "b", "c"]  # d would make 26
    # d (4 wide with padding) would fit in 15 after a and b, but never jumps the queue
    assert fit.choose(widths, ["a", "b", "c", "d"], 19) == ["a", "b"]
    # the key column stays even when nothing fits
    assert fit.choose(widths, ["b", "a"], 4) == ["b"]


def test_blocks_repeat_the_key_and_cover_every_column_once():
    widths = {"k": 2, "x": 5, "y": 5, "z": 9}
    parts = fit.blocks(widths, ["k", "x", "y", "z"], 20, key=["k"])
    # k+x = 5+8+1 = 14 ≤ 20, +y = 22 > 20; then k+y = 14; k+z = 18; each block fits 20
    assert parts == [["k", "x"], ["k", "y"], ["k", "z"]]
    assert all(fit.table_width([widths[c] for c in p]) <= 20 for p in parts)


def test_column_order_puts_the_named_ones_first():
    assert fit.column_order(["a", "b", "c", "d"], ["c", "missing", "a"]) == ["c", "a", "b", "d"]


# ---------------------------------------------------------------- the CLI at 80 columns


@pytest.fixture
def narrow(monkeypatch, store):
    monkeypatch.setenv("COLUMNS", "80")
    return store


def _lines(text: str) -> list[str]:
    return text.splitlines()


def _header_cells(text: str) -> list[str]:
    """Return the header cells of every table in ``text`` (the lines drawn with ┃)."""
    cells = []
    for line in _lines(text):
        if line.startswith("┃"):
            cells += [c.strip() for c in line.strip("┃").split("┃")]
    return cells


def _body_rows(text: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip("│").split("│")] for line in _lines(text) if line.startswith("│")]


def test_similarity_table_fits_80_columns_without_a_cut_cell(narrow, capsys):
    assert run(SIMILARITY) == 0
    out = capsys.readouterr().out
    assert "…" not in out
    assert max(len(line) for line in _lines(out)) <= 80
    header = _header_cells(out)
    assert header[:5] == ["session", "n", "agreement", "agreement_lo", "agreement_hi"]
    # every column not shown is named under the table with the way to get it
    assert run([*SIMILARITY, "--format", "csv"]) == 0
    csv = pd.read_csv(io.StringIO(capsys.readouterr().out))
    note = " ".join(out.split())
    hidden = [c for c in csv.columns if c not in header]
    assert hidden and all(c in note for c in hidden)
    assert "--all-columns" in note and "--format csv" in note
    # the shown cells are the CSV's numbers, rounded to three places (session 78: n = 12 hr roll calls)
    rows = {int(r[0]): r for r in _body_rows(out)}
    row78 = csv.set_index("session").loc[78]
    assert int(rows[78][1]) == row78["n"] == 12
    for i, col in enumerate(header[2:], start=2):
        assert float(rows[78][i]) == pytest.approx(row78[col], abs=0.0005)


def test_all_columns_wraps_the_rest_into_tables_that_fit(narrow, capsys):
    assert run([*SIMILARITY, "--from", "2020", "--to", "2022", "--all-columns"]) == 0
    out = capsys.readouterr().out
    assert "…" not in out
    assert max(len(line) for line in _lines(out)) <= 80
    header = _header_cells(out)
    assert run([*SIMILARITY, "--from", "2020", "--to", "2022", "--format", "csv"]) == 0
    columns = capsys.readouterr().out.splitlines()[0].split(",")
    assert len(columns) == 17
    assert set(header) == set(columns)
    # the session labels every further table; no other column repeats
    assert header.count("session") > 1
    assert sorted(c for c in header if c != "session") == sorted(c for c in columns if c != "session")


def test_measure_chooses_the_leading_columns(narrow, capsys):
    assert run([*SIMILARITY, "--from", "2019", "--to", "2022", "--measure", "cohen_kappa"]) == 0
    header = _header_cells(capsys.readouterr().out)
    assert header[:5] == ["session", "n", "cohen_kappa", "cohen_kappa_lo", "cohen_kappa_hi"]


def test_unknown_measure_is_one_line(narrow, capsys):
    assert run([*SIMILARITY, "--measure", "kappa"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "kappa" in err and "cohen_kappa" in err


def test_one_row_table_turns_on_its_side(narrow, capsys):
    assert run([*SIMILARITY, "--from", "2020", "--to", "2020"]) == 0
    out = capsys.readouterr().out
    assert "…" not in out and max(len(line) for line in _lines(out)) <= 80
    rows = {r[0]: r[1] for r in _body_rows(out)}
    assert len(rows) == 17 and rows["session"] == "75"


def test_partners_table_fits_80_columns(narrow, capsys):
    assert run(["partners", "USA", "--session", "78", "--issue", "hr", "--boot", "50"]) == 0
    out = capsys.readouterr().out
    assert "…" not in out
    assert max(len(line) for line in _lines(out)) <= 80
    assert _header_cells(out)[:6] == ["rank", "name", "n", "coincidence", "coincidence_lo", "coincidence_hi"]
