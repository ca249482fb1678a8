"""GDELT layouts, file lists and conversion on real rows (fixtures/README.md says where each comes from)."""

from __future__ import annotations

import datetime as dt

import pyarrow.parquet as pq
import pytest
from gdelt_testing import FIXTURES, real_zip

from valuesgap.errors import DataMissing, InputError
from valuesgap.sources import gdelt


def test_layouts_have_the_codebook_column_counts():
    assert len(gdelt.COLUMNS[1]) == 58  # GDELT 1.0 daily files (codebook V1.03)
    assert len(gdelt.COLUMNS[2]) == 61  # GDELT 2.0 exports (event codebook V2.0)
    v2 = gdelt.COLUMNS[2]
    assert v2[7] == "Actor1CountryCode" and v2[17] == "Actor2CountryCode"
    assert v2[25:35] == [
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
    ]
    assert v2[-2:] == ["DATEADDED", "SOURCEURL"] and "Actor1Geo_ADM2Code" in v2
    assert "Actor1Geo_ADM2Code" not in gdelt.COLUMNS[1]


def test_masterfilelist_keeps_event_exports_with_size_and_md5():
    files = gdelt.parse_masterfilelist((FIXTURES / "masterfilelist_head.txt").read_text())
    assert [f.name for f in files] == [
        "20150218230000.export.CSV.zip",
        "20150218231500.export.CSV.zip",
        "20150218233000.export.CSV.zip",
        "20150218234500.export.CSV.zip",
    ]
    assert files[0].size == 150383 and files[0].md5 == "297a16b493de7cf6ca809a7cc31d0b93"
    assert {f.month for f in files} == {"2015-02"}
    moved = gdelt.select_files(files, "2015-02", "2015-02", "http://127.0.0.1:9/mirror/")
    assert moved[0].url == "http://127.0.0.1:9/mirror/20150218230000.export.CSV.zip"
    assert gdelt.select_files(files, "2015-03", "2015-04") == []


def test_v1_index_gives_daily_files_with_md5_only():
    files = gdelt.parse_v1_index((FIXTURES / "events_index_excerpt.html").read_text(), "http://h/events")
    assert [(f.name, f.month, f.size, f.md5) for f in files] == [
        ("20260722.export.CSV.zip", "2026-07", None, "be29fb979f2832a9cc3126352e27e0f6"),
        ("20260921.export.CSV.zip", "2026-09", None, "9e96d4e07ba98cce4287b243fbed14c3"),
    ]
    assert files[1].url == "http://h/events/20260921.export.CSV.zip"


def test_cameo_table_maps_states_recodes_parts_and_no_states():
    to_iso = gdelt.cameo_to_iso3()
    assert to_iso["USA"] == "USA" and to_iso["RUS"] == "RUS"
    assert to_iso["ROM"] == "ROU" and to_iso["TMP"] == "TLS"  # CAMEO keeps old ISO codes
    assert to_iso["WSB"] == "PSE" and to_iso["BAG"] == "IRQ"  # parts of a state
    for region in ("EUR", "AFR", "MEA", "WST", "SCN"):
        assert to_iso[region] is None
    table = gdelt.cameo_table()
    assert table["cameo"].is_unique
    assert set(table["kind"]) == {"state", "recoded", "part", "territory", "region", "historical"}


def _convert(tmp_path, name: str, version: int):
    path = tmp_path / f"{name}.zip"
    path.write_bytes(real_zip(name))
    dest = tmp_path / "out.parquet"
    return gdelt.convert_zip(path, version, dest), pq.read_table(dest).to_pandas()


def test_v2_real_rows_convert_to_the_parquet_columns(tmp_path):
    result, frame = _convert(tmp_path, "v2_20250807220000.export.CSV", 2)
    assert result.rows == 12 and result.bad_rows == 0 and result.no_state == {}
    assert list(frame.columns) == list(gdelt.PARQUET_COLUMNS)
    row = frame.set_index("event_id").loc[1256322781]  # DRC -> Sierra Leone, a CAMEO 130 threat
    assert row["date"] == dt.date(2025, 7, 31)
    assert (row["sender"], row["target"], row["event_code"], row["root_code"]) == ("COD", "SLE", "130", "13")
    assert (row["quad_class"], row["goldstein"], row["mentions"], row["sources"], row["articles"]) == (3, -4.4, 4, 1, 4)
    assert row["tone"] == pytest.approx(-4.40881763527055) and bool(row["is_root"])
    lone = frame.set_index("event_id").loc[1256322780]  # DRC alone: no second actor
    assert lone["sender"] == "COD" and lone["target"] is None


def test_v1_real_rows_convert(tmp_path):
    result, frame = _convert(tmp_path, "v1_20240921.export.CSV", 1)
    assert result.rows == 7 and result.bad_rows == 0
    row = frame.set_index("event_id").loc[1199516025]  # government -> Turkish military, CAMEO 161
    assert row["sender"] is None and (row["target"], row["target_cameo"]) == ("TUR", "TUR")
    assert (row["quad_class"], row["goldstein"], row["date"]) == (4, -4.0, dt.date(2014, 9, 24))


def test_regions_are_no_state_and_counted(tmp_path):
    text = (FIXTURES / "v2_20250807220000.export.CSV").read_text().splitlines()
    row = text[4].split("\t")  # ARE -> USA (event 1256322778)
    rows = []
    for a1, a2 in (("EUR", "USA"), ("ROM", "WSB"), ("EUR", "AFR"), ("XYZ", "USA")):
        copy = list(row)
        copy[7], copy[17] = a1, a2
        rows.append("\t".join(copy))
    from valuesgap.sources.gdelt_generate import zip_bytes

    path = tmp_path / "x.zip"
    path.write_bytes(zip_bytes("x.export.CSV", ("\n".join(rows) + "\n").encode()))
    result = gdelt.convert_zip(path, 2, tmp_path / "x.parquet")
    frame = pq.read_table(tmp_path / "x.parquet").to_pandas()
    assert result.no_state == {"EUR": 2, "AFR": 1, "XYZ": 1}  # actor slots without a state, by code
    pairs = sorted(zip(frame["sender_cameo"], frame["sender"], frame["target_cameo"], frame["target"]))
    assert pairs == [
        ("EUR", None, "AFR", None),
        ("EUR", None, "USA", "USA"),
        ("ROM", "ROU", "WSB", "PSE"),
        ("XYZ", None, "USA", "USA"),
    ]


def test_wrong_layout_and_broken_zip_are_reported(tmp_path):
    path = tmp_path / "v1.zip"
    path.write_bytes(real_zip("v1_20240921.export.CSV"))
    with pytest.raises(DataMissing, match=r"not a GDELT 2\.0 event file"):
        gdelt.convert_zip(path, 2, tmp_path / "a.parquet")
    data = real_zip("v2_20250807220000.export.CSV")
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DataMissing, match="corrupt or truncated zip"):
        gdelt.convert_zip(path, 2, tmp_path / "b.parquet")
    assert not (tmp_path / "a.parquet").exists() and not (tmp_path / "b.parquet").exists()


def test_months():
    assert gdelt.months_between("2021-11", "2022-02") == ["2021-11", "2021-12", "2022-01", "2022-02"]
    with pytest.raises(InputError, match="YYYY-MM"):
        gdelt.check_month("2022-13", "--from")
