"""``valuesgap countries``, ``votes`` and ``summary``: look-ups over the store."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from valuesgap import countries as country_lookup
from valuesgap.analysis import votes as vote_lookup
from valuesgap.cli.app import app
from valuesgap.cli.output import Format, emit
from valuesgap.countries import resolve
from valuesgap.errors import NoData

FORMAT = typer.Option(Format.table, "--format", help="table, csv, json or parquet.")
OUT = typer.Option(None, "--out", help="Write to this file instead of the terminal.")


@app.command("countries")
def countries(
    query: Optional[str] = typer.Argument(None, help="Part of a name, or a code (ISO2/ISO3/COW)."),
    fmt: Format = FORMAT,
    out: Optional[Path] = OUT,
) -> None:
    """List states and their codes (all, or those matching QUERY)."""
    frame = country_lookup.search(query)
    if frame.empty:
        resolve(query)  # raises UnknownCountry with suggestions
        raise NoData(f"no state matches {query!r}")
    emit(frame, fmt, out, title="States")


@app.command("votes")
def votes(
    country: str = typer.Argument(..., help="A state: name, ISO2/ISO3 or COW code."),
    session: int = typer.Option(..., "--session", help="UNGA session number (1–78)."),
    fmt: Format = FORMAT,
    out: Optional[Path] = OUT,
) -> None:
    """How a state voted in one session, with the resolutions' descriptions."""
    frame = vote_lookup.votes(country, session)
    emit(frame, fmt, out, title=f"{resolve(country).name}: UNGA session {session}")


@app.command("summary")
def summary(
    a: str = typer.Argument("United States"),
    b: str = typer.Argument("Russia"),
    start: Optional[int] = typer.Option(None, "--from", help="First calendar year."),
    end: Optional[int] = typer.Option(None, "--to", help="Last calendar year."),
    fmt: Format = FORMAT,
    out: Optional[Path] = OUT,
) -> None:
    """Votes in common per session and the share of identical votes for a pair of states."""
    frame = vote_lookup.votes_in_common(a, b, start, end)
    sa, sb = resolve(a), resolve(b)
    emit(frame, fmt, out, title=f"{sa.name} – {sb.name}: UNGA votes in common per session")
    if fmt is Format.table and out is None:
        total = int(frame["n_common"].sum())
        same = int(frame["identical"].sum())
        Console().print(
            f"{sa.name} and {sb.name}: {total:,} roll calls in common over {len(frame)} sessions "
            f"({int(frame['year_from'].min())}–{int(frame['year_to'].max())}); "
            f"identical votes {same:,} ({same / total:.1%})."
        )
