"""Errors a user can act on: each carries one line naming the problem and a way out."""

from __future__ import annotations


class ValuesgapError(Exception):
    """Base class: the CLI prints ``error: <message>`` on one line and exits with code 2."""


class InputError(ValuesgapError):
    """A bad argument or option (unknown issue code, impossible period, out-of-range level)."""


class UnknownCountry(InputError):
    """A country name or code the resolver cannot match; the message carries suggestions."""


class DataMissing(ValuesgapError):
    """The store or a source file is missing, empty or corrupt; the message says how to fix it."""


class NoData(InputError):
    """A valid query that selects nothing (e.g. a session with no roll calls)."""
