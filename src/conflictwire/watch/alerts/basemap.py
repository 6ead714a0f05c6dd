"""Country outlines for the digest map, read from the world-atlas TopoJSON the web app ships
(`conflictwire/web/static/countries-50m.json`, ISC licence); None when it is not installed.

Loaded once (`load_land`) and passed to `render_map`, like any heavy resource.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

Ring = tuple[tuple[float, float], ...]  # (lon, lat) points


@dataclass(frozen=True, slots=True)
class Land:
    """Every country's rings (outer rings and holes alike: the map draws outlines)."""

    rings: tuple[Ring, ...]
    bboxes: tuple[tuple[float, float, float, float], ...]  # west, south, east, north


def default_land_path() -> Path | None:
    """The web app's world-atlas file, when the web package is installed."""
    try:
        path = resources.files("conflictwire") / "web" / "static" / "countries-50m.json"
    except (ModuleNotFoundError, TypeError):
        return None
    return Path(str(path)) if path.is_file() else None


def load_land(path: Path | None = None) -> Land | None:
    """Country rings from a world-atlas TopoJSON file (default: the web app's); None when
    there is none or it cannot be read."""
    path = path or default_land_path()
    if path is None:
        return None
    try:
        topo = json.loads(Path(path).read_text(encoding="utf-8"))
        return _decode(topo)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def _decode(topo: dict) -> Land:
    """TopoJSON arcs (quantised, delta-encoded) to absolute rings of every polygon."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    obj = topo["objects"].get("countries") or next(iter(topo["objects"].values()))
    rings: list[Ring] = []
    for geom in obj["geometries"]:
        polygons = ([geom["arcs"]] if geom["type"] == "Polygon"
                    else geom["arcs"] if geom["type"] == "MultiPolygon" else [])
        for polygon in polygons:
            for ring_arcs in polygon:
                points: list[tuple[float, float]] = []
                for index in ring_arcs:
                    arc = arcs[index] if index >= 0 else arcs[~index][::-1]
                    points.extend(arc if not points else arc[1:])
                if len(points) >= 3:
                    rings.append(tuple(points))
    bboxes = tuple(
        (min(p[0] for p in r), min(p[1] for p in r), max(p[0] for p in r), max(p[1] for p in r))
        for r in rings
    )
    return Land(tuple(rings), bboxes)
