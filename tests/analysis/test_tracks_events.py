"""The curated, cited timeline and the events drawn on the tracks' charts."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlparse

import pandas as pd
import pytest

from valuesgap.analysis import events as ev
from valuesgap.errors import InputError

OFFICIAL = ("state.gov", "congress.gov", "undocs.org", "coe.int", "un.org")

US_RU = {
    "2009-03-06": "Reset",
    "2010-04-08": "New START signed",
    "2011-02-05": "New START in force",
    "2012-07-20": "Foreign-agent law",
    "2012-12-14": "Magnitsky Act",
    "2014-03-18": "Crimea annexed",
    "2021-02-03": "New START extended",
    "2022-02-24": "Invasion of Ukraine",
    "2022-03-16": "Expelled from CoE",
    "2023-02-21": "New START suspended",
}


def test_us_russia_timeline_dates_and_official_sources():
    cur = ev.curated("Russia", "United States")  # either order
    got = dict(zip(cur["date"].dt.strftime("%Y-%m-%d"), cur["label"]))
    assert got == US_RU
    for url in cur["url"]:
        host = urlparse(url).netloc
        assert url.startswith("https://") and host.endswith(OFFICIAL), url
    assert set(cur["track"]) == {"shared_interest", "values", "both"}


def test_fractional_year_by_hand():
    # 6 March 2009: 31 (Jan) + 28 (Feb) + 5 days after 1 Jan → 2009 + 64/365
    assert ev.fractional_year(pd.Timestamp("2009-03-06")) == pytest.approx(2009 + 64 / 365)
    # 2012 is a leap year: 1 March is day 31 + 29 = 60 after 1 Jan
    assert ev.fractional_year(pd.Timestamp("2012-03-01")) == pytest.approx(2012 + 60 / 366)


@pytest.mark.parametrize(
    "patch, message",
    [
        ({"date": "2009-03-06"}, "TOML date"),
        ({"label": "x" * 30}, "label longer"),
        ({"url": "http://example.org"}, "https"),
        ({"track": "economy"}, "track must be"),
        ({"states": ["USA"]}, "two states"),
        ({"source": ""}, "lacks 'source'"),
    ],
)
def test_bad_entries_are_named(patch, message):
    good = {
        "states": ["USA", "RUS"],
        "date": dt.date(2009, 3, 6),
        "label": "Reset",
        "title": "t",
        "track": "both",
        "source": "s",
        "url": "https://www.state.gov/",
    }
    with pytest.raises(InputError, match=message):
        ev.parse_events({"event": [{**good, **patch}]})


def test_timeline_merges_ledgers_without_repeating_the_same_day(store):
    t = ev.timeline("USA", "RUS", start=2009, end=2023)
    assert t.attrs["curated"] is True
    assert t["date"].is_monotonic_increasing
    # New START signed 8 Apr 2010 is in both the curated timeline and the ledgers: shown once
    day = t[t["date"] == pd.Timestamp("2010-04-08")]
    assert day["kind"].tolist() == ["timeline"]
    # ledger rows of the period that the timeline lacks are kept (Russia's exit from the ECHR)
    assert ((t["kind"] == "ledger") & t["label"].str.contains("ECHR")).any()
    assert t["year"].between(2009, 2023).all()


def test_dyad_without_timeline_gets_ledger_events_only(store):
    t = ev.timeline("China", "India", start=1990)
    assert t.attrs["curated"] is False
    assert (t["kind"] == "ledger").all() and len(t) > 0
    assert set(t["iso3"]) <= {"CHN", "IND"}
