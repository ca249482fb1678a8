"""``valuesgap data build|status|fetch``: make and inspect the store."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from valuesgap.cli.app import data_app
from valuesgap.cli.options import FORMAT, OUT, Format
from valuesgap.errors import DataMissing


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
    mirror: Optional[str] = typer.Option(None, "--mirror", help="A folder or http(s) URL laid out as ../shared/data."),
    dest: Optional[Path] = typer.Option(
        None, "--dest", help="Where to install the files (default: <data dir>/mirror)."
    ),
    build_after: bool = typer.Option(True, "--build/--no-build", help="Build the store from the fetched files."),
) -> None:
    """Download the source files (sha256-checked, installed atomically), then build the store."""
    from rich.progress import BarColumn, Progress, TextColumn

    from valuesgap import fetch as fetching
    from valuesgap import store

    err = _err()

    target = dest or store.home() / "mirror"
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("Fetching", total=1)

        def report(label: str, done: int, total: int) -> None:
            bar.update(task, description=label, completed=done, total=max(total, 1))

        installed = fetching.fetch(mirror, target, progress=report)
    err.print(f"{installed} files installed in {target}")
    if build_after:
        store.build(target)
        err.print(f"store built: {store.store_path()} (data version {store.data_version()})")


@data_app.command("report")
def report(
    council: bool = typer.Option(False, "--council", help="List every Security Council draft repaired or left out."),
    fmt: Format = FORMAT,
    out: Optional[Path] = OUT,
) -> None:
    """Show the build's findings: vote conflicts between the UNGA files, membership and coverage gaps, the
    Security Council file's repairs and omissions (--council: one row per draft)."""
    from valuesgap import coverage, store
    from valuesgap.cli.output import emit

    if council:
        emit(store.council_report(), fmt, out, title="Security Council drafts repaired or left out")
        return
    emit(coverage.report(), fmt, out, title="Data-quality findings and gaps of the last build")
