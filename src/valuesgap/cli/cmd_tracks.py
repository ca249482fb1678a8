"""``valuesgap tracks``: the two-track picture of a dyad per year, or its change points."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from valuesgap.cli.app import app
from valuesgap.cli.options import END, FORMAT, MEASURE_HELP, OUT, START, Format, terminal

TRACK_TABLE = [
    "year",
    "shared_interests",
    "shared_interests_n",
    "values_votes",
    "values_votes_n",
    "values_institutions",
    "ideal_distance",
    "ideal_distance_hr",
]


@app.command("tracks")
def tracks(
    a: str = typer.Argument(..., help="State A: name, ISO2/ISO3 or COW code."),
    b: str = typer.Argument(..., help="State B."),
    start: Optional[int] = START,
    end: Optional[int] = END,
    measure: str = typer.Option("agreement", "--measure", help=MEASURE_HELP),
    shared: str = typer.Option("nu,di", "--shared", help="Issue codes of the shared-interest track."),
    values: str = typer.Option("hr", "--values", help="Issue codes of the values (votes) track."),
    level: float = typer.Option(0.95, "--ci", help="Bootstrap interval level for the vote tracks."),
    no_ideal: bool = typer.Option(False, "--no-ideal", help="Skip the ideal-point distances (faster)."),
    changes: bool = typer.Option(False, "--changes", help="List the change points of each track instead."),
    fmt: Format = FORMAT,
    out: Optional[Path] = OUT,
) -> None:
    """Per year: shared-interest vote similarity, human-rights vote similarity, value-dimension gaps, ideal-point distance."""
    from rich.console import Console

    from valuesgap.analysis import changepoints
    from valuesgap.analysis import tracks as tr
    from valuesgap.analysis.meta import meta_of
    from valuesgap.cli.output import emit

    frame = tr.tracks(
        a,
        b,
        start=start,
        end=end,
        measure=measure,
        shared_issues=shared,
        values_issues=values,
        level=level,
        ideal=not no_ideal,
    )
    names = " – ".join(meta_of(frame).names)
    if changes:
        # not on the ideal-point distances: their random-walk paths are smooth trends, not steps
        found = changepoints.change_points(frame, ["shared_interests", "values_votes", "values_institutions"])
        if terminal(fmt, out):
            emit(
                found[["track", "year", "before_mean", "after_mean", "change"]],
                fmt,
                out,
                title=f"{names}: change points (ruptures Pelt, BIC penalty)",
            )
            for sentence in found["sentence"]:
                Console().print(f"• {sentence}")
            return
        emit(found, fmt, out)
        return
    emit(
        frame[TRACK_TABLE] if terminal(fmt, out) else frame,
        fmt,
        out,
        title=f"{names}: the two tracks per year ({frame.attrs['measure']}; shared = {shared}, values = {values})",
    )
    if terminal(fmt, out):
        console = Console()
        console.print("NaN/– = no roll call or no data that year (missing, not zero). All columns: --format csv.")
        for line in frame.attrs["missing"]:
            console.print(f"missing: {line}")
