"""GDELT 1.0's historical backfile (yearly files 1979…2005, monthly 2006-01…2013-03; 57 columns, no SOURCEURL):
the file list, the reader and conversion on real rows, and a fetch from the local server aggregated by hand."""

from __future__ import annotations

import pytest
from gdelt_testing import FIXTURES, md5, real_zip

from valuesgap import gdelt_fetch
from valuesgap.analysis import event_aggregate as ea
from valuesgap.sources import gdelt

INDEX = """<LI><A HREF="1979.zip">1979.zip</A> (26MB) (MD5: {m1979})
<LI><A HREF="2005.zip">2005.zip</A> (1.1GB) (MD5: {f})
<LI><A HREF="2006.zip">2006.zip</A> (9MB) (MD5: {f})
<LI><A HREF="200601.zip">200601.zip</A> (80MB) (MD5: {f})
<LI><A HREF="201011.zip">201011.zip</A> (102MB) (MD5: {m201011})
<LI><A HREF="201303.zip">201303.zip</A> (150MB) (MD5: {f})
<LI><A HREF="201304.zip">201304.zip</A> (1MB) (MD5: {f})
<LI><A HREF="20130401.export.CSV.zip">20130401.export.CSV.zip</A> (7.1MB) (MD5: {f})
<LI><A HREF="GDELT.MASTERREDUCEDV2.1979-2013.zip">GDELT.MASTERREDUCEDV2.1979-2013.zip</A> (1.8GB)
"""


def _index(**md5s: str) -> str:
    return INDEX.format(f="f" * 32, m1979=md5s.get("m1979", "a" * 32), m201011=md5s.get("m201011", "b" * 32))


def test_the_list_has_yearly_monthly_and_daily_files():
    files = {f.name: f for f in gdelt.parse_v1_index(_index(), "http://h/events")}
    # 2006.zip (no yearly file after 2005), 201304.zip (monthly files end 2013-03) and the reduced set are no event files
    assert sorted(files) == [
        "1979.zip",
        "2005.zip",
        "200601.zip",
        "201011.zip",
        "201303.zip",
        "20130401.export.CSV.zip",
    ]
    assert (files["1979.zip"].month, files["1979.zip"].end_month) == ("1979-01", "1979-12")
    assert (files["201011.zip"].month, files["201011.zip"].end_month) == ("2010-11", "2010-11")
    assert files["20130401.export.CSV.zip"].month == "2013-04"
    chosen = gdelt.select_files(files.values(), "1979-06", "1979-07", "http://m/events")
    assert [(f.name, f.url, f.end_month) for f in chosen] == [("1979.zip", "http://m/events/1979.zip", "1979-12")]
    assert [f.name for f in gdelt.select_files(files.values(), "2013-03", "2013-04")] == [
        "201303.zip",
        "20130401.export.CSV.zip",
    ]


def test_the_reader_tells_the_two_1_0_layouts_apart():
    historical = (FIXTURES / "v1hist_1979.csv").read_bytes()
    daily = (FIXTURES / "v1_20240921.export.CSV").read_bytes()
    assert len(gdelt.HISTORICAL_COLUMNS) == 57 and "SOURCEURL" not in gdelt.HISTORICAL_COLUMNS
    assert gdelt.layout_of(historical, 1) == gdelt.HISTORICAL_COLUMNS
    assert gdelt.layout_of(daily, 1) == gdelt.COLUMNS[1]
    raw, bad = gdelt.read_export(historical, 1)
    assert (raw.num_rows, bad) == (8, 0)
    assert raw.column("GLOBALEVENTID").to_pylist()[-2:] == ["230397977", "230397978"]
    table, _ = gdelt.convert_table(raw)
    usa_rus = table.to_pandas().set_index("event_id").loc[230397977]
    assert (usa_rus["sender"], usa_rus["target"], usa_rus["event_code"], usa_rus["quad_class"]) == (
        "USA",
        "RUS",
        "190",
        4,
    )
    assert (usa_rus["goldstein"], usa_rus["mentions"], str(usa_rus["date"])[:10]) == (-10.0, 2, "1979-12-31")


@pytest.fixture
def served_history(file_server):
    zips = {name: real_zip(f"v1hist_{name.removesuffix('.zip')}.csv") for name in ("1979.zip", "201011.zip")}
    for name, data in zips.items():
        (file_server.folder / name).write_bytes(data)
    (file_server.folder / "index.html").write_text(_index(m1979=md5(zips["1979.zip"]), m201011=md5(zips["201011.zip"])))
    return file_server


def test_fetch_historical_files_then_aggregate_by_hand(served_history, tmp_path):
    report = gdelt_fetch.fetch("1979-01", "2010-12", tmp_path, version=1, base_url=served_history.url, pause=0)
    # listed: 1979, 2005, 200601, 201011 (2005 and 200601 are not served: they fail, the two real ones convert)
    assert (report.listed, report.converted, report.rows) == (4, 2, 14)
    assert sorted(report.failed) == ["2005.zip", "200601.zip"]
    assert (tmp_path / "gdelt1" / "file_month=1979-01" / "1979.parquet").exists()
    assert gdelt.converted_span(tmp_path, 1) == ("1979-01", "2010-11")  # the yearly file reaches 1979-12
    out = ea.aggregate(tmp_path, "1979-01", "2010-12", version=1)
    # By hand from the fixture rows (fixtures/README.md): the rows with two different states are
    #   USA->GBR 230397970: 042 (verbal coop), Goldstein 1.9, 4 mentions
    #   USA->IRN 230397975/76: 042 and 043 (verbal coop), Goldstein 1.9 and 2.8, 2 mentions each, not root events
    #   USA->RUS 230397977: 190 (material conflict), Goldstein -10, 2 mentions
    #   ZMB->ISR 233665776: 100 (verbal conflict), Goldstein -5, 20 mentions
    #   ZWE->ISR 233665779/80: 030 (verbal coop), Goldstein 4 each, 2 and 12 mentions
    # ZMB->ZMB (same state), GMW (no country code), 'nep' (an ethnic code) and one-actor rows drop out.
    got = {
        (r.sender, r.target, r.year, r.month): (r.n_events, r.verb_coop, r.verb_conf, r.matl_conf, r.n_mentions, r.goldstein_sum10)
        for r in out.itertuples()
    }  # fmt: skip
    assert got == {
        ("USA", "GBR", 1979, 12): (1, 1, 0, 0, 4, 19),
        ("USA", "IRN", 1979, 12): (2, 2, 0, 0, 4, 47),
        ("USA", "RUS", 1979, 12): (1, 0, 0, 1, 2, -100),
        ("ZMB", "ISR", 2010, 11): (1, 0, 1, 0, 20, -50),
        ("ZWE", "ISR", 2010, 11): (2, 2, 0, 0, 14, 80),
    }
    roots = ea.aggregate(tmp_path, "1979-01", "2010-12", version=1, root_only=True)
    assert ("USA", "IRN") not in set(zip(roots["sender"], roots["target"]))
