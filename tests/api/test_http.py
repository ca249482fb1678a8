"""HTTP correctness (issue 14, item 7, and the API side of items 3 and 6): 304 only after validation,
HEAD on every GET page, the error statuses in the OpenAPI schema, no absolute path in /api/version, the
Host check, length limits before any work with no echo of long input, a state against itself and
ambiguous names are 400 errors listing the candidates."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from valuesgap.api import create_app
from valuesgap.api.guards import MAX_PARAM_LENGTH, host_name

DYAD = "/api/similarity?a=USA&b=RUS&issue=nu"


def test_304_only_after_validation(client):
    etag = client.get(DYAD).headers["etag"]
    assert client.get(DYAD, headers={"If-None-Match": etag}).status_code == 304
    # a request that is not valid gets its error, whatever If-None-Match says
    assert client.get("/api/similarity?a=Narnia&b=RUS", headers={"If-None-Match": "*"}).status_code == 404
    assert client.get(DYAD + "&level=5", headers={"If-None-Match": "*"}).status_code == 422
    assert client.get("/api/similarity?a=USA&b=USA", headers={"If-None-Match": "*"}).status_code == 400


def test_304_in_a_fresh_process_after_computing(store):
    """A server that never answered the query computes (and validates) it before its 304."""
    with TestClient(create_app(), base_url="http://127.0.0.1") as first:
        etag = first.get(DYAD).headers["etag"]
    with TestClient(create_app(), base_url="http://127.0.0.1") as fresh:
        assert fresh.get(DYAD, headers={"If-None-Match": etag}).status_code == 304
        assert fresh.get(DYAD, headers={"If-None-Match": etag}).status_code == 304  # now from the cache


@pytest.mark.parametrize("url", ["/", "/docs", "/openapi.json", "/api/version", DYAD, "/api/countries?q=fra"])
def test_head_answers_like_get_without_body(client, url):
    got, head = client.get(url), client.head(url)
    assert got.status_code == head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert int(head.headers["content-length"]) == len(got.content)


def test_head_of_an_error_is_the_error_status(client):
    assert client.head("/api/similarity?a=Narnia&b=RUS").status_code == 404


def test_openapi_lists_the_error_statuses_routes_give(client):
    schema = client.get("/openapi.json").json()
    api = {p: ops for p, ops in schema["paths"].items() if p.startswith("/api/")}
    assert len(api) >= 21
    for path, operations in api.items():
        for method, operation in operations.items():
            assert {"200", "400", "404", "422", "503"} <= set(operation["responses"]), (method, path)
            assert "Retry-After" in operation["responses"]["503"]["headers"]


def test_version_shows_no_absolute_path(client, store):
    body = client.get("/api/version").json()
    assert body["store"] == "valuesgap.duckdb"
    assert str(store.store_path().parent) not in client.get("/api/version").text


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "[::1]:8000", "LOCALHOST:80"])
def test_loopback_hosts_are_answered(client, host):
    assert client.get("/api/version", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", ""])
def test_other_hosts_are_refused(client, host):
    response = client.get("/api/version", headers={"host": host})
    assert response.status_code == 400 and "host not allowed" in response.json()["error"]


def test_allowed_hosts_configurable(store, monkeypatch):
    with TestClient(create_app(allowed_hosts=["stats.example.org"]), base_url="http://stats.example.org") as c:
        assert c.get("/api/version").status_code == 200
        assert c.get("/api/version", headers={"host": "127.0.0.1"}).status_code == 400
    monkeypatch.setenv("VALUESGAP_ALLOWED_HOSTS", "a.example, b.example")
    with TestClient(create_app(), base_url="http://b.example:8080") as c:
        assert c.get("/api/version").status_code == 200
        assert c.get("/api/version", headers={"host": "127.0.0.1"}).status_code == 400
    with TestClient(create_app(allowed_hosts=["*"]), base_url="http://anything.example") as c:
        assert c.get("/api/version").status_code == 200


def test_host_name_parsing():
    assert host_name("Example.org:8000") == "example.org"
    assert host_name("[::1]:8000") == "::1" and host_name("::1") == "::1"


@pytest.mark.parametrize(
    "url",
    [
        "/api/countries/" + "x" * 20_000,
        "/api/countries/" + "x" * 150,
        "/api/similarity?b=RUS&a=" + "x" * 20_000,
        "/api/similarity?b=RUS&a=" + "x" * 150,
        "/api/values-gap?b=RUS&a=" + "Fran" * 5_000,
        "/api/countries?q=" + "y" * 5_000,
        "/api/ideal-points?states=" + "USA," * 2_000,
        "/api/tracks?a=USA&b=RUS&shared=" + "n" * 500,
    ],
)
def test_long_input_refused_before_matching_and_not_echoed(client, url):
    response = client.get(url)
    assert response.status_code == 422
    message = response.json()["error"]
    assert "characters" in message and len(message) < 200
    assert "xxxxxxxxxx" not in message and "yyyyyyyyyy" not in message and "FranFran" not in message


def test_limit_applies_to_any_parameter_even_unknown_ones(client):
    response = client.get(f"/api/version?zz={'z' * (MAX_PARAM_LENGTH + 1)}")
    assert response.status_code == 422 and "zz" in response.json()["error"]


def test_same_state_twice_is_an_error(client):
    for url in ("/api/similarity?a=USA&b=USA", "/api/values-gap?a=USA&b=United%20States", "/api/tracks?a=RUS&b=rus"):
        response = client.get(url)
        assert response.status_code == 400 and "same state" in response.json()["error"], url


@pytest.mark.parametrize(("name", "candidates"), [("Korea", ("KOR", "PRK")), ("Congo", ("COG", "COD"))])
def test_ambiguous_names_list_the_candidates(client, name, candidates):
    for url in (f"/api/countries/{name}", f"/api/similarity?a={name}&b=USA", f"/api/commitments?state={name}"):
        response = client.get(url)
        assert response.status_code == 400, url
        message = response.json()["error"]
        assert all(code in message for code in candidates), message
    # the search lists both, as the CLI's `countries korea`
    rows = client.get(f"/api/countries?q={name}").json()["rows"]
    assert set(candidates) <= {r["iso3"] for r in rows}
