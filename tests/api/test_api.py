"""Every API endpoint on the real store: JSON shape, numbers equal to the analysis layer (and one
recomputed by hand from the raw votes), CSV, ETag/304, and bad input → 4xx JSON with a message."""

from __future__ import annotations

import io
import json

import altair as alt
import jsonschema
import numpy as np
import pandas as pd
import pytest

from valuesgap.analysis import similarity as sim


def ok_json(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, (url, response.text[:300])
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def table(body: dict) -> pd.DataFrame:
    return pd.DataFrame(body["rows"], columns=body["columns"])


def error_of(client, url: str, status: int) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.text[:300])
    body = response.json()
    assert set(body) == {"error"} and body["error"].strip(), body
    assert "\n" not in body["error"]
    return body["error"]


# ------------------------------------------------------------------ tables


def test_countries_search_and_resolve(client):
    body = ok_json(client, "/api/countries?q=korea")
    assert body["columns"] == ["iso3", "iso2", "name", "official_name", "note"]
    assert {"KOR", "PRK"} <= {r["iso3"] for r in body["rows"]}
    assert ok_json(client, "/api/countries/ussr")["iso3"] == "RUS"
    assert ok_json(client, "/api/countries/365")["iso3"] == "RUS"  # COW code
    everything = ok_json(client, "/api/countries")
    assert len(everything["rows"]) > 190


def test_similarity_matches_analysis_and_raw_votes(client, store):
    body = ok_json(client, "/api/similarity?a=United%20States&b=RUS&issue=hr")
    assert body["query"]["a"] == "USA" and body["query"]["b"] == "RUS" and body["query"]["issue"] == "hr"
    got = table(body).set_index("session")
    expected = sim.similarity("USA", "RUS", issue="hr").set_index("session")
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    # Session 60 by hand from the votes table: positions yes=1, abstain=1/2, no=0, both present;
    # agreement = 1 − mean |x − y|.
    raw = store.query(
        "SELECT va.code AS a, vb.code AS b FROM votes va JOIN votes vb ON va.rcid = vb.rcid "
        "JOIN rollcalls r ON r.rcid = va.rcid WHERE r.session = 60 AND r.hr AND va.iso3 = 'USA' "
        "AND vb.iso3 = 'RUS' AND va.code IN (1, 2, 3) AND vb.code IN (1, 2, 3)"
    )
    position = {1: 1.0, 2: 0.5, 3: 0.0}
    d = np.abs(raw["a"].map(position) - raw["b"].map(position))
    assert got.loc[60, "n"] == len(raw)
    assert got.loc[60, "agreement"] == pytest.approx(1 - d.mean())


def test_similarity_with_intervals_and_period(client):
    rows = table(ok_json(client, "/api/similarity?a=USA&b=RUS&issue=nu&by=year&level=0.9&start=2009&end=2012"))
    assert list(rows["year"]) == [2009, 2010, 2011, 2012]
    assert (rows["agreement_lo"] <= rows["agreement"]).all() and (rows["agreement"] <= rows["agreement_hi"]).all()


def test_partners_ranks_and_meta(client):
    body = ok_json(client, "/api/partners?focal=USA&year=2010&measure=agreement")
    assert body["meta"] == {"by": "year", "value": 2010}
    rows = table(body)
    assert "USA" not in set(rows["iso3"])
    assert rows.loc[rows["rank"].notna(), "agreement"].is_monotonic_decreasing
    assert (rows.loc[rows["rank"].notna(), "n"] >= 10).all()  # the default minimum of shared roll calls
    expected = sim.partners("USA", year=2010, measure="agreement")
    assert rows["iso3"].tolist() == expected["iso3"].tolist()


