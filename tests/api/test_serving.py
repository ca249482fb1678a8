"""The serving model (issue 14, items 1 and 2): a bounded queue with 503 + Retry-After and waiters that
disconnect dropped before any work; ideal-point fits outside the request workers (503 + Retry-After while
one is queued, the disk cache read before any lock); per-state work kept per data version."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
import pytest
from fastapi.testclient import TestClient
from live_server import running_server

from valuesgap.api import create_app
from valuesgap.api.fits import FitQueue, fit_seconds
from valuesgap.api.limits import BoundedQueue


def _slow_app(seconds: float, calls: list[str]):
    async def app(scope, receive, send):
        calls.append(scope["path"])
        await asyncio.sleep(seconds)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    return app


def _scope(path: str = "/api/x") -> dict:
    return {"type": "http", "method": "GET", "path": path, "headers": [], "query_string": b""}


async def _call(app, path: str = "/api/x", disconnect_after: float | None = None) -> dict:
    sent: dict = {}
    gone = asyncio.Event()

    async def receive():
        if not sent.get("asked"):
            sent["asked"] = True
            return {"type": "http.request", "body": b"", "more_body": False}
        if disconnect_after is not None:
            await asyncio.sleep(disconnect_after)
            return {"type": "http.disconnect"}
        await gone.wait()
        return {"type": "http.disconnect"}

    async def send(message):
        if message["type"] == "http.response.start":
            sent["status"] = message["status"]
            sent["headers"] = dict(message["headers"])

    await app(_scope(path), receive, send)
    return sent


def test_queue_full_is_503_with_retry_after():
    calls: list[str] = []
    limited = BoundedQueue(_slow_app(0.3, calls), max_active=1, max_queue=1, max_wait=5)

    async def main():
        return await asyncio.gather(*(_call(limited) for _ in range(3)))

    results = asyncio.run(main())
    statuses = sorted(r["status"] for r in results)
    assert statuses == [200, 200, 503]  # one computing, one waiting, the third turned away at once
    busy = next(r for r in results if r["status"] == 503)
    assert int(busy["headers"][b"retry-after"]) >= 1
    assert len(calls) == 2


def test_waiting_too_long_is_503():
    calls: list[str] = []
    limited = BoundedQueue(_slow_app(1.0, calls), max_active=1, max_queue=5, max_wait=0.2)

    async def main():
        return await asyncio.gather(_call(limited), _call(limited))

    statuses = sorted(r["status"] for r in asyncio.run(main()))
    assert statuses == [200, 503] and len(calls) == 1


def test_client_gone_while_waiting_gets_no_work():
    calls: list[str] = []
    limited = BoundedQueue(_slow_app(0.5, calls), max_active=1, max_queue=5, max_wait=5)

    async def main():
        return await asyncio.gather(_call(limited, "/api/first"), _call(limited, "/api/gone", disconnect_after=0.1))

    first, gone = asyncio.run(main())
    assert first["status"] == 200 and "status" not in gone  # nothing sent to a client that left
    assert calls == ["/api/first"] and limited.dropped == 1


def test_pages_outside_the_api_are_not_queued():
    calls: list[str] = []
    limited = BoundedQueue(_slow_app(0.2, calls), max_active=1, max_queue=1, max_wait=5)

    async def main():
        return await asyncio.gather(*(_call(limited, "/static/x.js") for _ in range(4)))

    assert [r["status"] for r in asyncio.run(main())] == [200] * 4


def test_fit_queue_is_bounded_and_estimates_the_wait(monkeypatch):
    queue = FitQueue(max_pending=2)
    monkeypatch.setattr(queue, "_thread", object())  # no worker: the fits stay queued
    first = {"issue": ["me"], "n_boot": 0}
    second = {"issue": ["nu"], "n_boot": 2}
    assert queue.request(first) == (True, fit_seconds(first))
    assert queue.request(first) == (True, fit_seconds(first))  # the same fit is not queued twice
    assert queue.request(second) == (True, fit_seconds(first) + fit_seconds(second))
    assert fit_seconds(second) == 3 * fit_seconds(first)  # each bootstrap replicate is a refit
    accepted, _ = queue.request({"issue": ["hr"], "n_boot": 0})
    assert not accepted and queue.pending() == 2


def test_fit_queue_shutdown_right_after_a_request_leaves_no_process(store):
    """A shutdown racing the fit thread's start of its process either stops that process or finds none
    started; it never fails, and nothing is left running (a second shutdown, as at server exit, is a no-op)."""
    for attempt in range(5):
        queue = FitQueue()
        assert queue.request({"issue": ["ec"], "n_boot": attempt, "start": 1990, "end": 1999})[0]
        time.sleep(0.05 * attempt)
        queue.shutdown()
        queue.shutdown()
        assert queue._thread is not None
        queue._thread.join(10)
        assert not queue._thread.is_alive()
        assert queue._child is None or not queue._child.is_alive()


def test_uncached_fit_is_503_and_leaves_the_request_worker(store):
    app = create_app()
    with TestClient(app, base_url="http://127.0.0.1") as client:
        started = time.monotonic()
        response = client.get("/api/ideal-points?states=USA&issue=ec&start=1990&end=1999")
        assert time.monotonic() - started < 20  # no fit inside the request
        try:
            assert response.status_code == 503, response.text
            assert int(response.headers["retry-after"]) >= 15
            assert "being fitted" in response.json()["error"]
            assert app.state.fits.pending() == 1
            # a bad request is still its 4xx, not a queued fit
            assert client.get("/api/ideal-points?states=Narnia&issue=ec").status_code == 404
        finally:
            app.state.fits.shutdown()


def test_cached_ideal_points_answer_while_a_fit_holds_the_lock(client, fitted):
    from valuesgap.analysis import idealpoints

    with idealpoints._FIT_LOCK:  # as if a long fit were running in this process
        result: dict = {}
        thread = threading.Thread(
            target=lambda: result.update(r=client.get("/api/ideal-points?states=USA,RUS&start=2000&end=2001"))
        )
        thread.start()
        thread.join(timeout=30)
        assert not thread.is_alive(), "a cached answer waited for the fit lock"
    assert result["r"].status_code == 200


def test_per_state_work_is_reused_across_dyads(client, monkeypatch):
    """Once both states were read, another dyad of them (other order, other period) reads no store rows."""
    from valuesgap.analysis import commitments, values

    assert client.get("/api/values-gap?a=NOR&b=CHL").status_code == 200
    assert client.get("/api/commitments/dyad?a=NOR&b=CHL").status_code == 200

    def no_store(*args, **kwargs):
        raise AssertionError("per-state work redone")

    monkeypatch.setattr(values, "_raw_indicators", no_store)
    monkeypatch.setattr(commitments, "dimension_values", no_store)
    assert client.get("/api/values-gap?a=CHL&b=NOR&start=2001").status_code == 200
    assert client.get("/api/commitments/dyad?a=CHL&b=NOR&start=1999").status_code == 200


@pytest.mark.parametrize(("a", "b"), [("NOR", "CHL"), ("RUS", "UKR")])
def test_kept_per_state_work_gives_the_same_numbers(store, monkeypatch, a, b):
    import pandas as pd

    from valuesgap.analysis import commitments, values

    kept = values.values_gap(a, b, start=1995), commitments.dyad_commitments(a, b, start=1995)
    again = values.values_gap(a, b, start=1995), commitments.dyad_commitments(a, b, start=1995)
    monkeypatch.setattr(values, "_state_scaled", values._state_scaled.__wrapped__)  # recomputed, not kept
    monkeypatch.setattr(values, "_state_arrays", values._state_arrays.__wrapped__)
    monkeypatch.setattr(commitments, "_state_data", commitments._state_data.__wrapped__)
    monkeypatch.setattr(commitments, "_default_ledger", commitments._default_ledger.__wrapped__)
    fresh = values.values_gap(a, b, start=1995), commitments.dyad_commitments(a, b, start=1995)
    for x, y, z in zip(kept, again, fresh):
        pd.testing.assert_frame_equal(x, z)
        pd.testing.assert_frame_equal(y, z)
    monkeypatch.undo()
    dims = tuple(values.select_dimensions(None, values.load_dimensions(None)))
    mine = values._state_scaled(a, dims)
    mine.loc[:, "scaled"] = 99.0  # a caller changing its copy does not change what is kept
    assert (values._state_scaled(a, dims)["scaled"] != 99.0).all()


def test_warmup_fills_the_per_state_caches_with_the_same_numbers(store, monkeypatch):
    """The batch warm-up (all states at once) keeps what each state's first request would have computed."""
    import pandas as pd

    from valuesgap.analysis import commitments, values
    from valuesgap.analysis.warmup import Warmup

    for cached in (values._state_scaled, values._state_arrays, commitments._default_ledger, commitments._state_data):
        cached.cache_clear()
    warmup = Warmup()
    warmup.run()
    report = warmup.report()
    assert report["state"] == "ready", report
    assert report["warmed"]["values"] >= 190 and report["warmed"]["commitments"] >= 190
    assert report["warmed"]["votes"] >= 190

    def no_store(*args, **kwargs):
        raise AssertionError("per-state work redone after the warm-up")

    monkeypatch.setattr(values, "_raw_indicators", no_store)
    monkeypatch.setattr(commitments, "_store_rows", no_store)
    warm = [values.values_gap("FRA", "CHN"), values.dimension_values("BRA"), commitments.dyad_commitments("NOR", "CHL")]
    monkeypatch.undo()
    for cached in (values._state_scaled, values._state_arrays, commitments._default_ledger, commitments._state_data):
        cached.cache_clear()
    fresh = [
        values.values_gap("FRA", "CHN"),
        values.dimension_values("BRA"),
        commitments.dyad_commitments("NOR", "CHL"),
    ]
    for x, y in zip(warm, fresh):
        pd.testing.assert_frame_equal(x, y, check_exact=False, rtol=1e-12, atol=1e-12)


