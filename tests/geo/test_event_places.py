"""Placing events where ACLED would, on a small gazetteer written here: the article's
country and readings abroad, words that only look like places, parts of countries and
borders, admin context, reporters' spellings and ACLED's names."""

from __future__ import annotations

import pytest

from conflictwire.geo.areas import population_centre
from conflictwire.geo.gazetteer import Gazetteer
from conflictwire.geo.gazetteer.labels import admin_core, english_label, plain
from conflictwire.geo.geoparse import geoparse, locate_event, source_countries
from conflictwire.geo.sphere import great_circle_km
from conflictwire.models import Article, Location
from geo_fixture import small_gazetteer

# geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, cc2, admin1, admin2,
# admin3, admin4, population (ids made up; points and populations of the real places)
PLACES = [
    (1, "Syria", "Syria", "", 35.0, 38.0, "A", "PCLI", "SY", "", "00", "", "", "", 17000000),
    (2, "Iraq", "Iraq", "", 33.0, 44.0, "A", "PCLI", "IQ", "", "00", "", "", "", 38000000),
    (3, "Turkey", "Turkey", "", 39.0, 35.0, "A", "PCLI", "TR", "", "00", "", "", "", 82000000),
    (4, "Lebanon", "Lebanon", "", 33.83, 35.83, "A", "PCLI", "LB", "", "00", "", "", "",
     6800000),
    (5, "Libya", "Libya", "", 27.0, 17.0, "A", "PCLI", "LY", "", "00", "", "", "", 6600000),
    (6, "Switzerland", "Switzerland", "", 47.0, 8.0, "A", "PCLI", "CH", "", "00", "", "", "",
     8500000),
    (7, "Brazil", "Brazil", "", -10.0, -55.0, "A", "PCLI", "BR", "", "00", "", "", "",
     209000000),
    (8, "Afghanistan", "Afghanistan", "", 33.0, 65.0, "A", "PCLI", "AF", "", "00", "", "", "",
     37000000),
    (9, "Ukraine", "Ukraine", "", 49.0, 32.0, "A", "PCLI", "UA", "", "00", "", "", "",
     44000000),
    (10, "United States", "United States", "", 39.76, -98.5, "A", "PCLI", "US", "", "00", "",
     "", "", 327000000),
    (100, "Idlib", "Idlib", "", 35.93, 36.63, "P", "PPLA", "SY", "", "12", "", "", "", 128000),
    (101, "Idlib Governorate", "Idlib Governorate", "Idlib", 35.83, 36.65, "A", "ADM1", "SY",
     "", "12", "", "", "", 1500000),
    (102, "Khān Shaykhūn", "Khan Shaykhun", "", 35.44, 36.65, "P", "PPL", "SY", "", "12", "",
     "", "", 49000),
    (103, "Ma‘arrat an Nu‘mān", "Ma`arrat an Nu`man", "", 35.65, 36.67, "P", "PPL", "SY", "",
     "12", "", "", "", 58000),
    (104, "Aleppo", "Aleppo", "", 36.20, 37.16, "P", "PPLA", "SY", "", "09", "", "", "",
     1600000),
    (105, "Damascus", "Damascus", "", 33.51, 36.29, "P", "PPLC", "SY", "", "13", "", "", "",
     1500000),
    (106, "Dar‘ā", "Dar`a", "", 32.62, 36.10, "P", "PPLA", "SY", "", "06", "", "", "", 98000),
    (107, "Al Qāmishlī", "Al Qamishli", "Qamishli", 37.05, 41.23, "P", "PPL", "SY", "", "01",
     "", "", "", 184000),
    (108, "Tall Abyaḑ", "Tall Abyad", "", 36.70, 38.95, "P", "PPL", "SY", "", "04", "", "", "",
     14000),
    (200, "Mosul", "Mosul", "", 36.34, 43.12, "P", "PPLA", "IQ", "", "15", "", "", "", 1700000),
    (201, "Erbil", "Erbil", "", 36.19, 44.01, "P", "PPLA", "IQ", "", "11", "", "", "", 930000),
    (202, "Zakho", "Zakho", "", 37.14, 42.68, "P", "PPL", "IQ", "", "08", "", "", "", 95000),
    (203, "Baghdad", "Baghdad", "", 33.34, 44.40, "P", "PPLC", "IQ", "", "07", "", "", "",
     7200000),
    (204, "Basra", "Basra", "", 30.51, 47.78, "P", "PPLA", "IQ", "", "02", "", "", "", 2600000),
    (205, "Ramadi", "Ramadi", "", 33.42, 43.30, "P", "PPLA", "IQ", "", "01", "", "", "", 275000),
    (206, "Hīt", "Hit", "", 33.64, 42.83, "P", "PPL", "IQ", "", "01", "", "", "", 32000),
    (207, "Al Qā’im", "Al Qa'im", "", 34.37, 41.09, "P", "PPL", "IQ", "", "01", "", "", "",
     74000),
    (208, "Sinjār", "Sinjar", "", 36.32, 41.88, "P", "PPL", "IQ", "", "15", "", "", "", 38000),
    (209, "Al Anbār", "Al Anbar", "Anbar", 33.0, 42.0, "A", "ADM1", "IQ", "", "01", "", "", "",
     1800000),
    (300, "Gaziantep", "Gaziantep", "", 37.06, 37.38, "P", "PPLA", "TR", "", "83", "", "", "",
     1600000),
    (301, "Kilis", "Kilis", "", 36.72, 37.12, "P", "PPLA", "TR", "", "79", "", "", "", 90000),
    (302, "Akçakale", "Akcakale", "", 36.71, 38.95, "P", "PPL", "TR", "", "63", "", "", "",
     30000),
    (303, "Ankara", "Ankara", "", 39.92, 32.85, "P", "PPLC", "TR", "", "68", "", "", "",
     3500000),
    (304, "Nusaybin", "Nusaybin", "", 37.08, 41.22, "P", "PPL", "TR", "", "72", "", "", "",
     83000),
    (305, "Hakkari", "Hakkari", "", 37.57, 43.74, "P", "PPLA", "TR", "", "70", "", "", "",
     58000),
    (306, "Cizre", "Cizre", "", 37.33, 42.19, "P", "PPL", "TR", "", "80", "", "", "", 90000),
    (400, "Tripoli", "Tripoli", "", 34.43, 35.84, "P", "PPLA", "LB", "", "09", "", "", "",
     229000),
    (401, "Beirut", "Beirut", "", 33.89, 35.50, "P", "PPLC", "LB", "", "04", "", "", "",
     1900000),
    (500, "Tripoli", "Tripoli", "", 32.89, 13.19, "P", "PPLC", "LY", "", "77", "", "", "",
     1150000),
    (600, "Rafa", "Rafa", "", 47.30, 8.20, "P", "PPL", "CH", "", "AG", "", "", "", 9000),
    (700, "Barra", "Barra", "", -11.09, -43.14, "A", "ADM2", "BR", "", "05", "", "", "", 51000),
    (800, "Kunaṟ", "Kunar", "Kunar Province", 34.93, 71.09, "A", "ADM1", "AF", "", "34", "",
     "", "", 450000),
    (801, "Asadabad", "Asadabad", "", 34.87, 71.15, "P", "PPLA", "AF", "", "34", "", "", "",
     48000),
    (900, "Kharkiv", "Kharkiv", "Kharkov", 49.98, 36.25, "P", "PPLA", "UA", "", "07", "", "",
     "", 1400000),
    (901, "Kharkivs’ka Oblast’", "Kharkivs'ka Oblast'", "Kharkiv,Kharkiv Oblast", 49.5, 36.5,
     "A", "ADM1", "UA", "", "07", "", "", "", 2700000),
    (902, "Kupyansk", "Kupyansk", "", 49.71, 37.62, "P", "PPL", "UA", "", "07", "", "", "",
     27000),
    (903, "Lviv", "Lviv", "", 49.84, 24.03, "P", "PPLA", "UA", "", "15", "", "", "", 720000),
    (904, "Donetsk", "Donetsk", "", 48.02, 37.80, "P", "PPLA", "UA", "", "05", "", "", "",
     930000),
    (905, "Luhansk", "Luhansk", "", 48.57, 39.31, "P", "PPLA", "UA", "", "14", "", "", "",
     400000),
    (906, "Uzhhorod", "Uzhhorod", "", 48.62, 22.29, "P", "PPLA", "UA", "", "25", "", "", "",
     115000),
]
ADMIN1 = [("SY.12", "Idlib", "Idlib", 101), ("SY.09", "Aleppo", "Aleppo", 0),
          ("SY.01", "Al-Hasakah", "Al-Hasakah", 0), ("IQ.15", "Nīnawá", "Ninawa", 0),
          ("IQ.01", "Al Anbar", "Al Anbar", 209), ("IQ.08", "Dahūk", "Dahuk", 0),
          ("TR.83", "Gaziantep", "Gaziantep", 0), ("TR.79", "Kilis", "Kilis", 0),
          ("AF.34", "Kunaṟ", "Kunar", 800), ("UA.07", "Kharkivs’ka Oblast’", "Kharkiv", 901),
          ("LB.09", "Liban-Nord", "Liban-Nord", 0)]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory) -> Gazetteer:
    return small_gazetteer(tmp_path_factory.mktemp("events"), PLACES, ADMIN1)


