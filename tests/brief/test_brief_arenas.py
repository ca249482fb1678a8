"""The brief's arenas: the three arenas side by side, the Council cooperation at stake, the vetoes in the
timeline; every number reproduced by its footnote command; an arena without data says so (not zero)."""

from __future__ import annotations

import re

import pytest
from test_brief import reproduce

from valuesgap.brief import build_brief, render_html


def _rows(brief):
    return {r.key: r for r in brief.arenas.rows}


def test_us_russia_has_the_three_arenas_with_their_years(us_ru):
    brief, html = us_ru
    rows = _rows(brief)
    assert list(rows) == ["assembly", "council", "events_ab", "events_ba"]
    # each arena keeps its own years: the Assembly from the brief's start, the Council from 1994 on (the
    # DPPA data), ICEWS 2002–2014 in both directions
    assert rows["assembly"].coverage.startswith("1992")
    y0, y1 = (int(y) for y in rows["council"].coverage.split("–"))
    assert 1994 <= y0 <= 2006 and y1 >= 2022
    assert rows["events_ab"].coverage == rows["events_ba"].coverage == "2002–2014"
    for row in rows.values():
        assert row.n is not None and row.n.amount > 0 and 0 <= row.value.amount <= 1
    # the events' n is the sum of the yearly directed counts (2014: 7464 events United States → Russia)
    assert rows["events_ab"].n.amount > 7464
    assert "The three arenas side by side" in html
    assert "General Assembly: nuclear and disarmament roll calls" in html
    assert "Events: Russia → United States" in html


def test_linkage_names_the_dprk_and_iran_drafts_both_voted_for(us_ru):
    brief, html = us_ru
    stake = {s.group: s for s in brief.arenas.at_stake}
    assert set(stake) == {"dprk", "iran"}
    dprk = {d.resolution for d in stake["dprk"].drafts}
    iran = {d.resolution for d in stake["iran"].drafts}
    assert "1874 (2009)" in dprk and "1718 (2006)" in dprk
    assert "1929 (2010)" in iran and "2231 (2015)" in iran
    # the count printed is the number of drafts listed
    assert stake["dprk"].count.amount == len(dprk) and stake["iran"].count.amount == len(iran)
    # S/2022/431 (DPRK) was vetoed: not among the drafts both voted for
    assert "S/2022/431" not in {d.symbol for d in stake["dprk"].drafts}
    linkage = html.split('id="options"')[1].split("5.2 Compartmentalization")[0]
    assert "1874 (2009)" in linkage and "1929 (2010)" in linkage
    # co-sponsored: resolution 2231 (2015) on Iran among the shared-interest drafts both sponsored
    assert "2231 (2015)" in {d.resolution for d in brief.arenas.cosponsored_drafts}
    assert brief.arenas.cosponsored.amount >= len(brief.arenas.cosponsored_drafts) > 0


def test_vetoes_between_the_two_are_listed_and_in_the_timeline(us_ru):
    brief, html = us_ru
    vetoes = {(v.vetoer, v.symbol): v for v in brief.arenas.vetoes}
    # Crimea (S/2014/189): the United States sponsored it, Russia vetoed it; Ukraine 2022 (S/2022/155):
    # no sponsors in the DPPA file, the United States voted for it; North Korea 2022 (S/2022/431)
    assert vetoes["Russia", "S/2014/189"].relation == "sponsored"
    assert vetoes["Russia", "S/2022/155"].relation == "voted for (its sponsors are not recorded)"
    # S/1995/394 (Israel–Palestine): sponsors recorded, Russia not among them but voting for it; the United
    # States vetoed it — counted as a veto on a draft Russia supported, not listed as one on Russia's draft
    assert vetoes["United States", "S/1995/394"].relation == "voted for"
    assert not vetoes["United States", "S/1995/394"].against_own
    assert ("Russia", "S/2022/431") in vetoes
    by_russia = sum(1 for v in brief.arenas.vetoes if v.vetoer == "Russia")
    by_us = sum(1 for v in brief.arenas.vetoes if v.vetoer == "United States")
    assert brief.arenas.vetoes_ab.amount == by_russia and brief.arenas.vetoes_ba.amount == by_us
    timeline = html.split('id="timeline"')[1].split('id="notes"')[0]
    assert "Russia vetoes S/2014/189" in timeline and "Council veto" in timeline
    assert "Russia vetoes S/2022/155" in timeline and "S/1995/394" not in timeline
    # the timeline is in date order, curated events and vetoes together
    dates = [r.date for r in brief.arenas.timeline]
    own = [v for v in brief.arenas.vetoes if v.against_own]
    curated = brief.events.loc[brief.events["kind"] == "timeline"]
    assert len(dates) == len(own) + len(curated) and len(curated) > 0
    import datetime as dt

    parsed = [dt.datetime.strptime(d, "%d %b %Y") for d in dates]
    assert parsed == sorted(parsed)


def test_arena_numbers_equal_their_footnote_commands(us_ru, tmp_path):
    brief, html = us_ru
    commands = {"council", "events"}
    arena_figs = [f for f in brief.figures if f.command[0] in commands]
    arena_figs += [r.n for r in brief.arenas.rows if r.key == "assembly"]
    assert len(arena_figs) >= 10
    for fig in arena_figs:
        got = reproduce(fig, tmp_path)
        assert got == pytest.approx(fig.value, abs=1e-9), fig.shell
        assert fig.text in html
    # every arena number carries its footnote mark
    for fig in arena_figs:
        assert re.search(
            rf'<span class="num">{re.escape(fig.text)}</span><sup class="fn"><a href="#fn{fig.number}"', html
        )


def test_an_arena_without_data_says_so_not_zero(store):
    # Iceland never sat on the Council and is not in ICEWS; after 2014 there are no ICEWS events
    brief = build_brief("United States", "Iceland", start=2000, end=2010)
    rows = _rows(brief)
    assert rows["council"].n is None and "never sat on the Security Council" in rows["council"].note
    assert rows["events_ab"].value is None and "do not cover Iceland" in rows["events_ab"].note
    assert rows["assembly"].value is not None
    html = render_html(brief)
    assert "no data: Iceland never sat on the Security Council" in html
    assert brief.arenas.at_stake == [] and brief.arenas.vetoes == []
    later = build_brief("United States", "Russia", start=2016, end=2022)
    rows = _rows(later)
    assert rows["events_ba"].value is None and "2002–2014, outside 2016–2022" in rows["events_ba"].note
    assert rows["council"].value is not None
    assert "no data: the event data (ICEWS) cover 2002–2014, outside 2016–2022" in render_html(later)
