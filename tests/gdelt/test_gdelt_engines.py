"""One aggregation, two engines: hand-computed on real rows; DuckDB and Spark identical on a generated 2.0 file set."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from gdelt_testing import real_zip

from valuesgap.analysis import event_aggregate as ea
from valuesgap.errors import DataMissing, InputError
from valuesgap.sources import gdelt
from valuesgap.sources import gdelt_generate as gen

MONTHS = gdelt.months_between("2021-01", "2022-12")
N_EVENTS = 200_000


@pytest.fixture(scope="module")
def real_root(tmp_path_factory):
    """The 12 real 2.0 rows converted into a partition set."""
    root = tmp_path_factory.mktemp("real")
    zpath = root / "x.zip"
    zpath.write_bytes(real_zip("v2_20250807220000.export.CSV"))
    file = gdelt.RemoteFile("20250807220000.export.CSV.zip", "", "2025-08", None, None)
    gdelt.convert_zip(zpath, 2, gdelt.parquet_path(root, 2, file))
    return root


@pytest.mark.parametrize("engine", ["duckdb", pytest.param("spark", marks=pytest.mark.spark)])
def test_hand_computed_on_real_rows(real_root, engine):
    # Dyads with two states among the 12 rows (fixtures/README.md), all dated 2025-07-31:
    #   ARE->USA events 1256322778, 79: CAMEO 040 (verbal coop), Goldstein 1.0, 1 mention each
    #   USA->ARE events 1256322782, 83: the same
    #   COD->SLE event 1256322781: CAMEO 130 (verbal conflict), Goldstein -4.4, 4 mentions
    # The other rows have one actor without a country (or none) and drop out.
    out = ea.aggregate(real_root, "2025-07", "2025-08", engine=engine)
    assert list(zip(out["sender"], out["target"], out["year"], out["month"])) == [
        ("ARE", "USA", 2025, 7),
        ("COD", "SLE", 2025, 7),
        ("USA", "ARE", 2025, 7),
    ]
    are = out.iloc[0]
    assert (are["n_events"], are["verb_coop"], are["matl_coop"], are["verb_conf"], are["matl_conf"]) == (2, 2, 0, 0, 0)
    assert (are["verb_coop_m"], are["n_mentions"], are["goldstein_sum10"], are["goldstein_mean"]) == (2, 2, 20, 1.0)
    cod = out.iloc[1]
    assert (cod["n_events"], cod["verb_conf"], cod["verb_conf_m"], cod["goldstein_sum10"]) == (1, 1, 4, -44)
    assert cod["goldstein_mean"] == pytest.approx(-4.4)
    # a period without events gives an empty table, not zeros
    assert ea.aggregate(real_root, "2023-01", "2023-02", engine=engine).empty


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """200,000 generated events in 24 monthly 2.0 exports, converted; plus the events as generated."""
    root = tmp_path_factory.mktemp("gen")
    events = gen.events_frame(N_EVENTS, MONTHS)
    zips = gen.export_files(root / "served", events)
    for path in zips:
        stem = path.name.split(".")[0]
        file = gdelt.RemoteFile(path.name, "", f"{stem[:4]}-{stem[4:6]}", None, None)
        gdelt.convert_zip(path, 2, gdelt.parquet_path(root / "parquet", 2, file))
    return root / "parquet", events


def _expected(events: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    """Count the generated events per dyad-month with pandas, independently of the SQL."""
    to_iso = gdelt.cameo_to_iso3()
    frame = pd.DataFrame(
        {
            "sender": events["Actor1CountryCode"].map(lambda c: to_iso.get(c)),
            "target": events["Actor2CountryCode"].map(lambda c: to_iso.get(c)),
            "date": pd.to_datetime(events["SQLDATE"]),
            "quad": events["QuadClass"].astype(int),
            "mentions": events["NumMentions"].astype(int),
            "g10": (events["GoldsteinScale"].astype(float) * 10).round().astype(int),
        }
    )
    keep = frame["sender"].notna() & frame["target"].notna() & (frame["sender"] != frame["target"])
    keep &= (frame["date"] >= f"{start}-01") & (frame["date"] < pd.Timestamp(f"{end}-01") + pd.offsets.MonthBegin(1))
    frame = frame[keep].assign(year=lambda f: f["date"].dt.year, month=lambda f: f["date"].dt.month)
    for q, name in enumerate(["verb_coop", "matl_coop", "verb_conf", "matl_conf"], start=1):
        frame[name] = (frame["quad"] == q).astype(int)
        frame[f"{name}_m"] = np.where(frame["quad"] == q, frame["mentions"], 0)
    grouped = frame.groupby(["sender", "target", "year", "month"]).agg(
        n_events=("quad", "size"),
        verb_coop=("verb_coop", "sum"),
        matl_conf=("matl_conf", "sum"),
        verb_conf_m=("verb_conf_m", "sum"),
        n_mentions=("mentions", "sum"),
        goldstein_sum10=("g10", "sum"),
    )
    return grouped.reset_index()


def test_duckdb_counts_match_an_independent_count(generated):
    root, events = generated
    out = ea.aggregate(root, "2021-03", "2022-10")
    want = _expected(events, "2021-03", "2022-10")
    assert len(out) == len(want) > 1000
    got = out.set_index(["sender", "target", "year", "month"])[want.columns[4:]]
    want = want.set_index(["sender", "target", "year", "month"])
    pd.testing.assert_frame_equal(got.sort_index(), want.sort_index(), check_dtype=False)
    # the 3 % of events dated before their file's month are counted in their own month
    assert (out["year"] * 100 + out["month"]).between(202103, 202210).all()


@pytest.mark.spark
def test_spark_and_duckdb_give_identical_aggregates(generated):
    root, _ = generated
    duck = ea.aggregate(root, "2021-01", "2022-12", engine="duckdb")
    spark = ea.aggregate(root, "2021-01", "2022-12", engine="spark", master="local[2]")
    assert len(duck) > 10_000
    pd.testing.assert_frame_equal(duck, spark, check_exact=True)
    root_only = ea.aggregate(root, "2022-01", "2022-06", engine="spark", root_only=True)
    pd.testing.assert_frame_equal(root_only, ea.aggregate(root, "2022-01", "2022-06", root_only=True), check_exact=True)
    assert root_only["n_events"].sum() < duck["n_events"].sum()


def test_bad_input(generated, tmp_path):
    root, _ = generated
    with pytest.raises(InputError, match="--engine must be one of"):
        ea.aggregate(root, "2021-01", "2021-02", engine="pandas")
    with pytest.raises(InputError, match="after end"):
        ea.aggregate(root, "2021-05", "2021-02")
    with pytest.raises(InputError, match="--master needs --engine spark"):
        ea.aggregate(root, "2021-01", "2021-02", master="local[1]")
    with pytest.raises(DataMissing, match="events fetch gdelt"):
        ea.aggregate(tmp_path, "2021-01", "2021-02")