def _locate(text: str, gaz: Gazetteer, hints: tuple[str, ...] = (),
            url: str | None = None) -> Location | None:
    """The event's place, as the coder finds it: the caller's `hints`, the outlet's country
    from the `url`'s domain."""
    article = Article(id="t", text=text, url=url)
    ms = geoparse(article, gazetteer=gaz, hint_countries=hints)
    return locate_event(article, (0, len(text)), ms, gazetteer=gaz, hint_countries=hints,
                        source_countries=source_countries(article, gaz))


def _km(loc: Location, lat: float, lon: float) -> float:
    return great_circle_km(loc.latitude, loc.longitude, lat, lon)


# --- the article's country ----------------------------------------------------------------

def test_a_reading_abroad_without_evidence_of_its_own_is_left_out(gaz):
    text = "Clashes continued in Rafa area on Tuesday."
    hinted = geoparse(Article(id="t", text=text), gazetteer=gaz, hint_countries=("SY",))
    assert [(m.text, m.value) for m in hinted] == [("Rafa", None)]
    loc = _locate(text, gaz, ("SY",))
    assert (loc.name, loc.country, loc.geo_precision) == ("Syria", "Syria", 3)
    # A list of places without a hint keeps the one reading there is.
    listed = geoparse(Article(id="t", text=text), gazetteer=gaz, abstain=True)
    assert [m.value.geonameid for m in listed] == [600]
    # The country named is evidence of its own.
    loc = _locate("Protesters marched in Rafa, Switzerland, on Tuesday.", gaz, ("SY",))
    assert loc.geonameid == 600


