"""The geoparser's public entry points: find and resolve every place in an article
(`geoparse`) and place one event described in it (`locate_event`)."""

from __future__ import annotations

from collections.abc import Callable

from ..models import Article, Location, Mention
from ..settings import GeoparseSettings, packaged_settings
from .event_location import locate, mentions_focus
from .focus import (
    CountryFocus,
    attributive,
    cohere,
    country_focus,
    one_country,
    organisation_named,
)
from .gazetteer import Gazetteer
from .outlets import OutletLexicon, tld_country, url_host
from .resolve import drop_alternates, drop_stray, localise, resolve
from .spellings import respelled
from .toponyms import recognise


def geoparse(article: Article, *, gazetteer: Gazetteer, hint_countries: tuple[str, ...] = (),
             leanings: tuple[str, ...] = (), outlets: OutletLexicon | None = None,
             abstain: bool = False, settings: GeoparseSettings | None = None) -> list[Mention]:
    """Place mentions in `article.text`, left to right, each with its resolved Place.

    Mention.value is None when no gazetteer entry could be chosen; Mention.score is the
    recognition evidence. Demonyms ("Iraqi") are returned too, resolved to their country.
    `hint_countries` (ISO2 codes the caller knows the article is about), `leanings` (ones
    it may be about, e.g. the home country of an armed group it names) and the countries
    the source covers (`source_countries`) are resolution hints: each tips a close choice
    between namesakes, none outweighs a country or admin area the text names. They are
    evidence of the article's country too (`focus.country_focus`): the caller's for sure,
    the source's as a leaning the text can outweigh; a reading in a country with no
    evidence of its own is left unresolved (`focus.cohere`). With `abstain`, a small town
    read with little margin over a far-away homonym is left unresolved rather than guessed.
    `settings` (weights and thresholds) default to the packaged [geoparse] settings.
    """
    settings = settings or packaged_settings().geoparse
    text = article.text
    # The source is joined to, not replaced by, the caller's hints: an actor's home country
    # is often not where the event was ("Turkish forces" in Syria, "Hezbollah" in Madaya).
    sources = source_countries(article, gazetteer, outlets)
    hints = tuple(dict.fromkeys((*hint_countries, *leanings, *sources)))
    toponyms = recognise(text, gazetteer, hint_countries=hints, settings=settings.recognise)
    neighbours_of = _neighbours(gazetteer)
    places = resolve(toponyms, text, hint_countries=hints, neighbours_of=neighbours_of,
                     abstain=abstain, settings=settings)
    places = localise(toponyms, places, text, settings=settings)
    places = drop_stray(toponyms, places, neighbours_of=neighbours_of, settings=settings)
    places = drop_alternates(toponyms, places, settings=settings)
    focus = country_focus([(t.text, p, t.demonym or attributive(text, t.end, p),
                            one_country(t.candidates))
                           for t, p in zip(toponyms, places, strict=True)
                           if not organisation_named(text, t.end)],
                          hint_countries, sources, settings=settings)
    # A list of places keeps a reading abroad that has no other (it is still a place named)
    # unless the caller or the outlet says which country the article is about.
    places = cohere(toponyms, places, focus, keep_unmatched=abstain and not hints,
                    settings=settings)
    found = list(zip(toponyms, places, strict=True))
    if focus.leader:  # "in Khan Shekhon": a reporter's spelling of a place of the country
        found += respelled(text, toponyms, gazetteer, focus.leader, settings=settings)
        found.sort(key=lambda f: f[0].start)
    return [Mention(t.start, t.end, t.text, "place", p, round(t.evidence, 3)) for t, p in found]


def article_focus(article: Article, mentions: list[Mention], *, gazetteer: Gazetteer,
                  hint_countries: tuple[str, ...] = (), source_countries: tuple[str, ...] = (),
                  settings: GeoparseSettings | None = None) -> CountryFocus:
    """The country `article` is about, judged from the place mentions `geoparse` gave for it
    with the caller's and the outlet's countries (`focus.country_focus`)."""
    return mentions_focus(article.text, mentions, gazetteer, hint_countries, source_countries,
                          settings=settings)


def source_countries(article: Article, gazetteer: Gazetteer,
                     outlets: OutletLexicon | None = None) -> tuple[str, ...]:
    """The countries the article's source covers: from `outlets` (its name or domain:
    "SOHR" -> SY, "Reuters" -> none; an unknown name holding a country's name or demonym:
    "Sudan Tribune" -> SD) when given, else from a country-code domain in its url
    (example.co.uk -> GB). Codes the gazetteer does not know are left out."""
    if outlets is not None:
        found = outlets.countries(article.source, article.url,
                                  country_named=_country_named(gazetteer))
    else:
        found = (tld_country(url_host(article.url)),)
    return tuple(c for c in found if c and gazetteer.country(c))


def _country_named(gazetteer: Gazetteer) -> Callable[[str], str]:
    def country_named(name: str) -> str:
        info = gazetteer.country(name)
        return info.iso2 if info else gazetteer.demonym(name) or ""
    return country_named


def _neighbours(gazetteer: Gazetteer) -> Callable[[str], tuple[str, ...]]:
    def neighbours_of(iso2: str) -> tuple[str, ...]:
        info = gazetteer.country(iso2)
        return info.neighbours if info else ()
    return neighbours_of


def locate_event(article: Article, span: tuple[int, int], toponyms: list[Mention], *,
                 gazetteer: Gazetteer, hint_countries: tuple[str, ...] = (),
                 source_countries: tuple[str, ...] = (),
                 settings: GeoparseSettings | None = None) -> Location | None:
    """Where the event told in `article.text[span[0]:span[1]]` happened (None if unknown).

    Uses the places named in or near the sentence first (with spatial expressions: "near X"
    is X at geo_precision 2, "30 km west of X" an offset point, "northern Iraq" the middle
    of that part of the country), then a border it names ("the Iraq-Turkey border"), then
    the article's dateline and dominant place at a coarser precision (3 for a country or
    region), and last the country the article is about, at geo_precision 3: the one most
    of the evidence is for (`hint_countries`, ISO2, the caller's; the weaker
    `source_countries`, the outlet's; the countries, admin areas and towns the text names).
    Among several places in the sentence, the [geoparse] event_* weights of `settings`
    (default: the packaged ones) choose. Names are ACLED's (`conflictwire.geo.names`).
    """
    return locate(article, span, toponyms, gazetteer=gazetteer, hint_countries=hint_countries,
                  source_countries=source_countries, settings=settings)
