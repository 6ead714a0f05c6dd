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
        r"|(?P<same>(?:that|the)\s+same\s+(?:day|night|morning|afternoon|evening)"
        r"|(?:later|earlier)\s+(?:that|the\s+same)\s+(?:day|night|morning|afternoon|evening)"
        r"|(?:hours|minutes|moments|shortly)\s+(?:later|afterwards?|after\s+that))"
        r"|(?P<next>the\s+(?:next|following)\s+(?:day|morning|afternoon|evening|night)"
        r"|a\s+day\s+later|the\s+day\s+after(?:\s+that)?)"
        rf"|(?P<later>\d+|{counts})\s+days\s+later"
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


Anchor = tuple[date, int]
# The order of the numbers in "05/07/2013": day first, month first, or not known.
DAY_FIRST, MONTH_FIRST = "dmy", "mdy"


def resolve_date(sentence: str, *, published: date | None, context: str = "",
                 anchor: Anchor | None = None,
                 numeric_order: str | None = None) -> tuple[date | None, int]:
    """The event date a sentence gives and its ACLED time precision (1 day, 2 week, 3 month).

    Relative expressions resolve against `published`; weekdays go to the latest such day
    on or before it. What counts from an event told before ("that same day", "the next
    day", "hours later", "the previous day") resolves against `anchor`, the date of the
    event the sentence follows, else against the date found in `context` (dateline or lead).
    `numeric_order` says how to read "05/07/2013" (see `numeric_order`). With no date in
    the sentence: `anchor`, else the context's date, else (published, 1), else (None, 1).
    """
    found = _first_date(sentence, published, context, anchor, numeric_order)
    if found is not None:
        return found
    if anchor is not None:
        return anchor
    if context:
        found = _first_date(context, published, "", None, numeric_order)
        if found is not None:
            return found
    return published, 1


def gives_date(sentence: str) -> bool:
    """Whether `sentence` itself names a date (absolute or relative), whatever it resolves to."""
    return _first_date(sentence, _REAL_PUBLICATION - timedelta(days=1), "", None,
                       None) is not None


def counts_from_event(sentence: str) -> bool:
    """Whether `sentence` names a date that counts from an event told before ("that same
    day", "the next day", "hours later", "the previous day"), so it needs that event's date."""
    return bool(_FROM_EVENT.search(sentence))


# The expressions of the date pattern's `same`, `next` and `later` groups and the "previous
# day" ones of `yesterday`, looked for alone (cheaper than the whole date pattern).
_FROM_EVENT = re.compile(
    r"\b(?:same\s+(?:day|night|morning|afternoon|evening)|(?:later|earlier)\s+(?:that|the\s+same)"
    r"|(?:hours|minutes|moments|shortly)\s+(?:later|after)|(?:next|following)\s+(?:day|morning|"
    r"afternoon|evening|night)|a\s+day\s+(?:later|earlier)|the\s+day\s+(?:after|before)"
    r"|\w+\s+days\s+later|previous\s+day|night\s+before)", re.IGNORECASE)


def numeric_order(text: str) -> str | None:
    """How `text` writes numeric dates: DAY_FIRST when one reads only day first
    ("25/07/2013"), MONTH_FIRST when one reads only month first ("07/25/2013"), None when
    every one could be either (or the text has none, or both)."""
    orders = set()
    for m in _NUMERIC.finditer(text):
        first, second = int(m.group(1)), int(m.group(2))
        if first > 12 >= second:
            orders.add(DAY_FIRST)
        elif second > 12 >= first:
            orders.add(MONTH_FIRST)
    return orders.pop() if len(orders) == 1 else None


_NUMERIC = re.compile(r"(?<![\d/.])([0-3]?\d)[/.]([0-3]?\d)[/.](?:19|20)?\d\d(?![\d/]|\.\d)")


