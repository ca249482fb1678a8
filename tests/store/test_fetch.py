"""``data fetch --mirror`` against a local HTTP server serving the mirror folder (the mirror's forms).

Fetching from the publishers themselves is tested in test_upstream.py."""

import functools
import http.server
import shutil
import threading

import pytest

from valuesgap import fetch
from valuesgap.sources import registry
from valuesgap.sources.registry import FILES

# What the mirror holds: the files of every source but the optional ones it lacks (the UN Digital Library's).
REQUIRED = [f for s in registry.SOURCES if not s.id.startswith("undl_") for f in s.files]


def _serve(folder):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def served(mirror, tmp_path):
    copy = tmp_path / "served"
    shutil.copytree(mirror, copy)
    for path in copy.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    server = _serve(copy)
    yield copy, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_fetch_installs_every_file_with_progress(served, tmp_path):
    _, url = served
    seen = []
    outcomes = fetch.fetch(tmp_path / "dest", mirror=url, progress=lambda label, done, total: seen.append(label))
    assert len(outcomes) == len(registry.SOURCES) and not fetch.failures(outcomes)
    assert {o.source for o in outcomes if o.skipped} <= {s.id for s in registry.SOURCES if s.optional}
    for file in REQUIRED:
        assert (tmp_path / "dest" / file.path).stat().st_size > 0
    assert seen
    assert not list((tmp_path / "dest").glob(".fetch-*"))


def test_corrupted_file_fails_its_hash_and_installs_nothing(served, tmp_path):
    folder, url = served
    target = folder / REQUIRED[-1].path
    target.write_bytes(target.read_bytes()[:-10] + b"corrupted!")
    outcomes = fetch.fetch(tmp_path / "dest", mirror=url)
    failed = fetch.failures(outcomes)
    assert [o.source for o in failed] == [next(s.id for s in registry.SOURCES if REQUIRED[-1] in s.files)]
    assert "damaged" in failed[0].message or "sha256" in failed[0].message
    assert not (tmp_path / "dest" / REQUIRED[-1].path).exists()  # the failing source is not installed
    assert (tmp_path / "dest" / FILES[0].path).exists()  # what succeeded stays installed


def test_missing_file_on_the_mirror(served, tmp_path):
    folder, url = served
    (folder / FILES[0].path).unlink()
    outcomes = fetch.fetch(tmp_path / "dest", mirror=url, only=["unvotes"])
    assert "HTTP 404" in outcomes[0].message and "get it from https://" in outcomes[0].message
    assert not [p for p in (tmp_path / "dest").rglob("*") if p.is_file() and ".partial" not in p.parts]


def test_cli_fetch_then_build(served, tmp_path, monkeypatch, capsys):
    from valuesgap.cli import run

    _, url = served
    monkeypatch.setenv("VALUESGAP_HOME", str(tmp_path / "home"))
    assert run(["data", "fetch", "--mirror", url]) == 0
    assert run(["data", "status", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("source,file,rows,sha256")
    assert len(out.strip().splitlines()) == len(FILES) + 1
    assert run(["data", "fetch", "--mirror", url, "--only", "nope"]) == 2


def test_optional_source_missing_on_the_mirror_is_skipped_and_unpinned_hash_recorded(served, tmp_path, monkeypatch):
    import json

    from valuesgap.sources.spec import Source, SourceFile

    folder, url = served
    (folder / "extra").mkdir()
    (folder / "extra" / "here.csv").write_text("a\n1\n")

    def extra(sid, path):
        return Source(
            sid, sid, "unga", ("x",), (SourceFile("data", path, None),), "1", "c", "https://e.org/", "CC0", True
        )

    monkeypatch.setattr(
        registry, "SOURCES", (*registry.SOURCES, extra("here", "extra/here.csv"), extra("gone", "extra/gone.csv"))
    )
    dest = tmp_path / "dest"
    outcomes = fetch.fetch(dest, mirror=url)
    missing = [s for s in registry.SOURCES if s.optional and not (folder / s.files[0].path).exists()]
    assert sum(o.ok for o in outcomes) == len(registry.SOURCES) - len(missing) and outcomes[-1].skipped
    assert (dest / "extra/here.csv").exists() and not (dest / "extra/gone.csv").exists()
    recorded = json.loads((dest / fetch.RECORDED).read_text())
    assert set(recorded) == {"extra/here.csv"} and len(recorded["extra/here.csv"]["sha256"]) == 64
    # the next fetch checks against the recorded hash: a changed file is refused, nothing replaced
    (folder / "extra" / "here.csv").write_text("a\n2\n")
    assert "sha256" in fetch.failures(fetch.fetch(dest, mirror=url, only=["here"]))[0].message
    assert (dest / "extra/here.csv").read_text() == "a\n1\n"
