"""The date an event sentence refers to, resolved against the article's publication date.

Regexes cover what news text uses (weekday names, "5 November", "Nov. 5, 2016", ISO,
"yesterday", "last week"); dateparser is not on this hot path. Time precision follows
ACLED: 1 a day, 2 a week (or a few days), 3 a month. A range is coded at its middle day.
The calendar words are data (data/dates.json).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from ..data import load_json

_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = _DAY.replace("?P<day>", "?P<day2>")
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_YEAR2 = _YEAR.replace("?P<year>", "?P<year2>")


@dataclass(frozen=True, slots=True)
class _Calendar:
    """The calendar words (data/dates.json) and the patterns built from them."""

    months: dict[str, int]
    weekdays: dict[str, int]
    number_words: dict[str, int]
    anchor_words: tuple[str, ...]
    date: re.Pattern[str]
    anchor: re.Pattern[str]
    weekday_only: re.Pattern[str]  # a weekday name or its three-letter abbreviation


@cache
def _calendar() -> _Calendar:
    data = load_json("dates.json")
    months, weekdays = data["months"], data["weekdays"]
    number_words, anchor_words = data["number_words"], tuple(data["anchor_words"])
    return _Calendar(months, weekdays, number_words, anchor_words,
                     _date_pattern(months, weekdays, number_words),
                     re.compile(r"\d+|" + "|".join(anchor_words), re.IGNORECASE),
                     re.compile("|".join(weekdays) + "|(?:" + "|".join(w[:3] for w in weekdays)
                                + r")\.?", re.IGNORECASE))


def _date_pattern(months: dict[str, int], weekdays: dict[str, int],
                  number_words: dict[str, int]) -> re.Pattern[str]:
    """One alternation, tried left to right over the sentence; the first match is the date."""
    month = r"(?P<month>" + "|".join(sorted(months, key=len, reverse=True)) + r")\b\.?"
    month2 = month.replace("?P<month>", "?P<month2>")
    month_only = month.replace("?P<month>", "?P<monly>")
    month_bare = month.replace("?P<month>", "?P<mbare>")
    counts = "|".join(word.replace(" ", r"\s+") for word in number_words)
    return re.compile(
        r"\b(?:"
        r"(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"
        rf"|{_DAY}(?:\s+of)?\s+{month}(?:,?\s+{_YEAR})?"
        rf"|{month2}\s+{_DAY2}\b(?!\s*(?:%|km|miles|people|civilians|soldiers))(?:,?\s+{_YEAR2})?"
        r"|(?P<numeric>[0-3]?\d)[/.](?P<nmonth>[01]?\d)[/.](?P<nyear>(?:19|20)?\d\d)\b"
        r"|(?P<yesterday>yesterday|last\s+night|overnight|the\s+previous\s+day|the\s+day\s+before"
        r"|a\s+day\s+earlier|the\s+night\s+before)"
        r"|(?P<today>today|tonight|this\s+morning|this\s+afternoon|this\s+evening|earlier\s+today"
        r"|on\s+the\s+same\s+day\s+as\s+publication)"
        rf"|(?P<ago>\d+|{counts})"
        r"\s+(?P<agounit>days?|weeks?|months?)\s+(?:ago|earlier|before)"
        r"|(?P<same>(?:that|the)\s+same\s+day|later\s+that\s+day|earlier\s+that\s+day"
        r"|the\s+same\s+night)"
        r"|(?:(?P<lastwd>last|this\s+past|past)\s+)?(?P<weekday>" + "|".join(weekdays)
        + r")s?(?!\s*,?\s*(?:[0-3]?\d\b|" + "|".join(months) + r"))"
        r"|(?P<weekend>(?:last|this\s+past|over\s+the)\s+weekend)"
        r"|(?P<thisweek>earlier\s+this\s+week|this\s+week|in\s+recent\s+days"
        r"|over\s+the\s+past\s+few\s+days"
        r"|in\s+the\s+past\s+few\s+days|past\s+week|over\s+the\s+past\s+week)"
        r"|(?P<lastweek>last\s+week|the\s+previous\s+week|the\s+week\s+before)"
        r"|(?P<thismonth>earlier\s+this\s+month|this\s+month)"
        r"|(?P<lastmonth>last\s+month|the\s+previous\s+month)"
        rf"|(?:in|during|early|late|mid-?|end\s+of|beginning\s+of)\s+{month_only}"
        rf"(?:\s+{_YEAR.replace('?P<year>', '?P<myear>')})?\b"
        rf"|{month_bare}\s+{_YEAR.replace('?P<year>', '?P<mbyear>')}\b"
        r")",
        re.IGNORECASE,
    )


_REACH = 40
_STAMP = re.compile(r"(?:publication|published|posted|updated|last\s+updated(?:\s+at)?|dated?|"
                    r"released)\s*(?:on|at)?\s*:?\s*$", re.IGNORECASE)
# Not the event's date: the start of something still going on ("shelling since Wednesday"),
# or a weekday that names a thing or a remembered event ("Friday prayers", "Black Tuesday").
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:about\s+|around\s+|last\s+|early\s+|late\s+)?$",
                           re.IGNORECASE)
_NAMED_DAY_BEFORE = re.compile(r"\b(?:Black|Bloody|Good|Holy|Ash|Palm|Super|Great)\s+$")
_NAMED_DAY_AFTER = re.compile(r"\s+(?:prayers?|sermons?|services?|market)\b", re.IGNORECASE)
_SLACK = timedelta(days=2)  # time zones: an event "tomorrow" in UTC may be today locally
# Publication dates before this are placeholders (callers probe "does the sentence give a
# date?" with one), so no date is "after publication" for them.
_REAL_PUBLICATION = date(1970, 1, 1)
# "may" the month or the modal verb: what comes after it and before it decides (see
# `month_may`), and so does the case where nothing does.
_MAY_MONTH_AFTER = re.compile(r"\s*(?:[0-3]?\d\b|,?\s*(?:19|20)\d\d\b)")
_MAY_MODAL_AFTER = re.compile(
    r"\s+(?:not|n't|be|have|also|well|never|soon|still|yet|already|even|only|now|further|"
    r"face|need|want|become|take|lead|cause|see|happen|continue|increase|rise|fall|come|go|"
    r"get|help|make|seek|try|hold|reach|top|exceed|affect|require|include|result|prove|"
    r"remain|suffer|die|join|attack|strike|launch|use|spread|worsen|collapse|escalate|"
    r"follow|return|resume|target|fail|allow|lose|win|force|push|move|bring|keep|end)\b",
    re.IGNORECASE)
_MAY_MONTH_BEFORE = re.compile(
    r"\b(?:in|on|of|since|until|till|by|from|to|into|through|throughout|during|early|late|"
    r"mid|end\s+of|beginning\s+of|last|next|this|the|and|or|between|[0-3]?\d(?:st|nd|rd|th)?)"
    r"[\s-]*$", re.IGNORECASE)
_CAPITALISED = re.compile(r"\b[A-Z][\w'-]{3,}")
_LONG_WORD = re.compile(r"\b[^\W\d_][\w'-]{3,}")


def resolve_date(sentence: str, *, published: date | None,
                 context: str = "") -> tuple[date | None, int]:
    """The event date a sentence gives and its ACLED time precision (1 day, 2 week, 3 month).

    Relative expressions resolve against `published`; weekdays go to the latest such day
    on or before it. "That same day" takes the date found in `context` (dateline or lead).
    With no date in the sentence: the context's date, else (published, 1), else (None, 1).
    """
    found = _first_date(sentence, published, context)
    if found is not None:
        return found
    if context:
        found = _first_date(context, published, "")
        if found is not None:
            return found
    return published, 1


def gives_date(sentence: str) -> bool:
    """Whether `sentence` itself names a date (absolute or relative), whatever it resolves to."""
    return _first_date(sentence, _REAL_PUBLICATION - timedelta(days=1), "") is not None


def _first_date(text: str, published: date | None, context: str) -> tuple[date, int] | None:
    lower = text.lower()
    cal = _calendar()
    if not any(c.isdigit() for c in text) and not any(w in lower for w in cal.anchor_words):
        return None
    # Every date expression contains an anchor (a digit, month, "day", "week"...) and starts
    # at most _REACH characters before it, so only windows around anchors are searched.
    searched = 0
    dateline: tuple[date, int] | None = None
    dateline_end = -1
    for anchor in cal.anchor.finditer(text):
        start = max(searched, anchor.start() - _REACH)
        end = min(len(text), anchor.end() + _REACH)
        if start >= end:
            continue
        for m in cal.date.finditer(text, start, end):
            if m.start() < dateline_end or _is_may_verb(m) or _not_event_day(text, m):
                continue
            got = _resolve(m, published, context)
            if got is None:
                continue
            if published is not None and _REAL_PUBLICATION <= published < got[0] - _SLACK:
                # Events are reported after they happen: a later date is a plan, a range's
                # end or another item's date. A month that has not ended is cut at publication.
                if (got[0].year, got[0].month) != (published.year, published.month):
                    continue
                got = published, got[1]
            if dateline is None and _is_dateline(text, m):
                # "Date of publication 26 November 2017 ... on Sunday": the event date, if
                # one follows, is the later one.
                dateline, dateline_end = got, m.end()
                continue
            return got
        # Matches that start early enough in the window were seen whole; the rest is redone.
        searched = max(searched, end - _REACH)
    return dateline


def _not_event_day(text: str, m: re.Match[str]) -> bool:
    """A date that starts a still running stretch, or a weekday used as a name."""
    if _SINCE_BEFORE.search(text, max(0, m.start() - 20), m.start()):
        return True
    if m.group("weekday") and not m.group("lastwd"):
        return bool(_NAMED_DAY_BEFORE.search(text, max(0, m.start() - 10), m.start())
                    or _NAMED_DAY_AFTER.match(text, m.end()))
    return False


def _is_dateline(text: str, m: re.Match[str]) -> bool:
    """A publication stamp rather than an event date: labelled as one, or opening the text
    with no preposition before it."""
    before = text[max(0, m.start() - 40):m.start()]
    if _STAMP.search(before):
        return True
    return not text[:m.start()].strip(" \t\n-–—|:,") or bool(_calendar().weekday_only.fullmatch(
        text[:m.start()].strip(" \t\n-–—|:,")))


def _is_may_verb(m: re.Match[str]) -> bool:
    for group in ("month", "month2", "monly", "mbare"):
        word = m.group(group)
        if word and word.lower() == "may" and not month_may(m.string, m.start(group)):
            return True
    return False


def month_may(text: str, start: int) -> bool:
    """Whether the word "may" at `start` of `text` is the month, not the modal verb.

    A day or year after it makes it the month ("May 5", "May 2024"), a verb after it the
    modal ("may be", "May Attack"); then a preposition, article or day before it the
    month ("in May", "the May offensive", "5 May"). With none of these, lower case is the
    verb, and a capital is the month except in a title-case headline ("Talks May Fail").
    """
    end = start + 3
    if _MAY_MONTH_AFTER.match(text, end):
        return True
    if _MAY_MODAL_AFTER.match(text, end):
        return False
    if _MAY_MONTH_BEFORE.search(text, max(0, start - 20), start):
        return True
    if not text[start].isupper() or text[start:end] == "MAY":
        return False
    words = _LONG_WORD.findall(text)
    return len(_CAPITALISED.findall(text)) * 3 < len(words) * 2  # not title case


def _resolve(m: re.Match[str], published: date | None, context: str) -> tuple[date, int] | None:
    g = m.groupdict()
    cal = _calendar()
    if g["iso"]:
        return _safe(int(g["iso"][:4]), int(g["iso"][5:7]), int(g["iso"][8:10]), 1)
    if g["day"]:
        return _day_month(int(g["day"]), cal.months[g["month"].lower()], g["year"], published)
    if g["day2"]:
        return _day_month(int(g["day2"]), cal.months[g["month2"].lower()], g["year2"], published)
    if g["numeric"]:
        year = int(g["nyear"])
        year = year + 2000 if year < 100 else year
        day, month = int(g["numeric"]), int(g["nmonth"])
        if month > 12 and day <= 12:  # month/day order
            day, month = month, day
        return _safe(year, month, day, 1)
    if g["mbare"]:
        return _safe(int(g["mbyear"]), cal.months[g["mbare"].lower()], 15, 3)
    if g["monly"]:
        month = cal.months[g["monly"].lower()]
        if g["myear"]:
            year = int(g["myear"])
        elif published:
            year = published.year if month <= published.month else published.year - 1
        else:
            return None
        return _safe(year, month, 15, 3)
    if published is None:
        return None
    if g["yesterday"]:
        word = g["yesterday"].lower()
        if context and not word.startswith(("yesterday", "last", "overnight")):
            # "the previous day" counts back from the day the lead is about.
            anchor = _first_date(context, published, "")
            if anchor is not None:
                return anchor[0] - timedelta(days=1), anchor[1]
        return published - timedelta(days=1), 1
    if g["today"]:
        return published, 1
    if g["ago"]:
        n = int(g["ago"]) if g["ago"].isdigit() else cal.number_words.get(
            " ".join(g["ago"].lower().split()), 1)
        unit = g["agounit"].lower().rstrip("s")
        if unit == "day":
            return published - timedelta(days=n), 1
        if unit == "week":
            return published - timedelta(days=7 * n), 2
        return published - timedelta(days=30 * n), 3
    if g["same"]:
        if context:
            found = _first_date(context, published, "")
            if found is not None:
                return found
        return published, 1
    if g["weekday"]:
        back = (published.weekday() - cal.weekdays[g["weekday"].lower()]) % 7
        if back == 0 and g["lastwd"] and g["lastwd"].lower() == "last":
            back = 7
        return published - timedelta(days=back), 1
    if g["weekend"]:
        back = (published.weekday() - 5) % 7
        return published - timedelta(days=back), 2
    if g["thisweek"]:
        start = published - timedelta(days=published.weekday())
        return start + (published - start) // 2, 2
    if g["lastweek"]:
        return published - timedelta(days=published.weekday() + 4), 2
    if g["thismonth"]:
        return published.replace(day=max(1, published.day // 2)), 3
    if g["lastmonth"]:
        first = published.replace(day=1) - timedelta(days=1)
        return first.replace(day=15), 3
    return None


def _day_month(day: int, month: int, year: str | None,
               published: date | None) -> tuple[date, int] | None:
    if year:
        return _safe(int(year), month, day, 1)
    if published is None:
        return None
    got = _safe(published.year, month, day, 1)
    # A day-month after the publication date belongs to the year before ("December 30"
    # in an article of 2 January); the slack allows for time zones.
    if got and got[0] > published + _SLACK:
        got = _safe(published.year - 1, month, day, 1)
    return got


def _safe(year: int, month: int, day: int, precision: int) -> tuple[date, int] | None:
    try:
        return date(year, month, day), precision
    except ValueError:
        return None
