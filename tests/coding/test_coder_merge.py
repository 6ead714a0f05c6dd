"""Merging one article's event mentions into events (conflictwire.coding.within_article)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from conflictwire import taxonomy as tx
from conflictwire.coding.within_article import Draft, merge, merged_type
from conflictwire.models import Location


@dataclass(frozen=True)
class _Roles:
    actor1: str = ""
    actor2: str = ""


def _loc(name: str, gid: int, precision: int = 1, iso: str = "SYR") -> Location:
    return Location(name=name, latitude=0.0, longitude=0.0, geo_precision=precision,
                    iso=iso, geonameid=gid)


def _draft(sub: str, unit: int, **kw: object) -> Draft:
    return Draft(sub_event_type=sub, confidence=kw.pop("confidence", 0.9), unit=unit,
                 start=unit * 10, end=unit * 10 + 9, evidence=f"s{unit}", **kw)


def test_protest_types_take_the_strongest_intervention() -> None:
    assert merged_type(tx.PEACEFUL_PROTEST, tx.PROTEST_INTERVENTION) == tx.PROTEST_INTERVENTION
    assert merged_type(tx.PEACEFUL_PROTEST, tx.ARRESTS) == tx.PROTEST_INTERVENTION
    assert merged_type(tx.PROTEST_INTERVENTION, tx.EXCESSIVE_FORCE) == tx.EXCESSIVE_FORCE
    assert merged_type(tx.PEACEFUL_PROTEST, tx.VIOLENT_DEMONSTRATION) == tx.VIOLENT_DEMONSTRATION


def test_specific_types_win_and_unrelated_types_do_not_merge() -> None:
    assert merged_type(tx.ARMED_CLASH, tx.GOV_REGAINS) == tx.GOV_REGAINS
    assert merged_type(tx.REMOTE_EXPLOSIVE, tx.SUICIDE_BOMB) == tx.SUICIDE_BOMB
    assert merged_type(tx.AIR_STRIKE, tx.ARRESTS) is None
    assert merged_type(tx.ARRESTS, tx.AGREEMENT) is None


def test_repeated_mentions_of_one_event_become_one() -> None:
    douma = _loc("Douma", 170654)
    drafts = [
        _draft(tx.AIR_STRIKE, 0, location=douma, fatalities=4, event_date=date(2017, 11, 2)),
        _draft(tx.AIR_STRIKE, 1, location=douma, fatalities=4, event_date=date(2017, 11, 2)),
        _draft(tx.ATTACK, 3, generic=True, fatalities=4, event_date=date(2017, 11, 2)),
    ]
    events = merge(drafts)
    assert len(events) == 1
    assert events[0].sub_event_type == tx.AIR_STRIKE
    assert events[0].fatalities == 4 and events[0].last_unit == 3


def test_one_event_per_place_and_day() -> None:
    drafts = [
        _draft(tx.SHELLING, 1, location=_loc("Douma", 1), event_date=date(2017, 11, 2),
               dated=True),
        _draft(tx.SHELLING, 2, location=_loc("Jisreen", 2), event_date=date(2017, 11, 2),
               dated=True),
        _draft(tx.SHELLING, 3, location=_loc("Douma", 1), event_date=date(2017, 10, 31),
               dated=True),
    ]
    assert len(merge(drafts)) == 3


def test_a_date_the_text_gives_wins_over_the_publication_date() -> None:
    drafts = [
        _draft(tx.ARMED_CLASH, 0, location=_loc("Sake", 5), event_date=date(2024, 2, 8)),
        _draft(tx.ARMED_CLASH, 1, location=_loc("Sake", 5), event_date=date(2024, 2, 7),
               dated=True),
    ]
    (event,) = merge(drafts)
    assert event.event_date == date(2024, 2, 7) and event.dated


def test_country_level_place_joins_a_precise_one_in_that_country() -> None:
    drafts = [
        _draft(tx.AIR_STRIKE, 0, location=_loc("Syria", 163843, precision=3)),
        _draft(tx.AIR_STRIKE, 1, location=_loc("Douma", 170654)),
    ]
    (event,) = merge(drafts)
    assert event.location is not None and event.location.name == "Douma"


def test_different_actor_pairs_stay_apart() -> None:
    drafts = [
        _draft(tx.ARMED_CLASH, 1, roles=_Roles("Military Forces of Syria", "HTS")),
        _draft(tx.ARMED_CLASH, 2, roles=_Roles("SDF", "Islamic State")),
    ]
    assert len(merge(drafts)) == 2


def test_a_distant_unplaced_mention_is_its_own_event() -> None:
    drafts = [
        _draft(tx.ARRESTS, 1, location=_loc("Aleppo", 170063)),
        _draft(tx.ARRESTS, 9),
    ]
    assert len(merge(drafts)) == 2


def test_a_vague_headline_place_gives_way_to_the_lead() -> None:
    nigeria = Location(name="Gusau", latitude=0.0, longitude=0.0, geo_precision=2, iso="NGA",
                       admin1="Zamfara", geonameid=1)
    village = Location(name="Kaura Namoda", latitude=0.0, longitude=0.0, geo_precision=2,
                       iso="NGA", admin1="Zamfara", geonameid=2)
    drafts = [
        _draft(tx.ABDUCTION, 0, location=nigeria, headline=True),
        _draft(tx.ATTACK, 1, location=village, fatalities=1),
    ]
    (event,) = merge(drafts)
    assert event.sub_event_type == tx.ABDUCTION
    assert event.location is village and event.fatalities == 1


def test_a_later_definite_reference_joins_its_event() -> None:
    drafts = [
        _draft(tx.ABDUCTION, 1, location=_loc("Kaura Namoda", 2, iso="NGA")),
        _draft(tx.ABDUCTION, 3, location=_loc("Gusau", 3, iso="NGA"), anaphoric=True),
    ]
    (event,) = merge(drafts)
    assert event.location is not None and event.location.name == "Kaura Namoda"


def test_a_province_contains_its_towns_but_not_another_province() -> None:
    from conflictwire.models import Mention, Place

    def loc(name: str, gid: int, code: str, admin1: str, precision: int) -> Location:
        place = Place(gid, name, 0.0, 0.0, "SY", "A" if code == "ADM1" else "P", code,
                      admin1_code=admin1)
        return Location(name=name, latitude=0.0, longitude=0.0, geo_precision=precision,
                        iso="760", geonameid=gid, mention=Mention(0, 1, name, "place", place))

    homs = loc("Homs", 11, "ADM1", "11", 3)
    deir = loc("Deir ez-Zor", 7, "ADM1", "07", 3)
    rastan = loc("Rastan", 111, "PPL", "11", 1)
    mayadin = loc("Mayadin", 71, "PPL", "07", 1)
    day = date(2016, 5, 1)
    events = merge([_draft(tx.SHELLING, 1, location=homs, event_date=day),
                    _draft(tx.SHELLING, 1, location=deir, event_date=day)])
    assert [e.location.name for e in events] == ["Homs", "Deir ez-Zor"]
    events = merge([_draft(tx.SHELLING, 1, location=homs, event_date=day),
                    _draft(tx.SHELLING, 2, location=rastan, event_date=day),
                    _draft(tx.SHELLING, 3, location=mayadin, event_date=day)])
    assert [e.location.name for e in events] == ["Rastan", "Mayadin"]
    # A whole country still holds any of its places.
    syria = Location(name="Syria", latitude=0.0, longitude=0.0, geo_precision=3, iso="760")
    events = merge([_draft(tx.SHELLING, 1, location=syria, event_date=day),
                    _draft(tx.SHELLING, 2, location=mayadin, event_date=day)])
    assert [e.location.name for e in events] == ["Mayadin"]
