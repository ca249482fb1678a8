"""``valuesgap data build|status|fetch``: make and inspect the store."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from valuesgap.cli.app import data_app
from valuesgap.cli.options import FORMAT, OUT, Format
from valuesgap.errors import DataMissing, InputError


def _err():
    """Return a Rich console on stderr (imported here: ``valuesgap --help`` must not load the stack)."""
    from rich.console import Console

    return Console(stderr=True)


@data_app.command("build")
def build(
    source: Optional[Path] = typer.Option(None, "--from", help="Folder holding the source files (a mirror)."),
    if_needed: bool = typer.Option(False, "--if-needed", help="Skip when the store was built from these same files."),
) -> None:
    """Build the store from the source files; the old store keeps working until the new one is ready."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from valuesgap import store

    err = _err()
    mirror = source or store.default_mirror()
    if mirror is None:
        raise DataMissing("no source files: pass --from DIR (e.g. ../shared/data) or run 'valuesgap data fetch'")
    if if_needed and store.is_current(mirror):
        err.print(f"store is up to date: {store.store_path()} (data version {store.data_version()})")
        return
    with Progress(
        TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=err, transient=True
    ) as bar:
        task = bar.add_task("Building", total=len(store.steps()) + 2)

        def report(label: str, done: int, total: int) -> None:
            bar.update(task, description=label, completed=done, total=total)

        path = store.build(mirror, progress=report)
    err.print(f"store built: {path} (data version {store.data_version()})")


@data_app.command("status")
def status(
    fmt: Format = FORMAT,
    out: Optional[Path] = OUT,
    arenas: bool = typer.Option(False, "--arenas", help="Only the coverage per arena (any --format)."),
) -> None:
    """Show the first and last date per arena, then each registered source file: rows, sha256 and how it
    is checked, version, upstream, installed or not."""
    from valuesgap import coverage, store
    from valuesgap.cli.output import emit

    if arenas:
        emit(coverage.arenas(), fmt, out, title="Coverage per arena: first and last date")
        return
    frame = store.status()
    if fmt is Format.table and out is None:
        short = frame["sha256"].where(frame["sha256"].eq(""), frame["sha256"].str.slice(0, 16) + "…")
        frame = frame.assign(sha256=short).drop(columns=["citation"])
        emit(coverage.arenas(), fmt, None, title="Coverage per arena: first and last date")
    emit(frame, fmt, out, title=f"valuesgap store {store.store_path()} · data version {store.data_version()}")


@data_app.command("fetch")
def fetch(
    mirror: Optional[str] = typer.Option(
        None, "--mirror", help="Take the mirror's files from this folder or http(s) URL (laid out as ../shared/data)."
    ),
    dest: Optional[Path] = typer.Option(
        None, "--dest", help="Where to install the files (default: <data dir>/mirror)."
    ),
    only: Optional[list[str]] = typer.Option(None, "--only", help="Fetch only this source (repeatable)."),
    url: Optional[list[str]] = typer.Option(
        None, "--url", help="Download SOURCE (or SOURCE.KEY) from this address instead: SOURCE=URL (repeatable)."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="List each file with address, version, size and sha256."),
    workers: int = typer.Option(4, "--workers", min=1, max=16, help="Sources fetched at once."),
    fmt: Format = typer.Option(Format.table, "--format", help="Format of the --dry-run list."),
    build_after: bool = typer.Option(True, "--build/--no-build", help="Build the store from the fetched files."),
) -> None:
    """Download every source from its publisher (or a mirror), check it, install each source atomically,
    then build the store. A source that fails says where to get it by hand; the others stay installed."""
    if mirror is not None and "://" in mirror and not mirror.lower().startswith(("http://", "https://")):
        scheme = mirror.split("://", 1)[0][:20]
        raise InputError(f"--mirror {scheme}:// is not supported: give a folder or an http(s) URL")
    from valuesgap import fetch as fetching

    overrides = fetching.parse_urls(url or [])
    if dry_run:
        rows = fetching.dry_run(fetching.plan(mirror, only, overrides))
        if fmt is Format.table:
            _print_plan(rows)
        else:
            import pandas as pd

            from valuesgap.cli.output import emit

            emit(pd.DataFrame(rows), fmt, None, title="Files 'valuesgap data fetch' would download")
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TaskID, TextColumn, TransferSpeedColumn

    from valuesgap import store

    err = _err()
    target = dest or store.home() / "mirror"
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        console=err,
        transient=True,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def report(label: str, done: int, total: int) -> None:
            if label not in tasks:
                tasks[label] = bar.add_task(label, total=total or None)
            bar.update(tasks[label], completed=done, total=total or None)

        outcomes = fetching.fetch(target, mirror=mirror, only=only, urls=overrides, progress=report, workers=workers)
    for outcome in outcomes:
        if not outcome.ok:
            err.print(outcome.message, markup=False, highlight=False, soft_wrap=True)
    err.print(f"{fetching.install_report(outcomes)} in {target}")
    if build_after and not fetching.failures(outcomes):
        store.build(target)
        err.print(f"store built: {store.store_path()} (data version {store.data_version()})")
    fetching.raise_for(outcomes, target)


def _print_plan(rows: list[dict]) -> None:
    """Print the dry-run list one block per file, addresses in full (a table would cut them)."""
    from rich.console import Console

    out = Console(soft_wrap=True, highlight=False)
    for row in rows:
        size = f"{int(row['size']):,} bytes" if row["size"] else "size unknown"
        out.print(f"{row['source']} {row['version']}  {row['file']}", markup=False)
        out.print(f"  address: {row['address']}", markup=False)
        for extra in row["fallbacks"].split():
            out.print(f"  or:      {extra}", markup=False)
        out.print(f"  {size} · sha256 {row['sha256']}", markup=False)
        if row["note"]:
            out.print(f"  note: {row['note']}", markup=False)


@data_app.command("report")
def report(
    council: bool = typer.Option(False, "--council", help="List every Security Council draft repaired or left out."),
    crosscheck: bool = typer.Option(
        False, "--crosscheck", help="List each disagreement of the official Council file with the DPPA workbook."
    ),
    fmt: Format = FORMAT,
    out: Optional[Path] = OUT,
) -> None:
    """Show the build's findings: vote conflicts between the UNGA files, membership and coverage gaps, the
    Security Council file's repairs and omissions (--council: one row per draft), the official Council
    file against the DPPA workbook (--crosscheck: one row per finding)."""
    from valuesgap import coverage, store
    from valuesgap.cli.output import emit

    if crosscheck:
        from valuesgap import council_crosscheck

        if council_crosscheck.from_store() is None:
            raise DataMissing(
                "the cross-check needs both Council files: run 'valuesgap data fetch --only undl_sc' "
                "(the DPPA workbook comes with the mirror)"
            )
        emit(council_crosscheck.findings(), fmt, out, title="Official Council file vs DPPA workbook: disagreements")
        return
    if council:
        emit(store.council_report(), fmt, out, title="Security Council drafts repaired or left out")
        return
    emit(coverage.report(), fmt, out, title="Data-quality findings and gaps of the last build")
