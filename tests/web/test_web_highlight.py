"""Evidence highlights: spans point at the words behind each field, and never overlap."""

from __future__ import annotations

from conflictwire.web.highlight import highlights


def spans(report):
    return {h["field"]: h["text"] for h in highlights(report)}


def test_fields_found_in_the_sentence():
    evidence = ("Suspected Al-Shabaab militants attacked a police post in Beledweyne on "
                "Sunday, killing five officers.")
    got = spans({"evidence": evidence, "actor1": "Al Shabaab", "location": "Beledweyne",
                 "actor2": "Police Forces of Somalia (2022-)", "fatalities": 5,
                 "event_type": "Battles", "event_date": "2024-03-10"})  # a Sunday
    assert got["location"] == "Beledweyne"
    assert got["fatalities"] in ("five", "killing")
    assert got["sub_event_type"] == "attacked"
    assert got["actor1"] == "Shabaab"  # a distinctive word of the name
    assert got["actor2"] == "police"  # ACLED's generic name, as the news says it
    assert got["event_date"] == "on Sunday"


def test_accents_codes_and_countries():
    evidence = ("M23 rebels seized Culiacan, Exampleland, on March 3; the March 23 Movement "
                "said so.")
    got = spans({"evidence": evidence, "location": "Culiacán", "country": "Exampleland",
                 "actor1": "M23: March 23 Movement", "actor2": "Civilians (Exampleland)",
                 "event_type": "Battles", "event_date": "2024-03-03"})
    assert got["location"] == "Culiacan"
    assert got["actor1"] == "March 23 Movement"
    assert "actor2" not in got  # the country name alone is not the civilians
    assert got["event_date"] == "March 3"


def test_actor_words_when_the_full_name_is_absent():
    evidence = "Fighters of the Sample Front seized the town."
    got = spans({"evidence": evidence, "actor1": "Sample Front (Exampleland)"})
    assert got["actor1"] == "Sample Front"


def test_number_with_thousands_separator_and_death_word():
    evidence = "The earthquake of violence left 1,200 people dead."
    marks = highlights({"evidence": evidence, "fatalities": 1200})
    assert [m["text"] for m in marks] == ["1,200", "dead"]


def test_spans_are_in_order_and_do_not_overlap():
    evidence = "Clashes in Clash City killed 3."
    marks = highlights({"evidence": evidence, "location": "Clash City", "fatalities": 3,
                        "event_type": "Battles"})
    ends = [0] + [m["end"] for m in marks]
    assert all(m["start"] >= prev for m, prev in zip(marks, ends, strict=False))
    assert {m["text"] for m in marks} >= {"Clash City", "3"}


def test_stored_mentions_win_and_are_shifted_to_the_sentence():
    # Offsets are into the article; the evidence sentence starts at 100.
    report = {"evidence": "Troops shelled Kobo.", "evidence_start": 100, "actor1": "Troops",
              "mentions": [{"start": 100, "end": 106, "kind": "actor", "value": "Troops"},
                           {"start": 107, "end": 114, "kind": "trigger"},
                           {"start": 115, "end": 119, "kind": "place"},
                           {"start": 5, "end": 9, "kind": "place"}]}
    assert spans(report) == {"actor1": "Troops", "sub_event_type": "shelled",
                             "location": "Kobo"}


def test_the_date_marked_is_the_event_day_not_the_dateline():
    evidence = "KYIV, July 10 - Shelling hit Kherson on Tuesday, killing two."
    assert spans({"evidence": evidence, "event_date": "2024-07-09"})["event_date"] == \
        "on Tuesday"
    assert spans({"evidence": evidence, "event_date": "2024-07-10"})["event_date"] == \
        "July 10"
    assert "event_date" not in spans({"evidence": evidence, "event_date": "2024-07-01"})
    assert spans({"evidence": "Gunmen struck overnight.", "event_date": "2024-07-01"}
                 )["event_date"] == "overnight"


def test_no_evidence_no_highlights():
    assert highlights({"evidence": "", "location": "X"}) == []
