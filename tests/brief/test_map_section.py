"""The brief's section placing B among A's partners (the two-track map): numbers, footnotes, charts."""

from __future__ import annotations

import pytest

import valuesgap as vg


def test_russia_among_the_partners_of_the_united_states(us_ru):
    brief, html = us_ru
    p = brief.placement
    assert p is not None and p.left_out == ""
    assert p.end == brief.last and p.start == brief.last - 3
    m = vg.track_map("United States", start=p.start, end=p.end).set_index("iso3")
    placed = m[m["left_out"] == ""]
    assert p.placed == len(placed)
    assert p.x.amount == pytest.approx(m.loc["RUS", "values_institutions"])
    assert p.y.amount == pytest.approx(m.loc["RUS", "shared_interests"])
    assert p.median_x.amount == pytest.approx(placed["values_institutions"].median())
    # the rank counts the partners with a wider gap
    assert p.rank_x == 1 + (placed["values_institutions"] > m.loc["RUS", "values_institutions"]).sum()
    wide, high = p.x.amount > p.median_x.amount, p.y.amount > p.median_y.amount
    assert ("wide values gap" in p.quadrant) == wide and ("high cooperation" in p.quadrant) == high
    assert "RUS" not in p.peers and len(p.peers) <= 6
    assert p.before_span == f"{p.start - 4}–{p.start - 1}" and p.x_before is not None
    section = html.split('<section id="partners-map">')[1].split("</section>")[0]
    assert "Russia among the partners of United States" in section
    assert f"the {p.rank_x_text} widest of {p.placed}" in section
    assert section.count("<svg") == 2  # the map and the moves
    assert p.x.shell.startswith('valuesgap map "United States" --from') and "--format csv" in p.x.shell
    assert "median of column values_institutions" in p.median_x.how


def test_rank_ordinals():
    from valuesgap.brief.map_section import Placement

    def text(n: int) -> str:
        return Placement("", 0, 0, 0, "", None, rank_x=n).rank_x_text  # type: ignore[arg-type]

    assert [text(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
        "111th",
    ]
