"""Geoparsing conflict news: transliterated Arabic names, homonyms abroad, actor demonyms,
local places the gazetteer lacks and datelines (on a small gazetteer written here)."""

from __future__ import annotations

import pytest

from conflictwire.geo.gazetteer import Gazetteer
from conflictwire.geo.gazetteer.normalise import variants
from conflictwire.geo.geoparse import geoparse, locate_event
from conflictwire.models import Article
from geo_fixture import small_gazetteer, toponym_ids

# geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, cc2, admin1, admin2,
# admin3, admin4, population (made-up ids and figures, real shapes of names)
PLACES = [
    (1, "Syria", "Syria", "", 35.0, 38.0, "A", "PCLI", "SY", "", "00", "", "", "", 17000000),
    (2, "Russia", "Russia", "", 60.0, 100.0, "A", "PCLI", "RU", "", "00", "", "", "", 140000000),
    (3, "Myanmar", "Myanmar", "Burma", 21.0, 96.0, "A", "PCLI", "MM", "", "00", "", "", "",
     53000000),
    (10, "Tadmur", "Tadmur", "Palmyra,Tadmor", 34.56, 38.27, "P", "PPL", "SY", "", "03", "", "",
     "", 51000),
    (11, "Palmyra", "Palmyra", "", 40.31, -76.59, "P", "PPL", "US", "", "PA", "", "", "", 7400),
    (12, "Shaykh Miskīn", "Shaykh Miskin", "Ash Shaykh Miskin", 32.83, 36.16, "P", "PPL", "SY",
     "", "08", "", "", "", 24000),
    (13, "Ma‘arrat an Nu‘mān", "Ma`arrat an Nu`man", "", 35.65, 36.67, "P", "PPL", "SY", "",
     "12", "", "", "", 58000),
    (14, "Dar‘ā", "Dar`a", "Deraa", 32.62, 36.10, "P", "PPLA", "SY", "", "08", "", "", "", 97000),
    (15, "Tall Abyaḑ", "Tall Abyad", "", 36.70, 38.95, "P", "PPL", "SY", "", "04", "", "", "",
     14000),
    (16, "Al Ain City", "Al Ain City", "Ayn,Al Ain", 24.19, 55.76, "P", "PPL", "AE", "", "01",
     "", "", "", 800000),
    (20, "Sagaing", "Sagaing", "Sagaing Region", 24.5, 95.3, "A", "ADM1", "MM", "", "05", "",
     "", "", 5300000),
    (21, "Kani", "Kani", "", 35.40, 137.06, "P", "PPL", "JP", "", "21", "", "", "", 100000),
    (22, "Bangkok", "Bangkok", "", 13.75, 100.50, "P", "PPLC", "TH", "", "40", "", "", "",
     5100000),
    (25, "Kani", "Kani", "", 8.48, -6.60, "P", "PPL", "CI", "", "87", "", "", "", 11500),
    (24, "Golān", "Golan", "", 37.2, 57.9, "P", "PPL", "IR", "", "32", "", "", "", 3000),
    (23, "Mandalay", "Mandalay", "", 21.97, 96.08, "P", "PPLA", "MM", "", "08", "", "", "",
     1200000),
]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory) -> Gazetteer:
    return small_gazetteer(tmp_path_factory.mktemp("conflict"), PLACES)



def test_arabic_names_get_the_spellings_news_uses():
    keys = variants("Ma‘arrat an Nu‘mān", arabic=True)
    assert {"maarat al numan", "maarrat an numan", "maarat numan"} <= keys
    assert {"sheikh meskin", "shekh miskin"} <= variants("Shaykh Miskīn", arabic=True)
    assert {"tal abyad", "tell abyad"} <= variants("Tall Abyaḑ", arabic=True)
    assert variants("Tall Abyaḑ") == {"tall abyad"}  # only names from Arabic get them


@pytest.mark.parametrize(("text", "name", "gid"), [
    ("Clashes continue in Sheikh Meskin", "Sheikh Meskin", 12),
    ("More airstrikes target Shekh Meskin", "Shekh Meskin", 12),
    ("Warplanes bomb Maarat al-Numan", "Maarat al-Numan", 13),
    ("Shelling on Ma’arrat al-Nu’man", "Ma’arrat al-Nu’man", 13),
    ("Clashes in Dar&#8217;a countryside", "Dar&#8217;a", 14),
    ("Clashes in Tal Abyad", "Tal Abyad", 15),
])
def test_transliteration_variants_meet(gaz, text, name, gid):
    assert (name, gid) in toponym_ids(text, gaz)


