"""End to end: ``valuesgap events fetch gdelt`` against the local server, on both engines, into a store copy."""

from __future__ import annotations

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


def test_fetch_gdelt_loads_identical_numbers_on_both_engines(store, served, tmp_path, monkeypatch, capsys):
    server, events = served
    loaded = {}
    for engine in ("duckdb", "spark"):
        _home_with_store(store, tmp_path, monkeypatch, engine)
        args = ["events", "fetch", "gdelt", "--from", "2022-01", "--to", "2022-06", "--base-url", server.url]
        assert cli.run([*args, "--engine", engine]) == 0
        loaded[engine] = _gdelt_rows(store)
        assert store.query("SELECT count(*) AS n FROM provenance WHERE source = 'gdelt2'")["n"][0] == 1
        assert store.query("SELECT count(*) AS n FROM states")["n"][0] > 150  # the rest of the store is there
    pd.testing.assert_frame_equal(loaded["duckdb"], loaded["spark"], check_exact=True)
    rows = loaded["duckdb"]
    assert set(rows["year"] * 100 + rows["month"]) == {202201, 202202, 202203, 202204, 202205, 202206}
    # USA -> RUS in 2022-03, counted here from the generated events themselves
    to_iso = gdelt.cameo_to_iso3()
    usa_rus = events[
        (events["Actor1CountryCode"].map(to_iso.get) == "USA")
        & (events["Actor2CountryCode"].map(to_iso.get) == "RUS")
        & events["SQLDATE"].str.startswith("202203")
    ]
    got = rows[(rows["sender"] == "USA") & (rows["target"] == "RUS") & (rows["month"] == 3)].iloc[0]
    quads = usa_rus["QuadClass"].astype(int).value_counts()
    assert [got[c] for c in store_events.QUADS] == [int(quads.get(q, 0)) for q in (1, 2, 3, 4)]
    assert "directed dyad-months" in capsys.readouterr().err


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
