"""A bounded queue in front of the API's work, as a pure-ASGI middleware (every ``/api`` route, those added
later included):

- at most ``max_active`` requests compute at once per server process (answers from the in-memory cache
  and 304s do not count: this middleware sits inside the caching one);
- at most ``max_queue`` more wait for a slot; a request beyond that, or one that waited ``max_wait``
  seconds, gets 503 with ``Retry-After`` instead of stalling everyone;
- a client that disconnects while waiting is dropped before any work is done for it.

Defaults: :data:`MAX_ACTIVE`, :data:`MAX_QUEUE`, :data:`MAX_WAIT`; ``VALUESGAP_MAX_ACTIVE``,
``VALUESGAP_MAX_QUEUE``, ``VALUESGAP_MAX_WAIT`` override them.
"""

from __future__ import annotations

import asyncio
import json
import os

LIMITED_PREFIX = "/api/"
MAX_ACTIVE = 4
MAX_QUEUE = 64
MAX_WAIT = 10.0
RETRY_AFTER = 2


def _setting(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


class BoundedQueue:
    """ASGI middleware: bounded concurrency and queue with 503 + Retry-After, disconnected waiters dropped."""

    def __init__(
        self,
        app,
        max_active: int | None = None,
        max_queue: int | None = None,
        max_wait: float | None = None,
    ) -> None:
        self.app = app
        self.max_active = int(max_active or _setting("VALUESGAP_MAX_ACTIVE", MAX_ACTIVE))
        self.max_queue = int(max_queue or _setting("VALUESGAP_MAX_QUEUE", MAX_QUEUE))
        self.max_wait = float(max_wait or _setting("VALUESGAP_MAX_WAIT", MAX_WAIT))
        self.active = 0
        self.waiting = 0
        self.dropped = 0  # clients gone while waiting
        self._slots: asyncio.Semaphore | None = None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or not scope.get("path", "").startswith(LIMITED_PREFIX):
            await self.app(scope, receive, send)
            return
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_active)
        if self._slots.locked() and self.waiting >= self.max_queue:
            await _busy(send, f"the server is busy ({self.waiting} requests waiting)")
            return
        replay: list[dict] = []
        self.waiting += 1
        try:
            got = await self._acquire(receive, replay)
        finally:
            self.waiting -= 1
        if got == "gone":
            self.dropped += 1
            return
        if got == "timeout":
            await _busy(send, f"the server is busy (no slot within {self.max_wait:.0f} s)")
            return

        async def replayed():
            if replay:
                return replay.pop(0)
            return await receive()

        self.active += 1
        try:
            await self.app(scope, replayed, send)
        finally:
            self.active -= 1
            self._slots.release()

    async def _acquire(self, receive, replay: list[dict]) -> str:
        """Wait for a slot; return "ok", "timeout", or "gone" (the client disconnected meanwhile)."""
        assert self._slots is not None
        if not self._slots.locked():
            await self._slots.acquire()
            return "ok"
        slot = asyncio.ensure_future(self._slots.acquire())
        gone = asyncio.ensure_future(_disconnected(receive, replay))
        try:
            done, _ = await asyncio.wait({slot, gone}, timeout=self.max_wait, return_when=asyncio.FIRST_COMPLETED)
        finally:
            gone.cancel()
        if slot in done:
            return "ok"
        slot.cancel()
        try:
            await slot
        except asyncio.CancelledError:
            pass
        else:  # acquired while being cancelled: give it back
            self._slots.release()
        return "gone" if gone in done else "timeout"


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
