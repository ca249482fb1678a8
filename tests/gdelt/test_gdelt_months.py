"""The event arena by month on a store copy holding hand-made GDELT dyad-months (no download, no Spark)."""

from __future__ import annotations

import io
import re
import shutil

import duckdb
import pandas as pd
import pytest

from valuesgap import coverage, store_events
from valuesgap.analysis import event_arena
from valuesgap.cli import run
from valuesgap.errors import InputError

# USA -> RUS and RUS -> USA in 2022-01 and 2022-03 (nothing in 2022-02), USA -> CHN in 2022-01.
ROWS = [
    # sender, target, year, month, verb_coop, matl_coop, verb_conf, matl_conf
    ("USA", "RUS", 2022, 1, 6, 2, 1, 1),
    ("RUS", "USA", 2022, 1, 3, 0, 4, 3),
    ("USA", "CHN", 2022, 1, 5, 0, 5, 0),
    ("USA", "RUS", 2022, 3, 1, 0, 2, 1),
    ("RUS", "USA", 2022, 3, 0, 0, 0, 2),
]


@pytest.fixture
def monthly(store, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    shutil.copyfile(store.store_path(), home / store.STORE_NAME)
    monkeypatch.setenv("VALUESGAP_HOME", str(home))
    frame = pd.DataFrame(ROWS, columns=["sender", "target", "year", "month", *store_events.QUADS])
    frame["n_events"] = frame[store_events.QUADS].sum(axis=1)
    record = store_events.load_record(frame, "gdelt2", files=7, engine="duckdb")
    store_events.load(frame, "gdelt2", record=record)
    return store


def test_months_hand_computed(monthly):
    got = event_arena.events("USA", "RUS", by="month", start="2022-01", end="2022-03")
    assert got.attrs["start"] == "2022-01" and got.attrs["end"] == "2022-03"
    rows = got.set_index(["month", "direction"])
    usa = rows.loc[(1, "a_to_b")]
    # 2022-01 USA -> RUS: 6 + 2 cooperation of 10 events; USA towards anyone: 8 + 5 of 20
    assert (usa["n"], usa["coop_share"], usa["matl_conf_share"]) == (10, 0.8, 0.1)
    assert usa["sender_coop_share"] == pytest.approx(13 / 20)
    assert rows.loc[(1, "both"), "n"] == 10 + 10
    # no month 2 at all (neither state sent anything): no row, not a row of zeros
    assert sorted(got["month"].unique()) == [1, 3]
    assert got.attrs["sources"] == ["2022-01–2022-03 (2 months): GDELT 2.0"]
    # a year is its months; open ends are the monthly data's ends
    assert event_arena.events("USA", "RUS", by="month", start="2022").equals(got)
    assert event_arena.events("USA", "RUS", by="month").equals(got)


def test_by_year_sums_months_next_to_icews(monthly):
    got = event_arena.events("USA", "RUS", start=2014, end=2022)
    assert sorted(set(zip(got["source"], got["year"]))) == [("gdelt2", 2022), ("icews", 2014)]
    usa = got[(got["source"] == "gdelt2") & (got["direction"] == "a_to_b")].iloc[0]
    # 2022: (6 + 1, 2 + 0, 1 + 2, 1 + 1) = 14 events, 8 cooperation
    assert (usa["verb_coop"], usa["matl_coop"], usa["verb_conf"], usa["matl_conf"], usa["n"]) == (7, 2, 3, 2, 14)
    assert pd.isna(usa["month"]) and usa["coop_share"] == pytest.approx(9 / 14)
    assert got.attrs["sources"] == ["2014: ICEWS (Boschee et al.), dyad-years via netify", "2022: GDELT 2.0"]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        # ICEWS years asked by month: said, never zeros
        ({"start": "2014-06", "end": "2022-03"}, "(2002–2014) is yearly: no months for 2014-06–2021-12"),
        ({"start": "2010", "end": "2010"}, "is yearly: no months for 2010-01–2010-12"),
        # between ICEWS's last year and GDELT's first month: outside the monthly data
        ({"start": "2016-01", "end": "2016-06"}, "the monthly event data cover 2022-01–2022-03; the period"),
        ({"start": "2022-03", "end": "2022-01"}, "start 2022-03 is after end 2022-01: swap"),
    ],
)
def test_month_periods_outside_the_monthly_data(monthly, kwargs, message):
    with pytest.raises(InputError, match=re.escape(message)):
        event_arena.events("USA", "RUS", by="month", **kwargs)


def test_data_status_and_report_say_what_gdelt_holds(monthly, capsys):
    # events: 10 + 10 + 10 + 4 + 2 = 36 between states, in 5 dyad-months of 2022-01 and 2022-03
    assert run(["data", "status", "--arenas", "--format", "csv"]) == 0
    arenas = pd.read_csv(io.StringIO(capsys.readouterr().out)).set_index("source")
    gdelt = arenas.loc["GDELT 2.0"]
    assert (gdelt["arena"], gdelt["first"], gdelt["last"], gdelt["n"]) == ("Event data", "2022-01-01", "2022-03-31", 36)
    assert gdelt["unit"].startswith("events in 5 dyad-months, 2022-01…2022-03; 7 files, aggregated on duckdb, fetched ")
    assert (arenas.loc["ICEWS", "first"], arenas.loc["ICEWS", "last"]) == ("2002-01-01", "2014-12-31")
    report = coverage.report().set_index("kind")
    assert report.loc["GDELT 2.0 months loaded", "detail"].startswith(
        "2022-01…2022-03: 36 events between states in 5 dyad-months; 7 files, aggregated on duckdb"
    )
    # a new build adds the kept aggregates and their record again (what store.build calls)
    con = duckdb.connect()
    assert store_events.reload_saved(con) == ["gdelt2"]
    kept = con.execute("SELECT first_month, last_month, files, events, dyad_months, engine FROM gdelt_loads").fetchall()
    assert kept == [("2022-01", "2022-03", 7, 36, 5, "duckdb")]


def test_without_gdelt_status_says_how_to_fetch(store):
    rows = coverage.arenas()
    gdelt = rows[rows["source"] == "GDELT"].iloc[0]
    assert gdelt["unit"] == "not fetched — run `valuesgap events fetch gdelt --from YYYY-MM --to YYYY-MM`"
    assert gdelt["n"] == 0 and pd.isna(gdelt["first"])
    report = coverage.report()
    assert report.loc[report["kind"] == "GDELT events", "detail"].tolist() == [gdelt["unit"]]
