"""The typer application object that every command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="conflictwire",
    help="Turn news about armed conflict into geolocated ACLED-style event data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Turn news about armed conflict into geolocated ACLED-style event data."""
