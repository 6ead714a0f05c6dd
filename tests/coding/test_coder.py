"""The event coder end to end on articles written for these tests, with a tiny gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

from conflictwire import taxonomy as tx
from conflictwire.coding.resources import Resources
from conflictwire.coding.runner import code
from conflictwire.models import EVENT_COLUMNS, Article
from geo_fixture import coder_resources

# geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, admin1, population
_PLACES = [
    (163843, "Syria", "Syria", "Syrian Arab Republic", 35.0, 38.0, "A", "PCLI", "SY", "00",
     17000000),
    (170654, "Douma", "Douma", "Duma", 33.57175, 36.4027, "P", "PPL", "SY", "08", 110000),
    (169304, "Harasta", "Harasta", "Harasta", 33.55869, 36.365, "P", "PPL", "SY", "08", 30000),
    (170063, "Aleppo", "Aleppo", "Halab", 36.20124, 37.16117, "P", "PPLA", "SY", "09",
     1600000),
    (2331447, "Maiduguri", "Maiduguri", "", 11.84692, 13.15712, "P", "PPLA", "NG", "02",
     1100000),
    (2328926, "Nigeria", "Nigeria", "", 10.0, 8.0, "A", "PCLI", "NG", "00", 190000000),
]
_ADMIN1 = [("SY.08", "Rif Dimashq", "Rif Dimashq", 170652), ("SY.09", "Aleppo", "Aleppo", 170062),
           ("NG.02", "Borno", "Borno", 2346794)]


@pytest.fixture(scope="module")
def resources(tmp_path_factory: pytest.TempPathFactory) -> Resources:
    return coder_resources(tmp_path_factory.mktemp("gaz"), _PLACES, _ADMIN1)


def _article(text: str, title: str | None = None, published: date | None = date(2017, 11, 2),
             id_: str = "t1") -> Article:
    return Article(id=id_, text=text, title=title, published=published)


def test_a_headline_gives_one_coded_event(resources: Resources) -> None:
    (report,) = code(_article("Air strikes kill four civilians in Douma"), resources=resources)
    assert report.sub_event_type == tx.AIR_STRIKE
    assert report.event_type == tx.EXPLOSIONS
    assert report.disorder_type == tx.POLITICAL_VIOLENCE
    assert report.article_id == "t1"
    assert 0.0 < report.confidence <= 1.0
    row = report.record()
    assert set(EVENT_COLUMNS) <= set(row)


def test_report_ids_are_stable(resources: Resources) -> None:
    article = _article("Rebels shelled Aleppo on Tuesday, killing two children.")
    first = [r.report_id for r in code(article, resources=resources)]
    again = [r.report_id for r in code(article, resources=resources)]
    assert first and first == again


def test_repeated_mentions_are_one_event(resources: Resources) -> None:
    text = ("Government air strikes killed at least four civilians in the town of Douma on "
            "Thursday, a monitor said. Warplanes struck a market in Douma twice. Four civilians "
            "were killed, including a child, and 21 others were wounded.")
    reports = code(_article(text, title="Air strikes kill 4 in Douma"), resources=resources)
    assert [r.sub_event_type for r in reports] == [tx.AIR_STRIKE]
    assert reports[0].fatalities == 4


def test_a_dispersed_protest_is_a_protest_with_intervention(resources: Resources) -> None:
    text = ("Hundreds of students marched through Maiduguri on Monday to demand the reopening "
            "of their university. Police fired tear gas to disperse them.")
    reports = code(_article(text), resources=resources)
    assert reports and reports[0].sub_event_type == tx.PROTEST_INTERVENTION
    assert len(reports) == 1


def test_separate_events_are_split_and_the_title_event_comes_first(
        resources: Resources) -> None:
    text = ("Regime helicopters dropped barrel bombs on Harasta on Tuesday, killing three people. "
            "In a separate incident, police arrested two opposition activists in Aleppo.")
    reports = code(_article(text, title="Barrel bombs kill three in Harasta"),
                   resources=resources)
    kinds = [r.sub_event_type for r in reports]
    assert kinds[0] == tx.AIR_STRIKE
    assert tx.ARRESTS in kinds
    assert len({r.report_id for r in reports}) == len(reports)


@pytest.mark.parametrize(
    "text",
    [
        "Floods swept through Maiduguri after a week of rain, killing twelve residents.",
        "The rebels threatened to attack Aleppo if the talks fail next week.",
        "The national team beat their rivals 3-1 in a thrilling match in Aleppo.",
        "",
    ],
)
def test_non_events_give_nothing(resources: Resources, text: str) -> None:
    assert code(_article(text), resources=resources) == []


def test_a_list_of_places_is_one_event_per_place(resources: Resources) -> None:
    text = "Regime forces shelled the towns of Douma and Harasta on Tuesday, killing six civilians."
    reports = code(_article(text), resources=resources)
    places = sorted(r.location.name for r in reports if r.location)
    assert len(reports) == 2 and len(places) == 2 and places[0] != places[1]
    assert {r.sub_event_type for r in reports} == {tx.SHELLING}
    assert sum(r.fatalities for r in reports) == 6
    assert len({r.report_id for r in reports}) == 2


def test_a_place_and_its_country_is_one_event(resources: Resources) -> None:
    reports = code(_article("Air strikes hit Aleppo, Syria on Monday."), resources=resources)
    assert len(reports) == 1


def test_an_attack_on_an_armed_group_is_an_armed_clash() -> None:
    from conflictwire.coding.actors import Roles
    from conflictwire.coding.frames import _armed_target_rule

    on_police = Roles(actor1="Unidentified Armed Group (Nigeria)", inter1=3,
                      actor2="Police Forces of Nigeria (2015-2023)", inter2=1)
    on_civilians = Roles(actor1="Unidentified Armed Group (Nigeria)", inter1=3,
                         actor2="Civilians (Nigeria)", inter2=7)
    assert _armed_target_rule(tx.ATTACK, on_police) == tx.ARMED_CLASH
    assert _armed_target_rule(tx.ATTACK, on_civilians) == tx.ATTACK
    assert _armed_target_rule(tx.SHELLING, on_police) == tx.SHELLING


def test_the_dateline_is_not_the_event_date(resources: Resources) -> None:
    text = ("DAMASCUS, Nov 2 - Government aircraft bombed Harasta on Tuesday, killing three "
            "civilians, a monitor said.")
    (report,) = code(_article(text, published=date(2017, 11, 2)), resources=resources)
    assert report.event_date == date(2017, 10, 31)


def test_that_day_is_the_lead_events_day(resources: Resources) -> None:
    text = ("Government aircraft bombed Harasta on Tuesday, killing three civilians, a monitor "
            "said. Later that day, artillery shelled the outskirts of Douma.")
    reports = code(_article(text, published=date(2017, 11, 2)), resources=resources)
    assert {r.event_date for r in reports} == {date(2017, 10, 31)}
    assert len(reports) == 2


def test_the_dateline_city_is_not_an_event_place(resources: Resources) -> None:
    text = ("ALEPPO, Nov 2 - Government aircraft bombed Harasta on Tuesday, killing three "
            "civilians, a monitor said.")
    (report,) = code(_article(text, published=date(2017, 11, 2)), resources=resources)
    assert report.location is not None and report.location.name == "Harasta"


def test_background_and_old_events_are_not_coded(resources: Resources) -> None:
    text = ("Rebels have shelled Aleppo almost daily since the offensive began. "
            "The army recaptured Aleppo in December 2016.")
    assert code(_article(text, published=date(2017, 11, 2)), resources=resources) == []


def test_a_sentence_referring_back_continues_the_event(resources: Resources) -> None:
    text = ("Rebels fired rockets at Aleppo on Monday, killing two people. "
            "The rockets hit a school and a bakery in Harasta street, officials said.")
    reports = code(_article(text), resources=resources)
    assert len(reports) == 1 and reports[0].sub_event_type == tx.SHELLING


def _by_place(reports: list) -> dict[str, object]:
    return {r.location.name: r for r in reports if r.location}


def test_clauses_with_their_own_event_give_one_event_per_place(resources: Resources) -> None:
    text = ("Rebel fighters clashed with government troops in Douma on Monday, and warplanes "
            "bombed Harasta.")
    reports = code(_article(text), resources=resources)
    places = _by_place(reports)
    assert set(places) == {"Douma", "Harasta"}
    assert places["Douma"].sub_event_type == tx.ARMED_CLASH
    assert places["Harasta"].sub_event_type == tx.AIR_STRIKE


def test_a_toll_told_in_one_clause_is_that_clauses(resources: Resources) -> None:
    text = ("Shelling killed four civilians in Douma on Monday, while clashes went on around "
            "Harasta.")
    places = _by_place(code(_article(text), resources=resources))
    assert places["Douma"].fatalities == 4
    assert places["Harasta"].fatalities == 0


def test_a_toll_told_for_all_clauses_is_shared(resources: Resources) -> None:
    text = "Warplanes bombed Douma and shells hit Harasta on Monday, killing six people."
    places = _by_place(code(_article(text), resources=resources))
    assert set(places) == {"Douma", "Harasta"}
    assert sorted(r.fatalities for r in places.values()) == [3, 3]


def test_an_actors_origin_is_not_an_event_place(resources: Resources) -> None:
    text = "Fighters from Harasta attacked an army checkpoint in Douma on Monday."
    reports = code(_article(text), resources=resources)
    assert [r.location.name for r in reports if r.location] == ["Douma"]


def test_the_actors_home_country_is_a_hint_only_when_they_agree() -> None:
    from conflictwire.coding.actors import Actor
    from conflictwire.coding.components import _home_countries
    from conflictwire.models import Mention

    def actor(country: str | None) -> Mention:
        return Mention(0, 4, "them", "actor", Actor("A", 2, country), 1.0)

    assert _home_countries([[actor("SY"), actor(None)], [actor("SY")]]) == ("SY",)
    assert _home_countries([[actor("SY")], [actor("TR")]]) == ()
    assert _home_countries([[actor(None)]]) == ()


def test_a_second_place_of_the_same_event_kind_is_a_second_event(resources: Resources) -> None:
    text = "Heavy clashes raged in Douma and in Harasta on Monday."
    reports = code(_article(text), resources=resources)
    assert set(_by_place(reports)) == {"Douma", "Harasta"}
    assert {r.sub_event_type for r in reports} == {tx.ARMED_CLASH}


def test_a_lone_place_abroad_among_places_at_home_is_no_event(resources: Resources) -> None:
    text = "Warplanes bombed Douma and Harasta on Monday, and rockets hit Maiduguri."
    places = _by_place(code(_article(text), resources=resources))
    assert set(places) == {"Douma", "Harasta"}


def test_a_place_that_situates_another_is_no_second_event(resources: Resources) -> None:
    text = "Five soldiers were killed on Monday in Harasta in clashes north of Douma."
    (report,) = code(_article(text), resources=resources)
    assert report.fatalities == 5