def test_the_outlets_country_is_a_leaning_the_text_outweighs(gaz):
    lebanese = "https://news.example.com.lb/story"
    loc = _locate("Gunmen killed two people on Tuesday.", gaz, url=lebanese)
    assert (loc.country, loc.geo_precision) == ("Lebanon", 3)
    assert _km(loc, 33.89, 35.50) < 1  # where its people live: Beirut, not the middle
    loc = _locate("Shelling hit Idlib and Khan Shaykhun in Syria on Tuesday.", gaz,
                  url=lebanese)
    assert loc.country == "Syria" and loc.geo_precision == 1
    assert _locate("Russian airstrikes hit the area.", gaz) is None  # a demonym alone


def test_words_that_only_look_like_places_place_no_event(gaz):
    loc = _locate("Protesters in Tripoli blocked roads over the US dollar exchange rate.",
                  gaz, url="https://example.com.lb/a")
    assert (loc.geonameid, loc.country) == (400, "Lebanon")
    loc = _locate("A Mosul-based militia attacked a checkpoint in Hit.", gaz, ("IQ",))
    assert loc.geonameid == 206
    loc = _locate("The Aleppo Resistance Committee said shelling killed four in Idlib.", gaz)
    assert loc.geonameid == 100
    loc = _locate("US airstrikes killed ten people in Tall Abyad.", gaz)
    assert loc.geonameid == 108
    loc = _locate("US airstrikes killed ten people, Syrian activists said.", gaz, ("SY",))
    assert (loc.country, loc.geo_precision) == ("Syria", 3)


def test_an_event_on_a_road_is_at_neither_end(gaz):
    loc = _locate("An ambush on the Damascus-Aleppo highway killed three soldiers.", gaz)
    assert loc.geo_precision == 3 and loc.country == "Syria"
    assert _km(loc, 33.51, 36.29) > 100 and _km(loc, 36.20, 37.16) > 100


# --- parts of countries, borders ----------------------------------------------------------

@pytest.mark.parametrize(("text", "lat_min", "lat_max", "lon_min", "lon_max"), [
    ("Fighting raged in northern Iraq on Monday.", 35.5, 37.5, 41.0, 45.0),
    ("Shelling was reported in southern Iraq.", 29.0, 33.0, 43.0, 48.5),
    ("Shelling hit eastern Ukraine overnight.", 47.5, 50.5, 36.0, 40.0),
    ("Clashes spread across Syria's northeast.", 36.0, 37.5, 38.5, 42.0),
    ("Clashes spread in the west of Ukraine.", 48.0, 50.5, 22.0, 27.0),
])
def test_a_part_of_a_country_is_the_middle_of_that_part(gaz, text, lat_min, lat_max,
                                                         lon_min, lon_max):
    loc = _locate(text, gaz)
    assert loc.geo_precision == 3 and not loc.admin1
    assert lat_min <= loc.latitude <= lat_max and lon_min <= loc.longitude <= lon_max


