"""The vocabulary of real reporting in the trigger lexicon (data/triggers.json), and the
month May never read as the modal "may" (nor the modal as the month) by the lexicon, the
factuality cues and the date resolver. Every sentence was written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from conflictwire import taxonomy as tx
from conflictwire.coding.classify import Classifier, find_triggers
from conflictwire.coding.dates import month_may, resolve_date
from conflictwire.coding.factuality import assess

PUBLISHED = date(2021, 6, 20)


@pytest.mark.parametrize(("sentence", "kind"), [
    ("A US-led strike hit a compound on the edge of the village.", tx.AIR_STRIKE),
    ("U.S.-led air strikes pounded the old quarter.", tx.AIR_STRIKE),
    ("An Su-34 dropped two glide bombs on the district.", tx.AIR_STRIKE),
    ("Observers recorded 27 explosions near the dam overnight.", tx.SHELLING),
    ("Dozens of explosions were registered in the direction of the hills.", tx.SHELLING),
    ("A shoot-out left two smugglers and a border guard dead.", tx.ARMED_CLASH),
    ("Bursts of automatic fire hit a minibus in the suburb.", tx.ATTACK),
    ("Shots were fired at a minibus on the ring road.", tx.ATTACK),
    ("Unidentified men fired with unspecified weapons at a farmer.", tx.ATTACK),
    ("The insurgents pushed into the southern districts of the city.", tx.ARMED_CLASH),
    ("Troops gained a foothold on the west bank of the river.", tx.ARMED_CLASH),
    ("Government forces were closing in on the rebel-held town.", tx.ARMED_CLASH),
    ("The assault faced fierce resistance at the bridge.", tx.ARMED_CLASH),
    ("Both sides took ground along the ridge.", tx.ARMED_CLASH),
    ("The army entered the town after a day of battles.", tx.ARMED_CLASH),
    ("The ministry deployed two battalions to the northern province.",
     tx.CHANGE_TO_GROUP),
    ("Fresh reinforcements reached the garrison on Tuesday.", tx.CHANGE_TO_GROUP),
    ("Twelve fighters surrendered to the gendarmerie with their rifles.", tx.AGREEMENT),
    ("Security services made hundreds of arrests in a nationwide sweep.", tx.ARRESTS),
    ("Police began an arrest campaign in the old city.", tx.ARRESTS),
    ("Attackers burned two herders to death in their hut.", tx.ATTACK),
    ("Saboteurs blew up a power pylon outside the port.", tx.REMOTE_EXPLOSIVE),
])
def test_real_reporting_words_are_triggers(sentence: str, kind: str) -> None:
    assert kind in find_triggers(sentence).types(), sentence


@pytest.mark.parametrize("sentence", [
    "Militants overran an army observation post in the hills.",
    "Rockets hit the barracks of the border brigade.",
    "Gunmen attacked an outpost of the militia.",
])
def test_posts_and_barracks_are_armed_state_targets(sentence: str) -> None:
    assert "armed_state" in find_triggers(sentence).cues


@pytest.mark.parametrize("sentence", [
    "Strikes by dockers shut the port for a day.",
    "The striker shot wide in the second half.",
    "The police chief said the investigation will take time.",
])
def test_everyday_words_stay_out_of_the_new_vocabulary(sentence: str) -> None:
    found = find_triggers(sentence).types()
    assert not found & {tx.AIR_STRIKE, tx.ARMED_CLASH, tx.CHANGE_TO_GROUP}, found


# --- May ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "is_month"), [
    ("Clashes erupted in May between the two factions.", True),
    ("On May 3 gunmen attacked the convoy.", True),
    ("the fighting of 12 may killed dozens", True),
    ("The May offensive stalled at the river.", True),
    ("Talks began in April and May saw the first ceasefire.", True),
    ("Fighting may resume if the talks fail.", False),
    ("The militia may attack again, residents said.", False),
    ("Rebels May Attack Border Town, Officials Warn", False),
    ("Officials said the convoy may be delayed until June.", False),
    ("Those who arrived late may have been killed.", False),
])
def test_month_may_and_modal_may(text: str, is_month: bool) -> None:
    start = text.lower().index("may")
    assert month_may(text, start) is is_month, text


def test_the_lexicon_reads_no_future_in_the_month() -> None:
    assert "future" not in find_triggers("Gunmen killed three farmers in May.").cues
    assert "future" in find_triggers("Gunmen may kill more farmers.").cues


@pytest.mark.parametrize("sentence", [
    "In May militants shelled the town, killing four.",
    "On 5 May rebels attacked the convoy.",
    "MAY 2021: Rebels attacked the convoy near the border.",
])
def test_the_month_is_no_hypothetical(sentence: str) -> None:
    assert assess(sentence).reportable, sentence


@pytest.mark.parametrize("sentence", [
    "Rebels may attack the town again.",
    "Rebels May Attack Border Town",
])
def test_the_modal_is_hypothetical(sentence: str) -> None:
    got = assess(sentence)
    assert not got.reportable and got.reason == "hypothetical"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("in may 2019 gunmen attacked the village", (date(2019, 5, 15), 3)),
    ("On May 4, gunmen attacked the village.", (date(2021, 5, 4), 1)),
    ("Those who fled early may have died in the desert.", (PUBLISHED, 1)),
    ("Officials fear the toll may rise to 10.", (PUBLISHED, 1)),
])
def test_dates_read_the_month_not_the_modal(sentence: str,
                                            expected: tuple[date, int]) -> None:
    assert resolve_date(sentence, published=PUBLISHED) == expected


# --- through the packaged classifier -----------------------------------------------------

@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier.load()


@pytest.mark.parametrize(("sentence", "expected"), [
    ("A shoot-out between police and kidnappers left three dead near the highway.",
     tx.ARMED_CLASH),
    ("The army deployed three more battalions to the restive northern province.",
     tx.CHANGE_TO_GROUP),
    ("Forty fighters surrendered to the army in the border district with their rifles.",
     tx.AGREEMENT),
    ("Coalition raids on the town killed eleven people.", tx.AIR_STRIKE),
])
def test_the_classifier_codes_the_new_vocabulary(classifier: Classifier, sentence: str,
                                                 expected: str) -> None:
    assert classifier.classify(sentence).sub_event_type == expected
