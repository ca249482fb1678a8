"""Footnote commands built from the CLI's own command definitions.

A footnote says which ``valuesgap`` command reproduces a number. The brief names that command as a
:class:`Call` — the command's name and its parameters by their Python names (``{"a": "United States",
"start": 1992, "fmt": "csv"}``) — and :func:`argv` spells it out by reading each parameter's flag from
the command's definition on the Typer app (``valuesgap.cli.app.app``). A renamed flag therefore changes
the footnotes with it, and a parameter that no longer exists fails loudly (``ValueError``) instead of
writing a command that does not run. :func:`parse` parses a call's argv with the real command, without
running it (the tests check every footnote of a real brief this way).
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

FORMAT_PARAM = "fmt"


@dataclass(frozen=True)
class Call:
    """A ``valuesgap`` command to run: its name (``"tracks"``; ``"data status"`` for a subcommand) and its
    parameters by Python name, in the order their flags are written (arguments always come first)."""

    command: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def argv(self) -> list[str]:
        """Return the command line after ``valuesgap`` (see :func:`argv`)."""
        return argv(self)


def _load_cli() -> Any:
    """Return the click group of the ``valuesgap`` CLI, every command module loaded."""
    import typer

    cli = importlib.import_module("valuesgap.cli")
    for name in cli.COMMAND_MODULES:
        importlib.import_module(name)
    return typer.main.get_command(cli.app)


@lru_cache(maxsize=1)
def cli_group() -> Any:
    """Return the click group of the ``valuesgap`` CLI (built once per process)."""
    return _load_cli()


def _subcommand(group: Any, word: str) -> Any:
    """Return the subcommand ``word`` of a click group, or None."""
    return group.get_command(group.context_class(group, info_name="valuesgap"), word)


def _routed(group: Any, args: list[str]) -> Any:
    """Return the command a routing group runs for ``args`` that name none of its subcommands (``valuesgap
    events A B`` runs the event-arena command), or None when the group does not route."""
    ctx = group.context_class(group, info_name="valuesgap")
    try:
        _, cmd, _ = group.resolve_command(ctx, list(args))
    except Exception:  # click's UsageError: a plain group with no such subcommand
        return None
    return None if cmd is None or hasattr(cmd, "get_command") else cmd


@lru_cache(maxsize=64)
def command(name: str) -> Any:
    """Return the click command called ``name`` (words separated by spaces for subcommands: ``"data status"``).

    Raises ValueError when the CLI has no such command.
    """
    current = cli_group()
    for word in name.split():
        sub = _subcommand(current, word) if hasattr(current, "get_command") else None
        if sub is None:
            raise ValueError(f"the valuesgap CLI has no command {name!r}")
        current = sub
    if hasattr(current, "get_command"):  # a group that runs a command of its own (``events A B``)
        current = _routed(current, ["A"]) or current
    return current


def _text(value: Any) -> str:
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def _flag(option: Any) -> str:
    """Return the spelling of an option: its first long flag (``--from``), else its first flag."""
    long = [o for o in option.opts if o.startswith("--")]
    return long[0] if long else option.opts[0]


def argv(call: Call) -> list[str]:
    """Return ``call`` as the words after ``valuesgap``, every flag read from the command's definition.

    Arguments come first in their defined order; options follow in the order of ``call.params``. A
    boolean flag is written when True (its secondary flag, e.g. ``--no-x``, when False and it has one);
    a multiple option given a list is repeated. Raises ValueError for a parameter the command does not
    have, one hidden from ``--help`` (a deprecated spelling kept for old scripts), or a value it cannot spell.
    """
    cmd = command(call.command)
    params = {p.name: p for p in cmd.params}
    unknown = [name for name in call.params if name not in params]
    if unknown:
        known = ", ".join(p for p in params)
        raise ValueError(f"valuesgap {call.command} has no parameter {', '.join(unknown)} (it has {known})")
    hidden = [name for name in call.params if getattr(params[name], "hidden", False)]
    if hidden:
        raise ValueError(
            f"valuesgap {call.command}: {', '.join(hidden)} is hidden from --help (an old spelling): "
            "footnotes use the parameters the help shows"
        )
    words = call.command.split()
    for p in cmd.params:
        if p.param_type_name == "argument" and p.name in call.params:
            value = call.params[p.name]
            words.extend(_text(v) for v in (value if isinstance(value, list | tuple) else [value]))
    for name, value in call.params.items():
        p = params[name]
        if p.param_type_name == "argument" or value is None:
            continue
        if getattr(p, "is_flag", False) and not getattr(p, "count", False):
            if value:
                words.append(_flag(p))
            elif p.secondary_opts:
                words.append(p.secondary_opts[0])
            elif p.default not in (False, None):
                raise ValueError(f"valuesgap {call.command}: {name}=False cannot be written (no negative flag)")
            continue
        values = value if p.multiple and isinstance(value, list | tuple) else [value]
        for v in values:
            words.extend([_flag(p), _text(v)])
    return words


def parse(words: list[str]) -> tuple[str, dict[str, Any]]:
    """Parse a footnote command (the words after ``valuesgap``) with the real CLI, without running it.

    Returns (the command's name, its parsed parameters by Python name). Raises the CLI's usage error
    (a click ``UsageError``) when the words do not parse, and ValueError for an unknown command.
    """
    group = cli_group()
    current, rest = group, list(words)
    path: list[str] = []
    while hasattr(current, "get_command") and rest:
        sub = _subcommand(current, rest[0])
        if sub is None:
            routed = _routed(current, rest) if path else None
            if routed is None:
                raise ValueError(f"the valuesgap CLI has no command {' '.join([*path, rest[0]])!r}")
            current = routed  # the group's own command takes the words as its arguments
            break
        path.append(rest.pop(0))
        current = sub
    if not path:
        raise ValueError("no command given")
    ctx = current.make_context(" ".join(["valuesgap", *path]), rest)
    return " ".join(path), dict(ctx.params)


__all__ = ["FORMAT_PARAM", "Call", "argv", "cli_group", "command", "parse"]
