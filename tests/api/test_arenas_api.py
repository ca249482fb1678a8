"""The arenas endpoints on the real store: same numbers as the analysis layer, CSV, chart spec, bad input → 4xx."""

from __future__ import annotations

import io

import pandas as pd
import pytest


def _table(client, url: str) -> pd.DataFrame:
    response = client.get(url)
    assert response.status_code == 200, (url, response.text[:300])
    body = response.json()
    return pd.DataFrame(body["rows"], columns=body["columns"])


def test_council_endpoint_matches_the_analysis(client):
    from valuesgap.analysis import council

    got = _table(client, "/api/arenas/council?a=USA&b=RUS&topic=dprk&start=2022&end=2022")
    want = council.council("USA", "RUS", topic="dprk", start=2022, end=2022)
    assert got["n"].tolist() == want["n"].tolist() == [2]
    assert got["agreement"].tolist() == [0.5]
    body = client.get("/api/arenas/council?a=USA&b=RUS&by=period&contested=true").json()
    assert body["query"]["contested"] is True and body["meta"]["years_b"][0] == 1994


def test_council_drafts_vetoes_events_and_csv(client):
    drafts = _table(client, "/api/arenas/council/drafts?a=USA&b=RUS&topic=ukraine")
    assert "S/2014/189" in set(drafts["symbol"])
    vetoes = _table(client, "/api/arenas/vetoes?by=China&start=2022&end=2022")
    assert vetoes["symbol"].tolist() == ["S/2022/431"]
    events = _table(client, "/api/arenas/events?a=USA&b=RUS&start=2014&end=2014&level=0.9")
    row = events.set_index("direction").loc["a_to_b"]
    assert row["n"] == 7464 and row["coop_share"] == pytest.approx(4399 / 7464)
    csv = client.get("/api/arenas/events?a=USA&b=RUS&format=csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert len(pd.read_csv(io.StringIO(csv.text))) == 13 * 3
    body = client.get("/api/arenas/events?a=USA&b=RUS&start=2013&end=2014&by=year").json()
    assert body["query"]["by"] == "year" and body["meta"]["sources"][0].startswith("2013–2014: ICEWS")


def test_arenas_chart_spec(client):
    spec = client.get("/api/charts/arenas?a=USA&b=RUS").json()
    assert "vconcat" in spec and len(spec["vconcat"]) == 3
    # the event view says which source each period comes from
    assert "Source: 2002–2014: ICEWS (Boschee et al.), dyad-years via netify" in str(spec["vconcat"][2])
    # a pair outside the Council and the event data still gets a chart that says so
    spec = client.get("/api/charts/arenas?a=Iceland&b=Andorra").json()
    assert "no data" in str(spec)


@pytest.mark.parametrize(
    "url, status, message",
    [
        ("/api/arenas/council?a=USA&b=RUS&topic=nukes", 400, "unknown topic group"),
        ("/api/arenas/council?a=USA&b=RUS&topic=dprkk", 400, "did you mean 'dprk'?"),
        ("/api/arenas/council?a=USA&b=RUS&start=1950&end=1960", 400, "1994–2025"),
        ("/api/arenas/events?a=USA&b=Iceland", 400, "do not cover Iceland"),
        ("/api/arenas/vetoes?against=USA&start=1950&end=1960", 400, "sponsors of vetoed drafts are known from 1994"),
        ("/api/arenas/council?a=USA&b=IRN", 400, "never sat on the Security Council"),
        ("/api/arenas/council?a=USA&b=CHE&start=2000&end=2010", 404, "never sat on the Security Council together"),
        ("/api/arenas/events?a=USA&b=RUS&start=2020", 400, "2002–2014"),
        ("/api/arenas/events?a=USA&b=RUS&by=month", 400, "yearly"),
        ("/api/arenas/events?a=USA&b=RUS&start=2010-03", 400, "with --by year give years"),
        ("/api/arenas/events?a=USA&b=RUS&start=2010-13", 422, "start"),
        ("/api/arenas/vetoes?by=Germany", 400, "not a permanent member"),
        ("/api/arenas/council?a=USA&b=Narnia", 404, "unknown country"),
    ],
)
def test_bad_input_is_a_4xx_with_one_line(client, url, status, message):
    response = client.get(url)
    assert response.status_code == status, response.text
    assert message in response.json()["error"]
