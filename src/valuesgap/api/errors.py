"""Map errors to JSON ``{"error": message}`` answers with a 4xx status (5xx only when the store is missing).

- :class:`~valuesgap.errors.UnknownCountry` → 404 (the message carries "did you mean …")
- :class:`~valuesgap.errors.NoData` → 404 (a valid query that selects nothing)
- :class:`~valuesgap.errors.InputError` → 400 (a bad parameter)
- :class:`~valuesgap.errors.DataMissing` → 503 (the server has no store: build it)
- FastAPI's request validation → 422, with the first problem in one line
- unknown routes → 404, wrong method → 405 (the API is read-only)
- the server busy (its queue full) → 503 with ``Retry-After`` (:mod:`valuesgap.api.limits`)

Messages quote a given value only when it is short (:data:`MAX_ECHO` characters); a longer one is named
by its length. :func:`document_error_responses` lists these statuses in the OpenAPI schema of every route.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from valuesgap.errors import DataMissing, InputError, NoData, UnknownCountry, ValuesgapError

MAX_ECHO = 60


class ErrorOut(BaseModel):
    """An error answer: one line naming the problem and a way out."""

    error: str


ERROR_STATUSES = {
    400: "Bad input (e.g. the same state twice, an ambiguous name, swapped years).",
    404: "Unknown state, or a valid query that selects no data.",
    422: "A parameter out of its declared range, of the wrong type, or too long.",
    503: "No data store on the server, or the server is busy (with `Retry-After`).",
}


def shown(value: Any) -> str:
    """Return ``repr(value)`` when short, else a mention of its length (long input is never echoed)."""
    text = repr(value)
    return text if len(text) <= MAX_ECHO else f"a value of {len(str(value)):,} characters"


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
        loc = list(err.get("loc", ()))
        where = ".".join(str(p) for p in (loc[1:] if loc[:1] in (["query"], ["path"]) else loc))
        given = err.get("input")
        got = f" (got {shown(given)})" if given is not None and not isinstance(given, dict) else ""
        problems.append(f"{where[:MAX_ECHO] or 'request'}: {err.get('msg', 'invalid')}{got}")
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
            message = f"no such page {shown(request.url.path)}: see /docs for the API, / for the dashboard"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}: the API is read-only (use GET)"
        else:
            message = str(exc.detail)
        return JSONResponse({"error": message}, status_code=exc.status_code, headers=getattr(exc, "headers", None))


def document_error_responses(app: FastAPI) -> None:
    """Make the OpenAPI schema list, for every ``/api`` operation, the error statuses routes really give."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas["ErrorOut"] = ErrorOut.model_json_schema()
        ref = {"$ref": "#/components/schemas/ErrorOut"}
        for path, operations in schema.get("paths", {}).items():
            if not path.startswith("/api/"):
                continue
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERROR_STATUSES.items():
                    entry = {"description": description, "content": {"application/json": {"schema": ref}}}
                    own = responses.get(str(status), {}).get("content", {}).get("application/json", {})
                    if "schema" in own:  # the route's own answer for this status (e.g. /api/ready warming) or ours
                        entry["description"] = f"{responses[str(status)].get('description', '')} Or: {description}"
                        entry["content"]["application/json"]["schema"] = {"anyOf": [own["schema"], ref]}
                    if status == 503:
                        entry["headers"] = {
                            "Retry-After": {
                                "description": "Seconds to wait before retrying (when busy).",
                                "schema": {"type": "integer"},
                            }
                        }
                    responses[str(status)] = entry
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
