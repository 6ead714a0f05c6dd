"""Spatial expressions and event location: offsets, "near X", parts of places, fallbacks."""

from __future__ import annotations

import pytest

from conflictwire.geo.gazetteer import Gazetteer
from conflictwire.geo.geoparse import geoparse, locate_event
from conflictwire.geo.spatial_expressions import locate_near
from conflictwire.geo.sphere import great_circle_km
from conflictwire.models import Article, Place
from geo_fixture import small_gazetteer

MOSUL = Place(99072, "Mosul", 36.335, 43.11889, "IQ", feature_code="PPLA")


def _spot(text: str):
    i = text.index("Mosul")
    return locate_near(text, i, i + 5, MOSUL)


@pytest.mark.parametrize(("text", "dist", "bearing_lat", "bearing_lon"), [
    ("an attack 50 km west of Mosul", 50, 0, -1),
    ("about 20 miles north-east of Mosul", 32.2, 1, 1),
    ("fifteen kilometres south of the town of Mosul", 15, -1, 0),
    ("a village 30 east of Mosul", 30, 0, 1),
])
def test_distance_and_direction_give_an_offset_point(text, dist, bearing_lat, bearing_lon):
    s = _spot(text)
    assert s.geo_precision == 2
    assert great_circle_km(MOSUL.latitude, MOSUL.longitude, s.latitude,
                           s.longitude) == pytest.approx(dist, rel=0.02)
    for sign, delta in ((bearing_lat, s.latitude - MOSUL.latitude),
                        (bearing_lon, s.longitude - MOSUL.longitude)):
        if sign:
            assert sign * delta > 0.01
        else:
            assert abs(delta) < 0.01


@pytest.mark.parametrize("text", ["clashes near Mosul", "on the outskirts of Mosul",
                                  "just north of Mosul", "in eastern Mosul",
                                  "shelling in the western countryside of Mosul",
                                  "in Mosul countryside"])
def test_near_and_parts_keep_the_place_with_precision_2(text):
    s = _spot(text)
    assert (s.latitude, s.longitude, s.geo_precision) == (MOSUL.latitude, MOSUL.longitude, 2)


def test_the_place_itself_is_precision_1_and_a_province_3():
    assert _spot("fighting in Mosul").geo_precision == 1
    prov = Place(92877, "Nīnawá", 36.25, 42.5, "IQ", feature_class="A", feature_code="ADM1")
    assert locate_near("in Nineveh province", 3, 10, prov).geo_precision == 3


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Gazetteer:
    return small_gazetteer(tmp_path_factory.mktemp("dump"))


def _event(text: str, sentence: str, gaz: Gazetteer):
    art = Article(id="e", text=text)
    start = text.index(sentence)
    return locate_event(art, (start, start + len(sentence)), geoparse(art, gazetteer=gaz),
                        gazetteer=gaz)


def test_event_goes_to_the_most_specific_place_of_its_sentence(small):
    text = "A car bomb exploded in Tal Afar, in Nineveh province, killing four people."
    loc = _event(text, text, small)
    assert loc.geonameid == 90393 and loc.geo_precision == 1
    assert (loc.country, loc.iso, loc.admin1, loc.region) == ("Iraq", "368", "Ninewa",
                                                               "Middle East")


def test_event_near_a_place_and_offsets(small):
    loc = _event("Gunmen attacked a checkpoint near Mosul.", "Gunmen", small)
    assert loc is not None
    loc = _event("Gunmen attacked a checkpoint near Mosul.", "Gunmen attacked a checkpoint "
                 "near Mosul.", small)
    assert (loc.geonameid, loc.geo_precision) == (99072, 2)
    loc = _event("Jets struck a village 40 km west of Mosul.",
                 "Jets struck a village 40 km west of Mosul.", small)
    assert loc.geo_precision == 2 and loc.longitude < 43.0


def test_origin_and_demonyms_are_not_the_event_place(small):
    text = "Syrian troops from Aleppo shelled Mosul on Friday."
    loc = _event(text, text, small)
    assert loc.geonameid == 99072


def test_fallback_to_article_context_is_coarser(small):
    text = "Fighting raged in Mosul on Monday. Two soldiers were killed in the clashes."
    loc = _event(text, "Two soldiers were killed in the clashes.", small)
    assert loc.geonameid == 99072 and loc.geo_precision == 2
    text = "Iraq says violence is falling. Two soldiers were killed in the clashes."
    loc = _event(text, "Two soldiers were killed in the clashes.", small)
    assert loc.geonameid == 99237 and loc.geo_precision == 3


def test_no_place_at_all_gives_none(small):
    text = "Two soldiers were killed in the clashes."
    assert _event(text, text, small) is None


def test_unknown_country_code_gives_a_location_without_country_facts(small):
    from conflictwire.models import Mention

    text = "Shots were fired in Nowhereville."
    place = Place(999001, "Nowhereville", 10.0, 10.0, "ZZ")
    m = Mention(20, 32, "Nowhereville", "place", place)
    loc = locate_event(Article(id="z", text=text), (0, len(text)), [m], gazetteer=small)
    assert (loc.name, loc.geo_precision, loc.iso, loc.region) == ("Nowhereville", 1, "", "")
