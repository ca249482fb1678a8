"""Errors a user can act on: each carries one line naming the problem and a way out.

Messages raised below the faces use the Python/API parameter names (``start``, ``end``, ``level``,
``n_boot``) and never a CLI flag; an :class:`InputError` lists the parameters it names in ``params`` so
that a face can put its own spelling in their place (the CLI says ``--from``/``--to``, ``--ci``, ``--boot``).
"""

from __future__ import annotations


class ValuesgapError(Exception):
    """Base class: the CLI prints ``error: <message>`` on one line and exits with code 2."""


class InputError(ValuesgapError):
    """A bad argument or option (unknown issue code, impossible period, out-of-range level).

    ``params``: the parameter names the message mentions as words, for the faces to translate.
    """

    def __init__(self, message: str = "", *, params: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.params = tuple(params)


class UnknownCountry(InputError):
    """A country name or code the resolver cannot match; the message carries suggestions."""


class AmbiguousCountry(InputError):
    """A name that denotes several states (``Congo``, ``Korea``); the message lists the candidates."""

    def __init__(self, message: str = "", *, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.candidates = tuple(candidates)


class DataMissing(ValuesgapError):
    """The store or a source file is missing, empty or corrupt; the message says how to fix it."""


class NoData(InputError):
    """A valid query that selects nothing (e.g. a session with no roll calls)."""
