"""Sentences that tell more of an event told before ("The attack killed nine people", "the
toll from the blast rose to 14", "the group claimed responsibility for the bombing"): no
event of their own, but its toll, actor or place; and those that say they tell another
("In a separate incident, ...")."""

from __future__ import annotations

import re
from functools import cache

# What such a sentence adds: a toll, or who did it.
_DETAIL = re.compile(
    r"\b(?:kill|dead|die|death|toll|bod(?:y|ies)|casualt|fatalit|wound|injur|"
    r"claim(?:ed|s)?\s+(?:responsibility|the)|responsib|blamed|accused)", re.IGNORECASE)


@cache
def _refers_back() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # One event told before, in the singular: "the attacks" and "the bombing campaign" sum
    # several, whose toll is no one event's.
    one = (r"(?:attack|strike|air\s*strike|raid|blast|bombing|explosion|ambush|massacre|"
           r"shelling|assault|incident|killing|abduction|kidnapping|clash)"
           r"(?!s\b|\s+(?:campaign|offensive|operations?|spree|wave)\b)\b")
    # "The attack ...", "That strike ...": the sentence is about an event told before.
    opening = re.compile(
        rf"^\W*(?:[A-Z][\w ,'-]{{0,40}},\s+)?(?:the|this|that)\s+(?:[\w-]+\s+)?{one}",
        re.IGNORECASE)
    # "... the toll from the blast", "... responsibility for the bombing".
    inside = re.compile(rf"\b(?:the|this|that)\s+(?:[\w-]+\s+)?{one}", re.IGNORECASE)
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
                    r"responsib|blamed|accused|(?:its|their|the\s+group's|\w+s)\s+statement)",
                    re.IGNORECASE)
# "In a separate incident, ...", "Elsewhere, ...": what follows is another event.
_ANOTHER = re.compile(
    r"^\W*(?:in\s+(?:a|another)\s+(?:separate\s+)?(?:incident|attack|development|case)|"
    r"separately|elsewhere|in\s+other\s+(?:violence|incidents?|developments?))\b",
    re.IGNORECASE)


# A toll the perpetrator or its outlet gives ("the group's agency claimed 160 were killed").
_CLAIMED_TOLL = re.compile(
    r"\bclaim(?:ed|s|ing)?\s+(?:that\s+)?(?:(?:at\s+least|more\s+than|nearly|some|about|"
    r"around|over)\s+)?(?:\d|dozens|scores|hundreds)", re.IGNORECASE)


def claims_a_toll(sentence: str) -> bool:
    """Whether the toll a sentence gives is a claim ("claimed 160 were killed", "the group's
    statement said nearly 50 died"), which ACLED does not prefer to a count."""
    return bool(_CLAIMED_TOLL.search(sentence)) or bool(_CLAIM.search(sentence))


def names_who_did_it(sentence: str) -> bool:
    """Whether a sentence that refers back says who did it ("claimed responsibility")."""
    return bool(_CLAIM.search(sentence))


def tells_another(sentence: str) -> bool:
    """Whether `sentence` opens by saying it tells another event ("In a separate incident")."""
    return bool(_ANOTHER.match(sentence))


# A toll told again as revised ("the toll rose to 14", "updating an earlier toll"): it
# replaces the one before; any other figure a detail gives only fills a missing toll.
_REVISED = re.compile(r"\b(?:ris(?:en|es|ing)|rose|climbed|increased|jumped|updat(?:ed|ing)|"
                      r"revised|now\s+stands|has\s+reached)\b", re.IGNORECASE)


def revises_toll(sentence: str) -> bool:
    """Whether a sentence that refers back gives a revised toll ("the toll rose to 14")."""
    return bool(_REVISED.search(sentence))
