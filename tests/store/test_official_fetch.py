"""``data fetch`` of the UN Digital Library's two official voting files, against a local server serving
the fixture files at the Library's own addresses: a good download is installed, versioned by its release
date and built; a corrupt, truncated or foreign file, an unknown header or an unreachable server is one
line naming the problem, exit code 2, and the store and the installed file stay as they were."""

from __future__ import annotations

import hashlib
import json
import os
import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from upstream_server import Upstream

from valuesgap.sources import registry

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "undl"
GA_URL = registry.source("undl_ga").files[0].url
SC_URL = registry.source("undl_sc").files[0].url
GA_PATH, SC_PATH = urlsplit(GA_URL).path, urlsplit(SC_URL).path
GA = (FIXTURES / "ga_voting.csv").read_bytes()
SC = (FIXTURES / "sc_voting.csv").read_bytes()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _similarity_2022() -> int:
    from valuesgap.analysis.similarity import similarity

    frame = similarity("USA", "RUS", by="year", start=2022, end=2022)
    return int(frame["n"].iloc[0])


@pytest.fixture(scope="module")
def fetched(store, mirror, tmp_path_factory):
    """A data folder (the mirror linked) whose store was built without, then fetched with, the official files."""
    from valuesgap import store as store_module
    from valuesgap.cli import run

    dest = tmp_path_factory.mktemp("data-official-fetch")
    for entry in mirror.iterdir():
        (dest / entry.name).symlink_to(entry)
    previous = {k: os.environ.get(k) for k in ("VALUESGAP_HOME", "VALUESGAP_UPSTREAM_BASE")}
    os.environ["VALUESGAP_HOME"] = str(tmp_path_factory.mktemp("vg-home-official-fetch"))
    server = Upstream({GA_PATH: GA, SC_PATH: SC})
    os.environ["VALUESGAP_UPSTREAM_BASE"] = server.base
    try:
        store_module.build(dest)
        before = _similarity_2022()
        code = run(["data", "fetch", "--dest", str(dest), "--only", "undl_ga", "--only", "undl_sc"])
        yield {"dest": dest, "server": server, "code": code, "before": before, "store": store_module}
    finally:
        server.close()
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def test_fetch_installs_versions_and_builds(fetched):
    assert fetched["code"] == 0
    dest = fetched["dest"]
    assert (dest / "undl" / "ga_voting.csv").read_bytes() == GA
    assert (dest / "undl" / "sc_voting.csv").read_bytes() == SC
    recorded = json.loads((dest / "recorded-sha256.json").read_text())
    assert recorded["undl/ga_voting.csv"]["sha256"] == hashlib.sha256(GA).hexdigest()
    assert recorded["undl/ga_voting.csv"]["address"] == GA_URL
    status = fetched["store"].status().set_index("source")
    for sid, url in (("undl_ga", GA_URL), ("undl_sc", SC_URL)):
        row = status.loc[sid]
        assert row["installed"] == "yes" and row["version"] == "2026-02-06"  # the date in the file name
        assert row["upstream"] == url
        assert "no published sha256" in row["check"] and "each release" in row["check"]
    # A/RES/ES-11/1 (2 March 2022) is now counted for the pair
    assert _similarity_2022() == fetched["before"] + 1


def _truncated(body: bytes) -> bytes:
    """Return ``body`` cut in the middle of a row (not at a line end)."""
    cut = len(body) // 2
    while body[cut - 1 : cut] in (b"\n", b","):
        cut += 1
    return body[:cut]


def _corrupt_votes(body: bytes) -> bytes:
    """Return the file with one ms_vote value that is not Y/N/A/X."""
    lines = body.split(b"\n")
    lines[5] = lines[5].replace(b",Y,", b",Q,", 1).replace(b",N,", b",Q,", 1).replace(b",A,", b",Q,", 1)
    return b"\n".join(lines)


def _extra_column(body: bytes) -> bytes:
    lines = body.split(b"\n")
    return b"\n".join([lines[0] + b",vote_weight"] + [line + b",1" if line else line for line in lines[1:]])


