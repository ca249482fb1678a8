"""``valuesgap votes`` and ``valuesgap summary``: how a state voted, and a dyad's votes in common."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from valuesgap.cli.app import app
from valuesgap.cli.options import END, FORMAT, OUT, START, Format, terminal


@app.command("votes")
def votes(
    country: str = typer.Argument(..., help="A state: name, ISO2/ISO3 or COW code."),
    session: int = typer.Option(..., "--session", help="UNGA session number (1–78)."),
    fmt: Format = FORMAT,
    out: Optional[Path] = OUT,
) -> None:
    """How a state voted in one session, with the resolutions' descriptions."""
    from valuesgap.analysis import votes as vote_lookup
    from valuesgap.analysis.meta import meta_of
    from valuesgap.cli.output import emit

    frame = vote_lookup.votes(country, session=session)
    emit(frame, fmt, out, title=f"{meta_of(frame).names[0]}: UNGA session {session}")


@app.command("summary")
def summary(
    a: str = typer.Argument("United States"),
    b: str = typer.Argument("Russia"),
    start: Optional[int] = START,
    end: Optional[int] = END,
    fmt: Format = FORMAT,
    out: Optional[Path] = OUT,
) -> None:
    """Votes in common per session and the share of identical votes for a pair of states."""
    from rich.console import Console

    from valuesgap.analysis import votes as vote_lookup
    from valuesgap.analysis.meta import meta_of
    from valuesgap.cli.output import emit

    frame = vote_lookup.votes_in_common(a, b, start=start, end=end)
    name_a, name_b = meta_of(frame).names
    emit(frame, fmt, out, title=f"{name_a} – {name_b}: UNGA votes in common per session")
    if terminal(fmt, out):
        total = int(frame["n_common"].sum())
        same = int(frame["identical"].sum())
        Console().print(
            f"{name_a} and {name_b}: {total:,} roll calls in common over {len(frame)} sessions "
            f"({int(frame['year_from'].min())}–{int(frame['year_to'].max())}); "
            f"identical votes {same:,} ({same / total:.1%})."
        )
