"""Sentences that tell more of an event told before ("The attack killed nine people", "the
toll from the blast rose to 14", "the group claimed responsibility for the bombing"): no
event of their own, but its toll, actor or place; and those that say they tell another
("In a separate incident, ...")."""

from __future__ import annotations

import re
from functools import cache

from ..data import alternation

# What such a sentence adds: a toll, or who did it.
_DETAIL = re.compile(
    r"\b(?:kill|dead|die|death|toll|bod(?:y|ies)|casualt|fatalit|wound|injur|"
    r"claim(?:ed|s)?\s+(?:responsibility|the)|responsib|blamed|accused)", re.IGNORECASE)


@cache
def _refers_back() -> tuple[re.Pattern[str], re.Pattern[str]]:
    nouns = alternation("event_words.json", "event_nouns.frames_anaphor")
    definite = alternation("event_words.json", "event_nouns.frames_definite")
    # "The attack ...", "That strike ...": the sentence is about an event told before.
    opening = re.compile(
        rf"^\W*(?:[A-Z][\w ,'-]{{0,40}},\s+)?(?:the|this|that|these|those)\s+(?:[\w-]+\s+)?"
        rf"(?:{nouns})\b", re.IGNORECASE)
    # "... the toll from the blast", "... responsibility for the bombing".
    inside = re.compile(rf"\b(?:the|this|that)\s+(?:[\w-]+\s+)?(?:{definite}|blast|bombing)\b",
                        re.IGNORECASE)
    return opening, inside


def tells_more(sentence: str) -> bool:
    """Whether `sentence` refers back to an event ("The attack ...", "... the toll from the
    blast") and adds a toll or an actor to it."""
    if not _DETAIL.search(sentence):
        return False
    opening, inside = _refers_back()
    return bool(opening.match(sentence) or inside.search(sentence))


# Who did it, in a sentence that refers back: "X claimed responsibility for the bombing".
_CLAIM = re.compile(r"\b(?:claim(?:ed|s|ing)?\s+(?:responsibility|the\s+(?:attack|bombing))|"
                    r"responsib|blamed|accused)", re.IGNORECASE)
# "In a separate incident, ...", "Elsewhere, ...": what follows is another event.
_ANOTHER = re.compile(
    r"^\W*(?:in\s+(?:a|another)\s+(?:separate\s+)?(?:incident|attack|development|case)|"
    r"separately|elsewhere|in\s+other\s+(?:violence|incidents?|developments?))\b",
    re.IGNORECASE)


def names_who_did_it(sentence: str) -> bool:
    """Whether a sentence that refers back says who did it ("claimed responsibility")."""
    return bool(_CLAIM.search(sentence))


def tells_another(sentence: str) -> bool:
    """Whether `sentence` opens by saying it tells another event ("In a separate incident")."""
    return bool(_ANOTHER.match(sentence))