@pytest.mark.parametrize(
    ("served", "words"),
    [
        (bytes(range(256)) * 40, "corrupt or not a CSV"),
        (_corrupt_votes(GA), "ms_vote values outside Y/N/A/X"),
        (_truncated(GA), "truncated"),
        (SC, "not the UN Digital Library General Assembly voting layout"),
        (_extra_column(GA), "unknown vote_weight"),
        (b"", "(empty file)"),
    ],
    ids=["binary", "bad-vote-codes", "truncated", "foreign-council-file", "unknown-header", "empty"],
)
def test_bad_download_is_one_line_and_keeps_store_and_file(fetched, capsys, served, words):
    from valuesgap.cli import run

    assert fetched["code"] == 0
    dest, server, store_module = fetched["dest"], fetched["server"], fetched["store"]
    store_file, installed = store_module.store_path(), dest / "undl" / "ga_voting.csv"
    before_store, before_file = _sha(store_file), _sha(installed)
    capsys.readouterr()
    server.files[GA_PATH] = served
    try:
        code = run(["data", "fetch", "--dest", str(dest), "--only", "undl_ga"])
    finally:
        server.files[GA_PATH] = GA
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("undl_ga:")]
    assert len(lines) == 1 and words in lines[0], err
    assert "ga_voting.csv" in lines[0] and ".part" not in lines[0]
    assert _sha(store_file) == before_store and _sha(installed) == before_file
    assert not list((dest / ".partial").rglob("*.part"))
    assert _similarity_2022() == fetched["before"] + 1  # the store still answers as before


def test_unreachable_server_is_one_line(fetched, capsys, monkeypatch):
    from valuesgap.cli import run

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    monkeypatch.setenv("VALUESGAP_UPSTREAM_BASE", f"http://127.0.0.1:{closed}")
    before = _sha(fetched["store"].store_path())
    capsys.readouterr()
    assert run(["data", "fetch", "--dest", str(fetched["dest"]), "--only", "undl_sc"]) == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("undl_sc:")]
    assert len(lines) == 1 and "unreachable" in lines[0] and "Traceback" not in err, err
    assert _sha(fetched["store"].store_path()) == before


def test_a_new_release_by_url_is_recorded_with_its_date(tmp_path, monkeypatch):
    """A later release sits at another dated address: its bytes are new (not a failed check), its date is
    the version; the same release changed afterwards fails the check recorded for it."""
    from valuesgap import fetch, store

    new_url = GA_URL.replace("2026_02_06", "2026_06_30")
    newer = GA.replace(b"Aggression against Ukraine", b"Aggression against Ukraine.", 1)
    assert newer != GA
    server = Upstream({GA_PATH: GA, urlsplit(new_url).path: newer})
    monkeypatch.setenv("VALUESGAP_UPSTREAM_BASE", server.base)
    try:
        dest = tmp_path / "data"
        assert fetch.fetch(dest, only=["undl_ga"])[0].ok
        outcome = fetch.fetch(dest, only=["undl_ga"], urls=fetch.parse_urls([f"undl_ga={new_url}"]))[0]
        assert outcome.ok, outcome.message
        recorded = json.loads((dest / "recorded-sha256.json").read_text())["undl/ga_voting.csv"]
        assert recorded["address"] == new_url and recorded["sha256"] == hashlib.sha256(newer).hexdigest()
        prov = store._provenance(dest, {"undl/ga_voting.csv": 1}).set_index("source")
        assert prov.loc["undl_ga", "version"] == "2026-06-30" and prov.loc["undl_ga", "upstream"] == new_url
        server.files[urlsplit(new_url).path] = newer.replace(b"Ukraine.", b"Ukraine!", 1)
        again = fetch.fetch(dest, only=["undl_ga"], urls=fetch.parse_urls([f"undl_ga={new_url}"]))[0]
        assert not again.ok and "sha256" in again.message
        assert (dest / "undl" / "ga_voting.csv").read_bytes() == newer
    finally:
        server.close()


def test_without_a_fetch_the_version_is_the_registry_release(tmp_path):
    from valuesgap import store

    (tmp_path / "undl").mkdir()
    (tmp_path / "undl" / "ga_voting.csv").write_bytes(GA)
    prov = store._provenance(tmp_path, {"undl/ga_voting.csv": 1}).set_index("source")
    assert prov.loc["undl_ga", "version"] == "2026-02-06" == registry.source("undl_ga").version
    assert prov.loc["undl_ga", "upstream"] == GA_URL
