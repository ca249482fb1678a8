"""Commitments still held and left: a hand-made ledger, then Russia's real one."""

from __future__ import annotations

import pandas as pd

from valuesgap.analysis.standing import act_date, dated_acts, is_leaving, standing


def ledger(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["date", "year", "commitment", "action", "track", "dimensions"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["year"] = frame["year"].astype("Int64")
    return frame


HAND = ledger(
    [
        ("1990-05-01", 1990, "A", "signed", "values", "media"),
        (None, 1995, "A", "ratified", "values", "media"),  # only the year known
        ("1996-02-28", 1996, "B", "ratified", "values", "rule_of_law"),
        ("2022-09-16", 2022, "B", "ceased to be a party", "values", "rule_of_law"),
        ("1991-01-01", 1991, "C", "ratified", "values", ""),  # bears on no dimension: not judged
        ("1993-01-13", 1993, "D", "signed", "shared_interest", ""),  # not a values commitment
        ("2000-03-01", 2000, "E", "withdrew", "values", "repression"),
        ("2010-03-01", 2010, "E", "acceded", "values", "repression"),  # came back: held
        (None, None, "F", "signed", "values", "media"),  # undated: not judged
    ]
)


def test_held_and_left_by_the_latest_act():
    got = standing(HAND)
    # A's and E's acts are all held (E's withdrawal was followed by an accession), in date order
    assert list(zip(got.held["commitment"], got.held["action"], got.held["when"])) == [
        ("A", "signed", "1990-05-01"),
        ("A", "ratified", "1995"),
        ("E", "withdrew", "2000-03-01"),
        ("E", "acceded", "2010-03-01"),
    ]
    # B's latest act left it: only that act is listed
    assert list(zip(got.left["commitment"], got.left["action"])) == [("B", "ceased to be a party")]


def test_leaving_words_and_dates():
    assert is_leaving("ceased to be a party") and is_leaving("expelled") and is_leaving("withdrew")
    assert not is_leaving("ratified") and not is_leaving("party (year of ratification or accession)")
    assert act_date(pd.NaT, 1995) == "1995" and act_date(pd.Timestamp("2010-04-08"), 2010) == "2010-04-08"
    assert list(dated_acts(HAND, 2000)["commitment"]) == ["B", "E", "E"]
    assert len(dated_acts(HAND)) == 8


def test_russia_left_the_echr_but_holds_the_iccpr(store):
    from valuesgap.analysis.commitments import commitments

    got = standing(commitments("RUS"))
    held, left = set(got.held["commitment"]), dict(zip(got.left["commitment"], got.left["action"]))
    assert "ICCPR" in held and "CAT" in held and "ECHR" not in held
    assert left["ECHR"] == "ceased to be a party" and left["Council of Europe"] == "expelled"
    assert (got.left.set_index("commitment").loc["Council of Europe", "when"]).startswith("2022-03")
