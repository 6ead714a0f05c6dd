"""The country an article is about, judged from all its evidence (the caller's and the
outlet's countries, countries and demonyms named, admin areas, the other places), and the
rule that a reading abroad needs evidence of its own (`cohere`)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ..data import load_json
from ..models import Place
from ..settings import GeoparseSettings, packaged_settings
from .gazetteer import Candidate
from .toponyms import Toponym


@dataclass(frozen=True, slots=True)
class CountryFocus:
    """The article's country ('' when the evidence is split or absent) and every country
    the text or the caller gives evidence of its own for (named, a demonym, a hint, one of
    its admin areas, or several of its places)."""

    country: str = ""
    evidenced: frozenset[str] = frozenset()
    weight: float = 0.0  # all the evidence, whatever country it is for
    # The country with the most evidence, if at least [geoparse] focus_min, clear or not
    # ('' on a tie): a demonym alone ("Russian airstrikes") does not say where.
    leader: str = ""

    def allows(self, country_code: str) -> bool:
        """Whether a reading in `country_code` may stand: the country has evidence of its
        own, or no country leads the evidence (nothing is abroad then)."""
        return not self.leader or country_code in self.evidenced


def _is_country(p: Place) -> bool:
    return p.feature_code.startswith("PCL") or p.feature_code == "CONT"


@cache
def _actor_after() -> re.Pattern[str]:
    lists = load_json("toponyms.json")["event_location"]
    nouns = "|".join((*lists["actor_nouns"]["patterns"], *lists["currency_words"]["patterns"]))
    return re.compile(rf"(?:['’]s)?\s+(?:[a-z][\w-]*\s+)?(?:{nouns})\b", re.IGNORECASE)


@cache
def _organisation_after() -> re.Pattern[str]:
    nouns = "|".join(load_json("toponyms.json")["event_location"]["organisation_nouns"]
                     ["patterns"])
    return re.compile(rf"(?:\s+[A-Z][\w'’-]*){{0,3}}\s+(?:{nouns})\b")


def organisation_named(text: str, end: int) -> bool:
    """Whether a place named at text[..end] begins an organisation's name ("the Wad Madani
    Resistance Committee", "the Jordan Times"): it says nothing of where the text is."""
    return bool(_organisation_after().match(text[end:end + 80]))


def attributive(text: str, end: int, place: Place | None) -> bool:
    """Whether a country named at text[..end] qualifies an actor or a currency ("US
    airstrikes", "Russia's air force", "the US dollar"): it then says where the actor or
    the money is from, as a demonym does, not where the text is."""
    return place is not None and _is_country(place) and bool(_actor_after().match(text, end))


def country_focus(names: Iterable[tuple[str, Place | None, bool, bool]],
                  hints: Iterable[str] = (), sources: Iterable[str] = (), *,
                  settings: GeoparseSettings | None = None) -> CountryFocus:
    """The focus of an article whose place names are `names` (text, resolved place, whether
    it is a demonym, whether every reading of the name is in that place's country), with
    the caller's `hints` and the outlet's countries `sources` (ISO2).

    Each hint, source and distinct name adds its weight (the [geoparse] focus_* settings:
    a hint, the outlet's country, a country named, a demonym, an admin area, a town, each
    name times 1 + ln(times said)) to its country; the country with most of the weight is
    the focus. A country has evidence of its own when hinted, named, its demonym is used,
    one of its admin areas or several of its towns are named by names read nowhere else,
    one of its towns is named again and again, or it is the outlet's country and leads (a
    wrong reading of an ambiguous name is no evidence, nor is an outlet that reports on
    another country)."""
    w = settings or packaged_settings().geoparse
    score: Counter[str] = Counter()
    evidenced: set[str] = set()
    for h in hints:
        if h:
            score[h] += w.focus_hint
            evidenced.add(h)
    for h in sources:
        if h:
            score[h] += w.focus_source
    names = list(names)
    said = Counter(text.lower() for text, _, _, _ in names)
    seen: set[str] = set()
    towns: Counter[str] = Counter()
    for text, p, demonym, sure in names:
        name = text.lower()
        if p is None or not p.country_code or name in seen:
            continue
        seen.add(name)
        cc = p.country_code
        times = 1.0 + math.log(said[name])  # "Indianapolis" three times
        if demonym:
            score[cc] += w.focus_demonym * times
            evidenced.add(cc)
        elif _is_country(p):
            score[cc] += w.focus_named * times
            evidenced.add(cc)
        elif p.feature_class == "A":
            score[cc] += w.focus_admin * times
            if sure and p.feature_code == "ADM1":  # a district shares many a town's name
                evidenced.add(cc)
        else:
            score[cc] += w.focus_place * times
            towns[cc] += sure
            if said[name] >= w.focus_repeat:
                evidenced.add(cc)
    evidenced |= {cc for cc, n in towns.items() if n >= w.focus_town_names}
    if not score:
        return CountryFocus("", frozenset(evidenced))
    (top, best), *rest = score.most_common(2) + [("", 0.0)]
    total = sum(score.values())
    leader = top if best > rest[0][1] and best >= w.focus_min else ""
    if leader:
        evidenced.add(leader)
    if best < w.focus_share * total or not leader:
        return CountryFocus("", frozenset(evidenced), total, leader)
    return CountryFocus(top, frozenset(evidenced), total, leader)


def cohere(toponyms: list[Toponym], places: list[Place | None], focus: CountryFocus, *,
           keep_unmatched: bool = False,
           settings: GeoparseSettings | None = None) -> list[Place | None]:
    """In an article with a leading country (at least [geoparse] focus_min of evidence, more
    than any other), a town or area read in a country the text gives no evidence for is a
    homonym of a place the gazetteer lacks (`Bala` read as Basel in a report on Syria): it
    takes its reading in an evidenced country when it has one, else it is left unresolved
    (kept, with `keep_unmatched`). Countries, continents, capitals, and cities over
    [geoparse] cohere_keep_population named by their own name stand on their own: they give
    way only to a town of that name at home at least [geoparse] cohere_switch_share as big
    ("Tripoli" in a report on Lebanon; not "London" in one on Canada)."""
    w = settings or packaged_settings().geoparse
    out = list(places)
    for i, (t, p) in enumerate(zip(toponyms, places, strict=True)):
        if p is None or t.demonym or _is_country(p) or focus.allows(p.country_code):
            continue
        home = [c for c in t.candidates if c.place.country_code in focus.evidenced
                and not _is_country(c.place)]
        own = next((c.is_primary for c in t.candidates if c.place.geonameid == p.geonameid),
                   False)
        standing = p.feature_code == "PPLC" or (own and p.population
                                                >= w.cohere_keep_population)
        if home:
            best = _preferred(home, focus.country)
            # A capital or big city abroad gives way only to a town of its own name and of
            # some size at home ("Tripoli" in a report on Lebanon), not to a hamlet.
            if not standing or (best.is_primary and best.place.population
                                >= w.cohere_switch_share * p.population):
                out[i] = best.place
        elif not standing and not keep_unmatched:
            out[i] = None
    return out


def one_country(candidates: Iterable[Candidate]) -> bool:
    """Whether every reading of a name is in one country."""
    return len({c.place.country_code for c in candidates}) <= 1


def _preferred(cands: list[Candidate], country: str) -> Candidate:
    """The focus country's reading first, then towns before areas, then the biggest."""
    return max(cands, key=lambda c: (bool(country) and c.place.country_code == country,
                                     c.place.feature_class == "P", c.place.population))
