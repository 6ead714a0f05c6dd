"""ACLED's source_scale: how far from an event its sources report, from the outlet lexicon
(which country an outlet covers, or the whole world) and the event's country."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from .acled_countries import lookup
from .outlets import OutletLexicon

SUBNATIONAL, NATIONAL, REGIONAL, INTERNATIONAL, OTHER = (
    "Subnational", "National", "Regional", "International", "Other")
# ACLED joins the scales of an event's sources nearest first ("National-International").
_ORDER = (OTHER, SUBNATIONAL, NATIONAL, REGIONAL, INTERNATIONAL)
_SPLIT = re.compile(r"\s*;\s*")


@cache
def _packaged_outlets() -> OutletLexicon:
    return OutletLexicon.load()


def source_scale(source: str | None, url: str | None, country: str | int | None, *,
                 outlets: OutletLexicon | None = None) -> str:
    """The scale of an event's sources: `source` is one outlet name or several joined with
    ';', `url` the article's address and `country` the event's country (any code or name).

    An outlet covering the event's own country is National; one covering a country of the
    same ACLED region, Regional; the whole world, or a country elsewhere, International;
    an unknown outlet, Other (its address's country-code domain is tried first). Several
    sources give ACLED's combination ("National-International"); no source gives ''.
    """
    lexicon = outlets or _packaged_outlets()
    names = [n for n in _SPLIT.split(source or "") if n]
    scales = [_scale(lexicon.coverage(name), country) for name in names]
    if (not names or OTHER in scales) and url:
        by_address = _scale(lexicon.domain_coverage(url), country)
        if by_address != OTHER:
            scales = [s for s in scales if s != OTHER] + [by_address]
    return combine(scales)


def combine(scales: Iterable[str]) -> str:
    """One ACLED scale for several ("National", "International" -> "National-International");
    parts that are themselves combinations are split first."""
    parts = {p for s in scales for p in s.split("-") if p}
    return "-".join(s for s in _ORDER if s in parts)


def _scale(covered: str | None, country: str | int | None) -> str:
    if covered is None:
        return OTHER
    if covered == "":
        return INTERNATIONAL
    event_country, outlet_country = lookup(country), lookup(covered)
    if event_country is None or outlet_country is None:
        return INTERNATIONAL if event_country is not None else NATIONAL
    if outlet_country == event_country:
        return NATIONAL
    if outlet_country.region == event_country.region:
        return REGIONAL
    return INTERNATIONAL
