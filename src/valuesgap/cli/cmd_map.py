"""``valuesgap map``: the two-track map of a state — every partner by values gap and cooperation."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from valuesgap.cli.app import app
from valuesgap.cli.options import END, FORMAT, OUT, START, Format, terminal

#: The default of ``min_n`` (``valuesgap.analysis.selection.DEFAULT_MIN_N``; repeated here because command
#: registration must not import the numeric stack; a test checks they agree).
MIN_N = 10
#: Terminal columns and their short headers (the legend under the table spells them out; --format csv
#: keeps the full names).
MAP_TABLE = {
    "iso3": "iso3",
    "name": "name",
    "values_institutions": "gap",
    "shared_interests": "coop",
    "shared_interests_n": "n",
    "values_votes": "hr",
}
COMPARE_TABLE = {
    "iso3": "iso3",
    "from_values_institutions": "gap_from",
    "values_institutions": "gap",
    "from_shared_interests": "coop_from",
    "shared_interests": "coop",
    "shared_interests_n": "n",
}


@app.command("map")
def track_map(
    state: str = typer.Argument(..., help="The focal state: name, ISO2/ISO3 or COW code."),
    start: Optional[int] = START,
    end: Optional[int] = END,
    compare: Optional[str] = typer.Option(
        None, "--compare", help="A second period FROM-TO (e.g. 2006-2008): where each partner moved from."
    ),
    arena: str = typer.Option(
        "assembly",
        "--arena",
        help="Cooperation axis: assembly (nu+di votes), council (shared-interest drafts) or events.",
    ),
    min_n: int = typer.Option(
        MIN_N,
        "--min-n",
        help=f"Leave off the map partners with fewer roll calls (drafts, events) in common (default {MIN_N}).",
    ),
    fmt: Format = FORMAT,
    out: Optional[Path] = OUT,
) -> None:
    """Every partner of STATE: institutional values gap (x) against shared-interest cooperation (y), with the ones left out and why."""
    from rich.console import Console

    from valuesgap.analysis import track_map as tm
    from valuesgap.analysis.meta import meta_of
    from valuesgap.cli.output import emit

    frame = tm.track_map(state, start=start, end=end, compare=compare, arena=arena, min_n=min_n)
    meta = meta_of(frame)
    if not terminal(fmt, out):
        emit(frame, fmt, out)
        return
    placed = frame[frame["left_out"] == ""]
    title = f"The two-track map of {meta.names[0]}, {meta.start}–{meta.end} ({frame.attrs['arena']})"
    if compare is None:
        emit(placed[list(MAP_TABLE)].rename(columns=MAP_TABLE), fmt, out, title=title)
    else:
        both = placed[placed["from_left_out"] == ""]
        first, last = frame.attrs["compare"]
        emit(both[list(COMPARE_TABLE)].rename(columns=COMPARE_TABLE), fmt, out, title=f"{title}; _from: {first}–{last}")
    console = Console()
    console.print(
        "gap = values_institutions: mean |gap| over the value dimensions (0–1); coop = shared_interests: "
        f"{frame.attrs['arena_label']}; n = {tm.ARENA_UNITS[frame.attrs['arena']]} in common; hr = values_votes: "
        "human-rights vote agreement. All columns, full names: --format csv.",
        markup=False,
    )
    for note in frame.attrs["notes"].values():
        console.print(f"data: {note}", markup=False)
    left = frame[frame["left_out"] != ""]
    if compare is not None:
        moved_out = placed[placed["from_left_out"] != ""]
        left = frame[(frame["left_out"] != "") | frame["iso3"].isin(moved_out["iso3"])]
    console.print(f"Left out ({len(left)}):" if len(left) else "Left out: none")
    for row in left.itertuples():
        why = row.left_out
        if compare is not None and row.from_left_out:
            why = "; ".join(w for w in (why, f"{first}–{last}: {row.from_left_out}") if w)
        console.print(f"  {row.iso3} {row.name}: {why}", markup=False)