@pytest.mark.parametrize("text", [
    "Regime forces shell Deraa again",
    "Helicopters bomb Deraa",
    "Injuries after aerial bombardment on Deraa",
    "Renewed raids on Deraa",
])
def test_a_verb_or_noun_of_attack_locates_a_town(gaz, text):
    assert toponym_ids(text, gaz) == [("Deraa", 14)]


def test_on_without_an_attack_is_no_evidence(gaz):
    assert toponym_ids("A new book on Deraa", gaz) == []


def test_a_big_place_known_by_a_small_towns_name_wins(gaz):
    assert toponym_ids("Fierce battles in Palmyra on Monday", gaz) == [("Palmyra", 10)]


def test_generic_first_word_of_an_unknown_name_is_not_a_place(gaz):
    assert toponym_ids("Clashes in the vicinity of Ayn Tarma", gaz) == []
    assert toponym_ids("Floods hit Ayn on Monday", gaz) == [("Ayn", 16)]


def _locate(text: str, gaz: Gazetteer):
    article = Article(id="t", text=text)
    return locate_event(article, (0, len(text)), geoparse(article, gazetteer=gaz), gazetteer=gaz)


def test_actor_demonyms_are_not_event_places(gaz):
    assert _locate("Russian airstrikes target the area", gaz) is None
    loc = _locate("Shells fell on Syrian soil", gaz)
    assert loc is not None and loc.country == "Syria" and loc.geo_precision == 3
    loc = _locate("Russian warplanes bomb targets in Palmyra", gaz)
    assert loc is not None and loc.geonameid == 10


def test_local_place_abroad_gives_way_to_the_focus_countrys_area(gaz):
    text = ("BANGKOK, April 25 - A Myanmar military jet bombed a village in Kani township "
            "in the country's Sagaing region on Wednesday.")
    assert ("Kani", 20) in toponym_ids(text, gaz)
    loc = _locate(text, gaz)
    assert loc is not None and loc.geonameid == 20 and loc.country == "Myanmar"


def test_a_town_abroad_stays_when_the_article_is_not_about_one_country(gaz):
    assert ("Kani", 21) in toponym_ids("Officials met in Kani on Monday.", gaz)


def test_another_country_in_a_report_on_one_is_an_actor(gaz):
    text = ("Shelling hit Palmyra and Sheikh Meskin in Syria on Monday. "
            "Russia said its jets had struck militants.")
    article = Article(id="t", text=text)
    ms = geoparse(article, gazetteer=gaz)
    second = (text.index("Russia"), len(text))
    loc = locate_event(article, second, ms, gazetteer=gaz)
    assert loc is not None and loc.country == "Syria"
    loc = locate_event(Article(id="u", text="Shells fell in Russia."), (0, 22),
                       geoparse(Article(id="u", text="Shells fell in Russia."), gazetteer=gaz),
                       gazetteer=gaz)
    assert loc is not None and loc.country == "Russia"


def test_stray_small_town_far_from_the_articles_country_is_unresolved(gaz):
    text = "Clashes in Palmyra, Sheikh Meskin and Tal Abyad, Syria, and in Golan."
    assert toponym_ids(text, gaz)[-1] == ("Golan", None)
    assert toponym_ids("Clashes in Golan.", gaz) == [("Golan", 24)]


def test_caller_country_hint_decides_a_lone_homonym(gaz):
    article = Article(id="t", text="Clashes near Kani on Monday")
    assert [m.value.geonameid for m in geoparse(article, gazetteer=gaz)] == [21]
    hinted = geoparse(article, gazetteer=gaz, hint_countries=("CI",))
    assert [m.value.country_code for m in hinted] == ["CI"]


def test_quoted_names_and_operations_are_not_places(gaz):
    assert toponym_ids("Forces of the “Tal Abyad” operation advanced", gaz) == []
    assert toponym_ids("during Operation Palmyra last year", gaz) == []
    assert toponym_ids("Forces advanced in Tal Abyad’s east", gaz) == [("Tal Abyad", 15)]
