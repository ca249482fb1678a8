"""Request guards applied to every route (so routes added later get them too), as one pure-ASGI middleware:

- ``Host`` check: only the allowed host names are answered (default: loopback names); any other
  ``Host`` gets 400. Configure with ``VALUESGAP_ALLOWED_HOSTS`` (comma-separated; ``*`` allows any) or
  ``valuesgap serve --allowed-host``. See docs/api.md, "Deployment".
- Length limits on text input before any work: a query-string value longer than :data:`MAX_PARAM_LENGTH`
  characters, or a path longer than :data:`MAX_PATH_LENGTH`, gets 422 naming the parameter and its length
  (never echoing it).
- ``HEAD`` on any GET route: answered as the GET (same status and headers), without a body.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from urllib.parse import parse_qsl, unquote

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
ALLOWED_HOSTS_ENV = "VALUESGAP_ALLOWED_HOSTS"
MAX_PARAM_LENGTH = 400
MAX_PATH_LENGTH = 300


def allowed_hosts_from_env() -> list[str]:
    """Return the allowed host names: ``$VALUESGAP_ALLOWED_HOSTS`` (comma-separated) or the loopback names."""
    raw = os.environ.get(ALLOWED_HOSTS_ENV, "")
    hosts = [h.strip() for h in raw.split(",") if h.strip()]
    return hosts or list(LOOPBACK_HOSTS)


def host_name(header: str) -> str:
    """Return the host name of a ``Host`` header value, without port or IPv6 brackets, lower case."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


async def _send_error(send, status: int, message: str, head_only: bool = False) -> None:
    body = json.dumps({"error": message}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head_only else body})


def too_long(path: str, query_string: bytes) -> str | None:
    """Return a one-line message if the path or a query value is over the limits, else None."""
    if len(path) > MAX_PATH_LENGTH:
        return f"the path is too long ({len(path):,} characters; at most {MAX_PATH_LENGTH}): names and codes are short"
    for name, value in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
        if len(value) > MAX_PARAM_LENGTH:
            shown = name[:40]
            return (
                f"invalid parameter {shown}: too long ({len(value):,} characters; at most {MAX_PARAM_LENGTH}): "
                "see /docs for the accepted values"
            )
    return None


class RequestGuards:
    """ASGI middleware: Host check, length limits, HEAD as GET without a body (see the module docstring)."""

    def __init__(self, app, allowed_hosts: Iterable[str] | None = None) -> None:
        self.app = app
        hosts = list(allowed_hosts) if allowed_hosts is not None else allowed_hosts_from_env()
        self.any_host = "*" in hosts
        self.allowed = {host_name(h) for h in hosts if h != "*"}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if not self.any_host:
            headers = dict(scope.get("headers") or [])
            name = host_name(headers.get(b"host", b"").decode("latin-1"))
            if name not in self.allowed:
                await _send_error(
                    send, 400, "host not allowed: this server answers its configured host names only", head
                )
                return
        problem = too_long(unquote(scope.get("path", "")), scope.get("query_string", b""))
        if problem:
            await _send_error(send, 422, problem, head)
            return
        if not head:
            await self.app(scope, receive, send)
            return

        async def send_without_body(message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)
