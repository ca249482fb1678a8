"""``valuesgap similarity`` and ``partners``: UNGA vote similarity for a pair, every pair, or one state's partners."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from valuesgap.cli.app import app
from valuesgap.cli.options import (
    ALL_COLUMNS,
    ALL_COLUMNS_NOTE,
    END,
    FORMAT,
    ISSUE_HELP,
    MEASURE_HELP,
    OUT,
    START,
    Format,
    terminal,
)
from valuesgap.errors import InputError

#: The ranking minimum of shared roll calls: ``valuesgap.analysis.selection.DEFAULT_MIN_N`` (written out
#: here because command registration must not import the numeric stack; a test checks they agree).
MIN_N = 10


@app.command("similarity")
def similarity(
    a: Optional[str] = typer.Argument(None, help="First state: name, ISO2/ISO3 or COW code."),
    b: Optional[str] = typer.Argument(None, help="Second state."),
    issue: str = typer.Option("all", "--issue", help=ISSUE_HELP),
    by: str = typer.Option("session", "--by", help="Group roll calls by UNGA 'session' or calendar 'year'."),
    important: bool = typer.Option(False, "--important", help="Only the US State Department's important votes."),
    level: Optional[float] = typer.Option(None, "--ci", help="Add bootstrap intervals at this level, e.g. 0.95."),
    measure: str = typer.Option(
        "agreement", "--measure", help=f"The measure the table shows first, with its interval: {MEASURE_HELP}"
    ),
    start: Optional[int] = START,
    end: Optional[int] = END,
    every_dyad: bool = typer.Option(False, "--all", help="Every pair × group × issue slice (needs --out)."),
    fmt: Optional[Format] = typer.Option(None, "--format", help="table, csv, json or parquet."),
    out: Optional[Path] = OUT,
    all_columns: bool = ALL_COLUMNS,
) -> None:
    """Vote similarity of two states per session or year: n and five measures (optionally with intervals).

    The terminal table shows the group, n, the --measure and its interval first, then the other measures
    as far as the terminal is wide; --all-columns or --format csv give every column.
    """
    if every_dyad:
        _write_cube(a, b, by, important, start, end, fmt, out)
        return
    if a is None or b is None:
        raise InputError("give two states, e.g. 'valuesgap similarity USA RUS', or --all --out cube.parquet")
    from valuesgap.analysis import selection
    from valuesgap.analysis import similarity as sim
    from valuesgap.analysis.meta import meta_of
    from valuesgap.cli.output import emit

    measure = selection.check_measure(measure)
    frame = sim.similarity(a, b, issue=issue, by=by, important=important, level=level, start=start, end=end)
    last = selection.data_end()
    if end is not None and end > last.year:
        typer.echo(f"note: the Assembly votes in the data end on {last.date()}; {selection.FETCH_HINT}", err=True)
    slice_label = "all roll calls" if issue.lower() == "all" else f"issue {issue.lower()}"
    if important:
        slice_label += ", important votes"
    title = f"{' – '.join(meta_of(frame).names)}: UNGA vote similarity ({slice_label}, by {by})"
    emit(
        frame,
        fmt or Format.table,
        out,
        title=title,
        first=_first_columns(by.strip().lower(), measure, selection.MEASURES),
        all_columns=all_columns,
        hint=ALL_COLUMNS_NOTE,
    )


def _first_columns(group: str, measure: str, measures: tuple[str, ...]) -> list[str]:
    """Return the similarity table's columns by importance: group, n, the measure and its interval, the rest."""
    others = [m for m in measures if m != measure]
    intervals = [f"{m}_{end}" for m in others for end in ("lo", "hi")]
    return [group, "n", measure, f"{measure}_lo", f"{measure}_hi", *others, *intervals]


def _write_cube(
    a: str | None,
    b: str | None,
    by: str,
    important: bool,
    start: int | None,
    end: int | None,
    fmt: Format | None,
    out: Path | None,
) -> None:
    """Write every dyad × group × issue slice to ``out`` (parquet unless --format says otherwise)."""
    if a is not None or b is not None:
        raise InputError("--all covers every pair of states: drop the state arguments")
    if out is None:
        raise InputError("--all writes millions of rows: give --out FILE (e.g. --out cube.parquet)")
    if fmt is None:
        fmt = {".csv": Format.csv, ".json": Format.json}.get(out.suffix.lower(), Format.parquet)
    if fmt is Format.table:
        raise InputError("--all cannot be shown as a table: use --format parquet, csv or json")
    from valuesgap.analysis import similarity as sim
    from valuesgap.cli.output import emit

    cube = sim.similarity_cube(by=by, important=important, start=start, end=end)
    emit(cube, fmt, out)
    typer.echo(f"wrote {len(cube):,} rows (dyad × {by} × issue) to {out}", err=True)


@app.command("partners")
def partners(
    focal: str = typer.Argument(..., help="The focal state: name, ISO2/ISO3 or COW code."),
    session: Optional[int] = typer.Option(None, "--session", help="UNGA session number (default: the latest)."),
    year: Optional[int] = typer.Option(None, "--year", help="Calendar year, instead of a session."),
    issue: str = typer.Option("all", "--issue", help=ISSUE_HELP),
    measure: str = typer.Option("coincidence", "--measure", help=f"Rank by: {MEASURE_HELP}"),
    important: bool = typer.Option(False, "--important", help="Only the US State Department's important votes."),
    min_n: int = typer.Option(
        MIN_N, "--min-n", help=f"Leave unranked the partners with fewer roll calls in common (default {MIN_N})."
    ),
    level: float = typer.Option(0.95, "--ci", help="Bootstrap interval level beside the ranked measure."),
    n_boot: int = typer.Option(1000, "--boot", help="Bootstrap resamples for the interval (0: no interval)."),
    fmt: Format = FORMAT,
    out: Optional[Path] = OUT,
    all_columns: bool = ALL_COLUMNS,
) -> None:
    """Every other state ranked by vote similarity with FOCAL in one session or year, with intervals.

    The terminal table shows rank, partner, n, the --measure and its interval first, then the other
    measures as far as the terminal is wide; --all-columns or --format csv give every column.
    """
    from rich.console import Console

    from valuesgap.analysis import similarity as sim
    from valuesgap.analysis.meta import meta_of
    from valuesgap.cli.output import emit

    frame = sim.partners(
        focal,
        session=session,
        year=year,
        issue=issue,
        measure=measure,
        important=important,
        min_n=min_n,
        level=level if n_boot > 0 else None,
        n_boot=max(n_boot, 1),
    )
    when = f"{frame.attrs.get('by', 'session')} {frame.attrs.get('value', session or year)}"
    title = f"Voting with {meta_of(frame).names[0]}, {when} ({issue.lower()}; ranked by {measure})"
    ranked = frame.attrs.get("measure", measure)
    emit(
        frame,
        fmt,
        out,
        title=title,
        first=["rank", "name", "n", ranked, f"{ranked}_lo", f"{ranked}_hi"],
        key=["name"],
        all_columns=all_columns,
        hint=ALL_COLUMNS_NOTE,
    )
    if terminal(fmt, out):
        ci = f"; {measure}_lo/_hi: {level:.0%} bootstrap interval over the roll calls in common" if n_boot > 0 else ""
        Console().print(
            f"Unranked (rank –): fewer than {min_n} roll calls in common with {meta_of(frame).names[0]}{ci}."
        )
