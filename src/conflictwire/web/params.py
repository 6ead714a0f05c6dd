"""Query parameters of the event endpoints, checked and turned into an `EventFilter`.

Every value is checked here, at the HTTP edge, so a bad one is a 422 naming the parameter
and what was expected; the store then binds the values as SQL parameters, never as text.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import Query
from fastapi.exceptions import RequestValidationError

from ..store import filter_values
from ..store.base import ORDER_KEYS, EventFilter

MAX_TEXT = 200  # longest free-text or actor search accepted
MAX_VALUES = 50  # most values of one list parameter

SORT_KEYS = tuple(k for k in ORDER_KEYS if k != "updated_at")


def bad(param: str, message: str, value: Any = None) -> RequestValidationError:
    """A 422 for one query parameter, in FastAPI's own error shape."""
    return RequestValidationError(
        [{"loc": ("query", param), "msg": message, "type": "value_error", "input": value}]
    )


def _split(values: list[str] | None) -> list[str]:
    """Repeated parameters and comma-separated lists both work: ?country=A,B&country=C."""
    out = [part.strip() for v in values or [] for part in v.split(",")]
    return [v for v in out if v]


def _date(param: str, value: str | None) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise bad(param, f"expected a date as YYYY-MM-DD, got {value!r}", value) from None


def _names(param: str, values: list[str] | None) -> tuple[str, ...]:
    items = _split(values)
    if len(items) > MAX_VALUES:
        raise bad(param, f"at most {MAX_VALUES} values", len(items))
    for item in items:
        if len(item) > MAX_TEXT:
            raise bad(param, f"a value longer than {MAX_TEXT} characters", item[:40])
    return tuple(items)


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    parts = value.split(",")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise bad("bbox", "expected four numbers west,south,east,north "
                  f"(degrees), got {value!r}", value) from None
    if not all(-180 <= x <= 180 for x in (west, east)):
        raise bad("bbox", "west and east must be longitudes between -180 and 180", value)
    if not all(-90 <= y <= 90 for y in (south, north)):
        raise bad("bbox", "south and north must be latitudes between -90 and 90", value)
    if south > north:
        raise bad("bbox", "south is north of north", value)
    return west, south, east, north


def _text(param: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > MAX_TEXT:
        raise bad(param, f"at most {MAX_TEXT} characters", value[:40])
    return value.strip()


DateParam = Annotated[
    str | None,
    Query(description="Events on or after this day (YYYY-MM-DD).", examples=["2024-01-31"],
          json_schema_extra={"format": "date"}),
]


def event_filter(
    date_from: DateParam = None,
    date_to: Annotated[str | None, Query(
        description="Events on or before this day (YYYY-MM-DD), inclusive.",
        json_schema_extra={"format": "date"})] = None,
    country: Annotated[list[str] | None, Query(
        description="Countries: names or ISO 3166 alpha-2, alpha-3 or numeric codes (Syria, "
        "SY, SYR, 760); repeat or separate with commas. An unknown one is a 422.")] = None,
    admin1: Annotated[list[str] | None, Query(
        description="First-level administrative areas; repeat or separate with commas.")
    ] = None,
    event_type: Annotated[list[str] | None, Query(
        description="ACLED event types (case-insensitive), e.g. Battles.")] = None,
    sub_event_type: Annotated[list[str] | None, Query(
        description="ACLED sub-event types (case-insensitive), e.g. Armed clash.")] = None,
    actor: Annotated[str | None, Query(
        description="Text found in any actor or associated actor (case-insensitive).")
    ] = None,
    bbox: Annotated[str | None, Query(
        description="west,south,east,north in degrees; west > east crosses the antimeridian.",
        examples=["30,-5,45,10"])] = None,
    min_fatalities: Annotated[int | None, Query(
        ge=0, description="Events with at least this many reported fatalities.")] = None,
    q: Annotated[str | None, Query(
        description="Text found in the notes or the evidence sentence (case-insensitive).")
    ] = None,
    aggregates: Annotated[bool, Query(
        description="Also totals over a period or an area (tagged aggregate), which are "
                    "no events and are left out by default.")] = False,
) -> EventFilter:
    """The EventFilter of a request's query; raises a 422 naming the first bad parameter.

    Countries, types and the date range are checked by `store.filter_values`, as the CLI
    checks its options, so both refuse the same values with the same message."""
    start, end = _date("date_from", date_from), _date("date_to", date_to)
    try:
        filter_values.date_range(start, end)
        countries = filter_values.countries(_names("country", country))
        event_types = filter_values.types(_names("event_type", event_type), "event_type",
                                          sub=False)
        sub_event_types = filter_values.types(_names("sub_event_type", sub_event_type),
                                              "sub_event_type", sub=True)
    except filter_values.FilterError as exc:
        raise bad(exc.param, exc.message) from None
    return EventFilter(
        date_from=start,
        date_to=end,
        countries=countries,
        admin1=_names("admin1", admin1),
        event_types=event_types,
        sub_event_types=sub_event_types,
        actor=_text("actor", actor),
        bbox=_bbox(bbox),
        min_fatalities=min_fatalities,
        text=_text("q", q),
        aggregates=aggregates,
    )


@dataclass(frozen=True, slots=True)
class Page:
    """How to sort and cut one page of events."""

    order_by: str
    descending: bool
    limit: int
    cursor: str | None
    capped_from: int | None = None  # the limit asked for, when it was above the maximum


def parse_sort(value: str) -> tuple[str, bool]:
    """"-fatalities" -> ("fatalities", True); raises a 422 for an unknown key."""
    descending = value.startswith("-")
    key = value.lstrip("-+ ")
    if key not in SORT_KEYS:
        raise bad("sort", f"unknown sort key {value!r}; one of: "
                  + ", ".join(SORT_KEYS) + " (prefix - for descending)", value)
    return key, descending


def check_cursor(value: str | None) -> str | None:
    """The cursor if it looks like one this API gave out; raises a 422 otherwise."""
    if not value:
        return None
    try:
        decoded = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
        ok = isinstance(decoded, list) and len(decoded) == 2
    except (ValueError, TypeError):
        ok = False
    if not ok:
        raise bad("cursor", "not a cursor this API gave out (use next_cursor from a page)",
                  value[:40])
    return value
