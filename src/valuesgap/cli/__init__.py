"""The ``valuesgap`` command line (a face): Typer + Rich over the analysis layer.

Command modules (``cmd_<command>.py``, listed in :data:`COMMAND_MODULES`) register on
:data:`valuesgap.cli.app.app` and import the heavy stack (pandas, the store, analysis) inside their
bodies only, so that ``valuesgap --help`` stays fast. :func:`main` runs the app and turns every
:class:`~valuesgap.errors.ValuesgapError` into one line on stderr with exit code 2, naming the CLI's
own flags where the message names a Python/API parameter (``start`` → ``--from``, see
:data:`valuesgap.cli.options.CLI_SPELLING`).
"""

from __future__ import annotations

import importlib
import os
import re
import sys

import typer
from typer._click import exceptions as click_exceptions  # the click copy typer (pinned in the lock) vendors

from valuesgap.cli.app import app
from valuesgap.cli.options import CLI_SPELLING
from valuesgap.errors import ValuesgapError

# Each module registers its commands on `app` when imported (in this order in --help).
COMMAND_MODULES = [
    "valuesgap.cli.cmd_data",
    "valuesgap.cli.cmd_countries",
    "valuesgap.cli.cmd_votes",
    "valuesgap.cli.cmd_similarity",
    "valuesgap.cli.cmd_values",
    "valuesgap.cli.cmd_serve",
    "valuesgap.cli.cmd_tracks",
    "valuesgap.cli.cmd_map",
    "valuesgap.cli.cmd_brief",
    "valuesgap.cli.cmd_idealpoints",
    "valuesgap.cli.cmd_arenas",
    "valuesgap.cli.cmd_events_fetch",
]


def _load_commands() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name)


def cli_message(exc: ValuesgapError) -> str:
    """Return the error's message with the parameters it names spelt as CLI flags (start → --from)."""
    message = str(exc)
    for param in getattr(exc, "params", ()):
        flag = CLI_SPELLING.get(param)
        if flag is not None:
            message = re.sub(rf"(?<![\w-]){re.escape(param)}(?![\w-])", flag, message)
    return message


DEBUG_FLAG = "--debug"


def run(argv: list[str] | None = None) -> int:
    """Run the CLI on ``argv``; return the exit code (0 ok, 2 bad input or missing data, 130 interrupted).

    ``--debug`` anywhere in ``argv`` (or ``VALUESGAP_DEBUG=1``) lets an unexpected error show its
    traceback; without it, any error is one line on stderr. Build files that a killed build left in
    the store folder are removed first.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    debug = DEBUG_FLAG in args or os.environ.get("VALUESGAP_DEBUG", "") not in ("", "0")
    args = [a for a in args if a != DEBUG_FLAG]
    from valuesgap.paths import remove_stale_builds

    remove_stale_builds()
    try:
        return _run(args)
    except Exception as exc:  # last resort: one line, the traceback only with --debug
        if debug:
            raise
        text = " ".join(str(exc).split())[:300] or type(exc).__name__
        print(
            f"error: unexpected {type(exc).__name__}: {text} (run again with --debug for the traceback)",
            file=sys.stderr,
        )
        return 2


def _run(args: list[str]) -> int:
    """Run the app on ``args`` and map the errors it knows to exit codes."""
    _load_commands()
    try:
        app(args=args, standalone_mode=False, prog_name="valuesgap")
    except ValuesgapError as exc:
        print(f"error: {cli_message(exc)}", file=sys.stderr)
        return 2
    except getattr(click_exceptions, "NoArgsIsHelpError", ()) as exc:
        print(exc.format_message())
        return 0
    except click_exceptions.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "valuesgap"
        print(f"error: {exc.format_message()} (see '{where} --help')", file=sys.stderr)
        return 2
    except typer.Exit as exc:
        return exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        print("error: interrupted", file=sys.stderr)
        return 130
    except click_exceptions.ClickException as exc:
        print(f"error: {exc.format_message()}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except OSError as exc:
        where = f" {exc.filename}" if getattr(exc, "filename", None) else ""
        print(f"error: cannot use{where}: {(exc.strerror or str(exc)).lower()}", file=sys.stderr)
        return 2
    return 0


def main() -> None:
    """Console-script entry point."""
    sys.exit(run(sys.argv[1:]))
