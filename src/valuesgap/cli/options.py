"""Options shared by the commands, and the CLI's spelling of the Python/API parameters.

Light on purpose (no pandas, no store): command modules import it at registration, which must stay
fast; the heavy stack is imported inside the command bodies.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from valuesgap.cli.outpath import out_callback
from valuesgap.issues import ISSUE_CODES

# Python/API parameter → CLI flag: the one mapping (documented in docs/measures.md).
CLI_SPELLING = {"start": "--from", "end": "--to", "level": "--ci", "n_boot": "--boot"}

ISSUE_HELP = f"all, or an issue code: {', '.join(ISSUE_CODES)}."
ISSUES_HELP = f"all, or issue codes {', '.join(ISSUE_CODES)}; several as a comma list (e.g. nu,di)."
MEASURE_HELP = "agreement, coincidence, s_score, cohen_kappa or scott_pi."


class Format(str, Enum):
    """Output formats every table command accepts."""

    table = "table"
    csv = "csv"
    json = "json"
    parquet = "parquet"


FORMAT = typer.Option(Format.table, "--format", help="table, csv, json or parquet.")
OUT = typer.Option(None, "--out", help="Write to this file instead of the terminal.", callback=out_callback)
ALL_COLUMNS = typer.Option(
    False, "--all-columns", help="Show every column: the ones that do not fit the terminal in further tables."
)
#: The note under a table that left columns out, for commands with ``--all-columns``.
ALL_COLUMNS_NOTE = "--all-columns shows them in further tables, --format csv gives every column"
START = typer.Option(None, "--from", help="First calendar year (inclusive).")
END = typer.Option(None, "--to", help="Last calendar year (inclusive).")
# Old spellings kept for one release (hidden from --help; a note on stderr when used).
SINCE = typer.Option(None, "--since", hidden=True, help="Deprecated: use --from.")
UNTIL = typer.Option(None, "--until", hidden=True, help="Deprecated: use --to.")


def deprecated_flag(new_value: Optional[int], old_value: Optional[int], old: str, new: str) -> Optional[int]:
    """Return the value of ``new`` (or of its old spelling ``old``, with a one-line note on stderr)."""
    from valuesgap.errors import InputError

    if old_value is None:
        return new_value
    if new_value is not None:
        raise InputError(f"give {new} only ({old} is its old spelling)")
    typer.echo(f"note: {old} is deprecated: use {new} (the old spelling goes in the next release)", err=True)
    return old_value


def terminal(fmt: Format, out: Optional[Path]) -> bool:
    """Return True when the output goes to the terminal as a table (room for notes under it)."""
    return fmt is Format.table and out is None
