"""End to end: ``valuesgap events fetch gdelt`` against the local server, on both engines, into a store copy."""

from __future__ import annotations

import io
import shutil

import duckdb
import pandas as pd
import pytest

from valuesgap import cli, store_events
from valuesgap.sources import gdelt
from valuesgap.sources import gdelt_generate as gen

MONTHS = gdelt.months_between("2022-01", "2022-06")


@pytest.fixture
def served(file_server):
    events = gen.events_frame(6_000, MONTHS, seed=11)
    gen.export_files(file_server.folder, events, base_url=file_server.url)
    return file_server, events


def _home_with_store(store, tmp_path, monkeypatch, name):
    """A fresh VALUESGAP_HOME holding a copy of the session's store (the shared one stays untouched)."""
    home = tmp_path / name
    home.mkdir()
    shutil.copyfile(store.store_path(), home / store.STORE_NAME)
    monkeypatch.setenv("VALUESGAP_HOME", str(home))
    return home


def _gdelt_rows(store) -> pd.DataFrame:
    if store.query("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'event_dyads'")["n"][0] == 0:
        return pd.DataFrame()
    return store.query(
        "SELECT * FROM event_dyads WHERE source = 'gdelt2' ORDER BY sender, target, year, month"
    ).reset_index(drop=True)


NOT_STATES = {"EUR", "AFR", "MEA", "WST", ""}  # the generator's region codes and empty actors (no state)
QUAD_NAMES = ["verb_coop", "matl_coop", "verb_conf", "matl_conf"]


def _expected_month_table(events: pd.DataFrame) -> pd.DataFrame:
    """Count, straight from the served rows, what 'events USA RUS --by month' 2022-01..06 must show.

    USA and RUS are their own CAMEO codes; a sender's total counts its events towards any state other
    than itself (all generated codes but the regions and empty ones are states).
    """
    rows = events.assign(ym=events["SQLDATE"].str[:6].astype(int), quad=events["QuadClass"].astype(int))
    rows = rows[rows["ym"].between(202201, 202206)]
    out = []
    for ym in range(202201, 202207):
        month = rows[rows["ym"] == ym]
        for direction, sender, target in (("a_to_b", "USA", "RUS"), ("b_to_a", "RUS", "USA")):
            mine = month[month["Actor1CountryCode"] == sender]
            dyad = mine[mine["Actor2CountryCode"] == target]
            anyone = mine[~mine["Actor2CountryCode"].isin(NOT_STATES | {sender})]
            counts = [int((dyad["quad"] == q).sum()) for q in (1, 2, 3, 4)]
            totals = [int((anyone["quad"] == q).sum()) for q in (1, 2, 3, 4)]
            out.append((ym // 100, ym % 100, direction, *counts, sum(counts), (counts[0] + counts[1]) / sum(counts),
                        (totals[0] + totals[1]) / sum(totals)))  # fmt: skip
    return pd.DataFrame(out, columns=["year", "month", "direction", *QUAD_NAMES, "n", "coop_share", "sender_share"])


