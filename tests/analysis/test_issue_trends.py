"""Vote similarity by issue area, early against recent years: checked against the votes table by SQL."""

from __future__ import annotations

import pytest

from valuesgap.analysis.issue_trends import issue_codes, issue_trends

# agreement of USA and RUS per year on the nuclear roll calls, straight from the votes table:
# yes = 1, abstain = ½, no = 0, over the roll calls both took a position on
AGREEMENT_SQL = """
WITH v AS (SELECT rcid, iso3, CASE code WHEN 1 THEN 1.0 WHEN 2 THEN 0.5 ELSE 0.0 END AS x
           FROM votes WHERE code IN (1, 2, 3) AND iso3 IN ('USA', 'RUS'))
SELECT r.year, count(*) AS n, 1 - avg(abs(a.x - b.x)) AS agreement
FROM rollcalls r JOIN v a ON a.rcid = r.rcid AND a.iso3 = 'USA' JOIN v b ON b.rcid = r.rcid AND b.iso3 = 'RUS'
WHERE r.nu AND r.year BETWEEN 1992 AND 2023 GROUP BY r.year ORDER BY r.year
"""


def test_us_russia_nuclear_votes_match_the_votes_table(store):
    yearly = store.query(AGREEMENT_SQL)
    assert list(yearly["year"]) == list(range(1992, 2024))  # 32 years: windows of five
    trends = {t.issue: t for t in issue_trends("United States", "Russia", start=1992, end=2023)}
    nu = trends["nu"]
    assert (nu.early, nu.recent) == ((1992, 1996), (2019, 2023))
    assert nu.early_mean == pytest.approx(yearly["agreement"].iloc[:5].mean(), abs=1e-12)
    assert nu.recent_mean == pytest.approx(yearly["agreement"].iloc[-5:].mean(), abs=1e-12)
    assert nu.recent_n == int(yearly["n"].iloc[-5:].sum())
    assert nu.label == "nuclear weapons and material" and nu.early_span == "1992–1996"


def test_ranked_by_recent_level_and_human_rights_fell(store):
    got = issue_trends("USA", "RUS", start=1992, end=2023)
    assert {t.issue for t in got} == set(issue_codes()) == {"me", "nu", "di", "hr", "co", "ec"}
    recent = [t.recent_mean for t in got]
    assert recent == sorted(recent, reverse=True)
    hr = next(t for t in got if t.issue == "hr")
    assert hr.trend == "falling" and hr.recent_mean < 0.25 < hr.early_mean


def test_short_periods_leave_areas_out(store):
    # one year: no area has the two years a comparison needs
    assert issue_trends("USA", "RUS", start=2000, end=2000) == []
    two = issue_trends("USA", "RUS", start=2000, end=2001)
    assert two and all(t.early == (2000, 2000) and t.recent == (2001, 2001) for t in two)
