"""Ideal-point fits outside the request workers.

Within an API request, a route that needs ideal points that are not in the disk cache does not fit them
(:func:`valuesgap.analysis.idealpoints.deferred_fits` makes the analysis raise ``FitPending``); the fit
is queued here and the request gets 503 with ``Retry-After`` (an estimate) — retry, or poll the same
URL. Fits run in one separate process per server process, one at a time on the machine (a file lock in
the cache folder serialises the worker processes), and write the disk cache that every process then
reads. The queue is bounded: at most :data:`MAX_PENDING` different fits wait; beyond that, 503 at once.

Timing (documented in docs/api.md): a fit on all votes takes about :data:`SECONDS_PER_FIT` s on a quiet
2-core machine, and each bootstrap replicate is a refit, so ``n_boot=20`` (the API's maximum) is about
4–6 minutes.
"""

from __future__ import annotations

import fcntl
import json
import multiprocessing
import multiprocessing.process
import os
import threading

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from valuesgap.analysis.idealpoints import FitPending, deferred_fits
from valuesgap.api import lifeline, sigint

MAX_PENDING = 3
SECONDS_PER_FIT = 15


def _run_fit(kwargs: dict, parent: int) -> None:
    """In the fit process: fit (one at a time machine-wide, at the lowest CPU priority so that the
    request workers keep the cores) and write the disk cache. A terminal's Ctrl-C is left to the server
    ``parent``, which stops this process (no traceback from here); it ends by itself if the server is gone."""
    sigint.left_to_parent()
    lifeline.exit_with(parent)
    os.nice(19)
    from valuesgap import store
    from valuesgap.analysis.idealpoints import ideal_points

    folder = store.home() / "cache"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".fit.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        ideal_points(**kwargs)  # reads the cache first: a fit another process just finished is not redone


class FitQueue:
    """The fits this server process has asked for, in order: bounded, run one after the other in a child
    process by a daemon thread (stopping the server stops the child)."""

    def __init__(self, max_pending: int = MAX_PENDING) -> None:
        self.max_pending = max_pending
        self._pending: list[str] = []  # json keys, the first one running
        self._kwargs: dict[str, dict] = {}
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._thread: threading.Thread | None = None
        self._child: multiprocessing.process.BaseProcess | None = None
        self._stopped = False

    def request(self, kwargs: dict) -> tuple[bool, int]:
        """Queue the fit ``kwargs`` unless queued already; return (accepted, seconds to wait)."""
        key = json.dumps(kwargs, sort_keys=True)
        with self._lock:
            if key not in self._pending:
                if len(self._pending) >= self.max_pending or self._stopped:
                    return False, SECONDS_PER_FIT
                self._pending.append(key)
                self._kwargs[key] = kwargs
                self._wake.notify()
            ahead = self._pending[: self._pending.index(key) + 1]
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="valuesgap-fits", daemon=True)
                self._thread.start()
        return True, sum(fit_seconds(self._kwargs[k]) for k in ahead)

    def pending(self) -> int:
        """Return how many fits are queued or running."""
        with self._lock:
            return len(self._pending)

    def _work(self) -> None:
        context = multiprocessing.get_context("spawn")
        while True:
            with self._lock:
                while not self._pending and not self._stopped:
                    self._wake.wait()
                if self._stopped:
                    return
                key = self._pending[0]
                child = context.Process(target=_run_fit, args=(self._kwargs[key], os.getpid()), daemon=True)
                with sigint.held_for_children():  # under the lock: a shutdown sees no child or a started one
                    child.start()
                self._child = child
            child.join()
            with self._lock:
                self._pending.remove(key)
                self._kwargs.pop(key, None)
                self._child = None

    def shutdown(self) -> None:
        """Stop: a running fit is abandoned (the disk cache is written atomically, so nothing half-written)
        and its process reaped."""
        with self._lock:
            self._stopped = True
            child = self._child
            self._wake.notify_all()
        if child is not None:
            lifeline.stop(child)


def fit_seconds(kwargs: dict) -> int:
    """Return the estimated seconds of a fit: one fit plus one refit per bootstrap replicate."""
    return SECONDS_PER_FIT * (1 + int(kwargs.get("n_boot", 0)))


class DeferFits:
    """ASGI middleware: every request runs within :func:`deferred_fits` (a needed fit raises FitPending)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        with deferred_fits():
            await self.app(scope, receive, send)


def install_fits(app: FastAPI) -> FitQueue:
    """Defer fits in every request of ``app``, answer ``FitPending`` with 503 + Retry-After; return the queue."""
    queue = FitQueue()

    app.add_middleware(DeferFits)

    @app.exception_handler(FitPending)
    async def _fit_pending(request: Request, exc: FitPending) -> JSONResponse:
        accepted, seconds = queue.request(exc.kwargs)
        what = f"ideal points (issue {','.join(exc.kwargs['issue'])}, n_boot {exc.kwargs['n_boot']})"
        if accepted:
            message = f"{what} are being fitted (about {seconds} s): retry this URL after Retry-After seconds"
        else:
            message = f"the server is busy fitting other ideal points: retry after {seconds} s"
        return JSONResponse({"error": message}, status_code=503, headers={"Retry-After": str(seconds)})

    return queue
