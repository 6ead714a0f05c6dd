"""Which words of a report's evidence sentence support which field, for the map's event panel.

When the store kept the coder's mentions (spans into the article text), those spans are
used. Otherwise the field values are looked for in the sentence: the place name, the actor
names (or their distinctive words), the fatality figure with its verb, and the word that
names the kind of event. Either way each span says which field it supports.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from typing import Any

_KIND_FIELD = {"place": "location", "date": "event_date", "number": "fatalities",
               "trigger": "sub_event_type"}
# Words of actor names too common to point at one actor in a sentence.
_GENERIC = {"forces", "force", "military", "police", "group", "groups", "militia", "militias",
            "unidentified", "armed", "civilians", "protesters", "rioters", "state", "national",
            "government", "army", "rebels", "movement", "front", "with", "from", "republic"}
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                 "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                 "seventeen", "eighteen", "nineteen", "twenty")
_TENS = {30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty",
         90: "ninety"}
_DEATH = r"(?:kill\w*|dead|deaths?|died|dying|lives|lifeless|bodies|fatalit\w*|massacred)"
# ACLED's generic actor names and the words news uses for them.
_ACTOR_WORDS = {
    "military forces": r"soldiers?|troops?|army|military|armed forces|government forces|"
                       r"forces|government",
    "police forces": r"police\w*|officers?|gendarm\w*",
    "civilians": r"civilians?|villagers?|residents?|people|farmers?|children|women",
    "protesters": r"protest\w*|demonstrators?|marchers?|people|residents?|students?",
    "rioters": r"rioters?|mob|youths?|crowds?",
    "unidentified armed group": r"gunmen|militants?|attackers?|assailants?|kidnappers?|"
                                r"armed men|bandits?",
}
_DATE = (r"(?:(?:on|last|this|early|late) )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
         r"Saturday|Sunday)(?: (?:morning|afternoon|evening|night))?|yesterday|overnight|"
         r"last night|this morning|earlier today|"
         r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:, \d{4})?|"
         r"\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*(?: \d{4})?")
# Stems that name a kind of event, by ACLED event type; display aid only, not the coder.
_TRIGGERS = {
    "Battles": r"clash\w*|fight\w*|battl\w*|fought|offensive|ambush\w*|captur\w*|seiz\w*|"
               r"recaptur\w*|retook|retake\w*|overr?an|exchange of fire|gunfight\w*|attack\w*",
    "Violence against civilians": r"attack\w*|kill\w*|shot|shoot\w*|abduct\w*|kidnap\w*|"
                                  r"execut\w*|massacr\w*|rap(?:e|ed|es)|assault\w*|murder\w*",
    "Explosions/Remote violence": r"air ?strikes?|strikes?|struck|drones?|shell\w*|bomb\w*|"
                                  r"missiles?|rockets?|artillery|mortars?|explo\w*|IEDs?|"
                                  r"landmines?|mines?|grenades?|blasts?|suicide",
    "Protests": r"protest\w*|demonstrat\w*|rall(?:y|ied|ies)|march\w*|sit-in|strike",
    "Riots": r"riot\w*|mob\w*|demonstrat\w*|protest\w*|lynch\w*|clash\w*",
    "Strategic developments": r"arrest\w*|detain\w*|agree\w*|ceasefire|truce|seiz\w*|"
                              r"loot\w*|burn\w*|torch\w*|defus\w*|dismantl\w*|withdr\w*|"
                              r"recruit\w*|took control|handed over|base",
}


def highlights(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Spans {start, end, field, text} into `report["evidence"]`, in order, not overlapping."""
    evidence = report.get("evidence") or ""
    if not evidence:
        return []
    spans = list(_from_mentions(report, evidence)) or list(_from_fields(report, evidence))
    return _without_overlaps(spans, evidence)


def _from_mentions(report: dict[str, Any], evidence: str) -> Iterable[tuple[int, int, str]]:
    offset = report.get("evidence_start") or 0
    actors = {(report.get(k) or "").lower(): k for k in ("actor1", "actor2")}
    for m in report.get("mentions") or ():
        start, end = m["start"] - offset, m["end"] - offset
        if not (0 <= start < end <= len(evidence)):
            continue
        kind = m.get("kind")
        if kind == "actor":
            field = actors.get(str(m.get("value") or "").lower(), "actor1")
        else:
            field = _KIND_FIELD.get(kind or "")
        if field:
            yield start, end, field