def test_ready_is_503_while_warming_then_200_and_never_cached(store):
    with TestClient(create_app(warm=True), base_url="http://127.0.0.1") as client:
        first = client.get("/api/ready")
        if first.status_code == 503:  # still warming: says so, with Retry-After
            assert first.headers["retry-after"] == "1" and first.json()["state"] == "warming"
        deadline = time.monotonic() + 120
        while (got := client.get("/api/ready")).status_code != 200:
            assert time.monotonic() < deadline, got.json()
            time.sleep(0.2)
        body = got.json()
        assert body["ready"] is True and body["state"] == "ready" and body["warmed"]["commitments"] > 0
        assert "etag" not in got.headers and got.headers["cache-control"] == "no-store"
        assert body["data_version"] == client.get("/api/version").json()["data_version"]
    with TestClient(create_app(warm=False), base_url="http://127.0.0.1") as client:
        idle = client.get("/api/ready")
        assert idle.status_code == 200 and idle.json()["state"] == "idle" and idle.json()["warmed"] == {}


def test_worker_listener_gives_connections_tcp_nodelay():
    """``serve --workers N`` listens on a socket marked TCP, so asyncio sets TCP_NODELAY on each connection
    (uvicorn's own multi-process socket does not: every keep-alive answer then waits ~40 ms)."""
    import socket

    import uvicorn

    from valuesgap.cli.cmd_serve import tcp_listener

    listener = tcp_listener(uvicorn.Config("valuesgap.api:create_app", host="127.0.0.1", port=0))
    assert listener.proto == socket.IPPROTO_TCP
    listener.listen()
    seen: dict[str, int] = {}

    class Accepted(asyncio.Protocol):
        def connection_made(self, transport) -> None:  # type: ignore[override]
            seen["nodelay"] = transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)

    async def connect() -> None:
        server = await asyncio.get_running_loop().create_server(Accepted, sock=listener)
        _, writer = await asyncio.open_connection("127.0.0.1", listener.getsockname()[1])
        for _ in range(50):
            if seen:
                break
            await asyncio.sleep(0.02)
        writer.close()
        server.close()

    asyncio.run(connect())
    assert seen["nodelay"] != 0


