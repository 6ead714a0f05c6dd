"""Headlines whose places are provinces: each province named gets its own event, of the
headline's type (ACLED codes one event per location)."""

from __future__ import annotations

from datetime import date

import pytest

from conflictwire import taxonomy as tx
from conflictwire.coding.resources import Resources
from conflictwire.coding.runner import code
from conflictwire.models import Article
from geo_fixture import coder_resources

# geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, admin1, population
_PLACES = [
    (163843, "Syria", "Syria", "Syrian Arab Republic", 35.0, 38.0, "A", "PCLI", "SY", "00",
     17000000),
    (169575, "Homs Governorate", "Homs Governorate", "Homs", 34.58, 37.57, "A", "ADM1", "SY",
     "11", 1800000),
    (170792, "Deir ez-Zor Governorate", "Deir ez-Zor Governorate", "Deir Ezzor", 35.03, 40.39,
     "A", "ADM1", "SY", "07", 1200000),
    (173334, "Quneitra Governorate", "Quneitra Governorate", "Quneitra", 33.2, 35.84, "A",
     "ADM1", "SY", "03", 90000),
    (172408, "Nawa", "Nawa", "Nawa", 32.89, 36.04, "P", "PPL", "SY", "06", 45000),
    (163345, "Talbiseh", "Talbiseh", "Talbisah", 34.84, 36.73, "P", "PPL", "SY", "11", 30000),
]
_ADMIN1 = [("SY.11", "Homs", "Homs", 169575), ("SY.07", "Deir ez-Zor", "Deir ez-Zor", 170792),
           ("SY.03", "Quneitra", "Quneitra", 173334), ("SY.06", "Daraa", "Daraa", 0)]


@pytest.fixture(scope="module")
def resources(tmp_path_factory: pytest.TempPathFactory) -> Resources:
    return coder_resources(tmp_path_factory.mktemp("gaz"), _PLACES, _ADMIN1)


def _events(text: str, resources: Resources) -> list[tuple[str, str]]:
    art = Article(id="p", text=text, published=date(2016, 5, 2), source="SOHR")
    return sorted((r.location.name, r.sub_event_type) for r in code(art, resources=resources)
                  if r.location is not None)


def test_two_provinces_are_two_events(resources):
    got = _events("Shelling hit Homs province and Deir Ezzor governorate on Sunday.",
                  resources)
    # An event placed at a province is named as ACLED names the province.
    assert got == [("Deir-ez-Zor", tx.SHELLING), ("Homs", tx.SHELLING)]


def test_a_town_and_a_province_listed_share_the_headline_type(resources):
    got = _events("Shelling on Nawa and Quneitra governorate killed four people.", resources)
    assert got == [("Nawa", tx.SHELLING), ("Quneitra", tx.SHELLING)]


def test_a_province_and_a_town_in_it_are_one_event(resources):
    got = _events("Shelling hit Homs province on Sunday. The shells fell on Talbiseh.",
                  resources)
    assert [name for name, _ in got] in (["Talbiseh"], ["Homs"])
