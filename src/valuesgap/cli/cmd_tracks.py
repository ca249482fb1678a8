"""``valuesgap tracks`` and ``valuesgap brief``: the two-track picture of a dyad and the written brief."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from valuesgap.cli.app import app
from valuesgap.cli.output import Format, emit
from valuesgap.countries import resolve
from valuesgap.errors import InputError

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
    start: Optional[int] = typer.Option(None, "--from", help="First calendar year."),
    end: Optional[int] = typer.Option(None, "--to", help="Last calendar year."),
    measure: str = typer.Option(
        "agreement", "--measure", help="agreement, coincidence, s_score, cohen_kappa or scott_pi."
    ),
    shared: str = typer.Option("nu,di", "--shared", help="Issue codes of the shared-interest track."),
    values: str = typer.Option("hr", "--values", help="Issue codes of the values (votes) track."),
    ci: float = typer.Option(0.95, "--ci", help="Bootstrap interval level for the vote tracks."),
    no_ideal: bool = typer.Option(False, "--no-ideal", help="Skip the ideal-point distances (faster)."),
    changes: bool = typer.Option(False, "--changes", help="List the change points of each track instead."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, csv, json or parquet."),
    out: Optional[Path] = typer.Option(None, "--out", help="Write to this file instead of the terminal."),
) -> None:
    """Per year: shared-interest vote similarity, human-rights vote similarity, value-dimension gaps, ideal-point distance."""
    from valuesgap.analysis import changepoints
    from valuesgap.analysis import tracks as tr

    frame = tr.tracks(
        a, b, start, end, measure=measure, shared_issues=shared, values_issues=values, level=ci, ideal=not no_ideal
    )
    names = f"{resolve(a).name} – {resolve(b).name}"
    if changes:
        # not on the ideal-point distances: their random-walk paths are smooth trends, not steps
        found = changepoints.change_points(frame, ["shared_interests", "values_votes", "values_institutions"])
        if fmt is Format.table and out is None:
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
    terminal = fmt is Format.table and out is None
    emit(
        frame[TRACK_TABLE] if terminal else frame,
        fmt,
        out,
        title=f"{names}: the two tracks per year ({frame.attrs['measure']}; shared = {shared}, values = {values})",
    )
    if terminal:
        console = Console()
        console.print("NaN/– = no roll call or no data that year (missing, not zero). All columns: --format csv.")
        for line in frame.attrs["missing"]:
            console.print(f"missing: {line}")


@app.command("brief")
def brief(
    a: str = typer.Argument(..., help="State A (the brief's own side): name, ISO2/ISO3 or COW code."),
    b: str = typer.Argument(..., help="State B."),
    since: Optional[int] = typer.Option(None, "--since", help="First year of the brief (default: all years)."),
    until: Optional[int] = typer.Option(None, "--until", help="Last year (default: the latest with votes)."),
    out: Optional[Path] = typer.Option(None, "--out", help="HTML file to write (default: brief-A-B.html here)."),
    pdf: Optional[Path] = typer.Option(None, "--pdf", help="Also write a PDF (headless Chromium) to this file."),
) -> None:
    """Write a self-contained HTML brief (and optionally a PDF): two tracks, values gap, commitments, options."""
    from valuesgap.brief import build_brief, write_html, write_pdf

    ca, cb = resolve(a), resolve(b)
    html_path = out or Path(f"brief-{ca.iso3}-{cb.iso3}.html")
    if html_path.suffix.lower() not in (".html", ".htm"):
        raise InputError(f"--out {html_path} should end in .html")
    if pdf is not None and pdf.suffix.lower() != ".pdf":
        raise InputError(f"--pdf {pdf} should end in .pdf")
    content = build_brief(a, b, since=since, until=until)
    write_html(content, html_path)
    console = Console()
    console.print(f"wrote {html_path.resolve()}")
    if pdf is not None:
        write_pdf(html_path, pdf)
        console.print(f"wrote {pdf.resolve()}")
    typer.echo(content.summary_text())
