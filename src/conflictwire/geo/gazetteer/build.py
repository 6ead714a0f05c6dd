"""Compile gazetteer records into one indexed SQLite file plus its name automaton.

The file holds places, names, admin codes, countries and demonyms in indexed tables, and a
pickled Aho-Corasick automaton of every name key, so opening it reads nothing but the
header and matching loads only the automaton.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import ahocorasick

from ...errors import GazetteerError
from .abbreviations import (
    CA_PROVINCES,
    COUNTRY_INITIALISMS,
    COUNTRY_NAMES,
    DEMONYMS,
    US_STATES_AP,
)
from .normalise import ARTICLES, is_latin, key, variants
from .records import AdminRow, CountryRow, Entry
from .regions import acled_region

SCHEMA_VERSION = "6"
Progress = Callable[[str, int, int], None]

_SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v BLOB);
CREATE TABLE places (geonameid INTEGER PRIMARY KEY, name TEXT, latitude REAL, longitude REAL,
  country_code TEXT, feature_class TEXT, feature_code TEXT, population INTEGER,
  admin1_code TEXT, admin2_code TEXT);
CREATE TABLE keys (key_id INTEGER PRIMARY KEY, key TEXT UNIQUE, zipf REAL);
CREATE TABLE names (key_id INTEGER, geonameid INTEGER, kind INTEGER);
CREATE TABLE admin (code TEXT PRIMARY KEY, name TEXT, geonameid INTEGER);
CREATE TABLE countries (iso2 TEXT PRIMARY KEY, iso3 TEXT, isonumeric TEXT, name TEXT,
  geonameid INTEGER, continent TEXT, subregion TEXT, region TEXT, capital TEXT,
  population INTEGER, neighbours TEXT, demonyms TEXT);
"""
# names.kind: how a key names the place.
PRIMARY, ALTERNATE, DEMONYM, ABBREVIATION = 1, 0, 2, 3

# Countries whose place names reach English news transliterated from Arabic (the Arab
# League members): their names get the extra spellings of `normalise.variants`.
ARABIC_NAMED = frozenset({"DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR",
                          "MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY", "TN", "AE", "YE",
                          "EH"})

# Adjectives for continents and world regions (facts), added to each country's demonym.
CONTINENT_DEMONYMS = {"European": "Europe", "African": "Africa", "Asian": "Asia",
                      "North American": "North America", "South American": "South America",
                      "Antarctic": "Antarctica"}


def _zipf() -> Callable[[str], float]:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # the build still works, the recogniser just loses a feature
        return lambda _w: 0.0
    return lambda w: zipf_frequency(w, "en")


def write(path: Path, entries: Iterable[Entry], countries: list[CountryRow],
          points: dict[str, tuple[float, float]], admins: list[AdminRow], *,
          source: str, progress: Progress | None = None, total: int = 0) -> Path:
    """Write the gazetteer file at `path` (atomically: a temp file renamed at the end).

    `entries` is read once, as a stream, so a full GeoNames dump never sits in memory;
    countries the stream has no feature for get one at `points`.
    """
    started = time.perf_counter()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        n_places, n_keys = _fill(db, entries, countries, points, admins, progress, total)
        meta = {"schema": SCHEMA_VERSION, "source": source, "places": str(n_places),
                "keys": str(n_keys), "built_s": f"{time.perf_counter() - started:.1f}"}
        db.executemany("INSERT INTO meta VALUES (?,?)", list(meta.items()))
        db.commit()
        db.execute("VACUUM")
        db.close()
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)
    if progress:
        progress("automaton", 1, 1)
    return path


