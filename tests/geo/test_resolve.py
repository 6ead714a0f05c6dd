"""Resolution rules on a small gazetteer of same-named places (US local news homonyms), and
the area points the default build derives from the towns inside an area."""

from __future__ import annotations

import json

import pytest

from conflictwire.geo.gazetteer import Gazetteer
from conflictwire.geo.gazetteer.regions import hull_centroid
from conflictwire.geo.geoparse import geoparse
from conflictwire.models import Article
from geo_fixture import small_gazetteer

# geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, cc2, admin1, admin2,
# admin3, admin4, population
PLACES = [
    (6252001, "United States", "United States", "USA", 39.76, -98.5, "A", "PCLI", "US", "",
     "00", "", "", "", 327167434),
    (6251999, "Canada", "Canada", "", 60.1, -113.6, "A", "PCLI", "CA", "", "00", "", "", "",
     37058856),
    (5106834, "Albany", "Albany", "", 42.65, -73.76, "P", "PPLA", "US", "", "NY", "", "", "",
     101228),
    (4179574, "Albany", "Albany", "", 31.58, -84.16, "P", "PPL", "US", "", "GA", "", "", "",
     74843),
    (5882799, "Albany", "Albany", "", 52.9, -113.8, "P", "PPL", "CA", "", "01", "", "", "",
     1776),
    (281133, "Gaza", "Gaza", "Gaza City", 31.5, 34.47, "P", "PPLA", "PS", "", "GZ", "", "", "",
     410000),
    (1045114, "Gaza", "Gaza", "", -23.0, 33.0, "A", "ADM1", "MZ", "", "02", "", "", "",
     384964),
    (4409896, "Springfield", "Springfield", "", 37.22, -93.3, "P", "PPL", "US", "", "MO", "",
     "", "", 170188),
    (4896861, "Illinois", "Illinois", "", 40.0, -89.25, "A", "ADM1", "US", "", "IL", "", "", "",
     12830632),
    (4999837, "Shelbyville", "Shelbyville", "Springfield", 39.4, -88.79, "P", "PPL", "US", "",
     "IL", "", "", "", 4600),
    (4906125, "Paris", "Paris", "", 36.3, -88.33, "P", "PPL", "US", "", "TN", "", "", "", 10156),
    (4717232, "Paris", "Paris", "", 33.66, -95.56, "P", "PPL", "US", "", "TX", "", "", "", 24782),
    (3996063, "Mexico", "Mexico", "", 23.0, -102.0, "A", "PCLI", "MX", "", "00", "", "", "",
     126190788),
    (5242283, "Vermont", "Vermont", "", 44.0, -72.7, "A", "ADM1", "US", "", "VT", "", "", "",
     623989),
    (4197000, "Georgia", "Georgia", "", 32.75, -83.5, "A", "ADM1", "US", "", "GA", "", "", "",
     10519475),
    (5176472, "Warren", "Warren", "", 41.24, -80.82, "P", "PPL", "US", "", "OH", "155", "", "",
     39201),
    (4520962, "Warren County", "Warren County", "Warren", 39.43, -84.17, "A", "ADM2", "US", "",
     "OH", "165", "", "", 232173),
    (5161262, "Mansfield", "Mansfield", "", 40.76, -82.52, "P", "PPL", "US", "", "OH", "", "",
     "", 46830),
    (5037649, "Minneapolis", "Minneapolis", "", 44.98, -93.26, "P", "PPL", "US", "", "MN", "",
     "", "", 410939),
]
ADMIN1 = [("US.NY", "New York", "New York", 5128638), ("US.GA", "Georgia", "Georgia", 4197000),
          ("CA.01", "Alberta", "Alberta", 5883102), ("PS.GZ", "Gaza Strip", "Gaza Strip", 0),
          ("MZ.02", "Gaza", "Gaza", 1045114), ("US.IL", "Illinois", "Illinois", 4896861),
          ("US.TN", "Tennessee", "Tennessee", 4662168), ("US.TX", "Texas", "Texas", 4736286),
          ("US.VT", "Vermont", "Vermont", 5242283), ("US.MN", "Minnesota", "Minnesota", 5037779),
          ("US.MO", "Missouri", "Missouri", 4398678), ("US.OH", "Ohio", "Ohio", 5165418)]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory) -> Gazetteer:
    return small_gazetteer(tmp_path_factory.mktemp("homonyms"), PLACES, ADMIN1)


def _ids(text: str, gaz: Gazetteer, *, abstain: bool = False) -> list[tuple[str, int | None]]:
    ms = geoparse(Article(id="t", text=text), gazetteer=gaz, abstain=abstain)
    return [(m.text, m.value.geonameid if m.value else None) for m in ms]


def test_a_lone_name_is_not_pulled_abroad_by_its_own_countrys_neighbours(gaz):
    # The name's own likely country (US) must not vote for the countries bordering it.
    assert _ids("A man was arrested in Albany on Friday.", gaz) == [("Albany", 5106834)]


