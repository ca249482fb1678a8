"""Slow pages in a process of their own, so that they cannot take the quick queries' CPU.

A brief, a chart spec or a two-track map for a new query is up to seconds of pure-Python work; in the
server process it would hold the interpreter lock for most of that time and slow every quick dyad
query. ``valuesgap serve`` therefore hands the slow lane (:mod:`valuesgap.api.limits`) to one child
process (spawned, at a slightly lower CPU priority) that runs its own copy of the app: the request
(method, path, query, headers) goes over, the finished answer (status, headers, body) comes back. The
child warms its per-state caches in the background when it starts (answering meanwhile, colder), and
the server counts as ready once it has.

Pure transport: what is answered is exactly what the in-process app answers.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from valuesgap.api import lifeline, sigint

SLOW_PROCESS_ENV = "VALUESGAP_SLOW_PROCESS"
NICENESS = 10
SERVED_BY = b"x-served-by"  # the header naming the child that answered
SCOPE_KEYS = ("type", "http_version", "method", "scheme", "path", "raw_path", "root_path", "query_string", "headers")

Answer = tuple[int, list[tuple[bytes, bytes]], bytes]

_app: Any = None  # the app of the slow-page process


def _start_child(parent: int, warmed: Any) -> None:
    """In the child: exit with its server, lower its priority, build the app (serving its slow lane itself)
    and, if ``warmed`` (an Event) is given, warm its caches in the background and set it when done."""
    global _app
    sigint.left_to_parent()  # a terminal's Ctrl-C is the server's to handle: it stops us
    lifeline.exit_with(parent)
    os.nice(NICENESS)
    os.environ[SLOW_PROCESS_ENV] = "0"
    from valuesgap.api.app import create_app

    _app = create_app(warm=False)
    if warmed is not None:

        def warm() -> None:
            _app.state.warmup.run()
            warmed.set()

        threading.Thread(target=warm, name="valuesgap-warmup", daemon=True).start()


def _started() -> int:
    """In the child: return its pid (a first task makes the pool start the child at once)."""
    return os.getpid()


def _answer_in_child(scope: dict) -> Answer:
    """In the child: run one request through the app; return status, headers and the whole body."""
    return asyncio.run(_call(_app, scope))


async def _call(app: Any, scope: dict) -> Answer:
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    await app({**scope, "state": {}}, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    headers = [(bytes(k), bytes(v)) for k, v in start.get("headers", [])]
    headers.append((SERVED_BY, f"slow-process {os.getpid()}".encode()))
    return start["status"], headers, body


class SlowProcess:
    """The child process of the slow lane: started (and warming) at once; restarted if it dies."""

    def __init__(self, warm: bool = True) -> None:
        self.warm = warm
        self._pool: ProcessPoolExecutor | None = None
        self.warmed: Any = None
        self.started: Future | None = None
        self.start()

    def start(self) -> None:
        """Spawn the child now; it answers at once and, if asked, warms its caches in the background."""
        context = multiprocessing.get_context("spawn")
        self.warmed = context.Event() if self.warm else None
        self._pool = ProcessPoolExecutor(
            max_workers=1, mp_context=context, initializer=_start_child, initargs=(os.getpid(), self.warmed)
        )
        with sigint.held_for_children():  # the child is spawned by this first submit
            self.started = self._pool.submit(_started)

    @property
    def ready(self) -> bool:
        """Whether the child has finished warming (or was not asked to)."""
        return self.warmed is None or self.warmed.is_set()

    async def answer(self, scope: dict) -> Answer | None:
        """Return the child's answer to the request of ``scope``; None if the child died (it is restarted)."""
        assert self._pool is not None
        plain = {k: scope[k] for k in SCOPE_KEYS if k in scope}
        plain["headers"] = [(bytes(k), bytes(v)) for k, v in scope.get("headers", [])]
        try:
            return await asyncio.wrap_future(self._pool.submit(_answer_in_child, plain))
        except BrokenProcessPool:
            self.shutdown()
            self.start()
            return None

    def shutdown(self) -> None:
        """Stop the child at once, even in the middle of a request or its warm-up, and reap it (at server
        shutdown)."""
        if self._pool is not None:
            children = list(getattr(self._pool, "_processes", {}).values())
            for child in children:
                child.terminate()
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
            for child in children:
                lifeline.stop(child)


def wanted() -> bool:
    """Whether this server process hands its slow lane to a child (``valuesgap serve`` sets it)."""
    return os.environ.get(SLOW_PROCESS_ENV) == "1"
