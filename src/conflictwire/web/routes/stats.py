"""GET /api/stats: counts and fatalities of the filtered events by day, type and country."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from ...store.base import EventFilter, Store
from ..deps import get_store, read_access
from ..params import event_filter
from ..schemas import ErrorOut, Stats

router = APIRouter(prefix="/api", tags=["stats"], dependencies=[Depends(read_access)])


@router.get("/stats", response_model=Stats, responses={422: {"model": ErrorOut}})
def stats(
    store: Annotated[Store, Depends(get_store)],
    flt: Annotated[EventFilter, Depends(event_filter)],
) -> dict[str, Any]:
    """Events and fatalities by day, by event type and by country, for the same filters as
    /api/events (the map's timeline draws `by_day`)."""
    by_type = store.stats("event_type", flt)
    return {
        "total": sum(r["events"] for r in by_type),
        "fatalities": sum(r["fatalities"] for r in by_type),
        "by_day": store.stats("day", flt),
        "by_event_type": by_type,
        "by_country": store.stats("country", flt),
    }
