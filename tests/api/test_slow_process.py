"""Slow pages answered by a child process: the same answers as in-process, and the child is used."""

from __future__ import annotations

import asyncio

import httpx
from fastapi.testclient import TestClient
from live_server import running_server, wait_ready

from valuesgap.api import create_app
from valuesgap.api.slow_process import SlowProcess

PATHS = ["/api/charts/values-gap?a=USA&b=RUS", "/api/tracks?a=FRA&b=CHN&ideal=false&format=csv", "/api/brief?a=XX"]


def test_child_answers_exactly_what_the_app_answers(store):
    child = SlowProcess(warm=False)
    try:
        with TestClient(create_app(), base_url="http://127.0.0.1") as client:
            for url in PATHS:
                path, _, query = url.partition("?")
                scope = {
                    "type": "http",
                    "http_version": "1.1",
                    "method": "GET",
                    "scheme": "http",
                    "path": path,
                    "raw_path": path.encode(),
                    "root_path": "",
                    "query_string": query.encode(),
                    "headers": [(b"host", b"127.0.0.1")],
                }
                status, headers, body = asyncio.run(child.answer(scope))
                want = client.get(url)
                assert status == want.status_code, url
                assert body == want.content, url
                assert dict(headers)[b"x-served-by"].startswith(b"slow-process ")
    finally:
        child.shutdown()


def test_serve_answers_slow_pages_from_its_child_and_quick_ones_itself(store):
    outcome: dict = {}
    with running_server(outcome=outcome) as base:
        wait_ready(base, 1)
        ready = httpx.get(f"{base}/api/ready").json()
        assert ready["slow_process"] == "ready" and ready["ready"] is True
        chart = httpx.get(f"{base}/api/charts/values-gap?a=NOR&b=CHL", timeout=60)
        assert chart.status_code == 200 and "vega-lite" in chart.json()["$schema"]
        served_by = chart.headers["x-served-by"]
        assert served_by.startswith("slow-process ") and served_by.split()[1] != str(outcome["pid"])
        quick = httpx.get(f"{base}/api/values-gap?a=NOR&b=CHL", timeout=60)
        assert quick.status_code == 200 and "x-served-by" not in quick.headers
        bad = httpx.get(f"{base}/api/charts/values-gap?a=NOR&b=Atlantis", timeout=60)
        assert bad.status_code == 404 and "unknown country" in bad.json()["error"]
