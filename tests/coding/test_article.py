"""A whole wire article coded as an ACLED coder reads one (issue 16): the headline as evidence
for the lead event, events told across sentences, dates from the discourse, background,
totals and boilerplate left out. The article is tests/data/articles/coalition-strike.txt."""

from __future__ import annotations

from datetime import date

import pytest

from conflictwire import taxonomy as tx
from conflictwire.coding.resources import Resources
from conflictwire.coding.runner import code
from conflictwire.ingest.readers import read_inputs
from conflictwire.models import Article, Report
from geo_fixture import coder_resources
from paths import TEST_DATA

ARTICLE = TEST_DATA / "articles" / "coalition-strike.txt"
# geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, admin1, population
_PLACES = [
    (99237, "Iraq", "Iraq", "Irak", 33.0, 44.0, "A", "PCLI", "IQ", "00", 38000000),
    (92877, "Nīnawá", "Ninawa", "Nineveh,Ninawa Governorate", 36.25, 42.5, "A", "ADM1", "IQ",
     "15", 2450000),
    (99072, "Mosul", "Mosul", "Al Mawsil", 36.335, 43.11889, "P", "PPLA", "IQ", "15", 1680000),
    (90393, "Tall ‘Afar", "Tall 'Afar", "Tal Afar,Tall Afar", 36.37913, 42.44806, "P", "PPL",
     "IQ", "15", 205000),
    (99347, "Hammam al ‘Alil", "Hammam al 'Alil", "Hammam al-Alil,Hamam al-Alil", 36.1583,
     43.2567, "P", "PPL", "IQ", "15", 16000),
    (98182, "Baghdad", "Baghdad", "Bagdad", 33.34058, 44.40088, "P", "PPLC", "IQ", "07",
     7200000),
    (71137, "Ma'rib", "Ma'rib", "Marib,Mareb", 15.46253, 45.32581, "P", "PPLA", "YE", "14",
     16794),
    (69543, "Yemen", "Yemen", "", 15.5, 47.5, "A", "PCLI", "YE", "00", 28000000),
    (94787, "Kirkuk", "Kirkuk", "Karkuk,Kerkuk", 35.46806, 44.39222, "P", "PPLA", "IQ", "13",
     600000),
    (95788, "Al Ḩawījah", "Al Hawijah", "Hawija,Hawijah", 35.32487, 43.7804, "P", "PPL", "IQ",
     "13", 60000),
]
_ADMIN1 = [("IQ.15", "Nīnawá", "Ninawa", 92877), ("IQ.07", "Baghdad", "Baghdad", 98182),
           ("IQ.13", "Kirkuk", "Kirkuk", 94787), ("YE.14", "Ma'rib", "Ma'rib", 71138)]


@pytest.fixture(scope="module")
def resources(tmp_path_factory: pytest.TempPathFactory) -> Resources:
    return coder_resources(tmp_path_factory.mktemp("gaz"), _PLACES, _ADMIN1)


@pytest.fixture(scope="module")
def reports(resources: Resources) -> list[Report]:
    (article,) = read_inputs([str(ARTICLE)])
    assert isinstance(article, Article)
    return code(article, resources=resources)


def _at(reports: list[Report], place: str) -> list[Report]:
    return [r for r in reports if r.location is not None and r.location.name == place]


def test_the_article_holds_four_events_and_nothing_else(reports: list[Report]) -> None:
    places = sorted(r.location.name for r in reports if r.location is not None)
    assert places == ["Hammam al 'Alil", "Mosul", "Mosul", "Tall 'Afar"]
    for r in reports:  # background, a total, politics and boilerplate give no event
        for words in ("has continued", "3,000", "lawmakers", "Reporting by", "Copyright"):
            assert words not in r.evidence


