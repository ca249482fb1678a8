"""Memoisation by data version: the data change only at a build, so per-state work is done once per
store version and process, then reused (by the API's many dyad requests above all).

:func:`per_data_version` keys a bounded LRU on (data version, arguments); a rebuilt store has a new data
version, so nothing stale is served. Cached DataFrames are copied on the way out (callers may change them).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd

T = TypeVar("T")


def _copy(value: Any) -> Any:
    if isinstance(value, pd.DataFrame):
        return value.copy()
    if isinstance(value, tuple):
        return tuple(_copy(v) for v in value)
    return value


def per_data_version(maxsize: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Decorate a function of hashable arguments: its results are kept per store data version (LRU of
    ``maxsize``); exceptions are not kept. ``.cache_clear()`` empties it; ``.prime(value, *args)`` fills
    the entry of ``args`` with a result computed in a batch."""

    def decorate(func: Callable[..., T]) -> Callable[..., T]:
        items: OrderedDict[tuple, Any] = OrderedDict()
        lock = threading.Lock()

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> T:
            from valuesgap import store

            key = (store.data_version(), args, tuple(sorted(kwargs.items())))
            with lock:
                if key in items:
                    items.move_to_end(key)
                    return _copy(items[key])
            value = func(*args, **kwargs)
            with lock:
                items[key] = value
                while len(items) > maxsize:
                    items.popitem(last=False)
            return _copy(value)

        def cache_clear() -> None:
            with lock:
                items.clear()

        def prime(value: Any, *args: Any, **kwargs: Any) -> None:
            """Keep ``value`` as the result of ``func(*args, **kwargs)`` (work done in a batch elsewhere)."""
            from valuesgap import store

            key = (store.data_version(), args, tuple(sorted(kwargs.items())))
            with lock:
                items[key] = value
                while len(items) > maxsize:
                    items.popitem(last=False)

        wrapper.cache_clear = cache_clear  # type: ignore[attr-defined]
        wrapper.prime = prime  # type: ignore[attr-defined]
        return wrapper

    return decorate
