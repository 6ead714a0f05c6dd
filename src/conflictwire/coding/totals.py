"""Totals are not events: a death figure over a period ("killed in February", "so far this
year") or over an area (a monitor's daily count for a whole country) sums many events."""

from __future__ import annotations

import re
from functools import cache

from ..data import alternation, load_json
from .fatalities import KILLED_SCORE, Fatalities

# ACLED divides a figure over a few days between them (`fatalities._period_days`); over a
# longer stretch the events are too many to stand for, and the figure is a total.
MAX_SPLIT_DAYS = 7
# How far after a death figure the words that make it a total may come ("143 people were
# killed yesterday, including ... in several areas of Syria").
_REACH = 250


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    calendar = load_json("dates.json")
    # Full month names only ("in Mar" is rare, "in mar-" is a place).
    month = "|".join(sorted((m for m in calendar["months"] if len(m) > 3 or m == "may"),
                            key=len, reverse=True))
    weekday = "|".join(calendar["weekdays"])
    period = re.compile(
        rf"\b(?:{alternation('fatalities.json', 'totals_period')}"
        rf"|(?:in|during|throughout|for)\s+(?:the\s+month\s+of\s+)?(?:{month})\b"
        rf"(?!\s+[0-3]?\d\b)|since\s+(?:{month}|{weekday})\b)", re.IGNORECASE)
    area = re.compile(rf"\b(?:{alternation('fatalities.json', 'totals_area')})", re.IGNORECASE)
    one_event = re.compile(rf"\b(?:{alternation('fatalities.json', 'one_event')})",
                           re.IGNORECASE)
    # A count that opens the sentence with no event or place of its own, only a day ("230
    # killed yesterday") or a breakdown of who died ("143 people were killed yesterday,
    # including 51 soldiers, and 28 civilians ..."): a tally of the day's deaths.
    tally = re.compile(
        r"^\W*(?:(?:at\s+least|about|around|more\s+than|over|nearly)\s+)?\d[\d,]*\s*,?\s+"
        r"(?:\w+\s+){0,2}(?:were\s+|have\s+been\s+|had\s+been\s+)?(?:killed|died|dead)\b"
        r"(?P<day>\s+(?:yesterday|today|on\s+\w+|in\s+the\s+(?:past|last)\s+24\s+hours))?"
        r"(?:\s+[0-3]?\d[/.][01]?\d[/.]\d{2,4})?(?:\W*$|(?P<breakdown>,?\s+including\b))",
        re.IGNORECASE)
    return period, area, one_event, tally


def is_total(sentence: str, fatalities: Fatalities, *, offset: int = 0,
             local_places: tuple[int, ...] = ()) -> bool:
    """Whether the deaths `sentence` counts are a total of many events, not one event's.

    `fatalities` is the sentence's count (its mentions' offsets are `offset` + index);
    `local_places` are where in `sentence` it names places smaller than a country. A
    total: a figure over more than MAX_SPLIT_DAYS days, a month or a year, or since some
    time ("3,116 were killed during the second month"), unless one event is named as its
    cause ("an air strike in May killed 12"); a day's tally that opens the sentence, names
    its day and no place before its breakdown ("143 people were killed yesterday,
    including ..."); or,
    with no local place, a figure over a stretch of days or a whole area ("in several
    areas", "nationwide").
    """
    killed = [m for m in fatalities.mentions if m.score >= KILLED_SCORE]
    if not killed or not fatalities.total:
        return False
    period, area, one_event, tally = _patterns()
    if fatalities.days > MAX_SPLIT_DAYS:
        return True
    first = min(m.start for m in killed) - offset
    clause = _clause(sentence, first)
    if period.search(sentence, *clause) and not one_event.search(sentence):
        return True
    # A day's tally names its day ("yesterday"); a place it names is within its breakdown
    # ("... 78 members of the group, whose bodies were found near Manbij").
    day = tally.match(sentence)
    if day and day.group("day") and not any(
            at < (day.start("breakdown") if day.group("breakdown") else len(sentence))
            for at in local_places):
        return True
    if local_places:
        return False
    window = (max(0, first - _REACH), min(len(sentence), first + _REACH))
    return fatalities.days > 1 or bool(area.search(sentence, *window))


# Where the clause of a figure ends: what follows is about something else ("killed in
# Douma, which has been besieged since 2013").
_CLAUSE_BREAK = re.compile(r"[;:]|,?\s+(?:which|where|whose|while|whereas|but)\b|\s+-\s+")


def _clause(sentence: str, at: int) -> tuple[int, int]:
    start = 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, at):
        start = m.end()
    end = _CLAUSE_BREAK.search(sentence, at)
    return start, end.start() if end else len(sentence)
