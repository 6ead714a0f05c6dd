"""The coder places events in the country the article is about: the headline read with the
body, the outlet's country as a leaning, actors abroad as actors (a gazetteer written here)."""

from __future__ import annotations

from datetime import date

import pytest

from conflictwire.coding.resources import Resources
from conflictwire.coding.runner import code
from conflictwire.models import Article
from geo_fixture import coder_resources

# geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, admin1, population.
_PLACES = [
    (1, "Syria", "Syria", "", 35.0, 38.0, "A", "PCLI", "SY", "00", 17000000),
    (2, "Myanmar", "Myanmar", "Burma", 21.0, 96.0, "A", "PCLI", "MM", "00", 54000000),
    (3, "Lebanon", "Lebanon", "", 33.83, 35.83, "A", "PCLI", "LB", "00", 6800000),
    (4, "Russia", "Russia", "", 60.0, 100.0, "A", "PCLI", "RU", "00", 144000000),
    (10, "Maḑāyā", "Madaya", "", 33.69, 36.10, "P", "PPL", "SY", "08", 9000),
    (11, "Madaya", "Madaya", "", 22.21, 96.10, "P", "PPL", "MM", "04", 24000),
    (12, "Damascus", "Damascus", "", 33.51, 36.29, "P", "PPLC", "SY", "13", 1500000),
    (13, "Az Zabadānī", "Az Zabadani", "Zabadani", 33.72, 36.10, "P", "PPL", "SY", "08", 26000),
    (14, "Beirut", "Beirut", "", 33.89, 35.50, "P", "PPLC", "LB", "04", 1900000),
]
_ADMIN1 = [("SY.08", "Rif-dimashq", "Rif-dimashq", 0), ("SY.13", "Dimashq", "Dimashq", 0),
           ("MM.04", "Mandalay", "Mandalay", 0), ("LB.04", "Beirut", "Beirut", 0)]


@pytest.fixture(scope="module")
def resources(tmp_path_factory: pytest.TempPathFactory) -> Resources:
    return coder_resources(tmp_path_factory.mktemp("gaz"), _PLACES, _ADMIN1)


def _places(resources: Resources, text: str, **article) -> list[tuple[str, str, int]]:
    art = Article(id="c", text=text, published=date(2016, 3, 7), **article)
    return [(r.location.name, r.location.country, r.location.geo_precision)
            for r in code(art, resources=resources) if r.location is not None]


def test_the_headline_is_read_with_the_body(resources):
    body = ("Government shelling killed two women in the besieged town near Zabadani on "
            "Monday, a monitor said.")
    # Alone, the headline's Madaya is the bigger one, in Myanmar; with the body, Syria's.
    assert _places(resources, "Shelling kills two in Madaya")[0][1] == "Myanmar"
    got = _places(resources, body, title="Shelling kills two in Madaya")
    assert got and all(country == "Syria" for _, country, _ in got)


def test_an_event_that_names_no_place_is_in_the_outlets_country(resources):
    got = _places(resources, "Gunmen shot dead two people on Monday.",
                  url="https://news.example.com.lb/a")
    assert got == [("Lebanon", "Lebanon", 3)]


def test_the_text_outweighs_the_outlet(resources):
    got = _places(resources, "Shells killed two women in Madaya, Syria, on Monday.",
                  url="https://news.example.com.lb/a")
    assert got[0][:2] == ("Madaya", "Syria")


def test_a_national_actor_does_not_move_the_event_abroad(resources):
    got = _places(resources, "Russian warplanes killed four people in Zabadani on Monday.",
                  source="SOHR")
    assert got[0][:2] == ("Az Zabadani", "Syria")
    got = _places(resources, "Russian warplanes killed four people on Monday.",
                  source="SOHR")
    assert got == [("Syria", "Syria", 3)]
