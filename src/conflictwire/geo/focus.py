"""The country an article is about, judged from all its evidence (the caller's and the
outlet's countries, countries and demonyms named, admin areas, the other places), and the
rule that a reading abroad needs evidence of its own (`cohere`)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Place
from ..settings import GeoparseSettings, packaged_settings
from .toponyms import Toponym


@dataclass(frozen=True, slots=True)
class CountryFocus:
    """The article's country ('' when the evidence is split or absent) and every country
    the text or the caller gives evidence of its own for (named, a demonym, a hint, one of
    its admin areas, or several of its places)."""

    country: str = ""
    evidenced: frozenset[str] = frozenset()
    weight: float = 0.0  # all the evidence, whatever country it is for

    def allows(self, country_code: str, least: float) -> bool:
        """Whether a reading in `country_code` may stand: the country has evidence of its
        own, or the article has too little evidence (under `least`) to judge."""
        return self.weight < least or not self.evidenced or country_code in self.evidenced


def _is_country(p: Place) -> bool:
    return p.feature_code.startswith("PCL") or p.feature_code == "CONT"


def country_focus(names: Iterable[tuple[str, Place | None, bool]], hints: Iterable[str] = (),
                  *, settings: GeoparseSettings | None = None) -> CountryFocus:
    """The focus of an article whose place names are `names` (text, resolved place, whether
    it is a demonym), with the caller's `hints` (ISO2): each hint and each distinct name
    adds its weight (the [geoparse] focus_* settings: a hint, a country named, a demonym, an
    admin area, a town) to its country; the country with most of the weight is the focus."""
    w = settings or packaged_settings().geoparse
    score: Counter[str] = Counter()
    evidenced: set[str] = set()
    for h in hints:
        if h:
            score[h] += w.focus_hint
            evidenced.add(h)
    names = list(names)
    said = Counter(text.lower() for text, _, _ in names)
    seen: set[str] = set()
    towns: Counter[str] = Counter()
    for text, p, demonym in names:
        name = text.lower()
        if p is None or not p.country_code or name in seen:
            continue
        seen.add(name)
        cc = p.country_code
        if not demonym and said[name] > 1:  # "Indianapolis" three times
            score[cc] += w.focus_place * math.log(said[name])
            if said[name] >= w.focus_repeat:
                evidenced.add(cc)
        if demonym:
            score[cc] += w.focus_demonym
            evidenced.add(cc)
        elif _is_country(p):
            score[cc] += w.focus_named
            evidenced.add(cc)
        elif p.feature_class == "A":
            score[cc] += w.focus_admin
            evidenced.add(cc)
        else:
            score[cc] += w.focus_place
            towns[cc] += 1
    evidenced |= {cc for cc, n in towns.items() if n >= w.focus_town_names}
    if not score:
        return CountryFocus("", frozenset(evidenced))
    (top, best), *rest = score.most_common(2) + [("", 0.0)]
    total = sum(score.values())
    if best < w.focus_min or best < w.focus_share * total or best == rest[0][1]:
        return CountryFocus("", frozenset(evidenced), total)
    return CountryFocus(top, frozenset(evidenced | {top}), total)


def cohere(toponyms: list[Toponym], places: list[Place | None], focus: CountryFocus, *,
           keep_unmatched: bool = False,
           settings: GeoparseSettings | None = None) -> list[Place | None]:
    """In an article with evidence of where it is (at least [geoparse] focus_min of it), a
    town or area read in a country the text gives no evidence for is a homonym of a place
    the gazetteer lacks (`Bala` read as Basel in a report on Syria): it takes its reading
    in an evidenced country when it has one, else it is left unresolved (kept, with
    `keep_unmatched`). Countries, continents, and cities named by their own name that are
    capitals or over [geoparse] cohere_keep_population stand on their own."""
    w = settings or packaged_settings().geoparse
    out = list(places)
    for i, (t, p) in enumerate(zip(toponyms, places, strict=True)):
        if p is None or t.demonym or _is_country(p) or focus.allows(p.country_code,
                                                                    w.focus_min):
            continue
        own = next((c.is_primary for c in t.candidates if c.place.geonameid == p.geonameid),
                   False)
        if p.feature_code == "PPLC" or (own and p.population >= w.cohere_keep_population):
            continue
        home = [c.place for c in t.candidates if c.place.country_code in focus.evidenced
                and not _is_country(c.place)]
        if home:
            out[i] = _preferred(home, focus.country)
        elif not keep_unmatched:
            out[i] = None
    return out


def _preferred(cands: list[Place], country: str) -> Place:
    """The focus country's reading first, then towns before areas, then the biggest."""
    return max(cands, key=lambda p: (bool(country) and p.country_code == country,
                                     p.feature_class == "P", p.population))
