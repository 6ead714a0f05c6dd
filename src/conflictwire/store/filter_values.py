"""The values an event filter accepts, checked one way for every edge (CLI, API, subscriptions):
a country must be one the country table knows, a type one of ACLED's, a date range in order."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date

from ..errors import ConflictwireError
from ..geo.acled_countries import lookup, suggestions
from ..taxonomy import EVENT_TYPES, SUB_EVENT_TYPES


class FilterError(ConflictwireError):
    """Bad filter."""

    def __init__(self, param: str, detail: str) -> None:
        super().__init__(detail)
        self.param = param  # the API's query parameter name (the CLI maps it to its option)
        self.message = detail


_EVENT_TYPES = {t.lower(): t for t in EVENT_TYPES}
_SUB_EVENT_TYPES = {t.lower(): t for t in SUB_EVENT_TYPES}


def countries(values: Iterable[str], param: str = "country") -> tuple[str, ...]:
    """ACLED's names of the countries named (names, ISO alpha-2, alpha-3 or numeric codes);
    raises FilterError for one it does not know, with the closest names."""
    out = []
    for value in values:
        country = lookup(value)
        if country is None:
            close = suggestions(value)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise FilterError(param, f"unknown country {value!r}{hint}")
        out.append(country.name)
    return tuple(dict.fromkeys(out))


def types(values: Iterable[str], param: str, *, sub: bool) -> tuple[str, ...]:
    """ACLED's spelling of each event type (`sub` False) or sub-event type (`sub` True),
    matched case-insensitively; raises FilterError naming the closest ones."""
    known = _SUB_EVENT_TYPES if sub else _EVENT_TYPES
    out = []
    for value in values:
        if value.lower() not in known:
            raise FilterError(param, _unknown_type(value, known, sub))
        out.append(known[value.lower()])
    return tuple(out)


def any_types(values: Iterable[str], param: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(event types, sub-event types) of values that may be either; raises FilterError."""
    events, subs = [], []
    for value in values:
        if value.lower() in _EVENT_TYPES:
            events.append(_EVENT_TYPES[value.lower()])
        elif value.lower() in _SUB_EVENT_TYPES:
            subs.append(_SUB_EVENT_TYPES[value.lower()])
        else:
            raise FilterError(param, _unknown_type(value, {**_EVENT_TYPES, **_SUB_EVENT_TYPES},
                                                   None))
    return tuple(events), tuple(subs)


def _unknown_type(value: str, known: dict[str, str], sub: bool | None) -> str:
    what = {True: "sub-event type", False: "event type", None: "event or sub-event type"}[sub]
    close = difflib.get_close_matches(value.lower(), list(known), n=3, cutoff=0.5)
    listed = [known[k] for k in close] or list(known.values())
    lead = "did you mean" if close else "one of"
    return f"unknown {what} {value!r}; {lead}: {', '.join(listed)}"


def date_range(start: date | None, end: date | None, param: str = "date_to") -> None:
    """Raises FilterError when `end` is before `start`."""
    if start and end and start > end:
        raise FilterError(param, f"the range ends ({end}) before it starts ({start})")
