"""ACLED-style notes written from the coded fields."""

from __future__ import annotations

from datetime import date

from conflictwire.coding.notes import write_note
from conflictwire.models import Location, Report


def report(sub: str, **kw) -> Report:
    fields = {"report_id": "r", "article_id": "a", "event_date": date(2016, 11, 5),
              "time_precision": 1, "disorder_type": "Political violence",
              "event_type": "Explosions/Remote violence", "sub_event_type": sub}
    fields.update(kw)
    return Report(**fields)


def test_air_strike_note() -> None:
    r = report("Air/drone strike", actor1="Global Coalition Against Daesh",
               location=Location("Tal Afar", 36.37, 42.45, 1, admin1="Ninewa"), fatalities=0)
    assert write_note(r) == ("On 5 November 2016, Global Coalition Against Daesh conducted an "
                             "air strike in Tal Afar (Ninewa). 0 fatalities.")


def test_attack_on_civilians_with_week_precision_and_near() -> None:
    r = report("Attack", time_precision=2, actor1="Unidentified Armed Group (Nigeria)",
               actor2="Civilians (Nigeria)", fatalities=7,
               location=Location("Anka", 12.1, 5.9, 2, admin1="Zamfara"))
    assert write_note(r) == ("In the week of 5 November 2016, an unidentified armed group "
                             "attacked civilians near Anka (Zamfara). 7 fatalities.")


def test_one_fatality_and_month_precision() -> None:
    r = report("Armed clash", time_precision=3, actor1="Military Forces of Mali",
               actor2="JNIM: Group for Support of Islam and Muslims", fatalities=1,
               location=Location("Gao", 16.27, -0.04, 1, admin1="Gao", country="Mali"))
    assert write_note(r) == ("In November 2016, Military Forces of Mali clashed with JNIM: "
                             "Group for Support of Islam and Muslims in Gao (Mali). 1 fatality.")


def test_note_without_date_place_or_actor1() -> None:
    r = report("Shelling/artillery/missile attack", event_date=None,
               actor2="Civilians (Ukraine)", fatalities=3)
    assert write_note(r) == "Shelling hit civilians. 3 fatalities."


def test_protest_note_is_built_from_fields_not_evidence() -> None:
    r = report("Peaceful protest", event_type="Protests", actor1="Protesters (Kenya)",
               evidence="Thousands marched chanting slogans against the finance bill.",
               location=Location("Nairobi", -1.28, 36.82, 1, admin1="Nairobi"))
    note = write_note(r)
    assert note == "On 5 November 2016, protesters held a demonstration in Nairobi. 0 fatalities."
    assert "chanting" not in note


def test_every_sub_event_type_gives_one_sentence() -> None:
    subs = ["Armed clash", "Government regains territory", "Non-state actor overtakes territory",
            "Air/drone strike", "Shelling/artillery/missile attack", "Chemical weapon",
            "Suicide bomb", "Remote explosive/landmine/IED", "Grenade", "Attack",
            "Abduction/forced disappearance", "Sexual violence", "Peaceful protest",
            "Protest with intervention", "Excessive force against protesters",
            "Violent demonstration", "Mob violence", "Agreement", "Arrests",
            "Change to group/activity", "Disrupted weapons use",
            "Headquarters or base established", "Looting/property destruction",
            "Non-violent transfer of territory", "Other"]
    for sub in subs:
        for a1, a2 in (("Taliban", "Military Forces of Afghanistan"), ("Taliban", ""), ("", "")):
            note = write_note(report(sub, actor1=a1, actor2=a2))
            assert note.startswith("On 5 November 2016, ") and note.endswith(" 0 fatalities.")
            assert note.count(". ") == 1 and "{" not in note


def test_civilian_groups_are_named() -> None:
    r = report("Abduction/forced disappearance", actor1="Unidentified Armed Group (Nigeria)",
               actor2="Civilians (Nigeria)", assoc_actor_2="Students (Nigeria)",
               location=Location("Kaduna", 10.5, 7.4, 1, admin1="Kaduna"))
    assert write_note(r) == ("On 5 November 2016, an unidentified armed group abducted "
                             "civilians (students) in Kaduna. 0 fatalities.")
