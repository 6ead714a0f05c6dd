"""Distance and offset on the Earth's surface taken as a sphere: the one great-circle
formula and the one Earth radius every stage uses (geoparser, gazetteer build, event merge).
"""

from __future__ import annotations

import math

# The Earth's mean radius in km, as the gazetteer build and the spatial expressions ("30 km
# west of X") have always used it. IUGG's mean radius is 6371.0088 km (the event matcher
# once used that); the 9 m difference is 1.4 parts per million, far below any distance
# threshold, and keeping 6371.0 keeps the geoparser's output byte-identical.
EARTH_RADIUS_KM = 6371.0
# Flat-earth scales, for where a great circle is not worth its cost. Two values, kept as each
# of their users has always had them so that outputs stay identical:
# a degree of a great circle (2 pi R / 360 = 111.19 km), rounded: the geoparser's cheap
# equirectangular distance between candidate places;
KM_PER_DEGREE = 111.2
# a degree of latitude as the event merge's grid counts it (events.merge.cells_near, and the
# writers' locks on its cells in store.locks, which add a margin).
KM_PER_DEGREE_LAT = 111.0


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two (lat, lon) points in degrees (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def offset(lat: float, lon: float, distance_km: float, bearing_deg: float) -> tuple[float, float]:
    """The point `distance_km` from (lat, lon) along `bearing_deg` (0 = north, 90 = east)."""
    r = distance_km / EARTH_RADIUS_KM
    b = math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(r) + math.cos(p1) * math.sin(r) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(r) * math.cos(p1),
                         math.cos(r) - math.sin(p1) * math.sin(p2))
    return round(math.degrees(p2), 5), round((math.degrees(l2) + 540) % 360 - 180, 5)
