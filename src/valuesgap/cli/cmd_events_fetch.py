"""``valuesgap events fetch gdelt``: download GDELT, convert to Parquet, aggregate on DuckDB or Spark, load the store."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
import typer.main
from typer.core import TyperGroup

from valuesgap.cli.app import app
from valuesgap.errors import DataMissing, InputError


def _err():
    """Return a Rich console on stderr (imported here: ``valuesgap --help`` must not load the stack)."""
    from rich.console import Console

    return Console(stderr=True)


class EventsGroup(TyperGroup):
    """``valuesgap events …``: a subcommand (``fetch``), else the event-arena command with the words as its arguments.

    The event-arena command (``valuesgap events A B …``) is the one registered on the app as ``events``
    (or, if none is, a ``show`` subcommand of this group); this group only routes to it.
    """

    default_command = "show"

    def resolve_command(self, ctx, args):
        if args and args[0] not in self.commands:
            plain = _plain_events_command()
            if plain is not None:
                return "events", plain, args
            if self.default_command in self.commands:
                args.insert(0, self.default_command)
        return super().resolve_command(ctx, args)


def _plain_events_command():
    """Return the click command registered directly on the app as ``events``, if any."""
    for info in app.registered_commands:
        name = info.name or (info.callback.__name__.replace("_", "-") if info.callback else None)
        if name == "events":
            return typer.main.get_command_from_info(info, pretty_exceptions_short=True, rich_markup_mode=None)
    return None


events_app = typer.Typer(
    cls=EventsGroup,
    help="Event data: cooperation and conflict between states, per month or year.",
    no_args_is_help=True,
)
app.add_typer(events_app, name="events")
fetch_app = typer.Typer(help="Download event data and load it into the store.", no_args_is_help=True)
events_app.add_typer(fetch_app, name="fetch")


@fetch_app.command("gdelt")
def fetch_gdelt(
    start: str = typer.Option(..., "--from", help="First month, YYYY-MM."),
    end: str = typer.Option(..., "--to", help="Last month, YYYY-MM."),
    version: int = typer.Option(
        2,
        "--version",
        help="GDELT 2 (15-minute exports, from 2015-02) or 1 (daily from 2013-04; monthly 2006-01…2013-03; yearly 1979…2005).",
    ),
    base_url: Optional[str] = typer.Option(None, "--base-url", help="Where the file list and files are (a mirror)."),
    folder: Optional[Path] = typer.Option(
        None, "--dir", help="Parquet partitions go here (default: <data dir>/gdelt)."
    ),
    jobs: int = typer.Option(4, "--jobs", help="Downloads at once."),
    retries: int = typer.Option(2, "--retries", help="Tries more for a file that fails its size/MD5 check."),
    engine: str = typer.Option("duckdb", "--engine", help="duckdb (one machine) or spark."),
    master: Optional[str] = typer.Option(
        None, "--master", help="Spark master URL (default local[2]); needs --engine spark."
    ),
    load: bool = typer.Option(True, "--load/--no-load", help="Load the dyad-month aggregates into the store."),
) -> None:
    """Fetch GDELT event files for the months, convert them to Parquet, aggregate per dyad-month, load the store."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from valuesgap import gdelt_fetch, store, store_events
    from valuesgap.analysis import event_aggregate
    from valuesgap.sources import gdelt

    err = _err()

    if engine not in event_aggregate.ENGINES:
        raise InputError(f"--engine must be one of {', '.join(event_aggregate.ENGINES)}, got '{engine}'")
    if master and engine != "spark":
        raise InputError("--master needs --engine spark")
    root = folder or store.home() / "gdelt"
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task(f"GDELT {version}.0 files", total=None)

        def progress(done: int, total: int, label: str) -> None:
            bar.update(task, completed=done, total=total, description=f"GDELT {version}.0 {label[:40]}")

        report = gdelt_fetch.fetch(
            start, end, root, version=version, base_url=base_url, jobs=jobs, retries=retries, progress=progress
        )
    err.print(
        f"{report.listed} files for {start}..{end}: {report.converted} converted ({report.rows:,} events), "
        f"{report.skipped} already there; Parquet under {root / f'gdelt{version}'}"
    )
    if report.bad_rows:
        err.print(f"{report.bad_rows:,} malformed rows skipped (wrong column count, no date or quad class)")
    if report.no_state:
        top = ", ".join(f"{code} {n:,}" for code, n in report.no_state.most_common(6))
        err.print(f"actor codes that are not states (regions, organisations; no dyad): {top}")
    if report.failed:
        names = "; ".join(f"{name}: {why}" for name, why in sorted(report.failed.items())[:5])
        more = f" (and {len(report.failed) - 5} more)" if len(report.failed) > 5 else ""
        raise DataMissing(
            f"{len(report.failed)} files failed after {retries} retries, nothing aggregated: {names}{more}; "
            "run the same command again to retry them"
        )
    # every month converted so far (this run's and earlier runs'), so fetches of further months add up
    converted = gdelt.converted_files(root, version)
    first, last = gdelt.converted_span(root, version) or (start, end)
    frame = event_aggregate.aggregate(root, first, last, version=version, engine=engine, master=master)
    err.print(
        f"{len(frame):,} directed dyad-months {first}..{last} from {sum(converted.values()):,} files, "
        f"{int(frame['n_events'].sum()):,} events between states ({engine})"
    )
    source = f"gdelt{version}"
    if load:
        record = store_events.load_record(frame, source, files=sum(converted.values()), engine=engine)
        path = store_events.load(frame, source, note=f"{first}..{last}", record=record)
        err.print(f"loaded into {path} as source '{source}'")
        if first[:4] <= "2014":
            _report_overlap(source)
    else:
        err.print(f"kept in {store_events.save(frame, source)} (not loaded: --no-load)")


def _report_overlap(source: str) -> None:
    """Say how GDELT and ICEWS agree where both cover a dyad (2013–2014)."""
    from valuesgap.analysis import event_overlap
    from valuesgap.errors import NoData

    err = _err()

    try:
        per_dyad, per_year = event_overlap.from_store(source)
    except NoData as exc:
        err.print(f"no overlap with ICEWS to compare: {exc}")
        return
    for row in per_year.itertuples():
        err.print(
            f"{row.year}: {row.dyads} dyads in both ICEWS and GDELT; cooperation shares correlate "
            f"r = {row.r_coop_share:.2f} (Spearman {row.rho_coop_share:.2f})"
        )
    err.print(
        f"per dyad, quad-class × year counts correlate: median r = {per_dyad['r_counts'].median():.2f} "
        f"over {len(per_dyad)} dyads (the table: valuesgap.analysis.event_overlap.from_store())"
    )
