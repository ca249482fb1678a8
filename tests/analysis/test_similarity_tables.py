"""Similarity tables on a small hand-made vote matrix: grouping, slices, periods, ranking, errors."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import valuesgap.analysis.selection as selection
import valuesgap.analysis.similarity as s
from valuesgap.errors import InputError, NoData, UnknownCountry
from valuesgap.rollcall import VoteMatrix

BASE = ["session", "n", "agreement", "coincidence", "s_score", "cohen_kappa", "scott_pi"]

#              rc1   rc2   rc3   rc4   rc5   rc6
ROLLCALLS = pd.DataFrame(
    {
        "rcid": [1, 2, 3, 4, 5, 6],
        "session": [60, 60, 60, 61, 61, 62],
        "year": [2005, 2005, 2006, 2006, 2007, 2007],
        "important": [False, True, False, False, True, False],
        "me": [False] * 6,
        "nu": [False, False, True, True, False, False],
        "di": [False] * 6,
        "hr": [True, True, False, True, False, False],
        "co": [False] * 6,
        "ec": [False] * 6,
    }
)
STATES = np.array(["CUB", "ISR", "RUS", "USA"], dtype=object)
CODES = np.array(
    [
        [3, 1, 1, 3, 3, 1],  # CUB
        [1, 3, 3, 1, 1, 9],  # ISR: as the USA, not a member at rc6
        [1, 1, 3, 2, 8, 3],  # RUS: abstains at rc4, absent at rc5
        [1, 3, 3, 1, 1, 1],  # USA
    ],
    dtype=np.int8,
)


@pytest.fixture(autouse=True)
def fake_matrix(monkeypatch):
    matrix = VoteMatrix(states=STATES, rollcalls=ROLLCALLS, codes=CODES)
    monkeypatch.setattr(selection, "vote_matrix", lambda: matrix)
    return matrix


def test_usa_russia_by_session():
    df = s.similarity("USA", "Russia")
    assert list(df.columns) == BASE
    assert df["session"].tolist() == [60, 61, 62]
    assert df["n"].tolist() == [3, 1, 1]
    # s60: (y,y) 0, (n,y) 1, (n,n) 0 → agreement 2/3; coincidence 2 identical of 3
    assert df["agreement"][0] == pytest.approx(2 / 3)
    assert df["coincidence"][0] == pytest.approx(2 / 3)
    # s61: only rc4 (y, abstain) — RUS absent at rc5: agreement ½, no yes/no pair
    assert df["agreement"][1] == pytest.approx(0.5)
    assert math.isnan(df["coincidence"][1])
    assert df["s_score"][1] == pytest.approx(0.0)
    # κ: p_USA = (1,0,0), p_RUS = (0,1,0) → D_e = ½, D_o = ½ → 0; π: p = (½,½,0), D_e = 2·¼·½ = ¼ → 1 − 2 = −1
    assert df["cohen_kappa"][1] == pytest.approx(0.0)
    assert df["scott_pi"][1] == pytest.approx(-1.0)
    # s62: (y, n) → agreement 0, coincidence 0, s −1
    assert df.loc[2, ["agreement", "coincidence", "s_score"]].tolist() == [0.0, 0.0, -1.0]


def test_symmetric_in_the_two_states():
    pd.testing.assert_frame_equal(s.similarity("USA", "RUS"), s.similarity("RUS", "USA"))


def test_by_year():
    df = s.similarity("USA", "RUS", by="year")
    assert list(df.columns) == ["year", *BASE[1:]]
    assert df["year"].tolist() == [2005, 2006, 2007]
    # 2005: (y,y) (n,y) → ½; 2006: (n,n) (y,a) → 1 − ¼ = ¾; 2007: rc5 absent, (y,n) → 0
    assert df["n"].tolist() == [2, 2, 1]
    np.testing.assert_allclose(df["agreement"], [0.5, 0.75, 0.0])


def test_issue_slice_counts_a_roll_call_in_each_of_its_codes():
    hr = s.similarity("USA", "RUS", issue="hr")  # rc1, rc2 (s60); rc4 (s61)
    assert hr["n"].tolist() == [2, 1]
    np.testing.assert_allclose(hr["agreement"], [0.5, 0.5])
    nu = s.similarity("USA", "RUS", issue="NU")  # rc3 (s60), rc4 (s61): the code is case-insensitive
    assert nu["n"].tolist() == [1, 1]
    np.testing.assert_allclose(nu["agreement"], [1.0, 0.5])


def test_important_only_drops_groups_without_a_shared_position():
    df = s.similarity("USA", "RUS", important=True)  # rc2 (s60: n, y); rc5 RUS absent → s61 dropped
    assert df["session"].tolist() == [60]
    assert df["agreement"].tolist() == [0.0]


def test_period_filters_roll_calls_by_calendar_year():
    df = s.similarity("USA", "RUS", start=2006, end=2006)  # rc3 (s60), rc4 (s61)
    assert df["session"].tolist() == [60, 61]
    np.testing.assert_allclose(df["agreement"], [1.0, 0.5])


def test_confidence_intervals_are_reproducible_and_bracket():
    df = s.similarity("USA", "CUB", level=0.9, n_boot=300)
    assert list(df.columns[: len(BASE)]) == BASE
    assert list(df.columns[len(BASE) :]) == [f"{m}_{e}" for m in s.MEASURES for e in ("lo", "hi")]
    pd.testing.assert_frame_equal(df, s.similarity("USA", "CUB", level=0.9, n_boot=300))
    for m in s.MEASURES:
        ok = df[m].notna()
        assert (df.loc[ok, f"{m}_lo"] <= df.loc[ok, m] + 1e-12).all()
        assert (df.loc[ok, m] <= df.loc[ok, f"{m}_hi"] + 1e-12).all()
    # s60: USA and CUB opposite on all three → every resample agrees 0
    assert df.loc[0, ["agreement_lo", "agreement_hi"]].tolist() == [0.0, 0.0]


def test_partners_ranked_by_coincidence():
    t = s.partners("USA", session=60, min_n=0, level=None)  # three roll calls: below the default minimum
    assert list(t.columns) == ["rank", "iso3", "name", "n", *s.MEASURES]
    # ISR identical on rc1..rc3; RUS 2 of 3; CUB opposite on all three
    assert t["iso3"].tolist() == ["ISR", "RUS", "CUB"]
    assert t["rank"].tolist() == [1, 2, 3]
    np.testing.assert_allclose(t["coincidence"], [1.0, 2 / 3, 0.0])
    assert t["name"][0] == "Israel"


def test_partners_undefined_measure_ranks_last_without_a_rank():
    t = s.partners(
        "USA", session=61, min_n=0, level=None
    )  # rc4, rc5: RUS only abstains alongside → coincidence undefined
    assert t["iso3"].tolist() == ["ISR", "CUB", "RUS"]
    assert t["rank"][:2].tolist() == [1, 2]
    assert pd.isna(t["rank"][2])
    by_agreement = s.partners("USA", session=61, measure="agreement", min_n=0, level=None)  # ISR 1, RUS ½, CUB 0
    assert by_agreement["iso3"].tolist() == ["ISR", "RUS", "CUB"]


def test_partners_default_is_the_latest_session_and_skips_non_members():
    t = s.partners("USA", min_n=0, level=None)  # session 62, rc6: CUB yes (agrees), RUS no, ISR not a member
    assert t["iso3"].tolist() == ["CUB", "RUS"]
    assert t["n"].tolist() == [1, 1]


def test_partners_by_year():
    t = s.partners("USA", year=2007, measure="agreement", min_n=0, level=None)  # rc5, rc6
    # ISR: rc5 (y,y) → 1 (non-member at rc6); CUB: rc5 (y,n), rc6 (y,y) → ½; RUS: rc6 (y,n) → 0
    assert t["iso3"].tolist() == ["ISR", "CUB", "RUS"]
    np.testing.assert_allclose(t["agreement"], [1.0, 0.5, 0.0])


def test_partners_min_n_leaves_thin_partners_unranked():
    t = s.partners("USA", year=2007, measure="agreement", min_n=2, level=None)
    # n in common (rc5, rc6): CUB 2, ISR 1 (non-member at rc6), RUS 1 → only CUB is ranked
    assert t["iso3"].tolist() == ["CUB", "ISR", "RUS"]
    assert t["rank"][0] == 1 and t["rank"][1:].isna().all()
    np.testing.assert_allclose(t["agreement"], [0.5, 1.0, 0.0])  # numbers kept as they are
    with pytest.raises(InputError, match="min_n"):
        s.partners("USA", min_n=-1)


def test_partners_default_minimum_is_ten_and_intervals_sit_beside_the_measure():
    t = s.partners("USA", session=60)  # three roll calls in common with each partner: fewer than 10
    assert selection.DEFAULT_MIN_N == 10 and t.attrs["min_n"] == 10
    assert t["rank"].isna().all()
    assert list(t.columns[:7]) == ["rank", "iso3", "name", "n", "agreement", "coincidence", "coincidence_lo"]
    assert t.columns[7] == "coincidence_hi"
    rows = t.set_index("iso3")
    # ISR voted as the USA on all three: every resample is identical → [1, 1]; CUB opposite on all → [0, 0]
    assert rows.loc["ISR", ["coincidence_lo", "coincidence_hi"]].tolist() == [1.0, 1.0]
    assert rows.loc["CUB", ["coincidence_lo", "coincidence_hi"]].tolist() == [0.0, 0.0]
    # RUS 2 identical of 3: the bootstrap interval holds the value and stays in [0, 1]
    assert 0.0 <= rows.loc["RUS", "coincidence_lo"] <= 2 / 3 <= rows.loc["RUS", "coincidence_hi"] <= 1.0
    again = s.partners("USA", session=60)
    pd.testing.assert_frame_equal(t, again)  # seeded: the same intervals every time


def test_empty_selections_say_why():
    with pytest.raises(NoData, match=r"no roll call held in 2005–2007 is coded me \(none is coded\)"):
        selection.select_rollcalls(ROLLCALLS, "me")
    # nu: rc3, rc4, neither important (the important ones are rc2 and rc5)
    with pytest.raises(NoData, match="none of the important votes held in 2005–2007 is coded nu"):
        selection.select_rollcalls(ROLLCALLS, "nu", important=True)
    early = ROLLCALLS.assign(important=[False, True, False, False, False, False])  # flag on rc2 only (s60, 2005)
    with pytest.raises(
        NoData, match=r"important votes, years 2006–…: the important-vote flags end with session 60 \(2005\)"
    ):
        selection.select_rollcalls(early, important=True, start=2006)
    late = ROLLCALLS.assign(important=[False, False, False, False, True, False])  # rc5 only (s61, 2007)
    with pytest.raises(NoData, match=r"the important-vote flags start with session 61 \(2007\)"):
        selection.select_rollcalls(late, important=True, end=2006)
    with pytest.raises(NoData, match="the vote data cover 2005–2007"):
        selection.select_rollcalls(ROLLCALLS, start=1990, end=1995)


def test_no_joint_position_says_absent_or_not_a_member():
    # important votes of 2007: rc5 only, where RUS is absent (code 8)
    with pytest.raises(NoData, match=r"Russia was absent from all 1 of these roll calls \(2007\)"):
        s.similarity("USA", "Russia", important=True, start=2007)
    # session 62 (rc6): ISR coded non-member; its member years are 2005–2007
    with pytest.raises(NoData, match=r"Israel was not a UN member in 2007 \(its votes cover 2005–2007\)"):
        s.partners("Israel", session=62)


def test_partner_history_agrees_with_partners():
    h = s.partner_history("USA")
    assert list(h.columns) == ["session", "iso3", "n", *s.MEASURES]
    for session in (60, 61, 62):
        expected = s.partners("USA", session=session).sort_values("iso3").reset_index(drop=True)
        got = h[h["session"] == session].sort_values("iso3").reset_index(drop=True)
        pd.testing.assert_frame_equal(got[["iso3", "n", *s.MEASURES]], expected[["iso3", "n", *s.MEASURES]])


def test_cube_rows_and_values():
    cube = s.similarity_cube()
    assert list(cube.columns) == ["issue", "session", "a", "b", "n", *s.MEASURES]
    assert (cube["a"].astype(str) < cube["b"].astype(str)).all()
    # issue all, session 60: all four states vote → 6 dyads; session 62: ISR not a member → 3
    counts = cube[cube["issue"] == "all"].groupby("session").size()
    assert counts.to_dict() == {60: 6, 61: 6, 62: 3}
    row = cube[(cube["issue"] == "all") & (cube["session"] == 60) & (cube["a"] == "RUS") & (cube["b"] == "USA")]
    assert row["agreement"].item() == pytest.approx(2 / 3, rel=1e-6)
    assert set(cube["issue"].cat.categories) == set(s.ISSUES)
    # no roll call is about me, di, co or ec
    assert set(cube["issue"].astype(str)) == {"all", "hr", "nu"}


@pytest.mark.parametrize(
    ("call", "error", "text"),
    [
        (lambda: s.similarity("USA", "Atlantis"), UnknownCountry, "Atlantis"),
        (lambda: s.similarity("USA", "RUS", issue="xx"), InputError, "unknown issue 'xx'"),
        (lambda: s.similarity("USA", "RUS", level=2), InputError, "between 0 and 1"),
        (lambda: s.similarity("USA", "RUS", level=0), InputError, "between 0 and 1"),
        (lambda: s.similarity("USA", "RUS", by="decade"), InputError, "'session' or 'year'"),
        (lambda: s.similarity("USA", "RUS", start=2010), NoData, "cover 2005–2007"),
        (lambda: s.similarity("USA", "RUS", start=60, end=61), NoData, "calendar years"),
        (lambda: s.similarity("USA", "RUS", start=2007, end=2005), InputError, "swap"),
        (lambda: s.similarity("USA", "RUS", issue="nu", important=True), NoData, "no roll calls"),
        (lambda: s.similarity("USA", "FRA"), NoData, "no UNGA votes"),
        (lambda: s.partners("USA", session=99), NoData, "session 99"),
        (lambda: s.partners("USA", session=60, year=2005), InputError, "not both"),
        (lambda: s.partners("USA", measure="closeness"), InputError, "unknown measure"),
    ],
)
def test_bad_input_raises_one_clear_line(call, error, text):
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    assert text in message
    assert "\n" not in message
