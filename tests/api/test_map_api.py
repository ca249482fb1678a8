"""``/api/track-map`` and ``/api/charts/track-map`` on the real store: the table, its CSV, the specs, errors."""

from __future__ import annotations

import io

import pandas as pd


def test_track_map_table_lists_every_partner(client):
    r = client.get("/api/track-map?state=Russia&start=2009&end=2012")
    assert r.status_code == 200
    body = r.json()
    assert body["query"] == {"state": "RUS", "start": 2009, "end": 2012, "arena": "assembly", "min_n": 10}
    assert body["meta"]["placed"] == 190 and body["meta"]["left_out"] == 2
    rows = {row["iso3"]: row for row in body["rows"]}
    assert len(rows) == 192
    assert rows["NRU"]["left_out"] == "3 roll calls in common, fewer than min_n 10"
    fra = rows["FRA"]
    assert fra["left_out"] == "" and 0.5 < fra["values_institutions"] < 0.8 and fra["shared_interests_n"] > 100


def test_track_map_csv_with_compare(client):
    r = client.get("/api/track-map?state=RUS&start=2009&end=2012&compare=2006-2008&format=csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    frame = pd.read_csv(io.StringIO(r.text))
    assert {"from_values_institutions", "from_shared_interests", "from_left_out"} <= set(frame.columns)
    usa = frame.set_index("iso3").loc["USA"]
    # the reset: Russia and the United States agreed more on nuclear and disarmament votes in 2009–12
    assert usa["shared_interests"] > usa["from_shared_interests"] + 0.1


def test_track_map_charts(client):
    spec = client.get("/api/charts/track-map?state=RUS&start=2009&end=2012&highlight=USA").json()
    assert spec["width"] == "container"
    points = spec["layer"][0]
    assert points["mark"]["type"] == "circle"
    enc = points["encoding"]
    assert (enc["x"]["field"], enc["y"]["field"], enc["color"]["field"], enc["size"]["field"]) == (
        "values_institutions",
        "shared_interests",
        "values_votes",
        "shared_interests_n",
    )
    values = spec["datasets"][points["data"]["name"]] if "datasets" in spec else points["data"]["values"]
    assert len(values) == 190 and all("iso3" in v for v in values)
    moves = client.get("/api/charts/track-map?state=RUS&start=2009&end=2012&compare=2006-2008&view=moves").json()
    assert [layer["mark"]["type"] for layer in moves["layer"]] == ["rule", "point"]


def test_track_map_errors_are_4xx_with_a_message(client):
    for url, status, text in [
        ("/api/track-map?state=Rusia", 404, "did you mean"),
        ("/api/track-map?state=RUS&compare=2008-2006", 400, "backwards"),
        ("/api/track-map?state=RUS&arena=parliament", 422, "arena"),
        ("/api/track-map?state=RUS&start=2020&end=2022&arena=events", 400, "event data cover"),
        ("/api/charts/track-map?state=RUS&view=moves", 400, "give compare"),
    ]:
        r = client.get(url)
        assert r.status_code == status, (url, r.status_code, r.text)
        assert text in r.json()["error"]
