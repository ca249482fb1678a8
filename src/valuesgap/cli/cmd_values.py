"""``valuesgap values`` and ``valuesgap commitments``: the values track of a pair of states."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from valuesgap.cli.app import app
from valuesgap.cli.options import END, FORMAT, OUT, SINCE, START, Format, deprecated_flag, terminal

if TYPE_CHECKING:
    import pandas as pd

DEFINITIONS = typer.Option(None, "--definitions", help="Your own dimensions TOML (see facts/dimensions.toml).")

GAP_TABLE = ["year", "dimension", "a_value", "b_value", "gap", "gap_lo", "gap_hi", "a_n_components", "b_n_components"]
GAP_LABELS = {
    "a_value": "A",
    "b_value": "B",
    "gap_lo": "gap lo",
    "gap_hi": "gap hi",
    "a_n_components": "n A",
    "b_n_components": "n B",
}
NOTE_PRESENT = (
    "0–1 scale, higher = freer / less captured; – = no data (missing, not zero); plain means of the components "
    "present (values step where a source starts or ends). Components: --components; all columns: --format csv."
)
NOTE_LINKED = (
    "0–1 scale, higher = freer / less captured; – = no data (missing, not zero). Constant footing: changes are "
    "measured on the components present in both years, the level is that of the fullest component set, and A "
    "and B use the same components (docs/values.md). Components: --components; all columns: --format csv."
)


@app.command("values")
def values(
    a: str = typer.Argument(..., help="State A: name, ISO2/ISO3 or COW code."),
    b: Optional[str] = typer.Argument(None, help="State B (omit to see A alone)."),
    dimension: Optional[list[str]] = typer.Option(
        None, "--dimension", "-d", help="repression, media, capture, rule_of_law, democracy (repeat or comma-separate)."
    ),
    start: Optional[int] = START,
    end: Optional[int] = END,
    components: bool = typer.Option(
        False, "--components", help="Show the raw and scaled indicators behind the values."
    ),
    same_components: bool = typer.Option(
        False,
        "--same-components",
        help="With --footing present: compare A and B each year only on the components both have.",
    ),
    footing: str = typer.Option(
        "linked",
        "--footing",
        help="linked: a series moves only when its components move (a source starting or ending moves "
        "nothing; A and B on the components both have); present: the plain mean of what is present.",
    ),
    definitions: Optional[Path] = DEFINITIONS,
    fmt: Format = FORMAT,
    out: Optional[Path] = OUT,
) -> None:
    """The value dimensions of A (and the gap A − B) per year, from V-Dem, Freedom House, Polity, Fariss, CIRIGHTS, WGI."""
    import pandas as pd
    from rich.console import Console

    from valuesgap.analysis import values as vals
    from valuesgap.analysis.meta import meta_of
    from valuesgap.cli.output import emit

    dims = dimension or None
    period = {"start": start, "end": end, "definitions": definitions}
    if components:
        frames = [vals.value_components(s, dimension=dims, **period) for s in (a, b) if s is not None]
        frame = pd.concat(frames, ignore_index=True)
        names = " and ".join(meta_of(f).names[0] for f in frames)
        emit(frame, fmt, out, title=f"{names}: indicators behind the value dimensions (raw → 0–1 scaled)")
        return
    if b is None:
        frame = vals.dimension_values(a, dimension=dims, footing=footing, **period)
        name = meta_of(frame).names[0]
        shown = (
            frame.drop(columns=["components", "unlinked", "coverage_change"]).rename(columns={"n_components": "n"})
            if terminal(fmt, out)
            else frame
        )
        emit(shown, fmt, out, title=f"{name}: value dimensions (0–1, higher = better)")
    else:
        frame = vals.values_gap(a, b, dimension=dims, same_components=same_components, footing=footing, **period)
        name_a, name_b = meta_of(frame).names
        shown = frame[GAP_TABLE].rename(columns=GAP_LABELS) if terminal(fmt, out) else frame
        emit(shown, fmt, out, title=f"Values gap A − B: A = {name_a}, B = {name_b}")
    if terminal(fmt, out):
        console = Console()
        console.print(NOTE_LINKED if footing == "linked" else NOTE_PRESENT)
        for line in coverage_lines(frame):
            console.print(line, highlight=False)


def coverage_lines(frame: pd.DataFrame) -> list[str]:
    """Return one line per year and dimension where the component set changes (what, and the link)."""
    rows = frame[frame["coverage_change"] != ""]
    if rows.empty:
        return []
    return ["Coverage changes:"] + [f"  {r.year} {r.dimension}: {r.coverage_change}" for r in rows.itertuples()]


def _dated(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the ledger with ``date`` as YYYY-MM-DD text ('' where only the year is known)."""
    out = frame.copy()
    out["date"] = out["date"].dt.strftime("%Y-%m-%d").fillna("")
    return out


@app.command("commitments")
def commitments(
    state: str = typer.Argument(..., help="A state: name, ISO2/ISO3 or COW code."),
    start: Optional[int] = typer.Option(None, "--from", help="Only actions from this year on."),
    end: Optional[int] = typer.Option(None, "--to", help="Only actions up to this year."),
    since: Optional[int] = SINCE,
    record: bool = typer.Option(
        False, "--record", help="One row per commitment and dimension (the numbers behind the record)."
    ),
    definitions: Optional[Path] = DEFINITIONS,
    fmt: Format = FORMAT,
    out: Optional[Path] = OUT,
) -> None:
    """Commitments a state undertook (UN treaties, Helsinki, Paris, ECHR, arms control), with the record since."""
    from rich.console import Console

    from valuesgap.analysis import commitments as ledger
    from valuesgap.analysis.meta import meta_of
    from valuesgap.cli.output import emit

    start = deprecated_flag(start, since, "--since", "--from")
    if record:
        frame = ledger.compliance_record(state, start=start, end=end, definitions=definitions)
        emit(frame, fmt, out, title=f"{meta_of(frame).names[0]}: compliance record since each commitment")
        return
    frame = ledger.commitments(state, start=start, end=end, definitions=definitions)
    name = meta_of(frame).names[0]
    if fmt is not Format.parquet:
        frame = _dated(frame)
    if terminal(fmt, out):
        emit(
            frame[["date", "commitment", "action", "dimensions", "record", "source"]],
            fmt,
            out,
            title=f"{name}: commitments and the record since",
        )
        Console().print(
            f"Trend: a change of more than ±{ledger.TREND_THRESHOLD:.2f} on the 0–1 scale is "
            "rising/falling, else stable. URLs and notes: --format csv."
        )
        return
    emit(frame, fmt, out, title=f"{name}: commitments")
