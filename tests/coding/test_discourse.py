"""An article read as discourse (issue 16): the headline apart from the body, paragraphs and
boilerplate, dates that count from the event told before, numeric dates in the input's own
order, the headline as evidence for the body's event, and background judged per clause."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from conflictwire import taxonomy as tx
from conflictwire.coding.classify import SentenceLabel
from conflictwire.coding.components import dates, sentences
from conflictwire.coding.dates import counts_from_event, numeric_order, resolve_date
from conflictwire.coding.document import Candidate, Doc
from conflictwire.coding.factuality import is_background
from conflictwire.coding.sentences import (
    clean_title,
    headline_in_text,
    headline_list,
    is_boilerplate,
    split_sentences,
)
from conflictwire.coding.within_article import Draft, merge
from conflictwire.ingest.headline import leading_headline
from conflictwire.models import Article, Location, Mention
from conflictwire.settings import packaged_settings

OPTIONS = packaged_settings()
SUN, TUE = date(2017, 3, 12), date(2017, 3, 14)


# --- the headline and the body -------------------------------------------------------------

def test_a_blank_line_ends_a_sentence() -> None:
    text = ("Reporting by A. Writer; Editing by B. Editor\n\n"
            "Copyright 2017 Wire. All rights reserved.")
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Reporting by A. Writer; Editing by B. Editor", "Copyright 2017 Wire.",
        "All rights reserved."]


def test_a_first_line_set_apart_is_a_headline_but_a_first_sentence_is_not() -> None:
    text = "Gunmen storm checkpoint near Kidal\n\nGunmen attacked a checkpoint on Monday."
    assert leading_headline(text) == (0, 34)
    assert leading_headline("Gunmen attacked a checkpoint.\n\nTwo soldiers died.") is None
    assert leading_headline("One line only, no body") is None


def test_a_body_that_repeats_its_headline_after_a_stamp_gives_it_once() -> None:
    title = clean_title("Army takes hills west of Deir Ezzor | Some Times")
    assert title == "Army takes hills west of Deir Ezzor"
    text = "April 6 2017 Army takes hills west of Deir Ezzor. A military source said ..."
    assert headline_in_text(text, title) == (13, 48)
    # A title that only starts the first sentence is that sentence, not a headline.
    assert headline_in_text("Army takes hills west of Deir Ezzor on Monday.", title) is None
    doc = sentences(Doc(Article(id="a", text=text, title=title)), None, OPTIONS)  # type: ignore[arg-type]
    assert [(u.text, u.is_title, u.start) for u in doc.units] == [
        ("Army takes hills west of Deir Ezzor", True, 13),
        ("A military source said ...", False, 50)]


def test_site_boilerplate_is_no_unit() -> None:
    for line in ("Reporting by Samir Haddad; Editing by Tom Ashworth",
                 "Copyright 2017 Wirewatch.", "All rights reserved.",
                 "Read more: Army retakes town", "Follow us on Twitter",
                 "(Source: Syrian Coalition)"):
        assert is_boilerplate(line), line
    assert not is_boilerplate("Reporters saw the bodies of six men in the square.")
    text = "Shells hit Douma on Monday.\n\nReporting by A. Writer\n\nAll rights reserved."
    doc = sentences(Doc(Article(id="a", text=text)), None, OPTIONS)  # type: ignore[arg-type]
    assert [u.text for u in doc.units] == ["Shells hit Douma on Monday."]


def test_headlines_run_together_with_semicolons_are_units_of_their_own() -> None:
    text = "Clashes continue around the airport;3 killed in shelling on the old city"
    assert [text[a:b] for a, b in headline_list(text, 0, len(text))] == [
        "Clashes continue around the airport", "3 killed in shelling on the old city"]
    prose = "Two soldiers were killed; three others were wounded in the ambush"
    assert headline_list(prose, 0, len(prose)) == [(0, len(prose))]


# --- dates from discourse ------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    ("That same day, jets struck positions near the city.", SUN),
    ("Later that day, a second bomb exploded.", SUN),
    ("Hours later, gunmen opened fire on the checkpoint.", SUN),
    ("The next day, troops entered the district.", date(2017, 3, 13)),
    ("The following morning, troops entered the district.", date(2017, 3, 13)),
    ("Two days later, the army retook the village.", date(2017, 3, 14)),
    ("The previous day, rebels had shelled the base.", date(2017, 3, 11)),
])
def test_what_counts_from_an_event_counts_from_its_date(sentence: str, expected: date) -> None:
    assert counts_from_event(sentence)
    assert resolve_date(sentence, published=TUE, anchor=(SUN, 1)) == (expected, 1)


def test_a_reporting_date_after_that_same_day_does_not_date_the_event() -> None:
    sentence = "That same day, jets struck near Mosul, the coalition said on Monday."
    assert resolve_date(sentence, published=TUE, anchor=(SUN, 1)) == (SUN, 1)
    # "Yesterday" and weekdays still count from publication.
    assert not counts_from_event("Rockets hit the base yesterday.")


def test_numeric_dates_are_read_in_the_input_s_own_order() -> None:
    assert numeric_order("Report of 25/07/2013. On 05/07/2013 ...") == "dmy"
    assert numeric_order("07/25/2013: shelling. 05/07/2013: clashes") == "mdy"
    assert numeric_order("05/07/2013: clashes") is None
    assert resolve_date("05/07/2013: clashes", published=None, numeric_order="dmy") == (
        date(2013, 7, 5), 1)
    assert resolve_date("05/07/2013: clashes", published=None, numeric_order="mdy") == (
        date(2013, 5, 7), 1)
    # Ambiguous with nothing to go by: month first (as publication dates are read), and a
    # lowered precision; with a publication date, the reading closest before it.
    assert resolve_date("05/07/2013: clashes", published=None) == (date(2013, 5, 7), 3)
    assert resolve_date("Daily report 08/02/2016", published=date(2016, 2, 9)) == (
        date(2016, 2, 8), 1)


def _candidate(doc: Doc, index: int, sub: str, trigger: str) -> Candidate:
    unit = doc.units[index]
    at = unit.text.index(trigger)
    mention = Mention(unit.start + at, unit.start + at + len(trigger), trigger, "trigger", sub)
    return Candidate(unit, SentenceLabel(sub, 0.9, 0.9, mention, ((sub, 0.9),)))


def test_the_dates_component_anchors_on_the_sentence_before() -> None:
    text = ("Jets struck a depot in the town on Sunday, officials said. "
            "On Monday, parliament debated the budget. "
            "That same day, a car bomb exploded at a checkpoint. "
            "The next day, troops retook the village.")
    doc = sentences(Doc(Article(id="a", text=text, published=TUE)), None, OPTIONS)  # type: ignore[arg-type]
    doc.candidates = [_candidate(doc, 0, tx.AIR_STRIKE, "struck"),
                      _candidate(doc, 2, tx.REMOTE_EXPLOSIVE, "car bomb"),
                      _candidate(doc, 3, tx.GOV_REGAINS, "retook")]
    doc = dates(doc, None, OPTIONS)  # type: ignore[arg-type]
    # The bomb counts from the dated sentence just before it, the retaking from the bomb.
    assert [c.event_date for c in doc.candidates] == [SUN, date(2017, 3, 13),
                                                      date(2017, 3, 14)]


# --- the headline as evidence for the body's event ------------------------------------------

@pytest.fixture
def towns() -> dict[str, Location]:
    def loc(name: str, gid: int, precision: int = 1) -> Location:
        return Location(name, 0.0, 0.0, precision, iso="IQ", admin1="Nineveh", geonameid=gid)
    return {"Tal Afar": loc("Tal Afar", 1), "Mosul": loc("Mosul", 2),
            "Iraq": loc("Iraq", 3, precision=3)}


class _Roles:
    def __init__(self, actor1: str = "", actor2: str = "") -> None:
        self.actor1, self.actor2 = actor1, actor2


def _draft(sub: str, unit: int, **kw: object) -> Draft:
    return Draft(sub_event_type=sub, confidence=kw.pop("confidence", 0.9), unit=unit,
                 start=unit * 10, end=unit * 10 + 9, evidence=f"s{unit}", **kw)


def test_the_headline_joins_the_body_event_at_its_place(towns: dict[str, Location]) -> None:
    drafts = [
        _draft(tx.AIR_STRIKE, 0, headline=True, location=towns["Mosul"], fatalities=4,
               roles=_Roles("Coalition")),
        _draft(tx.ARMED_CLASH, 1, location=towns["Tal Afar"]),
        _draft(tx.AIR_STRIKE, 2, location=towns["Mosul"], fatalities=3),
    ]
    events = merge(drafts)
    assert len(events) == 2
    strike = next(e for e in events if e.location == towns["Mosul"])
    assert strike.headline and strike.evidence == "s2" and strike.fatalities == 4
    assert strike.roles.actor1 == "Coalition"


def test_the_headline_types_and_attributes_the_lead(towns: dict[str, Location]) -> None:
    # "Coalition air strike hits bomb workshop" over a lead the workshop's car bombs typed.
    drafts = [
        _draft(tx.AIR_STRIKE, 0, headline=True, location=towns["Iraq"], confidence=1.0,
               roles=_Roles("Coalition", "Islamic State")),
        _draft(tx.REMOTE_EXPLOSIVE, 1, location=towns["Tal Afar"], confidence=1.0,
               roles=_Roles("Military Forces of Iraq")),
    ]
    (event,) = merge(drafts)
    assert event.sub_event_type == tx.AIR_STRIKE
    assert event.roles.actor1 == "Coalition" and event.location == towns["Tal Afar"]
    # A headline typed only by "killed" leaves the body's type.
    generic = [_draft(tx.ATTACK, 0, headline=True, generic=True, location=towns["Iraq"]),
               _draft(tx.SHELLING, 1, location=towns["Tal Afar"])]
    (event,) = merge(generic)
    assert event.sub_event_type == tx.SHELLING


def test_the_headline_stands_alone_only_when_the_body_tells_no_event(
        towns: dict[str, Location]) -> None:
    (alone,) = merge([_draft(tx.AIR_STRIKE, 0, headline=True, location=towns["Mosul"])])
    assert alone.headline and alone.evidence == "s0"


def test_a_total_never_joins_an_event(towns: dict[str, Location]) -> None:
    drafts = [_draft(tx.AIR_STRIKE, 1, location=towns["Mosul"], fatalities=3),
              _draft(tx.AIR_STRIKE, 2, location=towns["Mosul"], fatalities=300, aggregate=True)]
    strike, total = merge(drafts)
    assert strike.fatalities == 3 and not strike.aggregate
    assert total.aggregate and total.fatalities == 300


def test_a_toll_revised_on_a_later_day_stays_with_the_attack(towns: dict[str, Location]) -> None:
    drafts = [_draft(tx.SUICIDE_BOMB, 1, location=towns["Mosul"], fatalities=9, dated=True,
                     event_date=SUN),
              _draft(tx.SUICIDE_BOMB, 2, fatalities=15, dated=True, event_date=TUE,
                     detail=True)]
    (event,) = merge(drafts)
    assert event.fatalities == 15 and event.event_date == SUN


# --- background, per clause -----------------------------------------------------------------

def _trigger(sentence: str, word: str) -> Mention:
    at = sentence.index(word)
    return Mention(at, at + len(word), word, "trigger", tx.SHELLING)


@pytest.mark.parametrize(("sentence", "word", "background"), [
    ("Rebels have been shelling the city almost daily.", "shelling", True),
    ("The coalition has continued to shell targets around the country.", "shell", True),
    ("Residents returned to villages recaptured from the militants.", "recaptured", True),
    ("Government forces have shelled the town in recent days, killing six.", "shelled", False),
    ("Rebels, who have been besieged since March, shelled the base on Monday.", "shelled",
     False),
    ("Since March, rebels have shelled the city almost daily.", "shelled", True),
    ("There has been an uptick in government shelling of the area in recent days.",
     "shelling", True),
    ("An escalation in shelling on Monday killed six people in the town.", "shelling", False),
    ("Six were killed in the fall of shells on the town.", "shells", False),
    ("Rebels have been shelling the town since dawn on Tuesday, killing four.", "shelling",
     False),
])
def test_background_is_judged_in_the_trigger_s_clause(sentence: str, word: str,
                                                       background: bool) -> None:
    assert is_background(sentence, _trigger(sentence, word), 0) is background


# --- event coreference across sentences ------------------------------------------------------

def test_a_sentence_that_refers_back_tells_more_of_the_event() -> None:
    from conflictwire.coding.coreference import names_who_did_it, tells_another, tells_more
    assert tells_more("The attack killed nine people, a police colonel said.")
    assert tells_more("On Tuesday, the toll from the blast rose to 14.")
    assert tells_more("Islamic State claimed responsibility for the bombing.")
    assert not tells_more("The attacks have killed 31 civilians, the monitor said.")
    assert not tells_more("The bombing campaign has killed hundreds of civilians.")
    assert not tells_more("The attack drew condemnation from the United Nations.")  # no detail
    assert not tells_more("Nine people were killed in Kirkuk.")  # refers to nothing told
    assert names_who_did_it("Islamic State claimed responsibility for the bombing.")
    assert not names_who_did_it("The attack killed nine people, a police colonel said.")
    assert tells_another("In a separate incident, gunmen shot dead a farmer.")


def test_a_detail_adds_its_toll_and_only_a_claimed_actor(towns: dict[str, Location]) -> None:
    bomb = _draft(tx.SUICIDE_BOMB, 1, location=towns["Mosul"], fatalities=1, dated=True,
                  event_date=SUN, roles=_Roles("Unidentified Armed Group (Iraq)"))
    source = Draft(tx.SUICIDE_BOMB, 0.9, 2, 20, 29, "The attack killed nine, a colonel said.",
                   fatalities=9, detail=True, roles=_Roles("Police Forces of Iraq"))
    claim = Draft(tx.SUICIDE_BOMB, 0.9, 3, 30, 39, "Islamic State claimed responsibility.",
                  detail=True, roles=_Roles("Islamic State"))
    revised = _draft(tx.SUICIDE_BOMB, 4, fatalities=14, detail=True, dated=True,
                     event_date=TUE)
    (event,) = merge([bomb, source, claim, revised])
    assert event.fatalities == 14 and event.event_date == SUN
    assert event.roles.actor1 == "Islamic State"
    # The perpetrator's claim of more dead does not raise a counted toll.
    boast = Draft(tx.SUICIDE_BOMB, 0.9, 5, 50, 59, "The group's statement said nearly 50 died.",
                  fatalities=50, detail=True, roles=_Roles("Islamic State"))
    (event,) = merge([bomb, source, boast])
    assert event.fatalities == 9
    # A detail far from any event it could be is dropped, not made an event.
    assert merge([_draft(tx.ATTACK, 1, detail=True, fatalities=3)]) == []


def test_a_separate_incident_joins_nothing_told_before(towns: dict[str, Location]) -> None:
    drafts = [_draft(tx.ATTACK, 1, location=towns["Mosul"], fatalities=2),
              _draft(tx.ATTACK, 2, location=towns["Mosul"], fatalities=1, another=True)]
    assert len(merge(drafts)) == 2


def test_a_line_break_ends_a_paragraph_unless_the_line_runs_on() -> None:
    text = ("Share this article\nCopyright 2019 Herald. All rights reserved.\n"
            "Fighters came from\nIslamic State lines, officials\nsaid.")
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Share this article", "Copyright 2019 Herald.", "All rights reserved.",
        "Fighters came from\nIslamic State lines, officials\nsaid."]


def test_a_dateline_naming_its_agency_in_words_is_no_event_date() -> None:
    from conflictwire.coding.sentences import without_dateline
    lead = "ADEN, Aug 14 (Desert Herald) - A drone strike hit a car on Tuesday."
    assert without_dateline(lead) == "A drone strike hit a car on Tuesday."


def test_a_headline_of_another_event_type_neither_retypes_nor_attributes(
        towns: dict[str, Location]) -> None:
    # "Army and rebels clash near A; protesters march in B", typed a riot as a whole.
    riot = _draft(tx.VIOLENT_DEMONSTRATION, 0, headline=True, location=towns["Mosul"],
                  roles=_Roles("Rioters (Iraq)"))
    march = _draft(tx.PEACEFUL_PROTEST, 2, location=towns["Mosul"],
                   roles=_Roles("Protesters (Iraq)"))
    (event,) = merge([riot, march])
    assert event.sub_event_type == tx.PEACEFUL_PROTEST and event.roles.actor1 == "Protesters (Iraq)"
    clash = _draft(tx.ARMED_CLASH, 1, location=towns["Tal Afar"], roles=_Roles())
    riot_there = replace(riot, location=towns["Tal Afar"])
    (event,) = merge([riot_there, clash])
    assert event.sub_event_type == tx.ARMED_CLASH and event.roles.actor1 == ""