def test_the_headline_types_and_attributes_the_strike_the_lead_tells(
        reports: list[Report]) -> None:
    lead = reports[0]  # the event the headline tells is the most salient
    assert lead.location is not None and lead.location.name == "Tall 'Afar"
    assert lead.sub_event_type == tx.AIR_STRIKE  # not an IED for the workshop's car bombs
    assert "coalition" in lead.actor1.lower()
    assert lead.event_date == date(2017, 3, 12)  # "on Sunday", published Tuesday 14 March
    assert lead.fatalities == 12
    # Its evidence is the lead sentence of the body, not the headline glued to it.
    assert lead.evidence.startswith("BAGHDAD, March 14 (Wirewatch) - An air strike")
    assert "US-led" not in lead.evidence
    assert len(_at(reports, "Tall 'Afar")) == 1  # the headline is no event of its own


def test_that_same_day_and_the_next_day_count_from_the_strike(reports: list[Report]) -> None:
    near, taken = sorted(_at(reports, "Mosul"), key=lambda r: r.event_date or date.min)
    # "That same day" is the strike's Sunday, not the Monday of the coalition's statement.
    assert near.event_date == date(2017, 3, 12) and near.sub_event_type == tx.AIR_STRIKE
    assert near.location is not None and near.location.geo_precision == 2  # "near Mosul"
    assert near.fatalities == 0  # "four more strikes" counts strikes, not dead
    assert taken.event_date == date(2017, 3, 13) and taken.event_type == tx.BATTLES


def test_dozens_executed_is_an_attack_with_acled_s_figure(reports: list[Report]) -> None:
    (executions,) = _at(reports, "Hammam al 'Alil")
    assert executions.sub_event_type == tx.ATTACK
    assert executions.event_date == date(2017, 3, 11)  # "late on Saturday"
    assert executions.fatalities == 12  # ACLED's value for "dozens"


def test_a_first_line_headline_is_the_title_without_a_header(resources: Resources) -> None:
    body = ARTICLE.read_text(encoding="utf-8").split("\n\n", 1)[1]
    text = ("US-led coalition air strike destroys Islamic State bomb workshop in Tal Afar\n\n"
            + body)
    article = Article(id="plain", text=text, published=date(2017, 3, 14))
    reports = code(article, resources=resources)
    assert [r.location.name for r in reports if r.location][:1] == ["Tall 'Afar"]
    assert not any(r.evidence.startswith("US-led") for r in reports)


def test_the_attack_told_again_adds_its_revised_toll_and_who_claimed_it(
        resources: Resources) -> None:
    (article,) = read_inputs([str(TEST_DATA / "articles" / "kirkuk-bombing.txt")])
    bombing, *others = code(article, resources=resources)
    assert bombing.sub_event_type == tx.SUICIDE_BOMB
    assert bombing.location is not None and bombing.location.name == "Kirkuk"
    assert bombing.event_date == date(2017, 5, 8)  # Monday, not the Tuesday of the new toll
    assert bombing.fatalities == 14  # "the toll from the blast rose to 14"
    assert bombing.actor1.startswith("Islamic State")  # the claim, not "a police colonel"
    # "In a separate incident": the farmer near Hawija is no part of the bombing; the body
    # found the next day, where the classifier takes it for an event, is one dead more.
    assert (others[0].event_date, others[0].fatalities) == (date(2017, 5, 8), 1)
    assert all(r.location is not None and r.location.name == "Al Hawijah" for r in others)
    assert [(r.event_date, r.fatalities) for r in others[1:]] in ([], [(date(2017, 5, 9), 1)])


def test_a_page_s_evidence_is_its_sentence_not_the_headline_and_dateline_glued(
        resources: Resources) -> None:
    (article,) = read_inputs([str(TEST_DATA / "articles" / "marib-drone-strike.html")])
    (strike,) = code(article, resources=resources)  # "The strike ..." is the same strike
    assert strike.sub_event_type == tx.AIR_STRIKE and strike.fatalities == 3
    assert strike.event_date == date(2019, 8, 13)  # "on Tuesday", the dateline's 14th aside
    assert strike.evidence.startswith("ADEN, Aug 14 (Desert Herald) - A drone strike hit")
    assert strike.evidence.endswith("local officials said.")
