"""The FastAPI application: read-only JSON/CSV API under ``/api``, docs at ``/docs``, the dashboard at ``/``."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from valuesgap import __version__
from valuesgap.analysis.warmup import Warmup
from valuesgap.api import (
    docs,
    routes_arenas,
    routes_brief,
    routes_charts,
    routes_countries,
    routes_coverage,
    routes_dyad,
    routes_map,
    routes_meta,
    routes_values,
    routes_votes,
    slow_process,
)
from valuesgap.api.caching import install_caching
from valuesgap.api.errors import document_error_responses, install_error_handlers
from valuesgap.api.fits import install_fits
from valuesgap.api.guards import RequestGuards
from valuesgap.api.limits import BoundedQueue
from valuesgap.api.renames import RenamedQueryParams
from valuesgap.web import INSTALL_HINT, STATIC_DIR, STATIC_URL, missing_assets

WARM_ENV = "VALUESGAP_WARM"

DESCRIPTION = (
    "How far apart two states are on values, and how much they cooperate where interests meet, from UNGA "
    "votes, democracy and human-rights indicators, and treaty commitments. Read-only. Every table endpoint "
    'answers JSON (`columns`, `rows`) or CSV with `?format=csv`. Errors are JSON `{"error": message}` with '
    "a 4xx status. Answers carry an ETag built from the data version and the query (304 on If-None-Match)."
)


def create_app(allowed_hosts: list[str] | None = None, warm: bool | None = None) -> FastAPI:
    """Return the app: API routers, error handlers, ETag caching, offline docs and the dashboard.

    ``allowed_hosts``: the ``Host`` names answered (default: ``$VALUESGAP_ALLOWED_HOSTS`` or loopback).
    ``warm``: at start-up, warm the per-state caches in the background (default: ``$VALUESGAP_WARM`` is
    ``1``, as ``valuesgap serve`` sets it); ``/api/ready`` reports the progress.
    """
    warmup = Warmup()
    if warm is None:
        warm = os.environ.get(WARM_ENV) == "1"

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        sys.setswitchinterval(float(os.environ.get("VALUESGAP_SWITCH_INTERVAL", "0.0005")))
        if warm:
            warmup.start()
        if slow_process.wanted():
            app.state.slow_process = slow_process.SlowProcess(warm=bool(warm))
        try:
            yield
        finally:
            if app.state.slow_process is not None:  # it waits for the child to end: not on the event loop
                await asyncio.to_thread(app.state.slow_process.shutdown)
            await asyncio.to_thread(app.state.fits.shutdown)  # a running fit is stopped and reaped
            await asyncio.to_thread(warmup.stop)  # no warm-up thread left inside DuckDB as the process exits

    app = FastAPI(
        title="valuesgap",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.warmup = warmup
    app.state.slow_process = None  # valuesgap serve: the child answering the slow lane
    install_error_handlers(app)
    document_error_responses(app)
    app.state.fits = install_fits(app)  # innermost: ideal-point fits leave the request workers
    app.add_middleware(BoundedQueue, child=lambda: app.state.slow_process)  # two bounded lanes, 503 when full
    app.state.answer_cache = install_caching(app, on_version=warmup.start if warm else None)
    app.add_middleware(RenamedQueryParams)  # the cache sees the new spellings only
    app.add_middleware(RequestGuards, allowed_hosts=allowed_hosts)  # outermost: host, lengths, HEAD
    for module in (
        routes_countries,
        routes_votes,
        routes_dyad,
        routes_values,
        routes_charts,
        routes_brief,
        routes_meta,
        routes_coverage,
    ):
        app.include_router(module.router)
    app.include_router(routes_arenas.router)
    app.include_router(routes_arenas.charts_router)
    app.include_router(routes_map.router)
    app.include_router(routes_map.charts_router)
    app.include_router(docs.router)
    app.mount(STATIC_URL, StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard():
        missing = [m for m in missing_assets() if not m.startswith("swagger")]
        if missing:
            return HTMLResponse(
                f"<h1>Dashboard assets missing</h1><p>{', '.join(missing)}: {INSTALL_HINT}.</p>", status_code=503
            )
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    return app
