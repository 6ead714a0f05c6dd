"""Publication dates from article metadata (ISO stamps, US-style dates, free text) to `date`."""

from __future__ import annotations

import re
from datetime import date, datetime

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_US = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\s*$")


def parse_published(value: object) -> date | None:
    """A calendar date from a metadata value, or None when it cannot be read as one.

    ISO dates and timestamps take a fast path; "11/2/17" is read month first (the US
    convention of the feeds and data sets that use it); anything else goes to dateparser.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    if m := _ISO.match(text):
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _US.match(text):
        year = int(m[3])
        year += 2000 if year < 100 else 0
        return _safe_date(year, int(m[1]), int(m[2]))
    import dateparser  # a slow import: only when a date is not in a plain format

    parsed = dateparser.parse(
        text, settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    )
    return parsed.date() if parsed else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
