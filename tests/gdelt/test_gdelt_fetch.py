"""The download path against a local HTTP server on 127.0.0.1: checks, retries, reports, resume."""

from __future__ import annotations

import threading

import pyarrow.parquet as pq
import pytest
from gdelt_testing import md5, real_zip

from valuesgap import gdelt_fetch
from valuesgap.errors import DataMissing, InputError
from valuesgap.sources import gdelt
from valuesgap.sources import gdelt_generate as gen

MONTHS = gdelt.months_between("2022-01", "2022-06")


@pytest.fixture
def served(file_server):
    """Six monthly 2.0 exports (3,000 generated events) and their masterfilelist.txt on the local server."""
    events = gen.events_frame(3_000, MONTHS, seed=5)
    gen.export_files(file_server.folder, events, base_url=file_server.url)
    return file_server


def _names():
    return [f"{m[:4]}{m[5:]}01000000.export.CSV.zip" for m in MONTHS]


def _listed(server) -> dict[str, list[str]]:
    lines = (server.folder / "masterfilelist.txt").read_text().split("\n")
    return {line.split()[2].rsplit("/", 1)[-1]: line.split() for line in lines if line}


def _relist(server, listed) -> None:
    (server.folder / "masterfilelist.txt").write_text("\n".join(" ".join(v) for v in listed.values()) + "\n")


def test_fetch_converts_each_month_and_skips_what_it_has(served, tmp_path):
    seen = []
    report = gdelt_fetch.fetch(
        "2022-01", "2022-06", tmp_path / "pq", base_url=served.url, pause=0, progress=lambda d, t, label: seen.append(d)
    )
    assert (report.listed, report.converted, report.skipped, report.failed) == (6, 6, 0, {})
    assert report.rows == 3_000 and seen[-1] == 6
    for month in MONTHS:
        files = list(gdelt.partition_dir(tmp_path / "pq", 2, month).glob("*.parquet"))
        assert len(files) == 1
    assert sum(pq.read_table(p).num_rows for p in (tmp_path / "pq").rglob("*.parquet")) == 3_000
    assert report.no_state.keys() <= {"EUR", "AFR", "MEA", "WST"} and sum(report.no_state.values()) > 0
    again = gdelt_fetch.fetch("2022-01", "2022-06", tmp_path / "pq", base_url=served.url, pause=0)
    assert (again.converted, again.skipped) == (0, 6)
    assert all(served.requests[name] == 1 for name in _names())  # nothing downloaded twice
    assert served.requests["masterfilelist.txt"] == 2
    # a shorter period downloads only its own months
    only = gdelt_fetch.fetch("2022-02", "2022-03", tmp_path / "other", base_url=served.url, pause=0)
    assert only.listed == 2 and served.requests[_names()[0]] == 1


def test_wrong_md5_is_retried_then_reported(served, tmp_path):
    listed = _listed(served)
    bad = _names()[2]
    listed[bad][1] = "0" * 32
    _relist(served, listed)
    report = gdelt_fetch.fetch("2022-01", "2022-06", tmp_path, base_url=served.url, retries=2, pause=0)
    assert report.converted == 5 and list(report.failed) == [bad]
    assert "MD5" in report.failed[bad] and served.requests[bad] == 3  # first try + 2 retries
    assert not gdelt.parquet_path(tmp_path, 2, gdelt.RemoteFile(bad, "", "2022-03", None, None)).exists()
    assert not list(tmp_path.rglob("*.part")) and not list(tmp_path.rglob("*.tmp"))


