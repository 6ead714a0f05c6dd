"""Options that several commands share, defined once: `--config` (the settings file), `--db`
and the event filters (`--from`, `--to`, `--country`, `--event-type`, `--bbox`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from ..settings import load_settings
from ..store import ENV_VAR, EventFilter
from ..taxonomy import EVENT_TYPES


def _check_settings(path: Path | None) -> Path | None:
    """Read the settings file while the options are parsed, so that every command, whether
    or not its work is tuned by the settings, refuses a bad file before doing anything."""
    if path is not None:
        load_settings(path)
    return path


ConfigFile = Annotated[
    Path | None,
    typer.Option(
        "--config", metavar="FILE", callback=_check_settings, show_default=False,
        # Brackets escaped: the help is rich markup.
        help="Settings file (TOML) over the packaged weights and thresholds. geoparse "
        "applies \\[geoparse] and \\[recognise]; code those and \\[coding] and "
        "\\[classify]; run, watch and serve those and \\[matching] and \\[merge], serve "
        "also \\[web] (and without this option the file named by $CONFLICTWIRE_CONFIG); "
        "the other commands only check the file.",
    ),
]
Db = Annotated[
    str | None,
    typer.Option(
        "--db",
        help=f"Database: a DuckDB file path, duckdb:///path or postgresql://user@host/db "
        f"(default: ${ENV_VAR}, else conflictwire.duckdb here).",
        show_default=False,
    ),
]
DateFrom = Annotated[str | None, typer.Option("--from", help="First event date, YYYY-MM-DD.")]
DateTo = Annotated[str | None, typer.Option("--to", help="Last event date, YYYY-MM-DD.")]
Country = Annotated[
    list[str] | None, typer.Option("--country", help="Country name or ISO code (repeatable).")
]
EventType = Annotated[
    list[str] | None,
    typer.Option("--event-type", help="ACLED event or sub-event type (repeatable)."),
]
Bbox = Annotated[
    str | None, typer.Option("--bbox", help="Bounding box WEST,SOUTH,EAST,NORTH in degrees.")
]


def event_filter(
    date_from: str | None, date_to: str | None, countries: list[str] | None,
    event_types: list[str] | None, bbox: str | None,
) -> EventFilter:
    """The store filter the filter options give; a bad date or box is a usage error.

    An --event-type value that is one of ACLED's six event types filters on the event type,
    any other on the sub-event type.
    """
    types = list(event_types or ())
    wanted = {t.lower() for t in EVENT_TYPES}
    return EventFilter(
        date_from=_parse_date(date_from, "--from"),
        date_to=_parse_date(date_to, "--to"),
        countries=tuple(countries or ()),
        event_types=tuple(t for t in types if t.lower() in wanted),
        sub_event_types=tuple(t for t in types if t.lower() not in wanted),
        bbox=_parse_bbox(bbox),
    )


def _parse_date(value: str | None, option: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a YYYY-MM-DD date", param_hint=option) from None


def _parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """WEST,SOUTH,EAST,NORTH in degrees as four floats (None for no box)."""
    if not value:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not WEST,SOUTH,EAST,NORTH", param_hint="--bbox"
        ) from None
    if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
        raise typer.BadParameter(f"{value!r} is outside the globe", param_hint="--bbox")
    return west, south, east, north