def test_a_rebuilt_store_is_warmed_again_while_the_process_stays_ready(store, monkeypatch):
    from valuesgap import store as store_module

    with TestClient(create_app(warm=True), base_url="http://127.0.0.1") as client:
        deadline = time.monotonic() + 120
        while client.get("/api/ready").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.2)
        first = client.get("/api/ready").json()
        monkeypatch.setattr(store_module, "data_version", lambda: "feedbeef0000")  # as after 'data build'
        assert client.get("/api/countries?limit=1").status_code == 200  # any API request sees the new version
        during = client.get("/api/ready")
        assert during.status_code == 200 and during.json()["data_version"] == "feedbeef0000"
        while (now := client.get("/api/ready").json())["state"] != "ready":
            assert time.monotonic() < deadline, now
            time.sleep(0.2)
        assert now["data_version"] == "feedbeef0000" and now["warmed"] == first["warmed"]


def test_ready_documents_both_of_its_503_answers(store):
    """/api/ready's 503 is either its own report (warming) or the queue's busy error: the schema allows both
    (schemathesis found a warming report checked against the error schema alone)."""
    import jsonschema

    doc = create_app(warm=False).openapi()
    entry = doc["paths"]["/api/ready"]["get"]["responses"]["503"]
    schema = {"components": doc["components"], **entry["content"]["application/json"]["schema"]}
    warming = {
        "ready": False,
        "state": "warming",
        "data_version": "861c5c49dc81",
        "step": "values",
        "slow_process": "warming",
        "warmed": {"votes": 199},
        "seconds": 2.5,
        "pid": 1,
    }
    jsonschema.validate(warming, schema)
    jsonschema.validate({"error": "the server is busy (64 requests waiting): retry after 2 s"}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"ready": "no"}, schema)
    assert "Retry-After" in entry["headers"]
    # elsewhere the 503 stays the error alone
    other = doc["paths"]["/api/similarity"]["get"]["responses"]["503"]["content"]["application/json"]["schema"]
    assert other == {"$ref": "#/components/schemas/ErrorOut"}


