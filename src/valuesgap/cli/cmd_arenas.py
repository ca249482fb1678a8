"""``valuesgap council``, ``vetoes`` and ``events``: the Security Council and event-data arenas."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from valuesgap.cli.app import app
from valuesgap.cli.options import END, FORMAT, OUT, START, Format, terminal
from valuesgap.errors import InputError

COUNCIL_TABLE = [
    "year",
    "group",
    "drafts",
    "n",
    "agreement",
    "both_yes",
    "cosponsored",
    "a_for_b_vetoed",
    "b_for_a_vetoed",
]
EVENTS_TABLE = ["year", "direction", "n", "coop_share", "coop_lo", "coop_hi", "matl_conf_share", "coop_relative"]


def _notes(lines: list[str]) -> None:
    from rich.console import Console

    console = Console()
    for line in lines:
        console.print(f"note: {line}")


@app.command("council")
def council(
    a: str = typer.Argument(..., help="State A: name, ISO2/ISO3 or COW code."),
    b: str = typer.Argument(..., help="State B."),
    by: Optional[str] = typer.Option(
        None, "--by", help="'year' (one row per year and group, the default) or 'period' (the whole period)."
    ),
    topic: Optional[str] = typer.Option(
        None, "--topic", help="all, a kind (shared, contested, regional, thematic) or a group (dprk, iran, syria, …)."
    ),
    contested: bool = typer.Option(False, "--contested", help="Only drafts not adopted unanimously."),
    drafts: bool = typer.Option(
        False,
        "--drafts",
        help="List the drafts behind the numbers instead: one row per draft either state voted on or sponsored.",
    ),
    start: Optional[int] = START,
    end: Optional[int] = END,
    topics: Optional[Path] = typer.Option(
        None, "--topics", help="Your own topic-group mapping (TOML, as facts/council_topics.toml)."
    ),
    fmt: Format = FORMAT,
    out: Optional[Path] = OUT,
) -> None:
    """Security Council arena: vote agreement (a veto is a No), co-sponsorship and vetoes per year and topic group."""
    from valuesgap.analysis import council as arena
    from valuesgap.cli.output import emit

    if drafts:
        if by is not None:
            raise InputError("--drafts lists every draft, one row each: leave out --by")
        _drafts(a, b, topic, contested, start, end, topics, fmt, out)
        return
    frame = arena.council(a, b, by=by or "year", topic=topic, contested=contested, start=start, end=end, topics=topics)
    attrs = frame.attrs
    on_terminal = terminal(fmt, out)
    shown = frame
    if on_terminal:
        shown = frame.loc[frame["n"] > 0, COUNCIL_TABLE].rename(
            columns={
                "a_for_b_vetoed": f"{attrs['a_iso3']}_for_{attrs['b_iso3']}_vetoed",
                "b_for_a_vetoed": f"{attrs['b_iso3']}_for_{attrs['a_iso3']}_vetoed",
            }
        )
        if attrs["by"] == "period":
            shown = shown.drop(columns="year")
    what = f"{'contested ' if contested else ''}drafts, topic {attrs['topic']}"
    emit(
        shown,
        fmt,
        out,
        title=f"{attrs['a_name']} – {attrs['b_name']}: Security Council {attrs['start']}–{attrs['end']} ({what})",
    )
    if on_terminal:
        _notes(
            [
                f"n = drafts both voted on; elected members vote only in their Council years "
                f"({attrs['a_name']}: {arena.spans(attrs['years_a'])}; {attrs['b_name']}: {arena.spans(attrs['years_b'])})",
                "rows where the two voted on nothing together (n = 0) are not shown: missing, not zero (all rows: --format csv)",
                *attrs["missing"],
            ]
        )


DRAFTS_TABLE = ["year", "symbol", "resolution", "group", "outcome", "a_vote", "b_vote", "a_sponsor", "b_sponsor"]


def _drafts(
    a: str,
    b: str,
    topic: str | None,
    contested: bool,
    start: int | None,
    end: int | None,
    topics: Path | None,
    fmt: Format,
    out: Path | None,
) -> None:
    """Print or write the drafts behind ``council`` (the footnotes' source list)."""
    from valuesgap.analysis import council as arena
    from valuesgap.cli.output import emit

    frame = arena.drafts_of(a, b, topic=topic, start=start, end=end, topics=topics)
    attrs = frame.attrs
    if contested:
        frame = frame[frame["contested"]].reset_index(drop=True)
    shown = frame
    if terminal(fmt, out):
        ia, ib = attrs["a_iso3"], attrs["b_iso3"]
        shown = frame[DRAFTS_TABLE].rename(
            columns={
                "a_vote": f"{ia}_vote",
                "b_vote": f"{ib}_vote",
                "a_sponsor": f"{ia}_sponsor",
                "b_sponsor": f"{ib}_sponsor",
            }
        )
    what = f"{'contested ' if contested else ''}drafts, topic {topic or 'all'}"
    emit(
        shown,
        fmt,
        out,
        title=f"{attrs['a_name']} – {attrs['b_name']}: Security Council {attrs['start']}–{attrs['end']} ({what})",
    )


@app.command("vetoes")
def vetoes(
    by: Optional[str] = typer.Option(None, "--by", help="The vetoing permanent member."),
    against: Optional[str] = typer.Option(
        None, "--against", help="A state that sponsored the vetoed drafts (from 1994)."
    ),
    start: Optional[int] = START,
    end: Optional[int] = END,
    fmt: Format = FORMAT,
    out: Optional[Path] = OUT,
) -> None:
    """Vetoes in the Security Council since 1946, by whom and against whose drafts."""
    from valuesgap.analysis import council as arena
    from valuesgap.cli.output import emit

    frame = arena.vetoes(by=by, against=against, start=start, end=end)
    attrs = frame.attrs
    on_terminal = terminal(fmt, out)
    shown = frame.drop(columns=["sponsors", "vetoer", "agenda_item"]) if on_terminal else frame
    emit(
        shown,
        fmt,
        out,
        title=f"Security Council vetoes {arena.describe(attrs['by'], attrs['against'])}, {attrs['start']}–{attrs['end']}",
    )
    if on_terminal:
        _notes([*attrs["missing"], "1994 on: UN DPPA drafts; before: the Dag Hammarskjöld Library's veto list"])


@app.command("events")
def events(
    a: str = typer.Argument(..., help="State A: name, ISO2/ISO3 or COW code."),
    b: str = typer.Argument(..., help="State B."),
    start: Optional[str] = typer.Option(None, "--from", help="First year (YYYY) or, with --by month, month (YYYY-MM)."),
    end: Optional[str] = typer.Option(None, "--to", help="Last year (YYYY) or, with --by month, month (YYYY-MM)."),
    by: str = typer.Option("year", "--by", help="'year', or 'month' (GDELT only: ICEWS is yearly)."),
    level: float = typer.Option(0.95, "--ci", help="Level of the Wilson intervals."),
    fmt: Format = FORMAT,
    out: Optional[Path] = OUT,
) -> None:
    """Event-data arena: cooperation and material-conflict shares in both directions, with intervals."""
    from valuesgap.analysis import event_arena
    from valuesgap.cli.output import emit

    frame = event_arena.events(a, b, start=start, end=end, by=by, level=level)
    attrs = frame.attrs
    on_terminal = terminal(fmt, out)
    names = {
        "a_to_b": f"{attrs['a_iso3']}→{attrs['b_iso3']}",
        "b_to_a": f"{attrs['b_iso3']}→{attrs['a_iso3']}",
        "both": "both",
    }
    table = ["source", "year", *(["month"] if attrs["by"] == "month" else []), *EVENTS_TABLE[1:]]
    shown = frame.assign(direction=frame["direction"].map(names))[table] if on_terminal else frame
    emit(
        shown,
        fmt,
        out,
        title=f"{attrs['a_name']} – {attrs['b_name']}: events {attrs['start']}–{attrs['end']} by {attrs['by']}",
    )
    if on_terminal:
        _notes(
            [
                f"shares of all events in the dyad-{attrs['by']}, {attrs['level']:.0%} Wilson intervals; "
                f"coop_relative = the dyad's cooperation share / the sender's share towards everyone that {attrs['by']}",
                *(f"source: {line}" for line in attrs["sources"]),
                *attrs["missing"],
            ]
        )
