"""Which sentences report events that happened, and which only plans, threats or background."""

from __future__ import annotations

import pytest

from conflictwire.coding.factuality import assess, is_background
from conflictwire.models import Mention

REPORTABLE = [
    "Gunmen killed five villagers in Zamfara on Sunday.",
    "Soldiers allegedly shot dead three civilians in Rakhine State.",
    "The group denied carrying out the bombing that killed 12 people in Mogadishu.",
    "No one was killed when the rocket hit an empty school in Ashkelon.",
    "Al-Shabaab claimed responsibility for the attack on the base.",
    "Thursday 18 May 2017 militants killed more than 50 people in two villages.",
    "Airstrikes hit Idlib on Monday, in a war that has killed hundreds of thousands.",
    "Protesters marched through Santiago demanding pension reform.",
    "Police arrested 30 opposition supporters in Harare on Friday.",
    "Security forces foiled a suicide attack in Kabul.",
    "Shells hit Rif Dimashq and warplanes bombed the west of the capital.",
    "A woman was killed in shelling on Maarat al-Numan, raising the toll to 40 since March.",
    "Airstrikes hit the Raqqa area [possibly al-Mansoura] overnight.",
]
NOT_REPORTABLE = [
    ("The war has raged for a month around the city.", "background"),
    ("The conflict has killed more than 300,000 people since 2011.", "background"),
    ("More than 400,000 people have been killed in Syria since the war began.", "background"),
    ("The Taliban threatened to attack polling stations.", "threat"),
    ("Rebels vowed to retake the town within days.", "threat"),
    ("The army will launch an offensive next week.", "future"),
    ("Teachers plan to strike on Monday over unpaid salaries.", "future"),
    ("If the talks fail, fighting could resume in Tigray.", "hypothetical"),
    ("Police denied that any protesters were shot.", "negated"),
    ("Police did not fire on the protesters.", "negated"),
    ("There were no clashes reported in the city.", "negated"),
    ("Was the attack carried out by Boko Haram?", "question"),
    ("Troops were deployed to prevent attacks during the vote.", "future"),
]


@pytest.mark.parametrize("sentence", REPORTABLE)
def test_reportable(sentence: str) -> None:
    got = assess(sentence)
    assert got.reportable, got.reason


@pytest.mark.parametrize(("sentence", "reason"), NOT_REPORTABLE)
def test_not_reportable(sentence: str, reason: str) -> None:
    got = assess(sentence)
    assert not got.reportable
    assert got.reason == reason


def test_allegation_tag() -> None:
    got = assess("The ministry accused the rebels of shelling the market, killing 4.")
    assert got.reportable and "alleged" in got.tags


def test_denial_of_responsibility_keeps_event() -> None:
    got = assess("The group denied involvement in the bombing in Quetta.")
    assert got.reportable and "denied responsibility" in got.tags


def test_trigger_decides_which_verb_is_judged() -> None:
    sentence = "Militants who had threatened the town attacked it on Friday."
    trigger = Mention(500, 508, "attacked", "trigger", "Attack")
    assert assess(sentence, trigger).reportable
    threat = "Militants threatened to attack the town on Friday."
    attack = Mention(500, 506, "attack", "trigger", "Attack")
    assert not assess(threat, attack).reportable


def test_denied_responsibility_is_not_a_denied_event() -> None:
    got = assess("The regime, which denied any responsibility for the attack, blamed rebels.")
    assert got.reportable and "denied responsibility" in got.tags


def test_attempts_are_events() -> None:
    assert assess("Militants attempted to storm a checkpoint near Arish on Friday.").reportable


def test_a_perfect_tense_since_some_time_before_the_trigger_is_background() -> None:
    sentence = "Rebels have shelled the city daily since March."
    trigger = Mention(100 + sentence.index("shelled"), 100 + sentence.index("shelled") + 7,
                      "shelled", "trigger", None)
    assert is_background(sentence, trigger, 100)
    assert is_background(sentence, None, 100)


def test_the_background_rule_needs_its_cue_before_the_trigger() -> None:
    sentence = "Shelling killed 3 on Monday in a town that has been besieged since March."
    trigger = Mention(0, 8, "Shelling", "trigger", None)
    assert not is_background(sentence, trigger, 0)
    assert not is_background("Rebels shelled the city on Monday.", None, 0)
