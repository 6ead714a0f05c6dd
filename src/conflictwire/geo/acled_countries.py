"""Countries as ACLED names them: ISO 3166 alpha-2, alpha-3 and numeric codes, ACLED's country
names and regions, and the other names a user may type (data/acled_countries.json).

Every edge that takes a country from a person (CLI, API, map, subscriptions) resolves it here,
and every export writes the codes, name and region this table gives.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from ..data import load_json
from ..errors import ConflictwireError


class UnknownCountry(ConflictwireError):
    """Not a country name or ISO 3166 code conflictwire knows."""


@dataclass(frozen=True, slots=True)
class Country:
    """One country: its ISO 3166 codes, ACLED's name and region, and other names for it."""

    alpha2: str
    alpha3: str
    numeric: int  # ISO 3166 numeric; 0 for Kosovo, which has none (as in ACLED's data)
    name: str  # ACLED's spelling
    region: str  # ACLED's region
    aliases: tuple[str, ...] = ()


def _key(text: str) -> str:
    """Case, accents, punctuation and a leading "the" do not tell two names apart."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True, slots=True)
class _Table:
    countries: tuple[Country, ...]
    by_key: dict[str, Country]  # every name and alpha code, by _key
    by_numeric: dict[int, Country]
    regions: tuple[str, ...]


@cache
def _table() -> _Table:
    raw = load_json("acled_countries.json")
    countries = tuple(
        Country(c["alpha2"], c["alpha3"], int(c["numeric"]), c["name"], c["region"],
                tuple(c.get("aliases", ())))
        for c in raw["countries"]
    )
    by_key: dict[str, Country] = {}
    # Names first, codes last: a two- or three-letter code wins over an alias that spells it.
    for c in countries:
        for name in (*c.aliases, c.name):
            by_key.setdefault(_key(name), c)
    for c in countries:
        by_key[_key(c.alpha2)] = c
        by_key[_key(c.alpha3)] = c
    return _Table(countries, by_key, {c.numeric: c for c in countries}, tuple(raw["regions"]))


def countries() -> tuple[Country, ...]:
    """Every country in the table, by alpha-2 code."""
    return _table().countries


def regions() -> tuple[str, ...]:
    """ACLED's regions, in ACLED's numbering order."""
    return _table().regions


def lookup(value: str | int | None) -> Country | None:
    """The country `value` names: a name (ACLED's or another common one), an ISO alpha-2 or
    alpha-3 code or an ISO numeric code (as a number or digits), case-insensitive; None if
    nothing matches exactly."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return _table().by_numeric.get(value)
    text = value.strip()
    if text.isdigit():
        return _table().by_numeric.get(int(text))
    return _table().by_key.get(_key(text)) if text else None


def resolve_country(value: str | int) -> Country:
    """The country a user named; raises UnknownCountry listing the closest names."""
    country = lookup(value)
    if country is None:
        close = suggestions(str(value))
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UnknownCountry(f"{value!r}{hint}")
    return country


def suggestions(value: str, n: int = 3) -> list[str]:
    """ACLED names of the countries whose names or codes are closest to `value`."""
    table = _table()
    keys = difflib.get_close_matches(_key(value), list(table.by_key), n=n * 3, cutoff=0.6)
    names = dict.fromkeys(table.by_key[k].name for k in keys)
    return list(names)[:n]


def country_name(code: str | int | None) -> str:
    """ACLED's name of the country with this code or name ("" if unknown)."""
    country = lookup(code)
    return country.name if country else ""


def region(code: str | int | None) -> str:
    """ACLED's region of the country with this code or name ("" if unknown)."""
    country = lookup(code)
    return country.region if country else ""


def alpha2(code: str | int | None) -> str:
    """The ISO alpha-2 code of the country with this code or name ("" if unknown)."""
    country = lookup(code)
    return country.alpha2 if country else ""


def alpha3(code: str | int | None) -> str:
    """The ISO alpha-3 code of the country with this code or name ("" if unknown)."""
    country = lookup(code)
    return country.alpha3 if country else ""


def numeric(code: str | int | None) -> int | None:
    """The ISO numeric code of the country with this code or name (None if unknown)."""
    country = lookup(code)
    return country.numeric if country else None


def match_keys(value: str) -> tuple[str, ...]:
    """Every lower-case spelling under which a store may hold the country `value` names (its
    codes, ACLED's name and the other names), or just `value` lower-cased when it names no
    country: a filter compares these with the stored `country` and `iso` columns."""
    country = lookup(value)
    if country is None:
        return (value.strip().lower(),)
    names = (str(country.numeric), f"{country.numeric:03d}", country.alpha2, country.alpha3,
             country.name, *country.aliases)
    return tuple(dict.fromkeys(n.lower() for n in names))