@pytest.mark.spark
def test_fetch_then_events_by_month_identical_on_both_engines(store, served, tmp_path, monkeypatch, capsys):
    """The issue's done-when: fetch from the local server, then 'events USA RUS --by month --from 2022-01
    --to 2022-06', once with the aggregation on DuckDB and once on Spark local mode."""
    server, events = served
    loaded, tables = {}, {}
    for engine in ("duckdb", "spark"):
        _home_with_store(store, tmp_path, monkeypatch, engine)
        args = ["events", "fetch", "gdelt", "--from", "2022-01", "--to", "2022-06", "--base-url", server.url]
        assert cli.run([*args, "--engine", engine]) == 0
        loaded[engine] = _gdelt_rows(store)
        assert store.query("SELECT count(*) AS n FROM provenance WHERE source = 'gdelt2'")["n"][0] == 1
        assert store.query("SELECT count(*) AS n FROM states")["n"][0] > 150  # the rest of the store is there
        capsys.readouterr()
        out = tmp_path / f"events-{engine}.csv"
        argv = ["events", "USA", "RUS", "--by", "month", "--from", "2022-01", "--to", "2022-06"]
        assert cli.run([*argv, "--format", "csv", "--out", str(out)]) == 0
        tables[engine] = pd.read_csv(out)
    pd.testing.assert_frame_equal(loaded["duckdb"], loaded["spark"], check_exact=True)
    pd.testing.assert_frame_equal(tables["duckdb"], tables["spark"], check_exact=True)
    got = tables["duckdb"]
    assert len(got) == 6 * 3 and set(got["source"]) == {"gdelt2"}
    want = _expected_month_table(events)
    directed = got[got["direction"] != "both"].reset_index(drop=True)
    assert directed[["year", "month", "direction", *QUAD_NAMES, "n"]].to_dict("records") == want[
        ["year", "month", "direction", *QUAD_NAMES, "n"]
    ].to_dict("records")
    assert directed["coop_share"].to_numpy() == pytest.approx(want["coop_share"].to_numpy())
    assert directed["sender_coop_share"].to_numpy() == pytest.approx(want["sender_share"].to_numpy())
    both = got[got["direction"] == "both"].reset_index(drop=True)
    assert both["n"].tolist() == want.groupby(["year", "month"])["n"].sum().tolist()
    # the terminal table says where the months come from
    assert cli.run(["events", "USA", "RUS", "--by", "month", "--from", "2022-03", "--to", "2022-04"]) == 0
    shown = capsys.readouterr().out
    assert "source: 2022-03–2022-04 (2 months): GDELT 2.0" in " ".join(shown.split())
    # ICEWS years by month: one line, exit 2 (not zeros); by year, 2022 sums the six GDELT months
    assert cli.run(["events", "USA", "RUS", "--by", "month", "--from", "2010-01", "--to", "2010-06"]) == 2
    err = capsys.readouterr().err
    assert "ICEWS" in err and "is yearly: no months for 2010-01–2010-06" in err and "Traceback" not in err
    yearly = _csv_rows(capsys, ["events", "USA", "RUS", "--from", "2013", "--to", "2022"])
    assert sorted(set(zip(yearly["source"], yearly["year"]))) == [("gdelt2", 2022), ("icews", 2013), ("icews", 2014)]
    usa_rus_2022 = yearly[(yearly["source"] == "gdelt2") & (yearly["direction"] == "a_to_b")].iloc[0]
    assert usa_rus_2022["n"] == want.loc[want["direction"] == "a_to_b", "n"].sum()


def _csv_rows(capsys, argv: list[str]) -> pd.DataFrame:
    assert cli.run([*argv, "--format", "csv"]) == 0
    return pd.read_csv(io.StringIO(capsys.readouterr().out))


def test_failed_files_stop_before_the_store(store, served, tmp_path, monkeypatch, capsys):
    server, _ = served
    _home_with_store(store, tmp_path, monkeypatch, "fail")
    server.truncate["20220301000000.export.CSV.zip"] = 300
    args = ["events", "fetch", "gdelt", "--from", "2022-01", "--to", "2022-06", "--base-url", server.url]
    assert cli.run([*args, "--retries", "0"]) == 2
    err = capsys.readouterr().err
    assert "1 files failed after 0 retries, nothing aggregated: 20220301000000.export.CSV.zip" in err
    assert "run the same command again" in err and "Traceback" not in err
    assert _gdelt_rows(store).empty
    del server.truncate["20220301000000.export.CSV.zip"]
    assert cli.run(args) == 0  # the rerun fetches only the missing file
    assert server.requests["20220101000000.export.CSV.zip"] == 1
    assert len(_gdelt_rows(store)) > 0


def test_bad_options_are_one_line(store, tmp_path, monkeypatch, capsys):
    _home_with_store(store, tmp_path, monkeypatch, "bad")
    base = ["events", "fetch", "gdelt", "--from", "2022-01", "--to", "2022-02"]
    assert cli.run([*base, "--engine", "pandas"]) == 2
    assert cli.run([*base, "--master", "local[1]"]) == 2
    assert cli.run([*base, "--version", "3"]) == 2
    assert cli.run(["events", "fetch", "gdelt", "--from", "22-01", "--to", "2022-02"]) == 2
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(lines) == 4 and all("Traceback" not in line for line in lines)


def test_kept_aggregates_come_back_in_a_new_build(tmp_path, monkeypatch):
    monkeypatch.setenv("VALUESGAP_HOME", str(tmp_path))
    frame = pd.DataFrame(
        {"sender": ["USA"], "target": ["RUS"], "year": [2022], "month": [3], "n_events": [3]}
        | {q: [1] for q in store_events.QUADS}
    )
    store_events.save(frame, "gdelt2")
    con = duckdb.connect()
    assert store_events.reload_saved(con) == ["gdelt2"]
    got = con.execute("SELECT source, sender, target, year, month, verb_coop, matl_conf FROM event_dyads").fetchall()
    assert got == [("gdelt2", "USA", "RUS", 2022, 3, 1, 1)]
