"""``valuesgap brief``: the written brief of a dyad as HTML (and PDF)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from valuesgap.cli.app import app
from valuesgap.cli.options import SINCE, UNTIL, deprecated_flag
from valuesgap.cli.outpath import out_callback
from valuesgap.errors import InputError


@app.command("brief")
def brief(
    a: str = typer.Argument(..., help="State A (the brief's own side): name, ISO2/ISO3 or COW code."),
    b: str = typer.Argument(..., help="State B."),
    start: Optional[int] = typer.Option(None, "--from", help="First year of the brief (default: all years)."),
    end: Optional[int] = typer.Option(None, "--to", help="Last year (default: the latest with votes)."),
    since: Optional[int] = SINCE,
    until: Optional[int] = UNTIL,
    out: Optional[Path] = typer.Option(
        None, "--out", help="HTML file to write (default: brief-A-B.html here).", callback=out_callback
    ),
    pdf: Optional[Path] = typer.Option(
        None, "--pdf", help="Also write a PDF (headless Chromium) to this file.", callback=out_callback
    ),
) -> None:
    """Write a self-contained HTML brief (and optionally a PDF): two tracks, values gap, commitments, options."""
    from valuesgap.brief import build_brief, write_html, write_pdf

    start = deprecated_flag(start, since, "--since", "--from")
    end = deprecated_flag(end, until, "--until", "--to")
    if out is not None and out.suffix.lower() not in (".html", ".htm"):
        raise InputError(f"--out {out} should end in .html")
    if pdf is not None and pdf.suffix.lower() != ".pdf":
        raise InputError(f"--pdf {pdf} should end in .pdf")
    content = build_brief(a, b, start=start, end=end)
    html_path = out or Path(f"brief-{content.a.iso3}-{content.b.iso3}.html")  # the states the brief resolved
    write_html(content, html_path)
    typer.echo(f"wrote {html_path.resolve()}")
    if pdf is not None:
        write_pdf(html_path, pdf)
        typer.echo(f"wrote {pdf.resolve()}")
    typer.echo(content.summary_text())
