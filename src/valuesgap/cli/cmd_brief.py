"""``valuesgap brief``: the written brief of a dyad as HTML (and PDF)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from valuesgap.cli.app import app
from valuesgap.cli.options import SINCE, UNTIL, deprecated_flag
from valuesgap.errors import InputError


@app.command("brief")
def brief(
    a: str = typer.Argument(..., help="State A (the brief's own side): name, ISO2/ISO3 or COW code."),
    b: str = typer.Argument(..., help="State B."),
    start: Optional[int] = typer.Option(None, "--from", help="First year of the brief (default: all years)."),
    end: Optional[int] = typer.Option(None, "--to", help="Last year (default: the latest with votes)."),
    since: Optional[int] = SINCE,
    until: Optional[int] = UNTIL,
    out: Optional[Path] = typer.Option(None, "--out", help="HTML file to write (default: brief-A-B.html here)."),
    pdf: Optional[Path] = typer.Option(None, "--pdf", help="Also write a PDF (headless Chromium) to this file."),
) -> None:
    """Write a self-contained HTML brief (and optionally a PDF): two tracks, values gap, commitments, options."""
    from valuesgap.brief import build_brief, write_html, write_pdf
    from valuesgap.countries import resolve

    start = deprecated_flag(start, since, "--since", "--from")
    end = deprecated_flag(end, until, "--until", "--to")
    ca, cb = resolve(a), resolve(b)
    html_path = out or Path(f"brief-{ca.iso3}-{cb.iso3}.html")
    if html_path.suffix.lower() not in (".html", ".htm"):
        raise InputError(f"--out {html_path} should end in .html")
    if pdf is not None and pdf.suffix.lower() != ".pdf":
        raise InputError(f"--pdf {pdf} should end in .pdf")
    content = build_brief(a, b, start=start, end=end)
    write_html(content, html_path)
    typer.echo(f"wrote {html_path.resolve()}")
    if pdf is not None:
        write_pdf(html_path, pdf)
        typer.echo(f"wrote {pdf.resolve()}")
    typer.echo(content.summary_text())
