"""Slow pages answered by a child process: the same answers as in-process, and the child is used."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

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


def test_ctrl_c_stops_server_child_and_fit_in_one_line_each_no_traceback(store):
    """A terminal's Ctrl-C reaches every process of the group: the slow-page child and a running fit
    leave it to the server to stop them (no KeyboardInterrupt traceback from either), and none is left."""
    outcome: dict = {}
    with running_server(outcome=outcome, ctrl_c_group=True) as base:
        child, others = _child_and_fit_running(base, outcome["pid"], issue="co", n_boot=1)
    assert outcome["returncode"] == 0, outcome["output"][-2000:]
    assert "Traceback" not in outcome["output"] and "KeyboardInterrupt" not in outcome["output"], outcome["output"]
    left = _left_after({child, *others}, seconds=10)
    assert not left, f"outlived their server: {left}"


def test_children_end_with_a_killed_server(store):
    """``kill -9`` of the server leaves no orphan: the slow-page child and a running fit watch their parent."""
    outcome: dict = {}
    with running_server(outcome=outcome) as base:
        child, others = _child_and_fit_running(base, outcome["pid"], issue="ec", n_boot=20)
        os.kill(outcome["pid"], signal.SIGKILL)
        left = _left_after({child, *others}, seconds=10)
    assert outcome["returncode"] == -signal.SIGKILL
    assert not left, f"outlived their killed server: {left}"


def _child_and_fit_running(base: str, server: int, issue: str, n_boot: int) -> tuple[int, set[int]]:
    """Once ``base`` is ready, have its slow-page child answer and a fit run; return the child's pid and
    the server's other children (the fit process among them)."""
    wait_ready(base, 1)
    chart = httpx.get(f"{base}/api/charts/values-gap?a=NOR&b=CHL", timeout=60)
    assert chart.headers["x-served-by"].startswith("slow-process ")
    child = int(chart.headers["x-served-by"].split()[1])
    # a fit no other test asks for (one issue's votes, n_boot refits: long enough never to finish here,
    # so never cached): queued, and running in the fit process when the server is stopped
    fit = httpx.get(f"{base}/api/ideal-points?states=USA,RUS&issue={issue}&n_boot={n_boot}", timeout=60)
    assert fit.status_code == 503 and fit.headers["retry-after"], fit.text
    time.sleep(2)
    others = _children_of(server) - {child}
    assert any("spawn_main" in _cmdline(pid) for pid in others), f"no fit process among {others}"
    return child, others


def _left_after(pids: set[int], seconds: float) -> dict[int, str]:
    """Return the live (not zombie) processes among ``pids`` after waiting up to ``seconds`` for them to end."""
    deadline = time.monotonic() + seconds
    while True:
        left = {pid: _cmdline(pid) for pid in pids if Path(f"/proc/{pid}").exists() and not _zombie(pid)}
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.2)


def _children_of(pid: int) -> set[int]:
    """The pids whose parent is ``pid`` (from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _zombie(pid: int) -> bool:
    try:
        return (Path(f"/proc/{pid}") / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def _cmdline(pid: int) -> str:
    try:
        return (Path(f"/proc/{pid}") / "cmdline").read_bytes().replace(b"\0", b" ").decode()[:200]
    except OSError:
        return "?"
