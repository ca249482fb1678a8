"""Old argument spellings kept for one release: a decorator that maps them to the new ones with a warning.

The vocabulary (docs/measures.md, "One name per concept"): period ``start``/``end``, interval
``level``, bootstrap count ``n_boot``, and every argument after the states keyword-only. A function
decorated with :func:`renamed_arguments` still accepts the old names (``ci``, ``boot``, ``since``,
``until``) and the old positional order, each with a :class:`DeprecationWarning`.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def renamed_arguments(*, positional: int = 0, old_order: tuple[str, ...] = (), **renamed: str) -> Callable[[F], F]:
    """Return a decorator accepting the old spellings of a function's arguments for one release.

    ``positional``: how many leading arguments stay positional (the states); further positional
    arguments are taken, with a warning, as the names in ``old_order`` (the former signature).
    ``renamed``: old keyword → new keyword (e.g. ``ci="level"``). Giving both spellings is a TypeError.
    """

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if len(args) > positional:
                extra = args[positional:]
                if len(extra) > len(old_order):
                    raise TypeError(
                        f"{fn.__name__}() takes {positional} positional arguments but {len(args)} were given"
                    )
                names = old_order[: len(extra)]
                warnings.warn(
                    f"{fn.__name__}(): pass {', '.join(renamed.get(n, n) for n in names)} by keyword; "
                    "positional use goes in the next release",
                    DeprecationWarning,
                    stacklevel=2,
                )
                for name, value in zip(names, extra):
                    name = renamed.get(name, name)
                    if name in kwargs:
                        raise TypeError(f"{fn.__name__}() got multiple values for argument {name!r}")
                    kwargs[name] = value
                args = args[:positional]
            for old, new in renamed.items():
                if old not in kwargs:
                    continue
                if new in kwargs:
                    raise TypeError(f"{fn.__name__}(): give {new}= only ({old}= is its deprecated spelling)")
                warnings.warn(
                    f"{fn.__name__}({old}=…) is deprecated: use {new}=… (the old name goes in the next release)",
                    DeprecationWarning,
                    stacklevel=2,
                )
                kwargs[new] = kwargs.pop(old)
            return fn(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