def _first_date(text: str, published: date | None, context: str, anchor: Anchor | None,
                order: str | None) -> tuple[date, int] | None:
    lower = text.lower()
    cal = _calendar()
    if not any(c.isdigit() for c in text) and not any(w in lower for w in cal.anchor_words):
        return None
    # Every date expression contains an anchor (a digit, month, "day", "week"...) and starts
    # at most _REACH characters before it, so only windows around anchors are searched.
    searched = 0
    dateline: tuple[date, int] | None = None
    dateline_end = -1
    for found in cal.anchor.finditer(text):
        start = max(searched, found.start() - _REACH)
        end = min(len(text), found.end() + _REACH)
        if start >= end:
            continue
        for m in cal.date.finditer(text, start, end):
            if m.start() < dateline_end or _is_may_verb(m) or _not_event_day(text, m):
                continue
            got = _resolve(m, published, context, anchor, order)
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
    """A publication stamp rather than an event date: a calendar date labelled as one, or
    opening the text with no preposition before it ("That same day, ..." opens a sentence
    and is no stamp)."""
    if not (m.group("iso") or m.group("day") or m.group("day2") or m.group("numeric")):
        return False
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


def _resolve(m: re.Match[str], published: date | None, context: str, anchor: Anchor | None,
             order: str | None) -> tuple[date, int] | None:
    g = m.groupdict()
    cal = _calendar()
    if g["iso"]:
        return _safe(int(g["iso"][:4]), int(g["iso"][5:7]), int(g["iso"][8:10]), 1)
    if g["day"]:
        return _day_month(int(g["day"]), cal.months[g["month"].lower()], g["year"], published)
    if g["day2"]:
        return _day_month(int(g["day2"]), cal.months[g["month2"].lower()], g["year2"], published)
    if g["numeric"]:
        return _numeric(int(g["numeric"]), int(g["nmonth"]), int(g["nyear"]), published, order)
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
    if g["same"] or g["next"] or g["later"]:
        # Counted from the event told before: its date, else the lead's, else publication.
        base = anchor or (_first_date(context, published, "", None, order) if context else None)
        if base is None:
            return (published, 1) if published is not None else None
        days = 0 if g["same"] else 1 if g["next"] else _count(g["later"])
        return base[0] + timedelta(days=days), base[1]
    if g["yesterday"] and _counts_back(m):
        # "the previous day" counts back from the day of the event told before.
        base = anchor or (_first_date(context, published, "", None, order) if context else None)
        if base is not None:
            return base[0] - timedelta(days=1), base[1]
    if published is None:
        return None
    if g["yesterday"]:
        return published - timedelta(days=1), 1
    if g["today"]:
        return published, 1
    if g["ago"]:
        n = _count(g["ago"])
        unit = g["agounit"].lower().rstrip("s")
        if unit == "day":
            return published - timedelta(days=n), 1
        if unit == "week":
            return published - timedelta(days=7 * n), 2
        return published - timedelta(days=30 * n), 3
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


def _counts_back(m: re.Match[str]) -> bool:
    """ "the previous day", "a day earlier": one day before the event told before (where
    "yesterday" and "last night" count from publication)."""
    word = m.group("yesterday")
    return bool(word) and not word.lower().startswith(("yesterday", "last", "overnight"))


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _calendar().number_words.get(
        " ".join(word.lower().split()), 1)


def _numeric(first: int, second: int, year: int, published: date | None,
             order: str | None) -> tuple[date, int] | None:
    """A numeric date ("05/07/2013"). Where only one reading is a date, that one; else the
    input's own order (`order`, from its unambiguous dates), else the reading closest
    before publication, else month first (the convention of the feeds and data sets that
    write slashes, as ingest reads their publication dates) at time precision 3, since the
    day stays in doubt."""
    year = year + 2000 if year < 100 else year
    day_first = _safe(year, second, first, 1)
    month_first = _safe(year, first, second, 1)
    if day_first is None or month_first is None or first == second:
        return day_first or month_first
    if order == DAY_FIRST:
        return day_first
    if order == MONTH_FIRST:
        return month_first
    if published is not None and published >= _REAL_PUBLICATION:
        readings = [r for r in (day_first, month_first) if r[0] <= published + _SLACK]
        if readings:
            return max(readings, key=lambda r: r[0])
    return month_first[0], 3


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
