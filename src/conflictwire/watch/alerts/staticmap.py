"""A small static map (PNG) of a digest's events, drawn with Pillow, no tiles or network.

Equirectangular, framed on the events with a margin, with country outlines (when the web
app's world-atlas data is installed), a labelled graticule and one
numbered marker per event (its place in the digest's list, and the place name when few), its area
growing with the fatality count. It is a locator for the list, not a basemap.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from typing import Any

from .basemap import Land

_BG = (222, 233, 243)  # sea
_LAND = (246, 244, 238)
_BORDER = (170, 170, 160)
_GRID = (200, 210, 222)
_TEXT = (70, 80, 95)
_MARKER = (196, 40, 40)
_MARKER_ZERO = (230, 140, 30)


def render_map(
    events: Sequence[Mapping[str, Any]],
    *,
    size: tuple[int, int] = (480, 300),
    land: Land | None = None,
) -> bytes:
    """PNG bytes of a map of `events` (rows with latitude/longitude/fatalities), with country
    outlines when `land` is given (see `basemap.load_land`)."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = size
    image = Image.new("RGB", size, _BG)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default()
    points = [
        (
            i + 1,
            float(e["longitude"]),
            float(e["latitude"]),
            int(e.get("fatalities") or 0),
            str(e.get("location") or ""),
        )
        for i, e in enumerate(events)
        if e.get("latitude") is not None and e.get("longitude") is not None
    ]
    west, south, east, north = _frame([(p[1], p[2]) for p in points], width / height)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return ((lon - west) / (east - west) * width, (north - lat) / (north - south) * height)

    if land is not None:
        for ring, (w, s_, e, n) in zip(land.rings, land.bboxes, strict=True):
            if e < west or w > east or n < south or s_ > north:
                continue
            draw.polygon([xy(lon_, lat_) for lon_, lat_ in ring], fill=_LAND, outline=_BORDER)
    step = _grid_step(east - west)
    lon = math.ceil(west / step) * step
    while lon <= east:
        x, _ = xy(lon, 0)
        draw.line([(x, 0), (x, height)], fill=_GRID)
        draw.text((x + 2, height - 12), _deg(lon, "E", "W"), fill=_TEXT, font=font)
        lon += step
    lat = math.ceil(south / step) * step
    while lat <= north:
        _, y = xy(0, lat)
        draw.line([(0, y), (width, y)], fill=_GRID)
        draw.text((2, y + 1), _deg(lat, "N", "S"), fill=_TEXT, font=font)
        lat += step
    for number, lon_, lat_, deaths, place in sorted(points, key=lambda p: -p[3]):
        x, y = xy(lon_, lat_)
        r = 5 + min(14, 2.5 * math.sqrt(deaths))
        colour = _MARKER if deaths else _MARKER_ZERO
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour, outline=(255, 255, 255))
        label = f"{number} {place}"[:28] if len(points) <= 12 else str(number)
        draw.text((x + r + 2, y - 6), label, fill=(20, 20, 20), font=font)
    draw.rectangle([0, 0, width - 1, height - 1], outline=_GRID)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _frame(points: Sequence[tuple[float, float]], aspect: float) -> tuple[float, ...]:
    """(west, south, east, north) around the points, padded, at the image's aspect ratio."""
    if not points:
        return (-180.0, -60.0, 180.0, 80.0)
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    span_x = max(max(lons) - min(lons), 1.0) * 1.5 + 1.0
    span_y = max(max(lats) - min(lats), 1.0) * 1.5 + 1.0
    span_x = max(span_x, span_y * aspect)
    span_y = span_x / aspect
    west, east = max(-180.0, cx - span_x / 2), min(180.0, cx + span_x / 2)
    south, north = max(-85.0, cy - span_y / 2), min(85.0, cy + span_y / 2)
    return (west, south, east, north)


def _grid_step(span: float) -> float:
    for step in (0.5, 1, 2, 5, 10, 20, 30, 60):
        if span / step <= 8:
            return float(step)
    return 90.0


def _deg(value: float, pos: str, neg: str) -> str:
    text = f"{abs(value):g}°"
    return text + (pos if value > 0 else neg if value < 0 else "")