def test_stop_ends_a_warmup_between_and_within_steps(monkeypatch):
    """At shutdown the server stops its warm-up and waits for it: no thread is left inside the database
    while the interpreter exits (a daemon thread stopped there aborted `serve` with SIGABRT)."""
    from valuesgap.analysis import warmup as warmup_module

    ran: list[str] = []

    def long_step(stopping) -> int:  # like the ledgers: many items, returns early when stopped
        for i in range(10_000):
            if stopping():
                ran.append(f"stopped after {i}")
                return i
            time.sleep(0.01)
        return 10_000

    def never(stopping) -> int:
        ran.append("next step ran")
        return 1

    monkeypatch.setattr(warmup_module, "STEPS", [("first", "items", long_step), ("second", "items", never)])
    warmup = warmup_module.Warmup()
    assert warmup.start("v1")
    time.sleep(0.3)
    began = time.perf_counter()
    assert warmup.stop(timeout=10) is True
    assert time.perf_counter() - began < 2
    assert len(ran) == 1 and ran[0].startswith("stopped after"), ran
    assert warmup.state == "stopped" and "second" not in warmup.done
    assert warmup.start("v2") is False  # a stopped warm-up is not restarted (a new data version seen late)


def test_serve_stopped_while_warming_exits_cleanly(store):
    outcome: dict = {}
    with running_server(outcome=outcome, ctrl_c_group=True) as base:
        assert httpx.get(f"{base}/api/ready").json()["state"] == "warming"
    assert outcome["returncode"] == 0, outcome["output"][-2000:]
    assert "FATAL" not in outcome["output"] and "Traceback" not in outcome["output"], outcome["output"]