def _fill(db: sqlite3.Connection, entries: Iterable[Entry], countries: list[CountryRow],
          points: dict[str, tuple[float, float]], admins: list[AdminRow],
          progress: Progress | None, total: int) -> tuple[int, int]:
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
    key_ids: dict[str, int] = {}
    name_rows: list[tuple[int, int, int]] = []
    place_rows: list[tuple] = []

    def add_names(gid: int, primary: str, names: Iterable[str], kind_other: int = ALTERNATE,
                  arabic: bool = False):
        seen: set[int] = set()
        for n in (primary, *names):
            kind = PRIMARY if n == primary else kind_other
            for k in (variants(n, arabic=arabic) if kind_other != ABBREVIATION else {key(n)}):
                if not is_latin(k) or len(k) < 2 or k in ARTICLES:
                    continue
                kid = key_ids.setdefault(k, len(key_ids) + 1)
                if kid not in seen:
                    seen.add(kid)
                    name_rows.append((kid, gid, kind))

    def add_place(e: Entry) -> None:
        place_rows.append((e.geonameid, e.name, e.latitude, e.longitude, e.country_code,
                           e.feature_class, e.feature_code, e.population, e.admin1_code,
                           e.admin2_code))
        add_names(e.geonameid, e.name, e.names, arabic=e.country_code in ARABIC_NAMED)

    def flush() -> None:
        db.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", place_rows)
        db.executemany("INSERT INTO names VALUES (?,?,?)", name_rows)
        place_rows.clear()
        name_rows.clear()

    country_gids = {c.geonameid for c in countries}
    seen_countries: set[int] = set()
    continent_ids: dict[str, int] = {}
    abbreviated: list[tuple[int, list[str]]] = []
    n_places = 0
    for e in entries:
        add_place(e)
        n_places += 1
        if e.geonameid in country_gids:
            seen_countries.add(e.geonameid)
        elif e.feature_code == "CONT":
            continent_ids[e.name] = e.geonameid
        elif e.feature_code == "ADM1" and e.country_code == "US" and e.admin1_code in US_STATES_AP:
            abbreviated.append((e.geonameid, US_STATES_AP[e.admin1_code]))
        elif e.feature_code == "ADM1" and e.country_code == "CA" and e.admin1_code in CA_PROVINCES:
            abbreviated.append((e.geonameid, CA_PROVINCES[e.admin1_code]))
        if len(place_rows) >= 50000:
            flush()
            if progress:
                progress("places", n_places, total)
    for c in countries:
        if c.geonameid in seen_countries:
            add_names(c.geonameid, "", c.names)
        elif c.iso2 in points:
            lat, lon = points[c.iso2]
            add_place(Entry(c.geonameid, c.name, lat, lon, c.iso2, "A", "PCLI", c.population,
                            names=set(c.names)))
            n_places += 1
        for d in {*c.demonyms, *DEMONYMS.get(c.iso2, ())}:
            add_names(c.geonameid, "", [d], DEMONYM)
        add_names(c.geonameid, "", COUNTRY_NAMES.get(c.iso2, ()))
        if c.iso2 in COUNTRY_INITIALISMS:
            add_names(c.geonameid, "", COUNTRY_INITIALISMS[c.iso2], ABBREVIATION)
    for gid, abbreviations in abbreviated:
        add_names(gid, "", abbreviations, ABBREVIATION)
    for d, cont in CONTINENT_DEMONYMS.items():
        if cont in continent_ids:
            add_names(continent_ids[cont], "", [d], DEMONYM)
    flush()
    if progress:
        progress("places", n_places, n_places)
    zipf = _zipf()
    db.executemany("INSERT INTO keys VALUES (?,?,?)",
                   ((kid, k, zipf(k) if " " not in k else 0.0) for k, kid in key_ids.items()))
    db.executemany("INSERT OR REPLACE INTO admin VALUES (?,?,?)",
                   ((a.code, a.name, a.geonameid) for a in admins))
    db.executemany("INSERT OR REPLACE INTO countries VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", (
        (c.iso2, c.iso3, c.isonumeric, c.name, c.geonameid, c.continent, c.subregion,
         acled_region(c.iso2, c.continent, c.subregion), c.capital, c.population,
         c.neighbours, "|".join(c.demonyms)) for c in countries))
    db.execute("CREATE INDEX names_key ON names(key_id)")
    if progress:
        progress("automaton", 0, 1)
    auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for k, kid in key_ids.items():
        if len(k) + 2 < 256:  # the value packs the matched length into its low byte
            auto.add_word(f" {k} ", kid << 8 | (len(k) + 2))
    n_keys = len(key_ids)
    key_ids.clear()  # the automaton and its pickle are the peak: nothing else is kept then
    auto.make_automaton()
    blob = pickle.dumps(auto, protocol=5)
    del auto
    # Written into a zero-filled blob in pieces: binding it as a parameter would make SQLite
    # hold a second copy of a blob of some 160 MB at the build's peak.
    cur = db.execute("INSERT INTO meta VALUES ('automaton', zeroblob(?))", (len(blob),))
    with db.blobopen("meta", "v", cur.lastrowid) as out:
        view = memoryview(blob)
        for at in range(0, len(blob), 1 << 22):
            out.write(view[at:at + (1 << 22)])
    return n_places, n_keys


