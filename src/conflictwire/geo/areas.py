"""Points for areas the gazetteer has no feature for, from the towns it has in them: a part of
a country or province ("northern Iraq", "the east of Aleppo province") and a stretch of the
border between two countries ("the Iraq-Turkey border")."""

from __future__ import annotations

import math

import numpy as np

from .gazetteer.regions import hull_centroid
from .sphere import KM_PER_DEGREE

# The compass words of "northern", "north-western"... as bearings in degrees.
BEARINGS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
            "southwest": 225.0, "west": 270.0, "northwest": 315.0}
# The share of a country's extent along a bearing that "northern X" covers, measured between
# the 10th and 90th percentiles of its towns (outlying islands and exclaves do not stretch it).
_PART_SHARE = 1 / 3
# Towns this much farther from the other country than the closest pair still count as on the
# border, and no farther than _BORDER_MAX_KM: a border region, not one crossing point.
_BORDER_BAND_KM = 60.0
_BORDER_MAX_KM = 150.0
# Towns further than this (degrees) outside the other country's box cannot be on its border.
_BOX_MARGIN = 1.5


def _plane(lat: np.ndarray, lon: np.ndarray, lat0: float) -> tuple[np.ndarray, np.ndarray]:
    """Equirectangular km around latitude `lat0`: exact enough inside one country."""
    return (lon * math.cos(math.radians(lat0)) * KM_PER_DEGREE, lat * KM_PER_DEGREE)


def part_point(towns: list[tuple[float, float]], bearing: float | None) -> tuple[float, float]:
    """The middle of the part of an area towards `bearing` (None: the whole area's middle),
    given the (lat, lon) of the towns in it: the hull centroid of the towns in the outer
    third of the area's extent that way."""
    if bearing is None or len(towns) < 3:
        return hull_centroid(towns)
    pts = np.asarray(towns, dtype=float)
    lat0 = float(np.median(pts[:, 0]))
    x, y = _plane(pts[:, 0], pts[:, 1], lat0)
    b = math.radians(bearing)
    s = x * math.sin(b) + y * math.cos(b)
    lo, hi = np.percentile(s, [10, 90])
    part = pts[s >= hi - (hi - lo) * _PART_SHARE]
    if len(part) == 0:
        part = pts[s >= hi]
    return hull_centroid([(float(a), float(o)) for a, o in part])


def population_centre(towns: list[tuple[float, float, int]]) -> tuple[float, float] | None:
    """The town nearest, weighted by population, to all the others (a weighted medoid):
    where in a country an event is likeliest when nothing narrower is known, since events
    happen where people live. None without towns."""
    if not towns:
        return None
    pts = np.asarray(towns, dtype=float)
    weight = np.maximum(pts[:, 2], 1.0)
    x, y = _plane(pts[:, 0], pts[:, 1], float(np.median(pts[:, 0])))
    cost = (np.hypot(x[:, None] - x[None, :], y[:, None] - y[None, :]) * weight[None, :]).sum(1)
    best = pts[int(cost.argmin())]
    return float(best[0]), float(best[1])


def border_point(towns_a: list[tuple[float, float]],
                 towns_b: list[tuple[float, float]]) -> tuple[float, float] | None:
    """A point on the border of countries A and B: among the midpoints of each border town of
    A and the nearest town of B, the one nearest their mean (a point of the border itself,
    not of the sea or desert a curved border bends around). None if no town of A is within
    _BORDER_MAX_KM of one of B."""
    if not towns_a or not towns_b:
        return None
    a, b = np.asarray(towns_a, dtype=float), np.asarray(towns_b, dtype=float)
    a = _inside_box(a, b)
    if len(a) == 0:
        return None
    b = _inside_box(b, a)
    if len(b) == 0:
        return None
    lat0 = float(np.median(np.concatenate([a[:, 0], b[:, 0]])))
    ax, ay = _plane(a[:, 0], a[:, 1], lat0)
    bx, by = _plane(b[:, 0], b[:, 1], lat0)
    nearest = np.empty(len(a), dtype=int)
    dist = np.empty(len(a))
    for i in range(0, len(a), 512):  # in slices: two big countries' towns are many pairs
        d = np.hypot(ax[i:i + 512, None] - bx[None, :], ay[i:i + 512, None] - by[None, :])
        nearest[i:i + 512] = d.argmin(axis=1)
        dist[i:i + 512] = d.min(axis=1)
    closest = float(dist.min())
    if closest > _BORDER_MAX_KM:
        return None
    keep = dist <= min(_BORDER_MAX_KM, closest + _BORDER_BAND_KM)
    mids = (a[keep] + b[nearest[keep]]) / 2
    centre = mids.mean(axis=0)
    best = mids[np.hypot(*(mids - centre).T).argmin()]
    return round(float(best[0]), 5), round(float(best[1]), 5)


def _inside_box(pts: np.ndarray, other: np.ndarray) -> np.ndarray:
    lo = other.min(axis=0) - _BOX_MARGIN
    hi = other.max(axis=0) + _BOX_MARGIN
    return pts[np.all((pts >= lo) & (pts <= hi), axis=1)]