def test_a_province_smaller_than_a_city_of_its_name_loses_to_the_city(gaz):
    assert _ids("Aid convoys reached Gaza on Monday.", gaz) == [("Gaza", 281133)]


def test_a_town_known_by_the_name_only_as_an_alternate_is_not_chosen(gaz):
    # "Springfield" is the Illinois town's alternate name but the Missouri city's own: the
    # context points to the alternate, which is then more likely a place the gazetteer lacks.
    got = _ids("The mayor of Springfield, Illinois, spoke.", gaz)
    assert got == [("Springfield", None), ("Illinois", 4896861)]


def test_abstain_leaves_a_coin_flip_between_far_homonyms_unresolved(gaz):
    text = "The girl from Paris will dance in the show on Friday."
    assert _ids(text, gaz)[0][1] in (4906125, 4717232)  # the best guess, for event placing
    assert _ids(text, gaz, abstain=True) == [("Paris", None)]


def test_the_command_lists_an_unsure_town_unresolved_unless_asked_to_guess(gaz):
    from typer.testing import CliRunner

    import conflictwire.cli  # noqa: F401  (registers every command)
    from conflictwire.cli.app import app

    stdin = json.dumps({"id": "p", "text": "The girl from Paris will dance on Friday."})
    args = ["geoparse", "--gazetteer", str(gaz.path)]
    listed = json.loads(CliRunner().invoke(app, args, input=stdin).stdout)["toponyms"]
    assert [(t["text"], t["geonameid"], t["latitude"]) for t in listed] == [("Paris", None, None)]
    guessed = json.loads(CliRunner().invoke(app, [*args, "--guess"], input=stdin).stdout)
    assert guessed["toponyms"][0]["geonameid"] in (4906125, 4717232)


def test_the_abstention_margin_is_a_setting_of_the_library_and_the_command(gaz, tmp_path):
    from dataclasses import replace

    from typer.testing import CliRunner

    import conflictwire.cli  # noqa: F401  (registers every command)
    from conflictwire.cli.app import app
    from conflictwire.settings import packaged_settings

    text = "The girl from Paris will dance in the show on Friday."
    never_unsure = replace(packaged_settings().geoparse, unsure_margin=0.0)
    placed = geoparse(Article(id="t", text=text), gazetteer=gaz, abstain=True,
                      settings=never_unsure)
    assert placed[0].value is not None and placed[0].value.geonameid in (4906125, 4717232)
    config = tmp_path / "settings.toml"
    config.write_text("[geoparse]\nunsure_margin = 0\n")
    stdin = json.dumps({"id": "p", "text": text})
    args = ["geoparse", "--gazetteer", str(gaz.path), "--config", str(config)]
    listed = json.loads(CliRunner().invoke(app, args, input=stdin).stdout)["toponyms"]
    assert listed[0]["geonameid"] in (4906125, 4717232)


def test_features_named_after_a_place_are_not_that_place(gaz):
    assert _ids("Oil washed up on the Gulf of Mexico coast.", gaz) == []
    assert _ids("The road north of Lake Vermont is closed.", gaz) == []
    assert _ids("Visitors came to Mexico Park on Sunday.", gaz) == []


def test_a_capitalised_dateline_after_the_headline_counts(gaz):
    text = "Raid claims dismissed. MINNEAPOLIS -- A federal judge dismissed the claims."
    assert _ids(text, gaz) == [("MINNEAPOLIS", 5037649)]


def test_a_state_named_like_a_first_name_heads_an_office_not_a_person(gaz):
    text = "Agents of the Georgia Bureau of Investigation raided a house in Albany."
    assert _ids(text, gaz) == [("Georgia", 4197000), ("Albany", 4179574)]
    assert _ids("Reporters followed Paris Hilton all day.", gaz) == []


def test_a_name_in_a_list_closed_by_counties_is_a_county(gaz):
    assert _ids("Students in Warren attend the fair.", gaz) == [("Warren", 5176472)]
    text = "Contestants who live in Warren, Clark or Butler counties may enter."
    assert ("Warren", 4520962) in _ids(text, gaz)


def test_a_surname_before_a_place_noun_is_a_town(gaz):
    assert _ids("Mansfield police arrested two men.", gaz) == [("Mansfield", 5161262)]
    assert _ids("Officers thanked Mansfield for the tip.", gaz) == []


def test_hull_centroid_is_the_middle_of_the_area_not_of_its_crowd():
    square = [(0.0, 0.0), (0.0, 2.0), (2.0, 2.0), (2.0, 0.0)]
    crowd = [(1.9, 1.9)] * 50 + [(1.8, 1.95), (1.95, 1.8)]
    lat, lon = hull_centroid(square + crowd)
    assert abs(lat - 1.0) < 1e-9 and abs(lon - 1.0) < 1e-9
    assert hull_centroid([(0.0, 0.0), (2.0, 4.0)]) == (1.0, 2.0)
    assert hull_centroid([(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)]) == (1.0, 1.0)  # on one line
