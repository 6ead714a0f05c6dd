"""Whether a sentence reports an event that happened, or only a plan, threat, hypothesis,
denial, question, opinion or background; allegations stay reportable with a tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from conflictwire.models import Mention


@dataclass(frozen=True, slots=True)
class Factuality:
    """Whether to code the sentence as an event, tags to attach, and why not when it is not."""

    reportable: bool
    tags: tuple[str, ...] = ()
    reason: str = ""


_I = re.IGNORECASE
# Cues that govern the event verb when they sit in the words just before it.
_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|plans?\s+to|planning\s+to|planned\s+to|intends?\s+to|intended\s+to|"
    r"is\s+(?:set|going|expected|due|scheduled|poised)\s+to|are\s+(?:set|going|expected|due|"
    r"scheduled|poised)\s+to|prepar(?:es|ed|ing)\s+to|aims?\s+to|seeks?\s+to|sought\s+to|"
    r"calls?\s+for|called\s+for|urg(?:es|ed)|to\s+be\s+held|announced\s+(?:a|plans)|"
    r"wants?\s+to|wanted\s+to|ready\s+to|about\s+to|"
    r"upcoming|planned|proposed|next\s+week|next\s+month|tomorrow|"
    r"to\s+(?:prevent|deter|avert|stop|counter|forestall))\b",
    _I,
)
_THREAT = re.compile(
    r"\b(?:threat(?:en|ens|ened|ening)\s+(?:to|that|of)|threats?\s+(?:to|of)|"
    r"vow(?:s|ed|ing)?\s+(?:to|that)|pledg(?:es|ed|ing)\s+to|promis(?:es|ed|ing)\s+to|"
    r"warn(?:s|ed|ing)?\s+(?:of|that|it\s+would)|fears?\s+(?:of|that)|feared|risk\s+of|"
    r"ultimatum)\b",
    _I,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:could|might|(?-i:may)|would|should|must|ought\s+to|if|unless|in\s+case|whether|"
    r"possible|potential(?:ly)?|likely\s+to|in\s+the\s+event\s+of)\b",
    _I,
)
_NEGATION = re.compile(
    r"(?:\b(?:not|never|no|nor|neither|without)\b|n't)(?:\s+[\w-]+){0,2}\s*$",
    _I,
)
_DENIED_EVENT = re.compile(
    r"\bdeni(?:ed|es)\s+(?:that|reports?\s+(?:of|that)|"
    r"any(?!\s+(?:responsibility|involvement|role|links?|part)\b))\b",
    _I,
)
_DENIED_BLAME = re.compile(
    r"\b(?:deni(?:ed|es|al)|rejected|disavowed)\s+(?:of\s+)?(?:any\s+)?(?:responsibility|"
    r"involvement|role|carrying\s+out|being\s+behind|having\s+carried|links?)\b",
    _I,
)
_QUESTION = re.compile(r"\?\s*[\"'”’)]*\s*$")
_SINCE_LONG = (
    r"since\s+(?:(?:19|20)\d\d\b|the\s+(?:start|beginning|outbreak|onset)\b|the\s+(?:war|"
    r"conflict|uprising|revolution|crisis|insurgency|offensive|campaign)\b|(?:january|february|"
    r"march|april|may|june|july|august|september|october|november|december)\b|last\s+year|then\b)"
)
_WAR = r"(?:war(?!\s*(?:planes?|jets?|ships?|craft))|conflict|insurgency|uprising|crisis)"
_BACKGROUND = re.compile(
    r"\b(?:has|have|had)\s+(?:been\s+)?(?:raged|raging|killed|claimed|displaced|left|waged|"
    r"fought|fighting|battling|cost|devastated|ravaged|caused|seen|witnessed|suffered)\b"
    rf"[^.;]*\b(?:{_SINCE_LONG}|for\s+(?:more\s+than\s+|over\s+|nearly\s+|almost\s+)?(?:a|an|"
    r"\d+|two|three|four|five|six|seven|eight|nine|ten|several|many)?\s*(?:years?|months?|"
    r"decades?)|over\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years|months|decades)|in\s+recent\s+"
    r"(?:years|months))"
    rf"|\b{_SINCE_LONG}"
    rf"|\b(?:in\s+a\s+|the\s+){_WAR}\s+(?:that|which)\s+(?:has|have)\b"
    rf"|\b{_WAR}\b[^.;]{{0,20}}\b(?:has|have)\s+(?:claimed|killed|left|cost)\b"
    r"|\bover\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years|decades)\b"
    r"|\b(?:years|decades)\s+of\s+(?:war|conflict|fighting|violence)\b"
    r"|\b(?:a\s+total\s+of|in\s+total|altogether|cumulative)\b[^.;]*\bsince\b",
    _I,
)
_OPINION = re.compile(
    r"\b(?:i|we)\s+(?:think|believe|feel|fear)\b|\bin\s+(?:my|our)\s+(?:opinion|view)\b|"
    r"\bop-?ed\b|\bcommentary\b",
    _I,
)
_ALLEGATION = re.compile(
    r"\b(?:alleged(?:ly)?|reportedly|purportedly|accus(?:ed|es|ing)|allegations?|"
    r"unconfirmed|unverified|(?:is|are|was|were)\s+said\s+to\s+have|"
    r"(?:claim(?:ed|s|ing)?)\s+(?:that|to\s+have)|according\s+to\s+(?:unconfirmed|unverified)|"
    r"blamed|blaming)\b",
    _I,
)
_CLAUSE_BREAK = re.compile(
    r"[;:]|,\s+(?:but|while|and|as|after|before|which|who|amid|in\s+(?:a|an|the)\s+(?:war|"
    r"conflict|insurgency|campaign|fight))\b|\b(?:but|while|whereas)\b"
    r"|\b(?:rais(?:e|es|ed|ing)|ris(?:e|es|ing)|bring(?:s|ing)?|increas(?:e|es|ing)|push(?:es|ing)?)"
    r"\s+(?:the\s+)?(?:number|toll|death\s+toll|tally|total|to)\b",
    _I,
)
# Without a trigger, the first of these stands in for the event verb.
_EVENT_VERB = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|attack(?:ed|s|ing)?|clash(?:ed|es)?|bomb(?:ed|ing|ings|s)?|"
    r"shell(?:ed|ing)|struck|strikes?|explo(?:ded|sion)|fire[ds]?|firing|shot|protest(?:ed|s|ing)?|"
    r"demonstrat(?:ed|ions?)|riot(?:ed|s|ing)?|abduct(?:ed|ing)|kidnapp(?:ed|ing)|arrest(?:ed|s)?|"
    r"seiz(?:ed|ing)|captur(?:ed|ing)|ambush(?:ed)?|raid(?:ed|s)?|targeted|hit|died|dead|"
    r"wounded|injured|fighting|fought|battle|offensive|airstrikes?|air\s+strikes?|"
    r"detonat(?:ed|ing|es)|blew\s+up|stormed|executed|massacred)\b",
    _I,
)


def assess(sentence: str, trigger: Mention | None = None) -> Factuality:
    """Whether `sentence` reports a real event, judged around its `trigger` when given.

    The trigger is located by its text in the sentence (its offsets are article offsets).
    Returns reportable=False with a reason ("question", "future", "threat", "hypothetical",
    "negated", "background", "opinion") or True with tags ("alleged", "denied responsibility").
    """
    text = sentence.strip()
    if not text:
        return Factuality(False, (), "empty")
    start, end = _anchor(text, trigger)
    clause_start = _clause_start(text, start)
    # Windows are searched in place (pos, endpos), not sliced, so "\b" sees the whole word.
    near = max(clause_start, start - 60)
    tags: list[str] = []
    if _ALLEGATION.search(text):
        tags.append("alleged")
    if _DENIED_BLAME.search(text):
        tags.append("denied responsibility")
    if _QUESTION.search(text):
        return Factuality(False, tuple(tags), "question")
    if _DENIED_EVENT.search(text, clause_start, start):
        return Factuality(False, tuple(tags), "negated")
    if _NEGATION.search(text, max(clause_start, start - 40), start) and not \
            _is_outcome_negation(text, end):
        return Factuality(False, tuple(tags), "negated")
    if _THREAT.search(text, near, start):
        return Factuality(False, tuple(tags), "threat")
    if _FUTURE.search(text, near, start):
        return Factuality(False, tuple(tags), "future")
    if _HYPOTHETICAL.search(text, near, start):
        return Factuality(False, tuple(tags), "hypothetical")
    clause_end = _clause_end(text, end)
    if _BACKGROUND.search(text[clause_start:clause_end]):
        return Factuality(False, tuple(tags), "background")
    if _OPINION.search(text):
        return Factuality(False, tuple(tags), "opinion")
    return Factuality(True, tuple(tags), "")


def _anchor(text: str, trigger: Mention | None) -> tuple[int, int]:
    if trigger is not None and trigger.text:
        i = text.lower().find(trigger.text.lower())
        if i >= 0:
            return i, i + len(trigger.text)
    m = _EVENT_VERB.search(text)
    if m:
        return m.start(), m.end()
    return len(text), len(text)


def _clause_start(text: str, start: int) -> int:
    last = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, start):
        last = m.end()
    return last


def _clause_end(text: str, end: int) -> int:
    m = _CLAUSE_BREAK.search(text, end)
    return m.start() if m else len(text)


def _is_outcome_negation(text: str, end: int) -> bool:
    """True when the negation is about casualties, not the event ("no one was killed")."""
    return False if end >= len(text) else bool(
        re.search(r"\bno\s+(?:one|casualties|deaths|injuries|fatalities)\b", text[:end], _I)
        and not re.search(r"\b(?:did|does|do|was|were|has|have)\s*(?:not|n't)\b", text[:end], _I)
    )
