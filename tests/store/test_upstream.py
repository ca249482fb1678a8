"""``data fetch`` from the publishers, against a local server impersonating them (no internet here).

The server (tests/store/upstream_server.py) answers each publisher's own URL paths, and the Dataverse Native
API's JSON, with small files in each publisher's layout generated from the mirror's rows.
"""

from __future__ import annotations

import json
import os

import numpy as np
import pandas as pd
import pytest
from upstream_server import Upstream, build

from valuesgap import fetch
from valuesgap.sources import registry

FETCHABLE = [s.id for s in registry.SOURCES if s.upstream]


@pytest.fixture(scope="module")
def upstream_files(mirror):
    return build(mirror)


@pytest.fixture
def upstream(upstream_files, monkeypatch):
    server = Upstream(upstream_files)
    monkeypatch.setenv("VALUESGAP_UPSTREAM_BASE", server.base)
    yield server
    server.close()


def _installed(dest):
    return sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file() and ".partial" not in p.parts)


def test_dry_run_lists_every_source_with_an_address_or_a_reason(capsys):
    from valuesgap.cli import run

    assert run(["data", "fetch", "--dry-run", "--format", "csv"]) == 0
    out = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))
    assert set(out["source"]) == {s.id for s in registry.SOURCES}
    for row in out.itertuples():
        source = registry.source(row.source)
        if source.upstream or any(f.url for f in source.files):
            assert row.address.startswith("https://"), row
        else:
            assert f"landing page {source.landing}" in row.address and source.no_address in row.address
        assert row.version == source.version or str(row.version) == source.version
        assert isinstance(row.sha256, str) and row.sha256


def test_fetch_every_source_from_its_publisher(upstream, tmp_path):
    dest = tmp_path / "data"
    seen = []
    outcomes = fetch.fetch(dest, progress=lambda label, done, total: seen.append(label))
    by = {o.source: o for o in outcomes}
    assert all(by[s].ok for s in FETCHABLE), [o.message for o in outcomes if not o.ok]
    for sid in ("untc", "un_hr_status", "cirights"):  # no file address: skipped with where to get it
        assert by[sid].skipped and registry.source(sid).landing in by[sid].message
    for sid in FETCHABLE:
        for f in registry.source(sid).upstream:
            assert (dest / f.path).stat().st_size > 0
    recorded = json.loads((dest / fetch.RECORDED).read_text())
    assert set(recorded) == {f.path for s in FETCHABLE for f in registry.source(s).upstream}
    # Dataverse files were found through the Native API's file list, by persistent id and name
    paths = [p for p, _ in upstream.requests]
    assert any(
        p.startswith("/api/datasets/:persistentId/versions/:latest-published/files?persistentId=doi:10.7910/DVN/LEJUQZ")
        for p in paths
    )
    assert "/api/access/datafile/4101?format=original" in paths
    assert (seen and not (dest / fetch.PARTIAL).exists()) or not list((dest / fetch.PARTIAL).rglob("*.part"))


@pytest.fixture(scope="module")
def fetched_store(upstream_files, tmp_path_factory, store):
    """A store built from the files fetched from the impersonated publishers (own VALUESGAP_HOME)."""
    home = tmp_path_factory.mktemp("upstream-home")
    server = Upstream(upstream_files)
    old = {k: os.environ.get(k) for k in ("VALUESGAP_UPSTREAM_BASE", "VALUESGAP_HOME")}
    os.environ["VALUESGAP_UPSTREAM_BASE"] = server.base
    os.environ["VALUESGAP_HOME"] = str(home)
    try:
        outcomes = fetch.fetch(home / "mirror")
        # the impersonated publishers serve every required source; the optional UN Digital Library files
        # are not among them (their reader is tested with its own fixtures)
        assert not [o for o in fetch.failures(outcomes) if not registry.source(o.source).optional]
        store.build(home / "mirror")
        tables = {
            name: store.query(f"SELECT * FROM {name}")
            for name in ("rollcalls", "votes", "indicators", "treaty_actions", "provenance")
        }
        from valuesgap.analysis.similarity import similarity

        tables["similarity"] = similarity("USA", "RUS", issue="nu")
    finally:
        server.close()
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        store._reset_connections()
    return tables


def test_same_votes_and_similarity_as_the_mirror_build(fetched_store, store):
    from valuesgap.analysis.similarity import similarity

    for name in ("rollcalls", "votes"):
        ours = store.query(f"SELECT * FROM {name} ORDER BY ALL")
        theirs = fetched_store[name].sort_values(list(fetched_store[name].columns), ignore_index=True)
        pd.testing.assert_frame_equal(ours.reset_index(drop=True), theirs.reset_index(drop=True), check_dtype=False)
    expected = similarity("USA", "RUS", issue="nu")
    pd.testing.assert_frame_equal(expected, fetched_store["similarity"])