def test_tracks_events_and_similarity_by_issue(client):
    body = ok_json(client, "/api/tracks?a=USA&b=RUS&start=2008&end=2012&ideal=false")
    rows = table(body)
    assert rows["year"].tolist() == [2008, 2009, 2010, 2011, 2012]
    assert {"shared_interests", "values_votes", "values_institutions"} <= set(rows.columns)
    assert body["meta"]["measure"] == "agreement" and body["meta"]["shared_issues"] == ["nu", "di"]
    # The values-votes track on hr alone is the hr similarity per year.
    hr = sim.similarity("USA", "RUS", issue="hr", by="year", start=2008, end=2012).set_index("year")
    assert rows.set_index("year")["values_votes"].to_numpy() == pytest.approx(hr["agreement"].to_numpy())

    events = ok_json(client, "/api/events?a=USA&b=RUS&start=2009&end=2011")
    labels = {r["label"] for r in events["rows"]}
    assert {"Reset", "New START signed"} <= labels and events["meta"]["curated"] is True

    issues = table(ok_json(client, "/api/similarity/issues?a=USA&b=RUS&start=2000&end=2005"))
    assert set(issues["issue"]) == {"me", "nu", "di", "hr", "co", "ec"}
    nu = issues[issues["issue"] == "nu"].set_index("year")["agreement"]
    expected = sim.similarity("USA", "RUS", issue="nu", by="year", start=2000, end=2005).set_index("year")["agreement"]
    assert nu.to_numpy() == pytest.approx(expected.to_numpy())


def test_values_gap_components_dimensions(client):
    rows = table(ok_json(client, "/api/values-gap?a=USA&b=RUS&start=2015&end=2020&dimension=media"))
    assert set(rows["dimension"]) == {"media"} and rows["year"].tolist() == list(range(2015, 2021))
    both = rows.dropna(subset=["a_value", "b_value"])
    assert (both["gap"] - (both["a_value"] - both["b_value"])).abs().max() < 1e-12
    comps = table(ok_json(client, "/api/value-components?state=RUS&start=2020&end=2020"))
    assert set(comps["iso3"]) == {"RUS"} and comps["scaled"].between(0, 1).all()
    dims = table(ok_json(client, "/api/dimensions"))
    assert {"repression", "media", "capture", "rule_of_law", "democracy"} <= set(dims["dimension"])


def test_commitments_single_and_dyad(client):
    rus = table(ok_json(client, "/api/commitments?state=Russia&start=1990"))
    assert set(rus["iso3"]) == {"RUS"} and rus["year"].min() >= 1990
    assert "ECHR" in set(rus["commitment"])
    dyad = table(ok_json(client, "/api/commitments/dyad?a=USA&b=RUS"))
    assert set(dyad["iso3"]) == {"USA", "RUS"}


def test_brief_is_html_for_the_dyad(client):
    response = client.get("/api/brief?a=USA&b=RUS&start=2005")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "United States – Russia" in response.text and "<svg" in response.text
    assert "https://cdn" not in response.text


def test_ideal_points_of_a_dyad(client):
    from valuesgap.analysis.idealpoints import ideal_points

    body = ok_json(client, "/api/ideal-points?states=United%20States,RUS&start=2000&end=2020")
    rows = table(body)
    assert body["query"]["states"] == "USA,RUS"
    assert set(rows["iso3"]) == {"USA", "RUS"} and rows["year"].between(2000, 2020).all()
    wide = rows.pivot(index="year", columns="iso3", values="ideal_point")
    assert (wide["USA"] > 0).all() and (wide["USA"] > wide["RUS"]).all()  # oriented: the US positive
    full = ideal_points(by="year")
    expected = full[(full["iso3"] == "RUS") & full["year"].between(2000, 2020)].set_index("year")["ideal_point"]
    assert wide["RUS"].to_numpy() == pytest.approx(expected.to_numpy())  # cut after the fit, not refitted


def test_ideal_points_with_bootstrap_intervals(client):
    from valuesgap.analysis.idealpoints import ideal_points

    ideal_points(issue="nu", by="year", n_boot=2)  # fitted beforehand: the API only reads fits (503 meanwhile)
    rows = table(ok_json(client, "/api/ideal-points?states=USA,RUS&issue=nu&n_boot=2&start=2010&end=2015"))
    assert {"lo", "hi"} <= set(rows.columns) and (rows["lo"] <= rows["hi"]).all()
    spec = ok_json(client, "/api/charts/ideal-points?states=USA,RUS&issue=nu&n_boot=2&start=2010&end=2015")
    marks = json.dumps(spec)
    assert '"area"' in marks and inline_rows(spec) == len(rows)