def test_a_border_is_a_point_on_it_on_the_side_of_the_articles_country(gaz):
    loc = _locate("Clashes erupted on the Iraq-Turkey border.", gaz)
    assert loc.country == "Iraq" and loc.geo_precision == 3
    assert min(_km(loc, 37.14, 42.68), _km(loc, 37.33, 42.19)) < 60  # by Zakho and Cizre
    loc = _locate("Iraqi jets struck positions near the Syria border.", gaz, ("IQ",))
    assert loc.country == "Iraq" and loc.name == "Iraq-Syria border"
    assert min(_km(loc, 36.32, 41.88), _km(loc, 34.37, 41.09)) < 150
    loc = _locate("Shells fell on the border with Turkey.", gaz, ("SY",))
    assert loc.country == "Syria" and _km(loc, 36.70, 38.0) < 150
    loc = _locate("Turkish shelling hit the Syrian-Turkish border.", gaz,
                  url="https://example.com.sy/")
    assert loc.country == "Syria"


# --- admin context, English words, datelines ----------------------------------------------

def test_a_town_the_gazetteer_lacks_falls_back_to_its_province(gaz):
    loc = _locate("Gunmen killed five villagers in Barra district of Kunar province, Afghan "
                  "officials said.", gaz)
    assert (loc.geonameid, loc.country, loc.geo_precision) == (800, "Afghanistan", 3)


def test_a_town_named_as_its_district_is_the_district(gaz):
    loc = _locate("Militants attacked Hit district in Anbar province.", gaz, ("IQ",))
    assert (loc.geonameid, loc.geo_precision) == (206, 2)
    assert _locate("Shelling hit Idlib province.", gaz).geonameid == 101


def test_an_english_word_is_a_town_only_where_the_text_says_so(gaz):
    assert _locate("Iraqi forces entered Hit on Monday.", gaz, ("IQ",)).geonameid == 206
    assert not [m for m in geoparse(Article(id="t", text="Hit hard by floods, people left."),
                                    gazetteer=gaz, hint_countries=("IQ",)) if m.value]


def test_a_dateline_city_is_the_city(gaz):
    loc = _locate("KHARKIV - Missiles struck an apartment block, officials said.", gaz)
    assert (loc.geonameid, loc.geo_precision) == (900, 1)


# --- spellings and names ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "hints", "gid"), [
    ("Warplanes bombed Khan Shekhon on Monday.", ("SY",), 102),
    ("Shelling hit the town of Kupiansk overnight.", ("UA",), 902),
    ("Clashes went on in al-Qameshly countryside.", ("SY",), 107),
    ("Aerial bombardment hit Ma’ra al-Nu’man.", ("SY",), 103),
])
def test_a_reporters_spelling_finds_the_place(gaz, text, hints, gid):
    assert _locate(text, gaz, hints).geonameid == gid


def test_spellings_are_matched_only_where_names_are_transliterated(gaz):
    # A common English word, a name without place evidence, a country in Latin script.
    for text, hints in (("Clashes in Eastern parts went on.", ("SY",)),
                        ("Khan Shekhon said nothing.", ("SY",)),
                        ("Warplanes bombed Khan Shekhon.", ("US",))):
        assert not [m for m in geoparse(Article(id="t", text=text), gazetteer=gaz,
                                        hint_countries=hints) if m.value], text


def test_names_are_acleds_in_plain_letters(gaz):
    loc = _locate("Shelling hit Maarat al-Numan on Monday.", gaz)
    assert (loc.name, loc.admin1, loc.country) == ("Ma'arrat an Nu'man", "Idleb", "Syria")
    loc = _locate("Fighting in Kilis killed two.", gaz)
    assert loc.admin1 == "Kilis"  # no ACLED spelling listed: the plain English label
    loc = _locate("Shelling hit Kunar province.", gaz)
    assert (loc.name, loc.admin1) == ("Kunar", "Kunar")


def test_a_countrys_population_centre_is_its_weighted_medoid():
    towns = [(33.5, 36.3, 1500000), (36.2, 37.2, 1600000), (34.7, 36.7, 800000),
             (35.3, 40.1, 200000)]
    assert population_centre(towns) == (34.7, 36.7)  # between the two big cities
    assert population_centre([]) is None


def test_plain_labels_of_admin_areas():
    assert plain("Ma‘arrat an Nu‘mān") == "Ma'arrat an Nu'man"
    assert plain("Şanlıurfa") == "Sanliurfa"
    assert admin_core("Aleppo Governorate") == "Aleppo"
    assert admin_core("State of Berlin") == "Berlin"
    assert admin_core("Province") == "Province"  # nothing would be left
    assert english_label("Ḩalab", ["Aleppo", "Aleppo Governorate", "حلب"]) == "Aleppo"
    assert english_label("Wardak", ["Maidan Wardak Province"]) == "Wardak"
