"""Caching by data version: an ETag per (data version, path, query), 304 on ``If-None-Match``, and a small
in-process cache of recent answers.

The answers of the read-only API depend only on the built data and the request, so the ETag can be
computed before any work is done. A 304 is given only for a request known to be valid: one whose 200
answer is in the cache (only 200 answers are cached), or after the route has answered 200; a request
that is invalid (unknown state, bad level) gets its 4xx even with a matching ``If-None-Match``.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request, Response

from valuesgap import __version__, store
from valuesgap.errors import ValuesgapError

CACHED_PREFIX = "/api/"
UNCACHED_PATHS = frozenset({"/api/ready"})  # answers that change without a new data version
MAX_ENTRIES = 4096
MAX_BYTES = 32 * 1024 * 1024  # bounded memory: at most this many bytes of answers per server process


def etag_for(data_version: str, path: str, query: str) -> str:
    """Return the strong ETag of a GET answer: a hash of the package and data versions, path and sorted query."""
    canonical = urlencode(sorted(parse_qsl(query, keep_blank_values=True)))
    digest = hashlib.sha256(f"{__version__}|{data_version}|{path}?{canonical}".encode()).hexdigest()[:20]
    return f'"{data_version}-{digest}"'


def _matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    if header.strip() == "*":
        return True
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return etag in tags


class AnswerCache:
    """A thread-safe LRU of finished answers (status 200 only), keyed by ETag, bounded in entries and bytes."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self._items: OrderedDict[str, tuple[bytes, str, dict[str, str]]] = OrderedDict()
        self._lock = threading.Lock()
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.bytes = 0

    def get(self, key: str) -> tuple[bytes, str, dict[str, str]] | None:
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key: str, item: tuple[bytes, str, dict[str, str]]) -> None:
        if len(item[0]) > self.max_bytes // 8:  # one huge answer must not empty the cache
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.bytes -= len(old[0])
            self._items[key] = item
            self.bytes += len(item[0])
            while len(self._items) > self.max_entries or self.bytes > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self.bytes -= len(dropped[0])

    def __len__(self) -> int:
        return len(self._items)


def install_caching(
    app: FastAPI, max_entries: int = MAX_ENTRIES, on_version: Callable[[str], object] | None = None
) -> AnswerCache:
    """Add the ETag / 304 / answer-cache middleware for GET requests under ``/api/``; return the cache.

    ``on_version`` is called with the data version of each request (e.g. to warm again after a rebuild).
    """
    cache = AnswerCache(max_entries)

    @app.middleware("http")
    async def _etag_middleware(request: Request, call_next):
        path = request.url.path
        if request.method != "GET" or not path.startswith(CACHED_PREFIX) or path in UNCACHED_PATHS:
            return await call_next(request)
        try:
            version = store.data_version()
        except (ValuesgapError, OSError):
            return await call_next(request)  # no store: the endpoint answers 503 with the way out
        except Exception:  # a store being swapped in can fail a read for a moment: answer uncached
            return await call_next(request)
        if on_version is not None:
            on_version(version)
        etag = etag_for(version, request.url.path, request.url.query)
        headers = {"ETag": etag, "Cache-Control": "no-cache"}
        held = _matches(request.headers.get("if-none-match"), etag)
        hit = cache.get(etag)
        if hit is not None:
            if held:  # validated: this exact request was answered 200
                return Response(status_code=304, headers=headers)
            body, media_type, extra = hit
            return Response(body, media_type=media_type, headers={**extra, **headers, "X-Cache": "hit"})
        response = await call_next(request)
        if response.status_code != 200:
            return response
        body = b"".join([chunk async for chunk in response.body_iterator])
        extra = {k: v for k, v in response.headers.items() if k.lower() == "content-disposition"}
        media_type = response.headers.get("content-type", "application/json")
        cache.put(etag, (body, media_type, extra))
        if held:
            return Response(status_code=304, headers=headers)
        served_by = {k: v for k, v in response.headers.items() if k.lower() == "x-served-by"}  # this answer only
        return Response(body, media_type=media_type, headers={**extra, **served_by, **headers, "X-Cache": "miss"})

    return cache
