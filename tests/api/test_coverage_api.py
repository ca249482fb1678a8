"""``/api/coverage``: first and last date per arena and source, and where each arena's data end — the
mirror's Assembly votes end on 4 June 2024 and the ICEWS event counts in 2014."""

from __future__ import annotations

import io

import pandas as pd


def test_coverage_names_where_the_data_end(client, store):
    response = client.get("/api/coverage")
    assert response.status_code == 200, response.text[:300]
    body = response.json()
    rows = pd.DataFrame(body["rows"], columns=body["columns"])
    assembly = rows[rows["arena"] == "General Assembly"]
    last_rollcall = store.query("SELECT max(date) AS d FROM rollcalls")["d"].iloc[0]
    assert pd.Timestamp(last_rollcall).date().isoformat() == "2024-06-04"
    assert assembly["last"].dropna().max() == "2024-06-04"
    ends = {e["arena"]: e for e in body["meta"]["ends"]}
    assert ends["General Assembly"]["last"] == "2024-06-04"
    assert ends["Event data"]["last"] == "2014-12-31" and "ICEWS to 2014-12-31" in ends["Event data"]["detail"]
    top = int(store.query("SELECT max(year) AS y FROM indicators")["y"].iloc[0])
    assert ends["Values indicators"]["last"] == str(top)
    assert "General Assembly to 2024-06-04" in body["meta"]["line"]
    # not installed official files are said, with the command that adds them
    official = rows[rows["source"] == "UN Digital Library"]
    assert official["unit"].str.contains("valuesgap data fetch --only undl_").all()


def test_coverage_as_csv(client):
    response = client.get("/api/coverage?format=csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    frame = pd.read_csv(io.StringIO(response.text))
    assert list(frame.columns) == ["arena", "source", "first", "last", "n", "unit"]
