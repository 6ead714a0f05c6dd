"""Countries the coder is told or can infer (the source's, a feed's focus) choose between
places of the same name, and never outrank a place the text itself pins down."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import conflictwire.cli  # noqa: F401  (registers every command)
from conflictwire.cli.app import app
from conflictwire.coding.actors import ActorLexicon
from conflictwire.coding.classify import Classifier
from conflictwire.coding.resources import Resources
from conflictwire.coding.runner import code
from conflictwire.geo.gazetteer import Gazetteer
from conflictwire.geo.geoparse import geoparse, source_countries
from conflictwire.geo.outlets import OutletLexicon
from conflictwire.models import Article
from geo_fixture import short_rows, small_gazetteer

# geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, admin1, population.
# Homonyms as in GeoNames: Madaya is a town in Myanmar and a smaller one (no population
# given) in Syria; al-Marj a Libyan city and a Syrian village.
_PLACES = [
    (163843, "Syria", "Syria", "Syrian Arab Republic", 35.0, 38.0, "A", "PCLI", "SY", "00",
     17000000),
    (1327865, "Myanmar", "Myanmar", "Burma", 21.0, 96.0, "A", "PCLI", "MM", "00", 54000000),
    (2215636, "Libya", "Libya", "", 28.0, 17.0, "A", "PCLI", "LY", "00", 6600000),
    (900001, "Maḑāyā", "Madaya", "Madaya,Madaya", 33.69, 36.10, "P", "PPL", "SY", "08", 0),
    (900002, "Madaya", "Madaya", "", 22.21, 96.10, "P", "PPL", "MM", "08", 24234),
    (900003, "Al Marj", "Al Marj", "Marj,al-Marj", 33.52, 36.47, "P", "PPL", "SY", "08", 4000),
    (900004, "Al Marj", "Al Marj", "Marj,al-Marj", 32.49, 20.83, "P", "PPL", "LY", "22", 85000),
]
_ADMIN1 = [("SY.08", "Rif Dimashq", "Rif Dimashq", 0), ("MM.08", "Mandalay", "Mandalay", 0),
           ("LY.22", "Al Marj", "Al Marj", 0)]


@pytest.fixture(scope="module")
def gazetteer_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("gaz")
    small_gazetteer(folder, short_rows(_PLACES), _ADMIN1).close()
    return folder / "g.sqlite"


@pytest.fixture(scope="module")
def resources(gazetteer_file: Path) -> Resources:
    return Resources(gazetteer=Gazetteer.open(gazetteer_file), classifier=Classifier.load(),
                     actors=ActorLexicon.load(), outlets=OutletLexicon.load())


def _place(text: str, resources: Resources, **article) -> tuple[str, str]:
    art = Article(id="h1", text=text, published=date(2016, 3, 7), **article)
    reports = code(art, resources=resources)
    assert reports, "the test sentence should code as an event"
    loc = reports[0].location
    assert loc is not None
    return loc.name, resources.gazetteer.country(loc.iso).iso2


_TEXT = "Shells fell in Madaya on Monday, killing two women."


def test_without_a_hint_the_bigger_namesake_wins(resources):
    assert _place(_TEXT, resources)[1] == "MM"
    assert _place(_TEXT, resources, source="Reuters")[1] == "MM"


def test_the_source_country_chooses_the_namesake(resources):
    assert _place(_TEXT, resources, source="Syrian Observatory for Human Rights")[1] == "SY"
    assert _place(_TEXT, resources, source="SOHR;Airwars")[1] == "SY"
    assert _place(_TEXT, resources, url="https://www.sana.sy/en/?p=1")[1] == "SY"


def test_a_caller_hint_chooses_the_namesake(resources):
    art = Article(id="h2", text=_TEXT, published=date(2016, 3, 7))
    for hint in ("SY", "SYR", "Syria"):
        (report,) = code(art, resources=resources, hint_countries=(hint,))
        assert resources.gazetteer.country(report.location.iso).iso2 == "SY"
    (report,) = code(art, resources=resources, hint_countries=("nowhere-land",))
    assert resources.gazetteer.country(report.location.iso).iso2 == "MM"


def test_the_source_hint_does_not_override_what_the_text_says(resources):
    text = "Shells fell in al-Marj, Libya, on Monday, killing two women."
    assert _place(text, resources, source="SOHR")[1] == "LY"
    assert _place("Shells fell in al-Marj on Monday, killing two women.", resources,
                  source="SOHR")[1] == "SY"


def test_geoparse_uses_the_source_and_only_its_known_countries(resources):
    gaz, outlets = resources.gazetteer, resources.outlets
    art = Article(id="g", text="Shelling hit Madaya.", source="SOHR")
    assert source_countries(art, gaz, outlets) == ("SY",)
    assert geoparse(art, gazetteer=gaz, outlets=outlets)[0].value.country_code == "SY"
    assert geoparse(art, gazetteer=gaz)[0].value.country_code == "MM"  # no lexicon given
    # A country-code domain the gazetteer does not know gives no hint.
    assert source_countries(Article(id="g", text="x", url="https://a.zz/b"), gaz, outlets) == ()


def test_the_watchers_default_coder_passes_a_feeds_hint_on(resources):
    from conflictwire.pipeline import default_coder

    coder = default_coder(resources)
    art = Article(id="h3", text=_TEXT, published=date(2016, 3, 7))
    (hinted,) = coder(art, hint_countries=("SY",))
    (plain,) = coder(art)
    assert resources.gazetteer.country(hinted.location.iso).iso2 == "SY"
    assert resources.gazetteer.country(plain.location.iso).iso2 == "MM"


def test_the_geoparse_command_reads_the_source(gazetteer_file):
    lines = [{"id": "a", "text": "Shells fell in Madaya.", "source": "SOHR"},
             {"id": "b", "text": "Shells fell in Madaya.", "url": "https://example.sy/1"},
             {"id": "c", "text": "Shells fell in Madaya.", "source": "AFP"}]
    result = CliRunner().invoke(app, ["geoparse", "--gazetteer", str(gazetteer_file)],
                                input="".join(json.dumps(x) + "\n" for x in lines))
    assert result.exit_code == 0, result.output
    out = {o["article_id"]: o["toponyms"][0]["country_code"]
           for o in map(json.loads, result.stdout.splitlines())}
    assert out == {"a": "SY", "b": "SY", "c": "MM"}


@pytest.mark.parametrize(("source", "expected"), [
    ("Syrian War Diary", ("SY",)),      # an unknown outlet named after its country
    ("Sudan Weekly", ("SD",)),
    ("Somali Guardian", ("SO",)),       # not The Guardian
    ("The Guardian", ()),
    ("Voice of America", ()),           # international, though it names a country
    ("Springfield Gazette", ()),
    ("News in Brief", ()),              # "in" is a word here, not India's code
])
def test_an_unknown_outlet_named_after_a_country_points_there(resources, source, expected):
    art = Article(id="s", text="", source=source)
    assert source_countries(art, resources.gazetteer, resources.outlets) == expected
