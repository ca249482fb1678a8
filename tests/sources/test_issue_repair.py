"""The Voeten issue codes' defect from 2019 (co and ec copy di): found from the data and cleared."""

from __future__ import annotations

import pandas as pd

from valuesgap.sources.issue_repair import copied_years, repair


def _rollcalls(rows):
    return pd.DataFrame(rows, columns=["rcid", "year", "di", "co", "ec"])


def test_a_year_where_co_and_ec_copy_di_is_cleared_and_others_are_kept():
    rows = []
    # 2018: five di roll calls, co on one of them only and an ec roll call without di -> genuine codes
    rows += [(1, 2018, True, i == 0, False) for i in range(5)] + [(6, 2018, False, False, True)]
    # 2019: six di roll calls, each also co and ec; two other roll calls with none -> a copy
    rows += [(10 + i, 2019, True, True, True) for i in range(6)] + [(20, 2019, False, False, False)] * 2
    # 2020: only four di roll calls copied -> too thin to call (MIN_ROLLCALLS = 5)
    rows += [(30 + i, 2020, True, True, True) for i in range(4)]
    frame = _rollcalls(rows)
    assert copied_years(frame) == [2019]
    fixed, repairs = repair(frame)
    assert not fixed.loc[fixed["year"] == 2019, ["co", "ec"]].to_numpy().any()
    assert fixed.loc[fixed["year"] == 2019, "di"].sum() == 6  # di itself is kept
    pd.testing.assert_frame_equal(fixed[fixed["year"] != 2019], frame[frame["year"] != 2019])
    assert repairs[["year", "code", "n_cleared"]].to_dict("records") == [
        {"year": 2019, "code": "co", "n_cleared": 6},
        {"year": 2019, "code": "ec", "n_cleared": 6},
    ]


def test_one_co_roll_call_without_di_means_no_copy():
    rows = [(i, 2021, True, True, True) for i in range(6)] + [(9, 2021, False, True, False)]
    assert copied_years(_rollcalls(rows)) == []


def test_on_the_mirror_2019_to_2023_are_cleared_and_2018_kept(store):
    """On the real data the copy runs from 2019 (the R data) through 2023 (the June 2024 wide file)."""
    repairs = store.query("SELECT year, code, n_cleared FROM issue_repairs ORDER BY code, year")
    assert repairs["year"].drop_duplicates().tolist() == [2019, 2020, 2021, 2022, 2023]
    counts = store.query(
        "SELECT year, sum(co::INT) AS co, sum(ec::INT) AS ec, sum(di::INT) AS di FROM rollcalls "
        "WHERE year BETWEEN 2017 AND 2023 GROUP BY year ORDER BY year"
    ).set_index("year")
    assert (counts.loc[2019:2023, ["co", "ec"]] == 0).all().all() and (counts.loc[2019:2023, "di"] > 0).all()
    assert counts.loc[2018, "co"] == 3 and counts.loc[2018, "ec"] == 18  # 2018's own codes kept
    cleared = repairs[repairs["code"] == "co"].set_index("year")["n_cleared"]
    assert cleared.to_dict() == counts.loc[2019:2023, "di"].to_dict()  # every di roll call had been coded co


def test_an_empty_co_period_says_why(store, capsys):
    from valuesgap.cli import run

    assert run(["similarity", "USA", "RUS", "--issue", "co", "--from", "2020", "--to", "2023"]) == 2
    err = capsys.readouterr().err
    assert "co is left out for 2020–2023" in err and "upstream defect" in err and "Traceback" not in err
