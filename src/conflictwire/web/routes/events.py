"""GET /api/events (a filtered, sorted page), /api/events/{id} (with its evidence), and the
same filter exported whole as GeoJSON or ACLED CSV, streamed."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import StreamingResponse

from ...export import EXPORTERS, write_raw_geojson
from ...store.base import EVENT_ROW_COLUMNS, EventFilter, Store
from ...store.sql import page_cursor
from ..deps import get_settings, get_store, read_access
from ..highlight import highlights
from ..params import Page, bad, check_cursor, event_filter, parse_sort
from ..points import points_geojson
from ..schemas import ErrorOut, EventDetail, EventPage
from ..settings import WebSettings
from ..streaming import stream_export

router = APIRouter(prefix="/api", tags=["events"], dependencies=[Depends(read_access)])

Filter = Annotated[EventFilter, Depends(event_filter)]
StoreDep = Annotated[Store, Depends(get_store)]
# Columns a map needs to draw and colour a point; what `properties=map` selects.
MAP_PROPERTIES = ("event_id", "event_type", "fatalities")


def page_params(
    settings: Annotated[WebSettings, Depends(get_settings)],
    sort: Annotated[str, Query(
        description="Sort key, - for descending: event_date, fatalities, n_reports, country, "
                    "event_type.")] = "-event_date",
    limit: Annotated[int | None, Query(
        ge=1, description="Page size (default 100); a value above the maximum (1000 unless "
        "configured) is capped, and the page says so in `limit_capped_from`.")
    ] = None,
    cursor: Annotated[str | None, Query(
        description="next_cursor of the previous page.")] = None,
) -> Page:
    order_by, descending = parse_sort(sort)
    size = min(limit or settings.default_page_size, settings.max_page_size)
    capped = limit if limit is not None and limit > size else None
    return Page(order_by, descending, size, check_cursor(cursor), capped)


@router.get("/events", response_model=EventPage, responses={422: {"model": ErrorOut}})
def list_events(
    request: Request, store: StoreDep, flt: Filter, page: Annotated[Page, Depends(page_params)]
) -> dict[str, Any]:
    """Events matching the filters, newest first by default, one page at a time."""
    rows = store.events(flt, order_by=page.order_by, descending=page.descending,  # type: ignore[arg-type]
                        limit=page.limit + 1, after=page.cursor)
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    cursor = page_cursor(rows[-1], page.order_by) if more and rows else None
    next_url = str(request.url.include_query_params(cursor=cursor)) if cursor else None
    return {"events": rows, "total": store.count(flt), "limit": page.limit,
            "limit_capped_from": page.capped_from, "next_cursor": cursor, "next": next_url}


def _properties(value: str | None) -> tuple[str, ...] | None:
    """The event columns a GeoJSON feature carries: all (None), `map`, or a list."""
    if not value or value == "all":
        return None
    if value == "map":
        return MAP_PROPERTIES
    names = tuple(dict.fromkeys(p.strip() for p in value.split(",") if p.strip()))
    unknown = [n for n in names if n not in EVENT_ROW_COLUMNS]
    if unknown:
        raise bad("properties", f"unknown column {unknown[0]!r}; one of: "
                  + ", ".join(EVENT_ROW_COLUMNS), value)
    return names


def _attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


def _export(store: Store, flt: EventFilter, fmt: str, media_type: str, filename: str,
            download: bool, columns: tuple[str, ...] | None = None) -> StreamingResponse:
    rows = store.iter_events(flt)
    write = EXPORTERS[fmt].write
    if columns is not None:  # stored columns by their own names, not an ACLED export
        keep = set(columns) | {"latitude", "longitude"}
        rows = ({k: v for k, v in row.items() if k in keep} for row in rows)
        write = write_raw_geojson
    headers = _attachment(filename) if download else {}
    return StreamingResponse(stream_export(write, rows), media_type=media_type,
                             headers=headers)


Download = Annotated[bool, Query(description="Ask the browser to save the file.")]


@router.get("/events.geojson", response_class=StreamingResponse,
            responses={200: {"content": {"application/geo+json": {}}}, 422: {"model": ErrorOut}})
def events_geojson(
    store: StoreDep,
    flt: Filter,
    properties: Annotated[str | None, Query(
        description="Feature properties: all (default), map (event_id, event_type, "
                    "fatalities), "
                    "or a comma-separated list of event columns.")] = None,
    download: Download = False,
) -> StreamingResponse:
    """Every event matching the filters as a GeoJSON FeatureCollection of points, streamed.

    With a few `properties` (as the map asks for) the features are written straight from
    those columns, which is what keeps a 100,000-event map quick."""
    columns = _properties(properties)
    if columns is not None and "timestamp" not in columns:
        headers = _attachment("conflictwire-events.geojson") if download else {}
        return StreamingResponse(points_geojson(store, flt, columns),
                                 media_type="application/geo+json", headers=headers)
    return _export(store, flt, "geojson", "application/geo+json",
                   "conflictwire-events.geojson", download, columns)


@router.get("/events.csv", response_class=StreamingResponse,
            responses={200: {"content": {"text/csv": {}}}, 422: {"model": ErrorOut}})
def events_csv(store: StoreDep, flt: Filter, download: Download = False) -> StreamingResponse:
    """Every event matching the filters as CSV in ACLED's export columns, streamed."""
    return _export(store, flt, "acled-csv", "text/csv; charset=utf-8",
                   "conflictwire-events.csv", download)


@router.get("/events/{event_id}", response_model=EventDetail,
            responses={404: {"model": ErrorOut}})
def get_event(event_id: str, store: StoreDep) -> dict[str, Any]:
    """One event with every report and source article behind it, and the evidence sentences
    with the words that support each field marked."""
    if len(event_id) > 64:
        raise HTTPException(404, f"no event {event_id[:64]!r}")
    event = store.event(event_id)
    if event is None:
        raise HTTPException(404, f"no event {event_id!r}")
    for report in event["reports"]:
        report["highlights"] = highlights(report)
    return event
