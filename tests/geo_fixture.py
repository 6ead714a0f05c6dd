"""A small GeoNames dump written by the tests themselves, in the 19-column format."""

from __future__ import annotations

from pathlib import Path

from conflictwire.coding.resources import Resources
from conflictwire.geo.gazetteer import Gazetteer
from conflictwire.geo.gazetteer.build import build_from_dump
from conflictwire.geo.geoparse import geoparse
from conflictwire.models import Article

# geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, cc2, admin1, admin2,
# admin3, admin4, population, elevation, dem, timezone, modified
PLACES = [
    (99237, "Iraq", "Iraq", "Irak,Republic of Iraq", 33.0, 44.0, "A", "PCLI", "IQ", "", "00", "",
     "", "", 38433600),
    (163843, "Syria", "Syria", "Syrian Arab Republic", 35.0, 38.0, "A", "PCLI", "SY", "", "00",
     "", "", "", 16906283),
    (92877, "Nīnawá", "Ninawa", "Nineveh,Ninawa Governorate", 36.25, 42.5, "A", "ADM1", "IQ", "",
     "15", "", "", "", 2453000),
    (99072, "Mosul", "Mosul", "Al Mawsil,Mossul", 36.335, 43.11889, "P", "PPLA", "IQ", "", "15",
     "", "", "", 1683000),
    (90393, "Tall ‘Afar", "Tall 'Afar", "Tal Afar,Tall Afar", 36.37913, 42.44806, "P", "PPL", "IQ",
     "", "15", "", "", "", 205000),
    (98182, "Baghdad", "Baghdad", "Bagdad", 33.34058, 44.40088, "P", "PPLC", "IQ", "", "07", "",
     "", "", 7216000),
    (170063, "Aleppo", "Aleppo", "Halab,Alep", 36.20124, 37.16117, "P", "PPLA", "SY", "", "09", "",
     "", "", 1602264),
    (173576, "Ar Raqqah", "Ar Raqqah", "Raqqa,Al-Raqqa", 35.95283, 39.00788, "P", "PPLA", "SY", "",
     "04", "", "", "", 177636),
    (6254926, "Massachusetts", "Massachusetts", "Mass.", 42.36565, -71.10832, "A", "ADM1", "US",
     "", "MA", "", "", "", 6547629),
    (6269131, "England", "England", "", 52.16045, -0.70312, "A", "ADM1", "GB", "", "ENG", "", "",
     "", 53012456),
    (4931972, "Cambridge", "Cambridge", "", 42.3751, -71.10561, "P", "PPL", "US", "", "MA", "017",
     "", "", 105162),
    (2653941, "Cambridge", "Cambridge", "", 52.2, 0.11667, "P", "PPLA2", "GB", "", "ENG", "J",
     "", "", 128488),
]
ADMIN1 = [("IQ.15", "Nīnawá", "Ninawa", 92877), ("IQ.07", "Baghdad", "Baghdad", 98182),
          ("SY.09", "Aleppo", "Aleppo", 170062), ("SY.04", "Ar-Raqqah", "Ar-Raqqah", 173577),
          ("US.MA", "Massachusetts", "Massachusetts", 6254926),
          ("GB.ENG", "England", "England", 6269131)]
ADMIN2 = [("US.MA.017", "Middlesex County", "Middlesex County", 4943909)]


def place_line(row: tuple) -> str:
    cols = [str(c) for c in row] + ["", "", "Asia/Baghdad", "2020-01-01"]
    return "\t".join(cols)


def write_dump(folder: Path, places: list[tuple] | None = None,
               admin1: list[tuple] | None = None) -> Path:
    """Write XX.txt (places), admin1CodesASCII.txt and admin2Codes.txt; return the place file."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "XX.txt"
    path.write_text("\n".join(place_line(r) for r in places or PLACES) + "\n", encoding="utf-8")
    (folder / "admin1CodesASCII.txt").write_text(
        "".join("\t".join(map(str, r)) + "\n" for r in admin1 or ADMIN1), encoding="utf-8")
    (folder / "admin2Codes.txt").write_text(
        "".join("\t".join(map(str, r)) + "\n" for r in ADMIN2), encoding="utf-8")
    return path


def small_gazetteer(folder: Path, places: list[tuple] | None = None,
                    admin1: list[tuple] | None = None) -> Gazetteer:
    """A gazetteer built from `write_dump`'s files in `folder` (PLACES by default)."""
    dump = write_dump(folder, places, admin1)
    return Gazetteer.open(build_from_dump(
        folder / "g.sqlite", dump, admin1=folder / "admin1CodesASCII.txt",
        admin2=folder / "admin2Codes.txt"))


def short_rows(places: list[tuple]) -> list[tuple]:
    """Dump rows from short ones (geonameid .. cc, admin1, population): cc2 and admin2-4 empty."""
    return [(*r[:9], "", r[9], "", "", "", r[10]) for r in places]


def coder_resources(folder: Path, places: list[tuple], admin1: list[tuple]) -> Resources:
    """The coder's resources over a small gazetteer of short rows (see `short_rows`)."""
    from conflictwire.coding.actors import ActorLexicon
    from conflictwire.coding.classify import Classifier

    return Resources(gazetteer=small_gazetteer(folder, short_rows(places), admin1),
                     classifier=Classifier.load(), actors=ActorLexicon.load())


def toponym_ids(text: str, gaz: Gazetteer) -> list[tuple[str, int | None]]:
    """(text, geonameid) of each toponym found, checking that its offsets give its text."""
    ms = geoparse(Article(id="t", text=text), gazetteer=gaz)
    for m in ms:
        assert text[m.start:m.end] == m.text
    return [(m.text, m.value.geonameid if m.value else None) for m in ms]
