"""Writing a DataFrame to the terminal (Rich table) or to a pipe/file as CSV, JSON or Parquet."""

from __future__ import annotations

import io
import math
import sys
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

from valuesgap.cli.options import Format
from valuesgap.cli.outpath import check_out
from valuesgap.errors import InputError

__all__ = ["Format", "check_out", "emit", "render_table"]


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


def render_table(df: pd.DataFrame, title: str | None = None, digits: int = 3) -> Table:
    """Return a Rich table of ``df`` with numbers right-aligned."""
    table = Table(title=title, header_style="bold", show_lines=False)
    for col in df.columns:
        numeric = pd.api.types.is_numeric_dtype(df[col]) and not pd.api.types.is_bool_dtype(df[col])
        table.add_column(str(col), justify="right" if numeric else "left")
    for row in df.itertuples(index=False):
        table.add_row(*(_cell(v, digits) for v in row))
    return table


def emit(
    df: pd.DataFrame,
    fmt: Format | str = Format.table,
    out: Path | None = None,
    title: str | None = None,
    digits: int = 3,
) -> None:
    """Write ``df`` as a table (terminal), CSV, JSON (records) or Parquet to ``out`` or stdout."""
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
            Console().print(render_table(df, title=title, digits=digits))
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