def test_version(client, store):
    body = ok_json(client, "/api/version")
    assert body["data_version"] == store.data_version()


def test_csv_matches_json(client):
    for url in (
        "/api/similarity?a=USA&b=RUS&issue=di",
        "/api/partners?focal=RUS",
        "/api/values-gap?a=USA&b=CHN",
        "/api/commitments?state=USA",
        "/api/tracks?a=USA&b=RUS&start=2000&ideal=false",
        "/api/similarity/issues?a=CHN&b=IND&start=2010",
        "/api/countries?q=ger",
    ):
        body = ok_json(client, url)
        response = client.get(url + "&format=csv")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/csv")
        assert response.headers["content-disposition"].startswith("attachment; filename=")
        frame = pd.read_csv(io.StringIO(response.text))
        assert list(frame.columns) == body["columns"]
        assert len(frame) == len(body["rows"])


# ------------------------------------------------------------------ charts


def inline_rows(node) -> int:
    """Count the data rows inlined anywhere in a Vega-Lite spec (``values`` lists and named ``datasets``)."""
    if isinstance(node, dict):
        count = sum(len(v) for v in node.get("datasets", {}).values())
        if isinstance(node.get("values"), list):
            count += len(node["values"])
        return count + sum(inline_rows(v) for k, v in node.items() if k not in ("datasets", "values"))
    if isinstance(node, list):
        return sum(inline_rows(v) for v in node)
    return 0


VEGA_LITE = jsonschema.Draft7Validator(alt.vegalite.load_schema())


@pytest.mark.parametrize(
    "url",
    [
        "/api/charts/tracks?a=USA&b=RUS&start=1992",
        "/api/charts/similarity-issues?a=USA&b=RUS&start=1992",
        "/api/charts/values-gap?a=USA&b=RUS",
        "/api/charts/commitments?a=USA&b=RUS",
        "/api/charts/partners-map?focal=USA&measure=agreement",
        "/api/charts/ideal-points?states=USA,RUS,CHN",
        "/api/charts/arenas?a=USA&b=RUS",
        "/api/charts/track-map?state=RUS&start=2009&end=2012",
        "/api/charts/track-map?state=RUS&start=2009&end=2012&compare=2006-2008&view=moves",
    ],
)
def test_chart_specs_are_vega_lite_with_data(client, url):
    """Every chart endpoint serves a spec valid under the Vega-Lite schema (the API does not check it per
    request: it cost ~0.1 s a chart), with its data inline and nothing fetched from the internet."""
    spec = ok_json(client, url)
    assert "vega-lite/v6" in spec["$schema"]
    errors = sorted(VEGA_LITE.iter_errors(spec), key=lambda e: list(e.path))
    assert not errors, f"{url}: {errors[0].message[:300]} at {list(errors[0].path)}"
    assert inline_rows(spec) > 10  # the data travel with the spec
    text = json.dumps(spec)
    assert "http" not in text.replace(spec["$schema"], "")  # nothing fetched from the internet


def test_charts_of_a_long_period_keep_the_years_with_data(client):
    # start=1000 asks for ten centuries; the chart keeps the years with data (found by schemathesis: a 500).
    spec = ok_json(client, "/api/charts/values-gap?a=USA&b=RUS&start=1000")
    years = {row["year"] for rows in spec["datasets"].values() for row in rows}
    assert min(years) >= 1776 and max(years) <= 2030  # Polity5 starts the United States in 1776
    spec = ok_json(client, "/api/charts/tracks?a=USA&b=RUS&start=1000")
    years = {row["year"] for rows in spec["datasets"].values() for row in rows if "year" in row}
    assert min(years) >= 1946


