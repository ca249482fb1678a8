"""``valuesgap similarity`` and ``partners`` on the real store: output formats, the cube file, bad input."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from valuesgap.cli import run

HEADER = "session,n,agreement,coincidence,s_score,cohen_kappa,scott_pi"


@pytest.fixture(scope="module")
def db(store):
    return store


@pytest.mark.parametrize("issue", ["hr", "nu"])
def test_us_russia_series_as_csv(db, capsys, issue):
    assert run(["similarity", "United States", "Russia", "--issue", issue, "--format", "csv"]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0] == HEADER
    frame = pd.read_csv(io.StringIO(text))
    assert set(range(60, 79)) <= set(frame["session"])
    assert frame["agreement"].between(0, 1).all()


def test_table_output_names_the_states(db, capsys):
    assert run(["similarity", "USA", "RUS", "--issue", "hr", "--from", "2015", "--to", "2016"]) == 0
    out = capsys.readouterr().out
    assert "United States – Russia" in out and "cohen_kappa" in out


def test_by_year_with_intervals_as_json(db, capsys):
    code = run(
        [
            "similarity",
            "USA",
            "CHN",
            "--by",
            "year",
            "--ci",
            "0.9",
            "--from",
            "2020",
            "--to",
            "2022",
            "--format",
            "json",
        ]
    )
    assert code == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["year"] for r in rows] == [2020, 2021, 2022]
    assert all(r["agreement_lo"] <= r["agreement"] <= r["agreement_hi"] for r in rows)


def test_important_votes_only(db, capsys):
    assert run(["similarity", "USA", "FRA", "--important", "--format", "csv"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    # the data flag important votes for sessions 38–72 (1983–2017) only
    assert frame["session"].min() == 38 and frame["session"].max() == 72


def test_partners_csv(db, capsys):
    assert run(["partners", "USA", "--year", "2023", "--issue", "hr", "--measure", "agreement", "--format", "csv"]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0] == (
        "rank,iso3,name,n,agreement,agreement_lo,agreement_hi,coincidence,s_score,cohen_kappa,scott_pi"
    )
    frame = pd.read_csv(io.StringIO(text))
    ranked = frame[frame["rank"].notna()]  # partners with fewer than 10 roll calls in common follow, unranked
    assert ranked["agreement"].is_monotonic_decreasing
    assert (frame.loc[frame["rank"].isna(), "n"] < 10).all()
    assert frame["rank"].iloc[0] == 1


def test_partners_table_says_which_session(db, capsys):
    assert run(["partners", "Russia", "--session", "70"]) == 0
    assert "session 70" in capsys.readouterr().out


def test_cube_to_parquet(db, tmp_path, capsys):
    path = tmp_path / "cube.parquet"
    assert run(["similarity", "--all", "--out", str(path)]) == 0
    assert "rows" in capsys.readouterr().err
    cube = pd.read_parquet(path)
    assert list(cube.columns) == [
        "issue",
        "session",
        "a",
        "b",
        "n",
        "agreement",
        "coincidence",
        "s_score",
        "cohen_kappa",
        "scott_pi",
    ]
    assert set(cube["issue"].astype(str)) == {"all", "me", "nu", "di", "hr", "co", "ec"}
    assert len(cube) > 1_000_000


@pytest.mark.parametrize(
    ("argv", "text"),
    [
        (["similarity", "USA", "Atlantis"], "unknown country 'Atlantis'"),
        (["similarity", "USA", "RUS", "--issue", "xx"], "unknown issue 'xx'"),
        (["similarity", "USA", "RUS", "--ci", "2"], "between 0 and 1"),
        (["similarity", "USA", "RUS", "--by", "decade"], "'session' or 'year'"),
        (["similarity", "USA", "RUS", "--from", "1900", "--to", "1930"], "no roll calls"),
        (["similarity", "USA"], "give two states"),
        (["similarity", "--all"], "--out"),
        (["similarity", "USA", "RUS", "--all", "--out", "x.parquet"], "drop the state"),
        (["partners", "USA", "--session", "120"], "session 120"),
        (["partners", "USA", "--session", "70", "--year", "2015"], "not both"),
        (["partners", "USA", "--measure", "closeness"], "unknown measure"),
        (["partners", "USA", "--issue", "xx"], "unknown issue"),
    ],
)
def test_bad_input_exits_2_with_one_line(db, capsys, argv, text):
    assert run(argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("error: ") and text in lines[0]
    assert captured.out == ""