def _from_fields(report: dict[str, Any], evidence: str) -> Iterable[tuple[int, int, str]]:
    # Place names are matched without accents: the gazetteer says "Culiacán", news "Culiacan".
    folded = _fold(evidence)
    location = report.get("location")
    if location:
        yield from _find(folded, re.escape(_fold(location)), "location", first=True)
    country = report.get("country") or ""
    for field in ("actor1", "actor2"):
        yield from _actor(evidence, report.get(field) or "", field, country)
    fatalities = report.get("fatalities") or 0
    if fatalities > 0:
        yield from _fatalities(evidence, int(fatalities))
    pattern = _TRIGGERS.get(report.get("event_type") or "")
    if pattern:
        yield from _find(evidence, pattern, "sub_event_type", first=True)
    yield from _event_date(evidence, report.get("event_date"))


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _event_date(evidence: str, event_date: Any) -> Iterable[tuple[int, int, str]]:
    """The date words that name the event's day: a weekday or a day of the month that agrees
    with `event_date` (a dateline's date may be the day after); else "yesterday"-like words."""
    try:
        day = date.fromisoformat(str(event_date)[:10]) if event_date else None
    except ValueError:
        day = None
    weak = None
    for start, end, field in _find(evidence, _DATE, "event_date", ignore_case=False):
        words = evidence[start:end].lower()
        weekday = next((w for w in _WEEKDAYS if w in words), None)
        month = next((i + 1 for i, m in enumerate(_MONTHS) if re.search(rf"\b{m}", words)),
                     None)
        number = re.search(r"\b(\d{1,2})\b", words)
        if weekday or month:
            if day and ((weekday and _WEEKDAYS[day.weekday()] == weekday) or (
                    month == day.month and number and int(number.group(1)) == day.day)):
                yield start, end, field
                return
        elif weak is None:
            weak = (start, end, field)
    if weak:
        yield weak


def _fold(text: str) -> str:
    """`text` without accents, one character for one, so offsets stay valid."""
    return "".join(
        (unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode() or ch)[:1] or ch
        for ch in text
    )


def _find(text: str, pattern: str, field: str, *, first: bool = False,
          ignore_case: bool = True) -> Iterable[tuple[int, int, str]]:
    flags = re.IGNORECASE if ignore_case else 0
    for match in re.finditer(rf"\b(?:{pattern})\b", text, flags=flags):
        yield match.start(), match.end(), field
        if first:
            return


def _actor(evidence: str, actor: str, field: str, country: str
           ) -> Iterable[tuple[int, int, str]]:
    if not actor:
        return
    # ACLED actor names carry a country or years: "Police Forces of X (2019-)", "Civilians (X)";
    # a country named in the sentence is not evidence of the actor.
    name = re.sub(r"\s*\([^)]*\)", "", actor).strip()
    name = re.sub(r"\s+of\s+(?:the\s+)?[A-Z][\w' -]*$", "", name).strip()
    head = name.split(":")[-1].strip()  # "M23: March 23 Movement": the code, then the name
    found: list[tuple[int, int, str]] = []
    for part in dict.fromkeys((head, name.split(":")[0].strip())):
        if part and not found:
            found = list(_find(evidence, re.escape(part), field, first=True))
    if not found and name.lower() in _ACTOR_WORDS:
        found = list(_find(evidence, _ACTOR_WORDS[name.lower()], field, first=True))
    if not found:
        # Distinctive capitalised words of the name, matched as written ("March" the name is
        # not "march" the verb), one is enough.
        skip = _GENERIC | {w.lower() for w in country.split()}
        for word in re.findall(r"[A-Z][\w'-]{3,}", head):
            if word.lower() not in skip:
                found = list(_find(evidence, re.escape(word), field, first=True,
                                   ignore_case=False))
                if found:
                    break
    yield from found


def _fatalities(evidence: str, n: int) -> Iterable[tuple[int, int, str]]:
    forms = [f"{n:,}", str(n)]
    if n < len(_NUMBER_WORDS):
        forms.append(_NUMBER_WORDS[n])
    elif n in _TENS:
        forms.append(_TENS[n])
    number = "|".join(re.escape(f) for f in dict.fromkeys(forms))
    yield from _find(evidence, number, "fatalities", first=True)
    yield from _find(evidence, _DEATH, "fatalities", first=True)


def _without_overlaps(spans: list[tuple[int, int, str]], text: str) -> list[dict[str, Any]]:
    """Longest spans win where two overlap; the result is in text order."""
    kept: list[tuple[int, int, str]] = []
    for start, end, field in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if all(end <= a or start >= b for a, b, _ in kept):
            kept.append((start, end, field))
    return [{"start": s, "end": e, "field": f, "text": text[s:e]} for s, e, f in sorted(kept)]
