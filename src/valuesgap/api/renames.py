"""Old query-parameter spellings kept for one release: ``ci`` → ``level``, ``boot`` → ``n_boot``,
``since`` → ``start``, ``until`` → ``end``.

An ASGI middleware rewrites them before routing (so the routes, the ETag and the answer cache see one
spelling) and marks the answer with ``Deprecation: true`` and a ``Warning: 299`` header naming the new
parameter. Giving both spellings of one parameter is a 400.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlencode

RENAMED_QUERY = {"ci": "level", "boot": "n_boot", "since": "start", "until": "end"}
PREFIX = "/api/"


class RenamedQueryParams:
    """ASGI middleware: map deprecated query parameters of ``/api/…`` requests to their new names."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope.get("query_string") or not scope["path"].startswith(PREFIX):
            await self.app(scope, receive, send)
            return
        pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
        used = list(dict.fromkeys(k for k, _ in pairs if k in RENAMED_QUERY))
        if not used:
            await self.app(scope, receive, send)
            return
        names = {k for k, _ in pairs}
        clash = [k for k in used if RENAMED_QUERY[k] in names]
        if clash:
            old, new = clash[0], RENAMED_QUERY[clash[0]]
            await _error(send, 400, f"give {new} only ({old} is its deprecated spelling)")
            return
        query = urlencode([(RENAMED_QUERY.get(k, k), v) for k, v in pairs])
        note = "; ".join(f"{k} is deprecated: use {RENAMED_QUERY[k]}" for k in used)
        extra = [(b"deprecation", b"true"), (b"warning", f'299 valuesgap "{note}"'.encode())]

        async def send_marked(message: dict) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app({**scope, "query_string": query.encode("latin-1")}, receive, send_marked)


async def _error(send: Any, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
