"""The serving model (issue 14, items 1 and 2): a bounded queue with 503 + Retry-After and waiters that
disconnect dropped before any work; ideal-point fits outside the request workers (503 + Retry-After while
one is queued, the disk cache read before any lock); per-state work kept per data version."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from fastapi.testclient import TestClient

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