def test_partners_map_joins_world_atlas_ids(client):
    spec = ok_json(client, "/api/charts/partners-map?focal=USA&year=2010")
    lookup = spec["layer"][1]["transform"][0]
    values = {r["iso3"]: r for r in lookup["from"]["data"]["values"]}
    assert values["RUS"]["iso_numeric"] == "643" and values["FRA"]["iso_numeric"] == "250"
    assert '"url": "/static/vendor/countries-110m.json"' in json.dumps(spec)  # shapes served by the app


def test_partners_min_n_keeps_thin_partners_off_the_map(client, store):
    # Türkiye is coded absent/non-member on most roll calls of session 78: n is small
    table = ok_json(client, "/api/partners?focal=USA&session=78&measure=agreement&min_n=10")
    tur = [r for r in table["rows"] if r["iso3"] == "TUR"][0]
    assert tur["n"] < 10 and tur["rank"] is None
    assert all(r["rank"] is not None for r in table["rows"] if r["n"] >= 10 and r["agreement"] is not None)
    spec = ok_json(client, "/api/charts/partners-map?focal=USA&session=78&min_n=10")
    mapped = {r["iso3"] for r in spec["layer"][1]["transform"][0]["from"]["data"]["values"]}
    assert "TUR" not in mapped and "GBR" in mapped


# ------------------------------------------------------------------ caching


def test_etag_304_and_cache(client, store):
    url = "/api/similarity?a=USA&b=RUS&issue=co"
    first = client.get(url)
    etag = first.headers["etag"]
    assert store.data_version() in etag
    again = client.get("/api/similarity?issue=co&b=RUS&a=USA")  # same query, other order
    assert again.headers["etag"] == etag and again.headers["x-cache"] == "hit"
    assert again.content == first.content
    not_modified = client.get(url, headers={"If-None-Match": etag})
    assert not_modified.status_code == 304 and not_modified.content == b""
    other = client.get("/api/similarity?a=USA&b=RUS&issue=hr")
    assert other.headers["etag"] != etag
    assert client.get(url, headers={"If-None-Match": '"stale"'}).status_code == 200


def test_only_get_is_cached(client):
    url = "/api/similarity?a=FRA&b=GBR&issue=ec"
    assert client.post(url).status_code == 405  # read-only
    body = client.get(url)
    assert body.status_code == 200 and body.json()["rows"] and body.headers["x-cache"] == "miss"


def test_errors_are_not_cached(client):
    response = client.get("/api/similarity?a=Narnia&b=RUS")
    assert response.status_code == 404 and "etag" not in response.headers


# ------------------------------------------------------------------ old parameter spellings


@pytest.mark.parametrize(
    ("old", "new", "note"),
    [
        (
            "/api/similarity?a=USA&b=RUS&issue=nu&by=year&ci=0.9&start=2009&end=2010",
            "/api/similarity?a=USA&b=RUS&issue=nu&by=year&level=0.9&start=2009&end=2010",
            "ci is deprecated: use level",
        ),
        (
            "/api/commitments?state=Russia&since=2014",
            "/api/commitments?state=Russia&start=2014",
            "since is deprecated: use start",
        ),
        (
            "/api/commitments/dyad?a=USA&b=RUS&since=2000&until=2005",
            "/api/commitments/dyad?a=USA&b=RUS&start=2000&end=2005",
            "since is deprecated: use start; until is deprecated: use end",
        ),
    ],
)
def test_old_query_spellings_answer_the_same_with_a_deprecation_header(client, old, new, note):
    fresh = client.get(new)
    assert fresh.status_code == 200 and "deprecation" not in fresh.headers
    response = client.get(old)
    assert response.status_code == 200
    assert response.headers["deprecation"] == "true"
    assert response.headers["warning"] == f'299 valuesgap "{note}"'
    assert response.json() == fresh.json()  # same rows and the query under its new names


