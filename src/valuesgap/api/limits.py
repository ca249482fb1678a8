"""A bounded queue in front of the API's work, as a pure-ASGI middleware (every ``/api`` route, those added
later included), in two lanes so that slow pages cannot starve the quick dyad queries:

- **quick** (every ``/api`` path not listed below): at most ``max_active`` requests compute at once per
  server process, ``max_queue`` more wait, for at most ``max_wait`` seconds;
- **slow** (:data:`SLOW_PREFIXES`: the brief, chart specs, tracks, the two-track map, "who votes with"
  — up to seconds of work for a new query; ideal points are quick here, their fits run elsewhere): at most :data:`SLOW_ACTIVE` computes at once per
  process and :data:`SLOW_QUEUE` wait, for at most :data:`SLOW_WAIT` seconds, so a burst of them takes at
  most one request worker and the quick lane keeps its slots;
- ``valuesgap serve`` answers the slow lane in a child process of its own
  (:mod:`valuesgap.api.slow_process`), so slow pages use the other core, not the quick lane's;
- a request beyond its lane's queue, or one that waited too long, gets 503 with ``Retry-After`` instead of
  stalling everyone (the dashboard retries by itself); a client that disconnects while waiting is dropped
  before any work is done for it. Answers from the in-memory cache and 304s do not queue: this middleware
  sits inside the caching one.

Defaults: :data:`MAX_ACTIVE`, :data:`MAX_QUEUE`, :data:`MAX_WAIT`; ``VALUESGAP_MAX_ACTIVE``,
``VALUESGAP_MAX_QUEUE``, ``VALUESGAP_MAX_WAIT`` override the quick lane's, ``VALUESGAP_SLOW_ACTIVE``,
``VALUESGAP_SLOW_QUEUE``, ``VALUESGAP_SLOW_WAIT`` the slow lane's.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Callable
from typing import Any

LIMITED_PREFIX = "/api/"
MAX_ACTIVE = 4
MAX_QUEUE = 64
MAX_WAIT = 10.0
SLOW_PREFIXES = (
    "/api/brief",
    "/api/charts/",
    "/api/tracks",
    "/api/track-map",
    "/api/partners",
)
SLOW_ACTIVE = 1
SLOW_QUEUE = 16
SLOW_WAIT = 20.0
RETRY_AFTER = 2


def _setting(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


def is_slow(path: str) -> bool:
    """Whether ``path`` goes to the slow lane."""
    return path.startswith(SLOW_PREFIXES)


class Lane:
    """One bounded queue: at most ``max_active`` computing, ``max_queue`` waiting, ``max_wait`` seconds each."""

    def __init__(self, name: str, max_active: int, max_queue: int, max_wait: float) -> None:
        self.name = name
        self.max_active = max_active
        self.max_queue = max_queue
        self.max_wait = max_wait
        self.active = 0
        self.waiting = 0
        self._slots: asyncio.Semaphore | None = None

    def full(self) -> bool:
        """Whether a new request would find every slot taken and the queue full."""
        return self._semaphore().locked() and self.waiting >= self.max_queue

    def _semaphore(self) -> asyncio.Semaphore:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_active)
        return self._slots

    async def acquire(self, receive, replay: list[dict]) -> str:
        """Wait for a slot; return "ok", "timeout", or "gone" (the client disconnected meanwhile)."""
        slots = self._semaphore()
        if not slots.locked():
            await slots.acquire()
            return "ok"
        self.waiting += 1
        slot = asyncio.ensure_future(slots.acquire())
        gone = asyncio.ensure_future(_disconnected(receive, replay))
        try:
            done, _ = await asyncio.wait({slot, gone}, timeout=self.max_wait, return_when=asyncio.FIRST_COMPLETED)
        finally:
            gone.cancel()
            self.waiting -= 1
        if slot in done:
            return "ok"
        slot.cancel()
        try:
            await slot
        except asyncio.CancelledError:
            pass
        else:  # acquired while being cancelled: give it back
            slots.release()
        return "gone" if gone in done else "timeout"

    def release(self) -> None:
        self._semaphore().release()


class BoundedQueue:
    """ASGI middleware: a quick and a slow lane, each bounded, 503 + Retry-After, disconnected waiters dropped."""

    def __init__(
        self,
        app,
        max_active: int | None = None,
        max_queue: int | None = None,
        max_wait: float | None = None,
        slow_active: int | None = None,
        slow_queue: int | None = None,
        slow_wait: float | None = None,
        child: Callable[[], Any] | None = None,
    ) -> None:
        self.app = app
        self.child = child  # returns the SlowProcess answering the slow lane, or None (answer in-process)
        self.quick = Lane(
            "quick",
            int(max_active or _setting("VALUESGAP_MAX_ACTIVE", MAX_ACTIVE)),
            int(max_queue or _setting("VALUESGAP_MAX_QUEUE", MAX_QUEUE)),
            float(max_wait or _setting("VALUESGAP_MAX_WAIT", MAX_WAIT)),
        )
        self.slow = Lane(
            "slow",
            int(slow_active or _setting("VALUESGAP_SLOW_ACTIVE", SLOW_ACTIVE)),
            int(slow_queue or _setting("VALUESGAP_SLOW_QUEUE", SLOW_QUEUE)),
            float(slow_wait or _setting("VALUESGAP_SLOW_WAIT", SLOW_WAIT)),
        )
        self.dropped = 0  # clients gone while waiting

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith(LIMITED_PREFIX):
            await self.app(scope, receive, send)
            return
        lane = self.slow if is_slow(path) else self.quick
        what = "slow pages (briefs, charts, maps)" if lane is self.slow else "requests"
        if lane.full():
            await _busy(send, f"the server is busy ({lane.waiting} {what} waiting)")
            return
        replay: list[dict] = []
        got = await lane.acquire(receive, replay)
        if got == "gone":
            self.dropped += 1
            return
        if got == "timeout":
            await _busy(send, f"the server is busy (no slot for {what} within {lane.max_wait:.0f} s)")
            return

        async def replayed():
            if replay:
                return replay.pop(0)
            return await receive()

        lane.active += 1
        try:
            process = self.child() if self.child is not None and lane is self.slow else None
            if process is None:
                await self.app(scope, replayed, send)
            else:
                await _answer_from(process, scope, send)
        finally:
            lane.active -= 1
            lane.release()


async def _answer_from(process: Any, scope: dict, send) -> None:
    """Send the answer of the slow-page process (503 + Retry-After if it died; it restarts)."""
    got = await process.answer(scope)
    if got is None:
        await _busy(send, "the process for slow pages restarted")
        return
    status, headers, body = got
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _disconnected(receive, replay: list[dict]) -> None:
    """Return when the client disconnects; keep the request messages read meanwhile in ``replay``."""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        replay.append(message)  # the request body (empty for GET); the server's next message is the disconnect


async def _busy(send, message: str) -> None:
    body = json.dumps({"error": f"{message}: retry after {RETRY_AFTER} s"}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(RETRY_AFTER).encode()),
    ]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body})
