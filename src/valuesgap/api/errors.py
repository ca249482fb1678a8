"""Map errors to JSON ``{"error": message}`` answers with a 4xx status (5xx only when the store is missing).

- :class:`~valuesgap.errors.UnknownCountry` → 404 (the message carries "did you mean …")
- :class:`~valuesgap.errors.NoData` → 404 (a valid query that selects nothing)
- :class:`~valuesgap.errors.InputError` → 400 (a bad parameter)
- :class:`~valuesgap.errors.DataMissing` → 503 (the server has no store: build it)
- FastAPI's request validation → 422, with the first problem in one line
- unknown routes → 404, wrong method → 405 (the API is read-only)
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from valuesgap.errors import DataMissing, InputError, NoData, UnknownCountry, ValuesgapError


def status_of(exc: ValuesgapError) -> int:
    """Return the HTTP status for a valuesgap error."""
    if isinstance(exc, (UnknownCountry, NoData)):
        return 404
    if isinstance(exc, InputError):
        return 400
    if isinstance(exc, DataMissing):
        return 503
    return 400


def error_response(status: int, message: str) -> JSONResponse:
    """Return ``{"error": message}`` with ``status``."""
    return JSONResponse({"error": message}, status_code=status)


def validation_message(exc: RequestValidationError) -> str:
    """Return the first validation problem as one line: where, what, and the value given."""
    problems = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path"))
        given = err.get("input")
        shown = f" (got {given!r})" if given is not None and not isinstance(given, dict) else ""
        problems.append(f"{where or 'request'}: {err.get('msg', 'invalid')}{shown}")
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return (
        f"invalid parameter {problems[0]}{more}: see /docs for the accepted values" if problems else "invalid request"
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers above on ``app``."""

    @app.exception_handler(ValuesgapError)
    async def _valuesgap_error(request: Request, exc: ValuesgapError) -> JSONResponse:
        return error_response(status_of(exc), str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404 and exc.detail == "Not Found":
            message = f"no such page {request.url.path!r}: see /docs for the API, / for the dashboard"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}: the API is read-only (use GET)"
        else:
            message = str(exc.detail)
        return JSONResponse({"error": message}, status_code=exc.status_code, headers=getattr(exc, "headers", None))
