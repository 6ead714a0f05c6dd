"""Spatial filters the stores answer: bounding boxes and GeoJSON (multi)polygons ("areas").

Every engine narrows by the area's bounding box on plain latitude/longitude columns (an
index both engines have). PostGIS then tests the points exactly in the database; elsewhere
(DuckDB, PostgreSQL without PostGIS) shapely tests the candidates and the query keeps the
ids that are inside. Both treat a point on the boundary as inside (ST_Intersects and
shapely's `intersects`), in plain longitude/latitude degrees, so they give the same answers.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from ..errors import BadInput

# The expression PostGIS indexes and tests: each event as a lon/lat point (SRID 4326).
POINT_SQL = "ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)"
POSTGIS_INDEX_SQL = (
    f"CREATE INDEX IF NOT EXISTS events_point_gist ON events USING GIST (({POINT_SQL}))"
)
_AREA_TYPES = ("Polygon", "MultiPolygon")


@dataclass(frozen=True, slots=True)
class Area:
    """A (multi)polygon in lon/lat degrees: its GeoJSON text, bounding box and shape."""

    geojson: str  # the geometry alone, normalised
    bounds: tuple[float, float, float, float]  # west, south, east, north

    @property
    def shape(self) -> BaseGeometry:
        return _shape(self.geojson)


def parse_area(value: str | dict[str, Any]) -> Area:
    """An Area from a GeoJSON Polygon or MultiPolygon (bare, in a Feature, or a collection).

    Raises BadInput for anything else: malformed JSON, other geometry types, coordinates
    outside the globe, or a shape that is not a valid polygon.
    """
    try:
        data = json.loads(value) if isinstance(value, str) else value
    except json.JSONDecodeError as exc:
        raise BadInput(f"area is not JSON: {exc.msg}") from None
    geometry = _geometry(data)
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError, KeyError, shapely.errors.ShapelyError) as exc:
        raise BadInput(f"area is not a valid GeoJSON polygon: {exc}") from None
    if geom.is_empty:
        raise BadInput("area is empty")
    west, south, east, north = geom.bounds
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise BadInput("area has coordinates outside -180..180 longitude, -90..90 latitude")
    if not geom.is_valid:
        raise BadInput(f"area is not a valid polygon: {shapely.is_valid_reason(geom)}")
    text = json.dumps(shapely.geometry.mapping(geom), separators=(",", ":"))
    return Area(text, (west, south, east, north))


def _geometry(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise BadInput("area must be a GeoJSON object")
    kind = data.get("type")
    if kind == "Feature":
        return _geometry(data.get("geometry"))
    if kind == "FeatureCollection":
        polygons = [_geometry(f) for f in data.get("features") or []]
        if not polygons:
            raise BadInput("area FeatureCollection has no features")
        coords = [c for p in polygons
                  for c in ([p["coordinates"]] if p["type"] == "Polygon" else p["coordinates"])]
        return {"type": "MultiPolygon", "coordinates": coords}
    if kind not in _AREA_TYPES:
        raise BadInput(f"area must be a Polygon or MultiPolygon, not {kind!r}")
    return data


@lru_cache(maxsize=64)
def _shape(geojson: str) -> BaseGeometry:
    geom = shape(json.loads(geojson))
    shapely.prepare(geom)
    return geom


def bbox_sql(bbox: tuple[float, float, float, float]) -> tuple[str, list[Any]]:
    """A clause on latitude/longitude for a WEST,SOUTH,EAST,NORTH box (may cross 180°)."""
    west, south, east, north = bbox
    params: list[Any] = [south, north, west, east]
    if west <= east:
        return "(latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?)", params
    return "(latitude BETWEEN ? AND ? AND (longitude >= ? OR longitude <= ?))", params


def prefilter_sql(area: Area) -> tuple[str, list[Any]]:
    """The area's bounding box as a clause: what the lat/lon index narrows to."""
    return bbox_sql(area.bounds)


def postgis_sql(area: Area) -> tuple[str, list[Any]]:
    """An exact PostGIS test of each event's point against the area (uses the GiST index)."""
    return f"ST_Intersects(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326), {POINT_SQL})", [area.geojson]


def inside(area: Area, latitudes: Sequence[float | None],
           longitudes: Sequence[float | None]) -> np.ndarray:
    """For each point, True when it lies in the area or on its boundary (None is outside)."""
    lat = np.array([np.nan if v is None else v for v in latitudes], dtype=float)
    lon = np.array([np.nan if v is None else v for v in longitudes], dtype=float)
    if lat.size == 0:
        return np.zeros(0, dtype=bool)
    mask = shapely.intersects_xy(area.shape, lon, lat)
    return mask & ~np.isnan(lat) & ~np.isnan(lon)


def area_by_shapely(
    area: Area,
    run: Callable[[str, Sequence[Any]], tuple[list[str], list[tuple]]],
    where: str,
    params: list[Any],
) -> tuple[str, list[Any]]:
    """A clause keeping the events in `area`, decided by shapely over the events that match
    `where` and lie in the area's bounding box (found with the latitude/longitude index)."""
    pre, pre_params = prefilter_sql(area)
    _, rows = run(f"SELECT event_id, latitude, longitude FROM events WHERE {where} AND {pre}",
                  params + pre_params)
    keep = inside(area, [r[1] for r in rows], [r[2] for r in rows])
    ids = [row[0] for row, ok in zip(rows, keep, strict=True) if ok]
    if not ids:
        return "1=0", []
    # One array parameter, however many ids: both engines unnest it.
    return "event_id IN (SELECT unnest(CAST(? AS TEXT[])))", [ids]
