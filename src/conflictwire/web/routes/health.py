"""GET /api/health (is the store answering) and GET /api/meta (what the map page needs)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from ...errors import ConflictwireError
from ...store.base import EventFilter, Store
from ...taxonomy import EVENT_TYPES
from ..deps import get_settings, get_store
from ..schemas import Health
from ..settings import WebSettings

router = APIRouter(prefix="/api", tags=["health"])


def _version() -> str:
    try:
        return version("conflictwire")
    except PackageNotFoundError:
        return "unknown"


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
def health(
    store: Annotated[Store, Depends(get_store)],
    settings: Annotated[WebSettings, Depends(get_settings)],
) -> Any:
    """200 with the number of stored events when the database answers, 503 when it does not."""
    body = {"status": "ok", "version": _version(), "database": store.url, "events": 0,
            "writes_enabled": settings.writes_enabled}
    try:
        body["events"] = store.count(EventFilter())
    except ConflictwireError as exc:
        body["status"] = f"error: {exc}"
        return JSONResponse(body, status_code=503)
    return body


@router.get("/meta")
def meta(settings: Annotated[WebSettings, Depends(get_settings)]) -> dict[str, Any]:
    """ACLED's event and sub-event types, the optional basemap tile URL, and from how many
    events on the map groups nearby points."""
    return {
        "event_types": {k: list(v) for k, v in EVENT_TYPES.items()},
        "tile_url": settings.tile_url,
        "max_page_size": settings.max_page_size,
        "cluster_above": settings.cluster_above,
        "writes_enabled": settings.writes_enabled,
    }
