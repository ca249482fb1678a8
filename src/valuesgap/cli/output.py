"""Writing a DataFrame to the terminal (Rich table) or to a pipe/file as CSV, JSON or Parquet.

A terminal table never truncates a cell: it shows the columns that fit the terminal's width (those the
command ranks first, see :mod:`valuesgap.cli.fit`), says which it left out and how to get them, and with
``all_columns`` prints the rest in further blocks that fit, each led by the row's key column. A one-row
table that does not fit is turned on its side (one line per column) instead.
"""

from __future__ import annotations

import io
import math
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from valuesgap.cli import fit
from valuesgap.cli.options import Format
from valuesgap.cli.outpath import check_out
from valuesgap.errors import InputError

__all__ = ["Format", "check_out", "emit", "print_table", "render_table"]

#: How every table command gives all columns (``--all-columns`` is offered where the command has it).
ALL_COLUMNS_HINT = "--format csv gives every column"


def _cell(value: object, digits: int) -> str:
    """Return a table cell: floats rounded, missing values shown as '–'."""
    if value is None:
        return "–"
    if isinstance(value, float):
        if math.isnan(value):
            return "–"
        return f"{value:.{digits}f}"
    if value is pd.NA or value is pd.NaT:
        return "–"
    return str(value)


def _numeric(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def render_table(df: pd.DataFrame, title: str | None = None, digits: int = 3) -> Table:
    """Return a Rich table of ``df``: numbers right-aligned and never cut, text wrapping inside its cell."""
    table = Table(title=title, header_style="bold", show_lines=False)
    for col in df.columns:
        if _numeric(df[col]):
            table.add_column(str(col), justify="right", no_wrap=True)
        else:
            table.add_column(str(col), justify="left", overflow="fold")
    for row in df.itertuples(index=False):
        table.add_row(*(_cell(v, digits) for v in row))
    return table


def _widths(df: pd.DataFrame, digits: int) -> dict[str, int]:
    """Return each column's width in characters when fitting: text columns count as wrapped."""
    widths = {}
    for col in df.columns:
        cells = [cell_len(_cell(v, digits)) for v in df[col]]
        natural = max([cell_len(str(col)), *cells])
        if not _numeric(df[col]):
            natural = min(natural, max(fit.TEXT_WRAP, cell_len(str(col))))
        widths[col] = natural
    return widths


def print_table(
    df: pd.DataFrame,
    *,
    title: str | None = None,
    digits: int = 3,
    first: Sequence[str] = (),
    key: Sequence[str] | None = None,
    all_columns: bool = False,
    hint: str = ALL_COLUMNS_HINT,
    console: Console | None = None,
) -> list[str]:
    """Print ``df`` as tables that fit the console; return the columns left out (empty when all shown).

    Columns named in ``first`` lead (the measure asked for, n, its interval), the others follow in the
    frame's order as far as the width allows. ``key`` (default: the first of those columns) labels the rows
    of every further block that ``all_columns`` prints. Left-out columns are named under the table with
    ``hint`` (how to get them).
    """
    console = console or Console()
    order = fit.column_order(list(df.columns), first)
    widths = _widths(df, digits)
    key = list(key) if key is not None else order[:1]
    parts = fit.blocks(widths, order, console.width, key=key)
    if len(parts) == 1:
        console.print(render_table(df[parts[0]], title=title, digits=digits))
        return []
    if len(df) == 1:
        side = pd.DataFrame({"column": [str(c) for c in order], "value": [_cell(df[c].iloc[0], digits) for c in order]})
        console.print(render_table(side, title=title, digits=digits))
        return []
    if all_columns:
        for i, cols in enumerate(parts):
            label = title if i == 0 else f"(continued, {i + 1} of {len(parts)})"
            console.print(render_table(df[cols], title=label, digits=digits))
        return []
    console.print(render_table(df[parts[0]], title=title, digits=digits))
    hidden = [str(c) for c in order if c not in parts[0]]
    console.print(f"{len(hidden)} more columns do not fit {console.width} characters: {', '.join(hidden)}; {hint}.")
    return hidden


def emit(
    df: pd.DataFrame,
    fmt: Format | str = Format.table,
    out: Path | None = None,
    title: str | None = None,
    digits: int = 3,
    *,
    first: Sequence[str] = (),
    key: Sequence[str] | None = None,
    all_columns: bool = False,
    hint: str = ALL_COLUMNS_HINT,
) -> None:
    """Write ``df`` as a table (terminal), CSV, JSON (records) or Parquet to ``out`` or stdout.

    A terminal table fits the terminal (:func:`print_table`; ``first``, ``key``, ``all_columns`` and
    ``hint`` go to it); a table written to ``out`` has every column.
    """
    fmt = Format(fmt)
    if fmt is Format.parquet:
        if out is None:
            if sys.stdout.isatty():
                raise InputError("parquet is binary: give --out FILE.parquet or pipe the output")
            buf = io.BytesIO()
            df.to_parquet(buf, index=False)
            sys.stdout.buffer.write(buf.getvalue())
            return
        _atomic_write_bytes(out, lambda p: df.to_parquet(p, index=False))
        return
    if fmt is Format.csv:
        text = df.to_csv(index=False)
    elif fmt is Format.json:
        text = df.to_json(orient="records", date_format="iso", indent=None) + "\n"
    else:
        if out is not None:
            text = df.to_string(index=False) + "\n"
        else:
            print_table(df, title=title, digits=digits, first=first, key=key, all_columns=all_columns, hint=hint)
            return
    if out is None:
        sys.stdout.write(text)
    else:
        _atomic_write_bytes(out, lambda p: Path(p).write_text(text, encoding="utf-8"))


def _atomic_write_bytes(out: Path, writer) -> None:
    """Write through ``writer(tmp_path)`` and rename into place, so ``out`` is never half-written.

    An OS refusal (no permission, a read-only or pseudo file system, a full disk) is one InputError line.
    """
    out = check_out(out)
    assert out is not None
    tmp = out.with_name(f".{out.name}.partial")
    try:
        writer(tmp)
        tmp.replace(out)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(f"cannot write {out}: {reason.lower()}; choose another place") from None
    finally:
        try:
            if tmp.exists():
                tmp.unlink()
        except OSError:
            pass
