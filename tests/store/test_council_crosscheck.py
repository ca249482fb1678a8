"""The official Council file against the DPPA workbook: a small case worked out by hand."""

from __future__ import annotations

import pandas as pd

from valuesgap.council_crosscheck import compare, resolution_number


def _frame(columns, rows):
    return pd.DataFrame(rows, columns=columns)


def test_findings_of_a_small_case():
    resolutions = _frame(
        ["undl_id", "number", "resolution", "date", "draft"],
        [
            (1, 100, "S/RES/100(2000)", pd.Timestamp("2000-01-05"), "S/2000/1"),
            (2, 101, "S/RES/101(2000)", pd.Timestamp("2000-02-01"), "S/2000/9"),
            (3, 102, "S/RES/102(2000)", pd.Timestamp("2000-03-01"), "S/2000/8"),
            (4, 50, "S/RES/50(1990)", pd.Timestamp("1990-01-01"), ""),  # before the DPPA span: not compared
        ],
    )
    official_votes = _frame(
        ["undl_id", "iso3", "code"],
        [(1, "USA", 1), (1, "RUS", 3), (1, "CHN", 2), (1, "FRA", 8), (2, "USA", 1), (2, "RUS", 1), (4, "USA", 1)],
    )
    drafts = _frame(
        ["draft_id", "symbol", "resolution", "date"],
        [
            (10, "S/2000/1", "100 (2000)", pd.Timestamp("2000-01-05")),
            (11, "S/2000/2", "101 (2000)", pd.Timestamp("2000-02-02")),  # other symbol, a day later
            (12, "S/2000/5", None, pd.Timestamp("2000-02-10")),  # vetoed: no resolution
            (13, "S/2000/7", "103 (2000)", pd.Timestamp("2000-02-15")),  # not in the official file
            (14, "S/2001/1", "104 (2001)", pd.Timestamp("2001-01-01")),  # after the official file ends
        ],
    )
    dppa_votes = _frame(
        ["draft_id", "iso3", "code"],
        [(10, "USA", 1), (10, "RUS", 2), (10, "CHN", 2), (10, "FRA", 1), (11, "USA", 1)],
    )
    check = compare(resolutions, official_votes, drafts, dppa_votes)
    assert check.matched["number"].tolist() == [100, 101, 102]
    assert check.matched["draft_id"].isna().tolist() == [False, False, True]
    # compared where both cast yes/abstain/no: USA, RUS, CHN on 100 (France is non-voting officially), USA on 101
    assert check.compared == 4
    got = {(r.kind, str(r.resolution), r.iso3, r.official, r.dppa) for r in check.findings.itertuples()}
    none = None
    assert got == {
        ("official resolution with no DPPA draft", "S/RES/102(2000)", none, "S/2000/8", none),
        ("draft symbol differs", "S/RES/101(2000)", none, "S/2000/9", "S/2000/2"),
        ("date differs", "S/RES/101(2000)", none, "2000-02-01", "2000-02-02"),
        ("DPPA adopted draft with no official resolution", "103 (2000)", none, none, "S/2000/7"),
        ("member's vote differs", "S/RES/100(2000)", "RUS", "no", "abstain"),
        ("member voting in the official file only", "S/RES/101(2000)", "RUS", "yes", none),
    }


def test_resolution_number_of_dppa_labels():
    got = resolution_number(pd.Series(["1874 (2009)", " 1929 (2010)", None, "n/a"]))
    assert got.tolist()[:2] == [1874, 1929] and got.isna().tolist() == [False, False, True, True]


def test_crosscheck_without_the_official_file_says_how_to_get_it(store, capsys):
    from valuesgap.cli import run

    assert run(["data", "report", "--crosscheck"]) == 2
    err = capsys.readouterr().err
    assert "data fetch --only undl_sc" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
