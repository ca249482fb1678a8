"""``/api/version``: which code and data answer; ``/api/ready``: whether this process has warmed up."""

from __future__ import annotations

import os

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from valuesgap import __version__, store

router = APIRouter(prefix="/api", tags=["meta"])


class VersionOut(BaseModel):
    """The package version and the id of the built data (the store's file name, never its folder)."""

    package: str
    data_version: str
    store: str


@router.get("/version", response_model=VersionOut, summary="Package and data versions")
def version() -> VersionOut:
    """The package version, the data version (part of every ETag) and the store's file name."""
    return VersionOut(package=__version__, data_version=store.data_version(), store=store.store_path().name)


class ReadyOut(BaseModel):
    """Whether this server process has warmed its per-state caches (``/api/ready``)."""

    ready: bool
    state: str
    data_version: str
    step: str
    slow_process: str
    warmed: dict[str, int]
    seconds: float
    pid: int


@router.get(
    "/ready",
    response_model=ReadyOut,
    summary="Readiness of this server process",
    responses={503: {"model": ReadyOut, "description": "Still warming its caches (Retry-After: 1)."}},
)
def ready(request: Request, response: Response) -> ReadyOut:
    """200 once this process has warmed its per-state caches (vote matrix, value components, commitments
    ledgers; ``valuesgap serve`` starts that at start-up), 503 + ``Retry-After`` while it warms. A load
    balancer or a benchmark waits for 200 before sending a team's load; the server answers meanwhile,
    only colder. A server started without warm-up (``--no-warm``) is ready at once. ``failed``: the
    warm-up stopped (e.g. the store was being rebuilt); requests still answer, and the process counts as
    ready. When the store is rebuilt under a running server, the process warms again for the new data
    version (``state`` is ``warming``) and stays ready meanwhile. ``slow_process``: the child process that
    answers the slow pages under ``valuesgap serve`` (``none`` without one); it warms too, and the
    process is ready once both have."""
    report = request.app.state.warmup.report()
    child = request.app.state.slow_process
    report["slow_process"] = "none" if child is None else ("ready" if child.ready else "warming")
    report["ready"] = report["ready"] and report["slow_process"] != "warming"
    if not report["ready"]:
        response.status_code = 503
        response.headers["Retry-After"] = "1"
    response.headers["Cache-Control"] = "no-store"
    return ReadyOut(pid=os.getpid(), **report)
