"""``valuesgap ideal-points``: dynamic ideal points of every state from UNGA votes, with a progress bar."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from valuesgap.cli.app import app
from valuesgap.cli.options import END, FORMAT, ISSUES_HELP, OUT, START, Format


@app.command("ideal-points")
def ideal_points(
    issue: str = typer.Option("all", "--issue", help=ISSUES_HELP),
    by: str = typer.Option("session", "--by", help="One position per UNGA 'session' or calendar 'year'."),
    n_boot: int = typer.Option(0, "--boot", help="Parametric-bootstrap replicates for lo/hi (e.g. 50)."),
    start: Optional[int] = START,
    end: Optional[int] = END,
    walk_sd: float = typer.Option(0.1, "--walk-sd", help="Random-walk sd of a state's position per session/year."),
    fmt: Format = FORMAT,
    out: Optional[Path] = OUT,
) -> None:
    """Ideal points (Bailey–Strezhnev–Voeten model; US positive) per state and session or year."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from valuesgap.analysis import idealpoints as ip
    from valuesgap.cli.output import emit

    issues = [part for part in issue.split(",") if part.strip()] or [issue]
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:.0f}/{task.total:.0f}"),
        TimeElapsedColumn(),
        transient=True,
        console=Console(stderr=True),
    )
    tasks: dict[str, int] = {}

    def report(phase: str, done: int, total: int) -> None:
        if not tasks:
            bar.start()  # on the first report only: bad arguments fail before any bar is drawn
        if phase not in tasks:
            label = "fitting (% converged)" if phase == "fit" else "bootstrap replicates"
            tasks[phase] = bar.add_task(label, total=total)
        bar.update(tasks[phase], completed=done, total=total)

    try:
        frame = ip.ideal_points(
            issue=issues, by=by, n_boot=n_boot, start=start, end=end, progress=report, walk_sd=walk_sd
        )
    finally:
        if tasks:
            bar.stop()
    slice_label = "all roll calls" if issue.strip().lower() == "all" else f"issue {issue.lower()}"
    emit(frame, fmt, out, title=f"UNGA ideal points ({slice_label}, by {by}; United States positive)")
