"""The Typer application every command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="valuesgap",
    help="How far apart two states are on values, and how much they cooperate where interests meet.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
data_app = typer.Typer(help="Build, inspect and fetch the data store.", no_args_is_help=True)
app.add_typer(data_app, name="data")