def _fill_country_points(points: dict[str, tuple[float, float]], countries: list[CountryRow],
                         entries: list[Entry]) -> None:
    """Countries the shipped data has no point for get the middle of their towns' span."""
    missing = {c.iso2 for c in countries} - set(points)
    spans: dict[str, list[float]] = {}
    for e in entries:
        if e.country_code in missing and e.feature_class == "P":
            b = spans.setdefault(e.country_code, [90.0, -90.0, 180.0, -180.0])
            b[0], b[1] = min(b[0], e.latitude), max(b[1], e.latitude)
            b[2], b[3] = min(b[2], e.longitude), max(b[3], e.longitude)
    for cc, b in spans.items():
        points[cc] = (round((b[0] + b[1]) / 2, 5), round((b[2] + b[3]) / 2, 5))


def build_default(path: Path, *, progress: Progress | None = None) -> Path:
    """Build the default gazetteer from the GeoNames data shipped in PyPI packages."""
    from . import pypi_sources

    countries, points = pypi_sources.countries()
    entries, admins = pypi_sources.places()
    _fill_country_points(points, countries, entries)
    total = len(entries)
    return write(path, _drained(entries), countries, points, admins, source="pypi",
                 progress=progress, total=total)


def _drained(entries: list[Entry]) -> Iterator[Entry]:
    """The entries in order, each let go as it is written: the list and the tables being
    filled would otherwise sit in memory together (about half the build's peak)."""
    queue = deque(entries)
    entries.clear()
    while queue:
        yield queue.popleft()


__all__ = ["build_default", "write", "key"]


def build_from_dump(path: Path, places_file: Path, *, admin1: Path, admin2: Path | None,
                    country_info: Path | None = None, alternate_names: Path | None = None,
                    progress: Progress | None = None) -> Path:
    """Build a gazetteer from GeoNames dump files, reading the place file as a stream.

    Country facts come from `country_info` when given, else from the PyPI-shipped copy;
    demonyms and ACLED regions always come from the shipped country data; countries and
    continents the place file lacks (a cities file has none) come from the shipped data.
    Raises GazetteerError for a missing, corrupt or truncated file.
    """
    from . import dump_sources, pypi_sources

    # The place file first: it is the one named, and the others default to its folder.
    if not places_file.is_file():
        raise GazetteerError(f"missing file {places_file}")
    admins = dump_sources.read_admin_codes(admin1)
    if admin2 is not None:
        admins += dump_sources.read_admin_codes(admin2)
    shipped, points = pypi_sources.countries()
    countries = shipped
    if country_info is not None:
        by_iso = {c.iso2: c for c in shipped}
        countries = dump_sources.read_country_info(country_info)
        for c in countries:
            s = by_iso.get(c.iso2)
            if s:
                c.demonyms, c.subregion = s.demonyms, s.subregion
                c.names |= s.names
    extra = (dump_sources.read_alternate_names(alternate_names)
             if alternate_names is not None else {})
    seen_continents: set[int] = set()

    def stream() -> Iterator[Entry]:
        for e in dump_sources.read_places(places_file):
            if e.feature_code == "CONT":
                seen_continents.add(e.geonameid)
            e.names |= extra.get(e.geonameid, set())
            yield e
        for e in pypi_sources.continents():
            if e.geonameid not in seen_continents:
                yield e

    return write(path, stream(), countries, points, admins, source=f"dump:{places_file.name}",
                 progress=progress)