def test_truncated_zip_is_retried_then_reported(served, tmp_path):
    names = _names()
    served.truncate[names[0]] = 500  # always cut: fails its size check every time
    served.fail_first[names[1]] = 1  # cut once: the retry gets the whole file
    # listed with the truncated file's own size and MD5: passes the checks, fails to unzip
    data = (served.folder / names[4]).read_bytes()[:700]
    (served.folder / names[4]).write_bytes(data)
    listed = _listed(served)
    listed[names[4]][0:2] = [str(len(data)), md5(data)]
    _relist(served, listed)
    report = gdelt_fetch.fetch("2022-01", "2022-06", tmp_path, base_url=served.url, retries=1, pause=0)
    assert sorted(report.failed) == [names[0], names[4]]
    assert "size 500 bytes, the list says" in report.failed[names[0]]
    assert "corrupt or truncated zip" in report.failed[names[4]]
    assert report.converted == 4 and served.requests[names[1]] == 2
    assert len(list(tmp_path.rglob("*.parquet"))) == 4


def test_interrupted_run_resumes(served, tmp_path):
    stop = threading.Event()

    def progress(done: int, total: int, label: str) -> None:
        if done >= 2:
            stop.set()  # as if the user pressed Ctrl-C after two files

    first = gdelt_fetch.fetch(
        "2022-01", "2022-06", tmp_path, base_url=served.url, jobs=1, pause=0, progress=progress, stop=stop
    )
    # the single worker may have started the third file before the stop: it finishes what it started
    assert 2 <= first.converted <= 3 and first.failed == {}
    # a conversion killed halfway leaves a temp file; the next run removes it
    leftover = gdelt.partition_dir(tmp_path, 2, "2022-05") / ".20220501000000.parquet.123.tmp"
    leftover.parent.mkdir(parents=True, exist_ok=True)
    leftover.write_bytes(b"half")
    second = gdelt_fetch.fetch("2022-01", "2022-06", tmp_path, base_url=served.url, pause=0)
    assert (second.skipped, second.converted, second.failed) == (first.converted, 6 - first.converted, {})
    assert all(served.requests[name] == 1 for name in _names())  # each file downloaded once in all
    assert not leftover.exists()
    assert sum(pq.read_table(p).num_rows for p in tmp_path.rglob("*.parquet")) == 3_000


def test_version_1_daily_files_from_the_index(file_server, tmp_path):
    data = real_zip("v1_20240921.export.CSV")
    (file_server.folder / "20240921.export.CSV.zip").write_bytes(data)
    (file_server.folder / "20240922.export.CSV.zip").write_bytes(data)
    (file_server.folder / "index.html").write_text(
        f'<LI><A HREF="20240921.export.CSV.zip">20240921.export.CSV.zip</A> (1.0KB) (MD5: {md5(data)})\n'
        '<LI><A HREF="20240922.export.CSV.zip">20240922.export.CSV.zip</A> (1.0KB) (MD5: ' + "f" * 32 + ")\n"
        '<LI><A HREF="201303.zip">201303.zip</A> (1.2MB) (MD5: ' + "a" * 32 + ")\n"
    )
    report = gdelt_fetch.fetch("2024-09", "2024-09", tmp_path, version=1, base_url=file_server.url, pause=0)
    assert report.converted == 1 and report.rows == 7 and list(report.failed) == ["20240922.export.CSV.zip"]
    assert (tmp_path / "gdelt1" / "file_month=2024-09" / "20240921.parquet").exists()


def test_bad_input(served, tmp_path):
    with pytest.raises(InputError, match="YYYY-MM"):
        gdelt_fetch.fetch("2022-1", "2022-06", tmp_path, base_url=served.url)
    with pytest.raises(InputError, match="is after"):
        gdelt_fetch.fetch("2022-06", "2022-01", tmp_path, base_url=served.url)
    with pytest.raises(InputError, match="start in 2015-02"):
        gdelt_fetch.fetch("2013-01", "2014-12", tmp_path, base_url=served.url)
    with pytest.raises(DataMissing, match=r"no event files for 2023-01\.\.2023-02"):
        gdelt_fetch.fetch("2023-01", "2023-02", tmp_path, base_url=served.url)
    with pytest.raises(DataMissing, match="HTTP 404"):
        gdelt_fetch.fetch("2022-01", "2022-02", tmp_path, base_url=served.url + "/nowhere")
