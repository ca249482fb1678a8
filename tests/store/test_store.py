"""The store built from the real mirror: contents, provenance, read-only use, atomic rebuilds."""

import os
import shutil
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from valuesgap.errors import DataMissing
from valuesgap.sources import registry


def test_contents(store):
    q = store.query
    r = q("SELECT count(*) AS n, min(date) AS lo, max(date) AS hi FROM rollcalls").iloc[0]
    assert r["n"] == 6551 and str(r["lo"])[:7] == "1946-01" and str(r["hi"])[:7] == "2024-06"
    cast = q("SELECT count(*) AS n FROM votes WHERE vote IN ('yes','abstain','no')")["n"].iloc[0]
    assert cast > 869_937
    recent = q(
        "SELECT count(*) AS n FROM votes v JOIN rollcalls r USING (rcid) WHERE r.year >= 2020 AND v.code IN (1,2,3)"
    )["n"].iloc[0]
    assert recent > 50_000
    assert q("SELECT count(DISTINCT iso3) AS n FROM indicators")["n"].iloc[0] >= 180


def test_provenance_has_every_source(store):
    from valuesgap.sources import registry
    from valuesgap.sources.registry import FILES

    status = store.status()
    assert set(status["file"]) == {f.path for f in FILES}
    prov = status[status["installed"] == "yes"]
    required = {f.path for s in registry.SOURCES if not s.id.startswith("undl_") for f in s.files}
    assert set(prov["file"]) == required  # the mirror has no optional (UN Digital Library) files
    assert set(status.loc[status["installed"] != "yes", "installed"]) == {"not installed (optional)"}
    assert prov["sha256"].str.fullmatch("[0-9a-f]{64}").all()
    assert (prov["rows"] > 0).all()


def test_read_only(store):
    with pytest.raises(duckdb.Error):
        store.connect().execute("CREATE TABLE x (a INT)")


def test_missing_store_is_a_clear_error(tmp_path, monkeypatch, store):
    monkeypatch.setenv("VALUESGAP_HOME", str(tmp_path))
    with pytest.raises(DataMissing, match="valuesgap data build"):
        store.query("SELECT 1")


def test_missing_source_file_names_it(tmp_path, store):
    with pytest.raises(DataMissing, match="does not exist"):
        store.build(tmp_path / "nowhere")
    (tmp_path / "unga").mkdir()
    with pytest.raises(DataMissing, match="missing source file"):
        store.build(tmp_path)


def test_corrupt_file_leaves_old_store(tmp_path, mirror, store, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("VALUESGAP_HOME", str(home))
    store.build(mirror)
    before = store.query("SELECT count(*) AS n FROM votes")["n"].iloc[0]
    bad = tmp_path / "bad"
    shutil.copytree(mirror, bad)
    target = bad / registry.source("wgi").file("data").path
    os.chmod(target, 0o644)
    target.write_bytes(b"not a parquet file")
    with pytest.raises(DataMissing, match="corrupt"):
        store.build(bad)
    assert store.query("SELECT count(*) AS n FROM votes")["n"].iloc[0] == before
    assert not list(home.glob("*.building-*"))


def test_killed_build_leaves_old_store_working(tmp_path, mirror, store, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("VALUESGAP_HOME", str(home))
    store.build(mirror)
    version = store.data_version()
    env = {**os.environ, "VALUESGAP_HOME": str(home)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "valuesgap", "data", "build", "--from", str(mirror)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline and not list(home.glob("*.building-*")):
        time.sleep(0.05)
    assert list(home.glob("*.building-*")), "the build never started writing"
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert store.query("SELECT count(*) AS n FROM rollcalls")["n"].iloc[0] == 6551
    assert store.data_version() == version
    store.build(mirror)  # the next build clears the leftover
    assert not list(home.glob("*.building-*"))


def test_quality_report_flags_membership_gaps(store, capsys):
    from valuesgap.cli import run

    found = store.query("SELECT iso3, session FROM quality_report")
    pairs = set(zip(found["iso3"], found["session"]))
    # Taiwan lost its seat in 1971 (session 26); Yugoslavia was not seated from 1992 (session 47);
    # the June 2024 file codes Türkiye absent/non-member on 85 of 88 roll calls of session 78.
    assert {("TWN", 26), ("YUG", 47), ("TUR", 78)} <= pairs
    assert ("USA", 78) not in pairs
    assert run(["data", "report", "--format", "csv"]) == 0
    assert "coded non-member" in capsys.readouterr().out
