"""The source registry: one declaration per source file, read by the build, status and fetch."""

import re
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

from valuesgap.sources import registry
from valuesgap.sources.spec import Loaded, Source, SourceFile

SRC = Path(__file__).resolve().parents[2] / "src" / "valuesgap"


def test_every_source_path_is_written_once_in_the_code():
    text = {p: p.read_text(encoding="utf-8") for p in SRC.rglob("*.py")}
    for file in registry.FILES:
        holders = [p.relative_to(SRC).as_posix() for p, t in text.items() if file.path in t]
        assert holders == ["sources/registry.py"], (file.path, holders)
        assert text[SRC / "sources" / "registry.py"].count(file.path) == 1, file.path


def test_each_entry_is_complete_and_its_reader_keeps_the_contract():
    import importlib

    for source in registry.SOURCES:
        assert source.label and source.citation and source.version and source.licence, source.id
        assert source.landing.startswith("https://"), source.id
        assert source.files
        # a published sha256 for each file, except optional sources whose publisher gives none (recorded
        # on first download): the UN Digital Library's files
        pinned = all(re.fullmatch("[0-9a-f]{64}", f.sha256 or "") for f in source.files)
        assert pinned or (source.optional and source.id.startswith("undl_")), source.id
        reader = importlib.import_module(f"valuesgap.sources.{source.reader}")
        assert isinstance(reader.STEP, str) and callable(reader.load), source.reader
        # where the publisher serves it: an https address or a Dataverse file, else the reason there is none
        has_address = bool(source.upstream) or any(f.url for f in source.files)
        assert has_address or (source.no_address and source.optional), source.id
        for f in source.upstream:
            assert (f.url or "").startswith("https://") or f.dataverse is not None, (source.id, f)
            assert all(u.startswith("https://") for u in f.fallbacks)
            assert f.path.startswith(f"upstream/{source.id}/")


def test_build_steps_follow_the_registry(store):
    steps = store.steps()
    assert [s.label for s in steps] == [
        "UNGA roll calls and votes",
        "V-Dem",
        "Freedom House",
        "Polity5",
        "Fariss human-rights scores",
        "CIRIGHTS",
        "World Bank WGI",
        "Treaty participation",
        "Security Council drafts and vetoes",
        "ICEWS event counts",
        "Security Council resolutions (UN Digital Library)",
    ]
    assert steps[0].sources == ("unvotes", "unga_wide", "undl_ga")
    assert sorted(s for step in steps for s in step.sources) == sorted(s.id for s in registry.SOURCES)


# ---------------------------------------------------------------- a source added by one entry + one reader

FAKE = types.ModuleType("valuesgap.sources.fake_events")
FAKE.STEP = "Fake events"


def _fake_load(found):
    """Reader of the test's fake sources: one table with a row per line of each installed file."""
    parts = [pd.read_csv(found.path(sid, "data")).assign(source=sid) for sid in found.sources]
    return Loaded({"fake_events": pd.concat(parts, ignore_index=True)})


FAKE.load = _fake_load


def _fake_source(sid: str, path: str) -> Source:
    return Source(
        id=sid,
        label=f"Fake {sid}",
        reader="fake_events",
        tables=("fake_events",),
        files=(SourceFile("data", path, None),),
        version="1",
        citation="Test fixture, not data",
        landing="https://example.org/",
        licence="CC0",
        optional=True,
    )


@pytest.fixture
def with_fake_sources(mirror, tmp_path, monkeypatch):
    """A mirror (links to the real one) plus one optional source installed and one absent."""
    folder = tmp_path / "mirror"
    folder.mkdir()
    for child in Path(mirror).iterdir():
        (folder / child.name).symlink_to(child)
    (folder / "fake").mkdir()
    (folder / "fake" / "present.csv").write_text("a,b\n1,2\n3,4\n5,6\n")
    sources = (
        *registry.SOURCES,
        _fake_source("fake_present", "fake/present.csv"),
        _fake_source("fake_absent", "fake/absent.csv"),
    )
    monkeypatch.setattr(registry, "SOURCES", sources)
    monkeypatch.setitem(sys.modules, "valuesgap.sources.fake_events", FAKE)
    monkeypatch.setenv("VALUESGAP_HOME", str(tmp_path / "home"))
    return folder


def test_optional_sources_present_and_absent(with_fake_sources, store):
    store.build(with_fake_sources)
    assert store.query("SELECT count(*) AS n FROM fake_events")["n"].iloc[0] == 3
    status = store.status().set_index("source")
    assert status.loc["fake_present", "installed"] == "yes"
    assert status.loc["fake_present", "rows"] == 3
    assert status.loc["fake_present", "check"] == "no published sha256: recorded on first download"
    assert status.loc["fake_absent", "installed"] == "not installed (optional)"
    assert status.loc["fake_absent", "rows"] == 0
    assert status.loc["vdem14", "installed"] == "yes"
    assert store.is_current(with_fake_sources)
    (with_fake_sources / "fake" / "absent.csv").write_text("a,b\n7,8\n")
    assert not store.is_current(with_fake_sources)  # a newly placed optional file means rebuild


def test_status_cli_lists_sources_not_installed(with_fake_sources, store, capsys):
    from valuesgap.cli import run

    store.build(with_fake_sources)
    assert run(["data", "status", "--format", "csv"]) == 0
    out = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))
    assert list(out.columns[:4]) == ["source", "file", "rows", "sha256"]
    assert len(out) == len(registry.FILES) + 2
    assert out.set_index("source").loc["fake_absent", "installed"] == "not installed (optional)"
