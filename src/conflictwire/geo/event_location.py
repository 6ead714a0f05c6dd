"""Event location: the place where one event happened, from the toponyms of its sentence
first and the article's context after, with ACLED's geo_precision and admin names."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from ..data import alternation, load_json
from ..models import Article, Location, Mention, Place
from ..settings import GeoparseSettings, packaged_settings
from .acled_countries import lookup
from .gazetteer import Gazetteer
from .spatial_expressions import Spot, locate_near

# How specific a feature is: the event goes to the most specific place of its sentence.
_SPECIFIC = {"P": 3, "S": 3, "T": 2, "H": 2, "L": 1}
_ADMIN_RANK = {"ADM2": 2, "ADM3": 2, "ADM1": 1}
# Text windows the cue patterns read, in characters: the words before a name ("in the
# outskirts of"), and after it ("'s interior ministry said"). Part of the patterns' grammar,
# not tuned weights, so they stay here beside them.
_CUE_BEFORE = 60
_SPEECH_AFTER = 40


@dataclass(frozen=True, slots=True)
class _Patterns:
    """The context patterns, built from the word lists in data/toponyms.json."""

    locative: re.Pattern[str]
    origin: re.Pattern[str]
    speech_after: re.Pattern[str]
    demonym_place_noun: re.Pattern[str]
    in_country: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    lists = load_json("toponyms.json")["event_location"]

    def words(name: str) -> str:
        return "|".join(lists[name]["patterns"])

    # The origin and speech words shared with the coder's clause splitter, then our own.
    origin = f"{alternation('event_words.json', 'origin.shared')}|{words('origin_extras')}"
    speech = (f"{alternation('event_words.json', 'reporting_verbs.shared')}"
              f"|{words('speech_extras')}")

    return _Patterns(
        locative=re.compile(
            rf"\b(?:{words('locative')})\s+(?:the\s+)?(?:(?:{words('area_of')})\s+of\s+)?$",
            re.IGNORECASE),
        # "a man from Mosul", "Mosul-born", "officials in Baghdad said": places that are not
        # where the event happened.
        origin=re.compile(rf"\b(?:{origin})\s+(?:the\s+)?$", re.IGNORECASE),
        speech_after=re.compile(rf"^\W{{0,3}}(?:\s*(?:{words('speakers')})\b)?\s*"
                                rf"(?:{speech})\b", re.IGNORECASE),
        # A demonym names a place only when it qualifies a place noun ("on Syrian soil");
        # before anything else ("Russian airstrikes", "Syrian troops") it is an actor's origin.
        demonym_place_noun=re.compile(
            rf"(?:[-–/]\w+)?\s+(?:{words('demonym_place_nouns')})\b", re.IGNORECASE),
        in_country=re.compile(rf"\b(?:{words('in_country')})\s+(?:the\s+)?$", re.IGNORECASE),
    )


# The same at a line start inside the text: "BANGKOK, April 25 -", "MOSUL, Iraq (Reuters) -".
_DATELINE_AT = re.compile(r"[A-Z][A-Z .'-]+(?:,[^\n—–-]{0,40})?\s*(?:\([^)]*\))?\s*[-—–:]")
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]+(?:,\s*[A-Za-z .]+)?\s*(?:\([^)]*\))?\s*[-—–:]")


def _specificity(p: Place) -> int:
    if p.feature_class == "A":
        return _ADMIN_RANK.get(p.feature_code, 0)
    return _SPECIFIC.get(p.feature_class, 1)


def _is_demonym(m: Mention, gazetteer: Gazetteer) -> bool:
    p = m.value
    return (isinstance(p, Place) and (p.feature_code.startswith("PCL") or p.feature_code == "CONT")
            and gazetteer.demonym(m.text) is not None)


def _location(place: Place, spot: Spot, gazetteer: Gazetteer, mention: Mention | None,
              precision: int | None = None) -> Location:
    info = gazetteer.country(place.country_code) if place.country_code else None
    acled = lookup(place.country_code) if place.country_code else None
    admin1, admin2 = place.admin1, place.admin2
    if place.feature_code == "ADM1":
        admin1, admin2 = place.name, ""
    elif place.feature_code == "ADM2":
        admin2 = place.name
    elif place.feature_code.startswith("PCL"):
        admin1 = admin2 = ""
    return Location(
        name=place.name, latitude=spot.latitude, longitude=spot.longitude,
        geo_precision=precision or spot.geo_precision,
        # ACLED's country names, numeric codes and regions, whatever the gazetteer spells.
        country=acled.name if acled else (info.name if info else place.country),
        iso=str(acled.numeric) if acled else (info.isonumeric if info else ""),
        admin1=admin1, admin2=admin2, region=acled.region if acled else (
            info.region if info else ""),
        geonameid=place.geonameid, mention=mention)


def _pick(article: Article, ms: list[Mention], gazetteer: Gazetteer, focus: str | None,
          w: GeoparseSettings) -> Mention | None:
    """The mention the event happened at: the highest score of the [geoparse] event_*
    weights (see data/settings.toml for each)."""
    text = article.text
    rx = _patterns()
    best, best_s = None, -1e9
    for m in ms:
        p = m.value
        before = text[max(0, m.start - _CUE_BEFORE):m.start]
        s = _specificity(p) * w.event_specificity
        if len(ms) > 1 and _is_dateline(text, m):
            s -= w.event_dateline
        if focus and p.country_code == focus:
            s += w.event_focus
        if rx.locative.search(before):
            s += w.event_locative
        if rx.origin.search(before):
            s -= w.event_origin
        if rx.speech_after.match(text[m.end:m.end + _SPEECH_AFTER]):
            s -= w.event_speech
        s -= m.start / w.event_position_chars
        if s > best_s:
            best, best_s = m, s
    return best


def locate(article: Article, span: tuple[int, int], toponyms: list[Mention], *,
           gazetteer: Gazetteer, settings: GeoparseSettings | None = None) -> Location | None:
    """The event's Location (see `conflictwire.geo.geoparse.locate_event`)."""
    places = [m for m in toponyms if isinstance(m.value, Place)]
    real = [m for m in places if not _is_demonym(m, gazetteer)]
    start, end = span
    focus = _focus(real)
    w = settings or packaged_settings().geoparse
    inside = [m for m in real if start <= m.start and m.end <= end
              and not _foreign_actor(article.text, m, focus)]
    if inside:
        m = _pick(article, inside, gazetteer, focus, w)
        if m is not None:
            return _location(m.value, locate_near(article.text, m.start, m.end, m.value),
                             gazetteer, m)
    # Nothing named in the sentence: the article's context, with a coarser precision.
    m = _context_place(article, real, span, w.event_context_chars)
    if m is not None:
        spot = locate_near(article.text, m.start, m.end, m.value)
        return _location(m.value, spot, gazetteer, m, max(2, spot.geo_precision))
    demonyms = [m for m in places if start <= m.start and m.end <= end
                and _patterns().demonym_place_noun.match(article.text, m.end)]
    if demonyms:
        m = demonyms[0]
        spot = Spot(m.value.latitude, m.value.longitude, 3)
        return _location(m.value, spot, gazetteer, m, 3)
    return None


