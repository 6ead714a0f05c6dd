"""Whether a sentence reports an event that happened, or only a plan, threat, hypothesis,
denial, question, opinion or background; allegations stay reportable with a tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache, partial

from ..data import alternation, load_json
from ..models import Mention
from .dates import gives_date, month_may, resolve_date
from .numbers import number_words


@dataclass(frozen=True, slots=True)
class Factuality:
    """Whether to code the sentence as an event, tags to attach, and why not when it is not."""

    reportable: bool
    tags: tuple[str, ...] = ()
    reason: str = ""


_I = re.IGNORECASE
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
_CLAUSE_BREAK = re.compile(
    r"[;:]|,\s+(?:but|while|and|as|after|before|which|who|amid|in\s+(?:a|an|the)\s+(?:war|"
    r"conflict|insurgency|campaign|fight))\b|\b(?:but|while|whereas)\b"
    r"|\b(?:rais(?:e|es|ed|ing)|ris(?:e|es|ing)|bring(?:s|ing)?|increas(?:e|es|ing)|push(?:es|ing)?)"
    r"\s+(?:the\s+)?(?:number|toll|death\s+toll|tally|total|to)\b",
    _I,
)


@dataclass(frozen=True, slots=True)
class _Cues:
    """The cue patterns, built from the word lists of data/event_words.json."""

    future: re.Pattern[str]
    threat: re.Pattern[str]
    hypothetical: re.Pattern[str]
    negation: re.Pattern[str]
    background: re.Pattern[str]
    opinion: re.Pattern[str]
    allegation: re.Pattern[str]
    event_verb: re.Pattern[str]
    since_perfect: re.Pattern[str]
    ongoing: re.Pattern[str]


@cache
def _cues() -> _Cues:
    """The cue patterns, built on first use from the word lists of data/event_words.json."""
    words = partial(alternation, "event_words.json")
    # Cues that govern the event verb when they sit in the words just before it.
    future = re.compile(rf"\b(?:{words('cues.factuality_future')})\b", _I)
    threat = re.compile(rf"\b(?:{words('cues.factuality_threat')})\b", _I)
    hypothetical = re.compile(rf"\b(?:{words('cues.factuality_hypothetical')})\b", _I)
    negation = re.compile(
        rf"(?:\b(?:{words('cues.factuality_negation')})\b|n't)(?:\s+[\w-]+){{0,2}}\s*$", _I)
    # The full name of each month (the longest of its names in the date resolver's list).
    months = load_json("dates.json")["months"]
    month_names = "|".join(max((name for name in months if months[name] == n), key=len)
                           for n in range(1, 13))
    since_long = (
        r"since\s+(?:(?:19|20)\d\d\b|the\s+(?:start|beginning|outbreak|onset)\b"
        rf"|the\s+(?:{words('conflict_nouns.factuality_since')})\b|(?:{month_names})\b"
        r"|last\s+year|then\b)"
    )
    war = f"(?:{words('conflict_nouns.factuality_war')})"
    # "for (more than) a/two/several years"
    stretch = f"{number_words().two_to_ten}|{alternation('fatalities.json', 'vague_plurals')}"
    background = re.compile(
        rf"\b(?:has|have|had)\s+(?:been\s+)?(?:{words('background_verbs.factuality')})\b"
        rf"[^.;]*\b(?:{since_long}|for\s+(?:more\s+than\s+|over\s+|nearly\s+|almost\s+)?(?:a|an|"
        rf"\d+|{stretch})?\s*(?:years?|months?|"
        r"decades?)|over\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years|months|decades)|in\s+recent\s+"
        r"(?:years|months))"
        rf"|\b{since_long}"
        rf"|\b(?:in\s+a\s+|the\s+){war}\s+(?:that|which)\s+(?:has|have)\b"
        rf"|\b{war}\b[^.;]{{0,20}}\b(?:has|have)\s+(?:claimed|killed|left|cost)\b"
        r"|\bover\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years|decades)\b"
        r"|\b(?:years|decades)\s+of\s+(?:war|conflict|fighting|violence)\b"
        r"|\b(?:a\s+total\s+of|in\s+total|altogether|cumulative)\b[^.;]*\bsince\b",
        _I,
    )
    # Each opinion cue is matched as whole words on its own.
    opinion_cues = load_json("event_words.json")["cues.factuality_opinion"]["patterns"]
    opinion = re.compile("|".join(rf"\b{cue}\b" for cue in opinion_cues), _I)
    allegation = re.compile(rf"\b(?:{words('cues.factuality_allegation')})\b", _I)
    # Without a trigger, the first of these stands in for the event verb.
    event_verb = re.compile(rf"\b(?:{words('event_verbs.factuality')})\b", _I)
    # is_background: what has been going on "since" some time is not one event.
    # is_background: what goes on and on ("have been shelling", "has continued to hit").
    ongoing = re.compile(
        r"\b(?:has|have|had)\s+(?:also\s+|repeatedly\s+|frequently\s+)?(?:"
        r"been\s+(?!\w+ed\b)\w+ing|continued\s+(?:to|its|their)|kept\s+(?:up\s+)?\w+ing)\b",
        re.IGNORECASE)
    since_perfect = re.compile(
        r"\b(?:has|have|had)\b[^.;]*"
        rf"\b(?:{words('since_perfect.factuality')})\b"
        r"|\bsince\b[^.;]*\b(?:has|have)\b",
        re.IGNORECASE,
    )
    return _Cues(future=future, threat=threat, hypothetical=hypothetical, negation=negation,
                 background=background, opinion=opinion, allegation=allegation,
                 event_verb=event_verb, since_perfect=since_perfect, ongoing=ongoing)


def assess(sentence: str, trigger: Mention | None = None) -> Factuality:
    """Whether `sentence` reports a real event, judged around its `trigger` when given.

    The trigger is located by its text in the sentence (its offsets are article offsets).
    Returns reportable=False with a reason ("question", "future", "threat", "hypothetical",
    "negated", "background", "opinion") or True with tags ("alleged", "denied responsibility").
    """
    text = sentence.strip()
    if not text:
        return Factuality(False, (), "empty")
    cues = _cues()
    start, end = _anchor(text, trigger)
    clause_start = _clause_start(text, start)
    # Windows are searched in place (pos, endpos), not sliced, so "\b" sees the whole word.
    near = max(clause_start, start - 60)
    tags: list[str] = []
    if cues.allegation.search(text):
        tags.append("alleged")
    if _DENIED_BLAME.search(text):
        tags.append("denied responsibility")
    if _QUESTION.search(text):
        return Factuality(False, tuple(tags), "question")
    if _DENIED_EVENT.search(text, clause_start, start):
        return Factuality(False, tuple(tags), "negated")
    if cues.negation.search(text, max(clause_start, start - 40), start) and not \
            _is_outcome_negation(text, end):
        return Factuality(False, tuple(tags), "negated")
    if cues.threat.search(text, near, start):
        return Factuality(False, tuple(tags), "threat")
    if cues.future.search(text, near, start):
        return Factuality(False, tuple(tags), "future")
    if any(not _month(m) for m in cues.hypothetical.finditer(text, near, start)):
        return Factuality(False, tuple(tags), "hypothetical")
    clause_end = _clause_end(text, end)
    # What a comma closes before the trigger ("Rebels, who have been besieged since March,
    # shelled ...") does not govern it.
    if cues.background.search(text[max(clause_start, text.rfind(",", 0, start) + 1):clause_end]):
        return Factuality(False, tuple(tags), "background")
    if cues.opinion.search(text):
        return Factuality(False, tuple(tags), "opinion")
    return Factuality(True, tuple(tags), "")


def is_background(sentence: str, trigger: Mention | None, offset: int) -> bool:
    """Whether what the trigger's clause tells is background, not one event (ACLED codes
    the events themselves, when they happen): a perfect tense with "since", "for months",
    "across the"... governing it ("Rebels have shelled the city daily since March"); a
    perfect progressive or "has continued to" with no day named ("Rebels have been shelling
    the city", "the coalition has continued to hit targets"); a trend ("an uptick in
    bombardment") with no day named; or a participle that only describes a place
    ("returned to areas liberated from the group"). `offset` is the
    sentence's start in the article, which the trigger's offsets count from; without a
    trigger, the rules hold anywhere in the sentence."""
    cues = _cues()
    at = trigger.start - offset if trigger is not None else len(sentence)
    end = at + len(trigger.text) if trigger is not None else at
    if trigger is not None and _PLACE_PARTICIPLE.search(sentence, max(0, at - 60), at) and \
            _PARTICIPLE_AFTER.match(sentence, end):
        return True
    start = _clause_start(sentence, at)
    clause = sentence[start:_clause_end(sentence, end)]
    if _TREND.search(sentence, max(start, at - 60), at) and not _names_a_day(clause):
        return True
    # Judged in the trigger's clause ("Rebels, who have been besieged since March, shelled
    # the base on Monday" tells Monday's shelling), and a day named there makes it an event.
    m = cues.since_perfect.search(sentence)
    ongoing = cues.ongoing.search(sentence, start, end)
    governs = [c for c in (m, ongoing) if c is not None and c.start() < at
               and "," not in sentence[c.end():at]]
    return bool(governs) and not _names_a_day(clause)


# "in areas liberated from X", "to villages recaptured by the army": a participle after a
# place noun describes the place, it tells no event.
_PLACE_PARTICIPLE = re.compile(
    r"\b(?:in|into|to|from|of|across|through|within|on|at)\s+(?:the\s+)?(?:[\w-]+\s+)?"
    r"(?:areas?|territor(?:y|ies)|villages?|towns?|cities|regions?|districts?|parts?|lands?|"
    r"neighbo(?:u)?rhoods?|zones?|provinces?|positions?)\s+$", _I)
_PARTICIPLE_AFTER = re.compile(r"\s+(?:from|by)\b", _I)
# "an uptick in bombardment", "a rise in kidnappings": a trend of many events, not one.
_TREND = re.compile(
    r"\b(?:uptick|upsurge|surge|increase|rise|escalation|spike)"
    r"\s+in\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", _I)


def _names_a_day(clause: str) -> bool:
    """Whether a clause pins what it tells to one day ("on Monday", "yesterday")."""
    return gives_date(clause) and resolve_date(clause, published=_SOME_DAY)[1] == 1


_SOME_DAY = date(2000, 6, 15)  # any real date: only the precision of the clause's date counts


def _month(m: re.Match[str]) -> bool:
    """Whether a hypothetical cue is the month May, not the modal."""
    return m.group(0).lower() == "may" and month_may(m.string, m.start())


def _anchor(text: str, trigger: Mention | None) -> tuple[int, int]:
    if trigger is not None and trigger.text:
        i = text.lower().find(trigger.text.lower())
        if i >= 0:
            return i, i + len(trigger.text)
    m = _cues().event_verb.search(text)
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
