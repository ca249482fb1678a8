"""``valuesgap countries``: states and their codes."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from valuesgap.cli.app import app
from valuesgap.cli.options import FORMAT, OUT, Format


@app.command("countries")
def countries(
    query: Optional[str] = typer.Argument(None, help="Part of a name, or a code (ISO2/ISO3/COW)."),
    fmt: Format = FORMAT,
    out: Optional[Path] = OUT,
) -> None:
    """List states and their codes (all, or those matching QUERY)."""
    from valuesgap import countries as country_lookup
    from valuesgap.cli.output import emit
    from valuesgap.errors import NoData

    frame = country_lookup.search(query)
    if frame.empty:
        country_lookup.resolve(query)  # raises UnknownCountry with suggestions
        raise NoData(f"no state matches {query!r}")
    emit(frame, fmt, out, title="States")