def _foreign_actor(text: str, m: Mention, focus: str | None) -> bool:
    """Another country, or its capital, named in a report about one country is an actor
    ("the United States said", "Russia's air force", "Moscow denied") unless the text puts
    the event there ("in Turkey", "near Beirut")."""
    p = m.value
    return (focus is not None and (p.feature_code.startswith("PCL") or p.feature_code == "PPLC")
            and p.country_code != focus
            and not _patterns().in_country.search(text, max(0, m.start - 20), m.start))


def _focus(real: list[Mention]) -> str | None:
    """The country most of the article's distinct place names are in."""
    names = {m.text.lower(): m.value.country_code for m in real}
    counts = Counter(names.values()).most_common(2)
    if not counts or (len(counts) > 1 and counts[1][1] == counts[0][1]):
        return None
    return counts[0][0]


def _is_dateline(text: str, m: Mention) -> bool:
    line_start = m.start == 0 or text[m.start - 1] == "\n"
    return line_start and m.text.isupper() and bool(_DATELINE_AT.match(text, m.start))


def _context_place(article: Article, real: list[Mention], span: tuple[int, int],
                   reach: int) -> Mention | None:
    """The place of a sentence that names none: the dateline's, else the most specific named
    at most `reach` characters before it, else the article's dominant one."""
    if not real:
        return None
    # Never fall back to a place abroad: keep the article's focus country's places.
    focus = Counter(m.value.country_code for m in real).most_common(1)[0][0]
    real = [m for m in real if m.value.country_code == focus]
    text = article.text
    # A dateline ("MOSUL, Iraq (Reuters) -") names where the reporting, and usually the
    # event, is; then the nearest place named before the sentence; then the dominant place.
    first = real[0]
    if first.start < 40 and _DATELINE.match(text[: first.start + 60]) and _specificity(
            first.value) >= 2:
        return first
    before = [m for m in real if m.end <= span[0] and span[0] - m.end < reach]
    if before:
        return max(before, key=lambda m: (_specificity(m.value), m.start))
    counts = Counter(m.value.geonameid for m in real)
    return max(real, key=lambda m: (counts[m.value.geonameid], _specificity(m.value), -m.start))
