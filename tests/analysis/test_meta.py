"""Analysis results carry their resolved states, period, measure and data version (``attrs``), and the faces
read them instead of resolving the user's input again."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

import valuesgap as vg
from valuesgap.analysis.meta import ResultMeta, annotate, meta_of

SRC = Path(__file__).resolve().parents[2] / "src" / "valuesgap"


def test_annotate_and_read_back_by_hand(store):
    frame = annotate(pd.DataFrame({"x": [1]}), states=["rus", "United States"], start=2000, measure="agreement")
    meta = meta_of(frame)
    assert meta == ResultMeta(
        iso3=("RUS", "USA"),
        names=("Russia", "United States"),
        start=2000,
        end=None,
        measure="agreement",
        data_version=store.data_version(),
    )
    assert meta_of(frame[["x"]]) == meta  # kept through a column selection


def test_results_carry_what_they_are_about(store):
    sim = meta_of(vg.similarity("united states", "RUS", issue="hr", start=2010, end=2012))
    assert (sim.iso3, sim.names, sim.start, sim.end) == (("USA", "RUS"), ("United States", "Russia"), 2010, 2012)
    assert sim.data_version == store.data_version()
    gap = meta_of(vg.values_gap("FRA", "Germany", start=2015, end=2016))
    assert gap.iso3 == ("FRA", "DEU") and (gap.start, gap.end) == (2015, 2016)
    partners = meta_of(vg.partners("Cuba", year=2010, measure="agreement"))
    assert partners.iso3 == ("CUB",) and partners.measure == "agreement"
    ledger = meta_of(vg.commitments("Russia", start=2014))
    assert ledger.names == ("Russia",) and ledger.start == 2014


def test_parquet_output_keeps_the_metadata(store, tmp_path):
    from valuesgap.cli import run

    out = tmp_path / "sim.parquet"
    assert (
        run(
            [
                "similarity",
                "USA",
                "RUS",
                "--issue",
                "nu",
                "--from",
                "2000",
                "--to",
                "2001",
                "--out",
                str(out),
                "--format",
                "parquet",
            ]
        )
        == 0
    )
    meta = meta_of(pd.read_parquet(out))
    assert meta.iso3 == ("USA", "RUS") and (meta.start, meta.end) == (2000, 2001)


def test_faces_do_not_resolve_again_and_routes_do_not_import_each_other():
    api = SRC / "api"
    for path in api.glob("routes_*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"from valuesgap\.api\.routes_|from valuesgap\.api import routes_", text), path.name
        if path.name != "routes_countries.py":  # that route IS the resolver
            assert "resolve(" not in text, path.name
    assert not (api / "frames.py").exists()  # its analysis moved down into valuesgap.analysis
    for path in (SRC / "cli").glob("cmd_*.py"):
        if path.name != "cmd_countries.py":  # the countries look-up itself
            assert "resolve(" not in path.read_text(encoding="utf-8").replace(".resolve()", ""), path.name