def test_same_indicator_values_on_the_rows_both_builds_have(fetched_store, store):
    ours = store.query("SELECT * FROM indicators")
    theirs = fetched_store["indicators"]
    keys = ["iso3", "year", "source", "variable"]
    both = ours.merge(theirs, on=keys, suffixes=("_mirror", "_upstream"))
    for source in ("vdem14", "vdem15", "fh_ratings", "fh_scores", "polity5", "fariss", "wgi"):
        part = both[both["source"] == source]
        assert len(part) > 500, source  # the fixture's states over their years
        for col in ("value", "lower", "upper"):
            a, b = part[f"{col}_mirror"].to_numpy(float), part[f"{col}_upstream"].to_numpy(float)
            assert np.allclose(a, b, equal_nan=True, rtol=0, atol=1e-9), (source, col)
    # the known facts hold in the fetched build too
    rus = theirs.query("iso3 == 'RUS' and year == 2023 and variable == 'pr' and source == 'fh_ratings'")
    assert rus["value"].tolist() == [7.0]
    ind = theirs.query("iso3 == 'IND' and year == 2020 and variable == 'pr' and source == 'fh_ratings'")
    assert ind["value"].tolist() == [2.0]  # India's own rating, not Indian Kashmir's


def test_provenance_names_the_upstream_files(fetched_store):
    prov = fetched_store["provenance"]
    assert set(prov["source"]) == set(FETCHABLE)
    assert prov["file"].str.startswith("upstream/").all()
    assert (prov["rows"] > 0).all()


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        ("404", "HTTP 404"),
        ("html", "HTML page"),
        ("truncate", "zip"),
    ],
)
def test_a_failing_source_is_one_line_and_installs_nothing(upstream, tmp_path, fault, words, capsys):
    from valuesgap.cli import run

    path = next(p for p in upstream.files if p.endswith("V-Dem-CY-Core-v15_csv.zip"))
    upstream.faults[path] = fault
    dest = tmp_path / "data"
    code = run(["data", "fetch", "--dest", str(dest), "--only", "vdem15", "--only", "polity5", "--no-build"])
    err = capsys.readouterr().err
    assert code == 2
    lines = [line for line in err.splitlines() if line.startswith("vdem15:")]
    assert len(lines) == 1 and words in lines[0], err
    assert registry.source("vdem15").landing in lines[0] and "place it as" in lines[0]
    assert _installed(dest) == ["recorded-sha256.json", registry.source("polity5").upstream[0].path]


def test_changed_file_fails_against_the_hash_recorded_at_first_download(upstream, tmp_path, capsys):
    from valuesgap.cli import run

    dest = tmp_path / "data"
    assert run(["data", "fetch", "--dest", str(dest), "--only", "polity5", "--no-build"]) == 0
    target = dest / registry.source("polity5").upstream[0].path
    before = target.read_bytes()
    upstream.faults["/inscr/p5v2018.xls"] = "change"
    assert run(["data", "fetch", "--dest", str(dest), "--only", "polity5", "--no-build"]) == 2
    assert "sha256" in capsys.readouterr().err
    assert target.read_bytes() == before  # the installed file is untouched


def test_redirect_is_followed(upstream, tmp_path):
    upstream.faults["/inscr/p5v2018.xls"] = "redirect"
    outcomes = fetch.fetch(tmp_path / "data", only=["polity5"])
    assert outcomes[0].ok, outcomes[0].message
    assert any("redirected=1" in p for p, _ in upstream.requests)


def test_interrupted_download_resumes_with_a_range_request(upstream, tmp_path):
    path = "/src/contrib/unvotes_0.3.0.tar.gz"
    upstream.faults[path] = "drop"
    dest = tmp_path / "data"
    first = fetch.fetch(dest, only=["unvotes"])
    assert not first[0].ok and "resume" in first[0].message
    assert not (dest / registry.source("unvotes").upstream[0].path).exists()
    second = fetch.fetch(dest, only=["unvotes"])
    assert second[0].ok, second[0].message
    ranges = [h.get("Range") for p, h in upstream.requests if p == path]
    assert ranges[-1] and ranges[-1].startswith("bytes=") and ranges[-1] != "bytes=0-"


def test_fallback_address_on_404(upstream, tmp_path):
    f = registry.source("unvotes").upstream[0]
    current, archive = f.url, f.fallbacks[0]
    from urllib.parse import urlsplit

    upstream.files[urlsplit(archive).path] = upstream.files.pop(urlsplit(current).path)
    outcomes = fetch.fetch(tmp_path / "data", only=["unvotes"])
    assert outcomes[0].ok, outcomes[0].message


def test_url_override(upstream, tmp_path):
    upstream.files["/elsewhere/p5.xls"] = upstream.files["/inscr/p5v2018.xls"]
    outcomes = fetch.fetch(
        tmp_path / "data", only=["polity5"], urls=fetch.parse_urls([f"polity5={upstream.base}/elsewhere/p5.xls"])
    )
    assert outcomes[0].ok
    assert any(p == "/elsewhere/p5.xls" for p, _ in upstream.requests)


def test_unknown_only_and_bad_url_are_input_errors(capsys):
    from valuesgap.cli import run

    assert run(["data", "fetch", "--only", "nope", "--dry-run"]) == 2
    assert "no such source" in capsys.readouterr().err
    assert run(["data", "fetch", "--url", "polity5", "--dry-run"]) == 2
    assert "SOURCE=URL" in capsys.readouterr().err
