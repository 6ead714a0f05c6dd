"""Options that several commands share, defined once: `--config` (the settings file), `--db`
and the event filters (`--from`, `--to`, `--country`, `--event-type`, `--bbox`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from ..settings import load_settings
from ..store import ENV_VAR, EventFilter, filter_values


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
    list[str] | None,
    typer.Option("--country", help="Country: a name or an ISO 3166 alpha-2, alpha-3 or "
                 "numeric code, e.g. Syria, SY, SYR or 760 (repeatable)."),
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
    """The store filter the filter options give, checked as the API checks its parameters:
    a bad date or box, a country or type nobody knows, or a range that ends before it starts
    is a usage error (exit status 2) naming the option.

    An --event-type value that is one of ACLED's six event types filters on the event type,
    any other on the sub-event type.
    """
    start, end = _parse_date(date_from, "--from"), _parse_date(date_to, "--to")
    try:
        filter_values.date_range(start, end)
        names = filter_values.countries(countries or ())
        types, sub_types = filter_values.any_types(event_types or (), "event_type")
    except filter_values.FilterError as exc:
        option = {"date_to": "--to", "country": "--country"}.get(exc.param, "--event-type")
        raise typer.BadParameter(exc.message, param_hint=option) from None
    return EventFilter(
        date_from=start,
        date_to=end,
        countries=names,
        event_types=types,
        sub_event_types=sub_types,
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