def test_old_and_new_spelling_together_is_a_400(client):
    message = error_of(client, "/api/similarity?a=USA&b=RUS&ci=0.9&level=0.9", 400)
    assert message == "give level only (ci is its deprecated spelling)"


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/api/similarity?a=Rusia&b=USA", 404, "did you mean 'Russia'"),
        ("/api/countries/Narnia", 404, "unknown country"),
        ("/api/similarity?a=USA&b=RUS&issue=xx", 422, "issue"),
        ("/api/similarity?a=USA&b=RUS&start=2010&end=2000", 400, "start 2010 is after end 2000: swap start and end"),
        ("/api/similarity?a=USA&b=RUS&level=1.5", 422, "level"),
        ("/api/similarity?a=USA", 422, "b"),
        ("/api/similarity?a=USA&b=RUS&start=1900&end=1910", 404, "cover"),
        ("/api/similarity?a=USA&b=RUS&format=xml", 422, "format"),
        ("/api/partners?focal=USA&session=78&year=2020", 400, "not both"),
        ("/api/partners?focal=USA&session=200", 404, "session"),
        ("/api/tracks?a=USA&b=USA", 400, "same state"),
        ("/api/tracks?a=USA&b=RUS&shared=n-u", 422, "shared"),
        ("/api/tracks?a=USA&b=RUS&shared=xx", 400, "unknown issue"),
        ("/api/values-gap?a=USA&b=RUS&dimension=medai", 400, "did you mean 'media'"),
        ("/api/values-gap?a=USA&b=RUS&start=1600&end=1601", 404, "no value-dimension data"),
        ("/api/commitments?state=USA&start=2999", 404, "since"),
        ("/api/commitments/dyad?a=RUS&b=Russian%20Federation", 400, "same state"),
        ("/api/similarity/issues?a=USA&b=RUS&start=1900&end=1901", 404, "cover"),
        ("/api/charts/partners-map?focal=Atlantis", 404, "unknown country"),
        ("/api/charts/values-gap?a=USA&b=RUS&start=2020&end=2010", 400, "swap"),
        ("/api/brief?a=USA&b=USA", 400, "same state"),
        ("/api/ideal-points?states=USA,Narnia", 404, "unknown country"),
        ("/api/ideal-points?states=USA&n_boot=99", 422, "n_boot"),
        ("/api/ideal-points?states=USA&start=2020&end=2010", 400, "swap"),
        ("/api/charts/ideal-points?states=", 422, "states"),
        ("/api/brief?a=USA&b=Mordor", 404, "unknown country"),
        ("/api/nothing-here", 404, "/docs"),
    ],
)
def test_bad_input_gives_4xx_with_a_message(client, url, status, words):
    message = error_of(client, url, status)
    assert words.lower() in message.lower(), message


def test_read_only(client):
    for method in ("post", "put", "delete", "patch"):
        response = getattr(client, method)("/api/similarity?a=USA&b=RUS")
        assert response.status_code == 405 and "read-only" in response.json()["error"]


# ------------------------------------------------------------------ docs and dashboard shell


def test_openapi_lists_every_endpoint(client):
    paths = ok_json(client, "/openapi.json")["paths"]
    for path in (
        "/api/countries",
        "/api/countries/{query}",
        "/api/similarity",
        "/api/partners",
        "/api/tracks",
        "/api/events",
        "/api/similarity/issues",
        "/api/ideal-points",
        "/api/values-gap",
        "/api/value-components",
        "/api/commitments",
        "/api/commitments/dyad",
        "/api/version",
        "/api/charts/tracks",
        "/api/charts/partners-map",
        "/api/brief",
    ):
        assert path in paths, path
    assert set(paths["/api/similarity"]) == {"get"}


def test_docs_work_offline(client):
    page = client.get("/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower() and "https://" not in page.text
    for asset in ("/static/vendor/swagger-ui-bundle.js", "/static/vendor/swagger-ui.css"):
        assert asset in page.text
        assert client.get(asset).status_code == 200


def test_dashboard_shell_is_self_contained(client):
    page = client.get("/")
    assert page.status_code == 200 and "<title>valuesgap" in page.text
    script = client.get("/static/app.js").text
    for text in (page.text, script, client.get("/static/app.css").text):
        assert "http://" not in text and "https://" not in text and "cdn" not in text.lower()
    for asset in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js", "countries-110m.json"):
        assert client.get(f"/static/vendor/{asset}").status_code == 200, asset
