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
from .areas import BEARINGS, border_point, part_point, population_centre
from .focus import CountryFocus, attributive, country_focus, one_country, organisation_named
from .gazetteer import Gazetteer
from .names import country_name, location_names
from .spatial_expressions import Spot, locate_near

# How specific a feature is: the event goes to the most specific place of its sentence.
_SPECIFIC = {"P": 3, "S": 3, "T": 2, "H": 2, "L": 1}
_ADMIN_RANK = {"ADM2": 2, "ADM3": 2, "ADM1": 1}
# Text windows the cue patterns read, in characters: the words before a name ("in the
# outskirts of"), and after it ("'s interior ministry said"). Part of the patterns'
# grammar, not tuned weights, so they stay here beside them.
_CUE_BEFORE = 60
_SPEECH_AFTER = 40
# A country's biggest towns its population centre is computed from: enough to weigh its
# regions, few enough for the pairwise distances.
_CENTRE_TOWNS = 300


@dataclass(frozen=True, slots=True)
class _Patterns:
    """The context patterns, built from the word lists in data/toponyms.json."""

    locative: re.Pattern[str]
    origin: re.Pattern[str]
    speech_after: re.Pattern[str]
    demonym_place_noun: re.Pattern[str]
    in_country: re.Pattern[str]
    actor_after: re.Pattern[str]
    currency_after: re.Pattern[str]
    route_between: re.Pattern[str]
    route_after: re.Pattern[str]
    border_after: re.Pattern[str]
    border_before: re.Pattern[str]
    border_pair: re.Pattern[str]
    part_before: re.Pattern[str]
    area_after: re.Pattern[str]
    part_after: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    lists = load_json("toponyms.json")["event_location"]

    def words(name: str) -> str:
        return "|".join(lists[name]["patterns"])

    # The origin and speech words shared with the coder's clause splitter, then our own.
    origin = f"{alternation('event_words.json', 'origin.shared')}|{words('origin_extras')}"
    speech = (f"{alternation('event_words.json', 'reporting_verbs.shared')}"
              f"|{words('speech_extras')}")
    compass = r"(north|south|east|west)(?:[\s-]?(east|west))?"
    # Patterns used with .match(text, pos) have no "^": it would not match at pos.
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
        # "Tripoli-based", "US-backed": an actor's home or sponsor.
        actor_after=re.compile(rf"\s?[-–]\s?(?:{words('actor_suffixes')})\b", re.IGNORECASE),
        # "the US dollar exchange rate": a currency.
        currency_after=re.compile(rf"\s+(?:{words('currency_words')})\b", re.IGNORECASE),
        # "the Damascus-Aleppo highway", "the Kabul to Kandahar road": the ends of a road.
        route_between=re.compile(r"^\s*(?:[-–—/]|to)\s*$", re.IGNORECASE),
        route_after=re.compile(rf"^\s+(?:{words('route_nouns')})\b", re.IGNORECASE),
        # "the Syria border", "Turkey's border", "the Syrian-Turkish border".
        border_after=re.compile(rf"(?:['’]s)?\s+(?:{words('border_nouns')})\b",
                                re.IGNORECASE),
        # "the border with Turkey", "the border between Iraq and", "Turkey's border with".
        border_before=re.compile(rf"\b(?:{words('border_nouns')})\s+(?:with|between|of)\s+"
                                 r"(?:the\s+)?$", re.IGNORECASE),
        # What joins the two countries of one border: "Iraq-Turkey", "Iraq and Syria".
        border_pair=re.compile(r"^\s*(?:[-–—/]|and)\s*(?:the\s+)?$", re.IGNORECASE),
        # "northern Iraq", "the far north-east of Syria", "central Mali".
        part_before=re.compile(
            rf"(?:\b(?:far\s+)?{compass}ern\s+(?:parts?\s+of\s+)?(?:the\s+)?"
            rf"|\bthe\s+(?:far\s+)?{compass}\s+of\s+(?:the\s+)?"
            rf"|\b(?:{words('part_words')})\s+(?:parts?\s+of\s+)?(?:the\s+)?)$",
            re.IGNORECASE),
        # "Hit district", "Idlib province": the area named after the town (its group 1 a
        # province's word, which makes it geo_precision 3).
        area_after=re.compile(r"\s+(?:(province|governorate|region|state|oblast)|district|"
                              r"sub-?district|county|municipality|raion|rayon)\b",
                              re.IGNORECASE),
        # "Iraq's north", "Syria's far north-west".
        part_after=re.compile(rf"['’]s\s+(?:far\s+)?{compass}(?:ern)?\b(?!\s+of\b)",
                              re.IGNORECASE),
    )


# The same at a line start inside the text: "BANGKOK, April 25 -", "MOSUL, Iraq (Reuters) -".
_DATELINE_AT = re.compile(r"[A-Z][A-Z .'-]+(?:,[^\n—–-]{0,40})?\s*(?:\([^)]*\))?\s*[-—–:]")
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]+(?:,\s*[A-Za-z .]+)?\s*(?:\([^)]*\))?\s*[-—–:]")


def _specificity(p: Place) -> int:
    if p.feature_class == "A":
        return _ADMIN_RANK.get(p.feature_code, 0)
    return _SPECIFIC.get(p.feature_class, 1)


def _is_country(p: Place) -> bool:
    return p.feature_code.startswith("PCL") or p.feature_code == "CONT"


def _is_demonym(m: Mention, gazetteer: Gazetteer) -> bool:
    p = m.value
    return (isinstance(p, Place) and _is_country(p)
            and gazetteer.demonym(m.text) is not None)


def _location(place: Place, spot: Spot, gazetteer: Gazetteer, mention: Mention | None,
              precision: int | None = None, name: str = "") -> Location:
    names = location_names(place, gazetteer)
    return Location(
        name=name or names.location, latitude=spot.latitude, longitude=spot.longitude,
        geo_precision=precision or spot.geo_precision,
        country=names.country, iso=names.iso, admin1=names.admin1, admin2=names.admin2,
        region=names.region, geonameid=place.geonameid, mention=mention)


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
           gazetteer: Gazetteer, hint_countries: tuple[str, ...] = (),
           source_countries: tuple[str, ...] = (),
           settings: GeoparseSettings | None = None) -> Location | None:
    """The event's Location (see `conflictwire.geo.geoparse.locate_event`)."""
    w = settings or packaged_settings().geoparse
    text = article.text
    places = [m for m in toponyms if isinstance(m.value, Place)]
    demonym = {id(m): _is_demonym(m, gazetteer) for m in places}
    real = [m for m in places if not demonym[id(m)]]
    start, end = span
    evidence = mentions_focus(text, places, gazetteer, hint_countries, source_countries,
                              settings=w)
    # The country the article is about, for telling an actor abroad from a place at home:
    # the clear focus of the evidence, else the country most of its places are in; for
    # falling back on when nothing is named, the country with most of the evidence.
    focus = evidence.country or _focus(real)
    home = evidence.country or evidence.leader
    named_for = {id(m) for m in real if _named_for(text, m)}
    ends = _route_ends(text, [m for m in real if start <= m.start and m.end <= end])
    inside = [m for m in real if start <= m.start and m.end <= end
              and id(m) not in named_for and id(m) not in ends
              and not _foreign_actor(text, m, focus)]
    m = _pick(article, inside, gazetteer, focus, w) if inside else None
    if m is not None and _specificity(m.value) >= 2:
        return _location(m.value, _spot(text, m, gazetteer), gazetteer, m)
    # A border, the ends of a road, a country or province: coarser, in that order.
    border = _border(text, span, places, home or focus, gazetteer)
    if border is not None:
        return border
    if m is not None:
        return _location(m.value, _spot(text, m, gazetteer), gazetteer, m)
    if len(ends) == 2:
        return _between(*sorted((e for e in real if id(e) in ends), key=lambda e: e.start),
                        gazetteer)
    # Nothing named in the sentence: the article's context, with a coarser precision.
    context = [e for e in real if id(e) not in named_for]
    m = _context_place(article, context, span, w.event_context_chars, home)
    if m is not None:
        spot = _spot(text, m, gazetteer)
        return _location(m.value, spot, gazetteer, m, max(2, spot.geo_precision))
    demonyms = [m for m in places if start <= m.start and m.end <= end
                and _patterns().demonym_place_noun.match(text, m.end)]
    if demonyms:
        m = demonyms[0]
        spot = Spot(m.value.latitude, m.value.longitude, 3)
        return _location(m.value, spot, gazetteer, m, 3)
    return _country_point(home, gazetteer)


def mentions_focus(text: str, mentions: list[Mention], gazetteer: Gazetteer,
                   hint_countries: tuple[str, ...] = (), source_countries: tuple[str, ...] = (),
                   *, settings: GeoparseSettings | None = None) -> CountryFocus:
    """`focus.country_focus` of the place mentions `geoparse` returned for `text`, with the
    caller's and the outlet's countries."""
    places = [m for m in mentions if isinstance(m.value, Place)
              and not organisation_named(text, m.end)]
    return country_focus([(m.text, m.value, _is_demonym(m, gazetteer)
                           or attributive(text, m.end, m.value),
                           one_country(gazetteer.lookup(m.text))) for m in places],
                         hint_countries, source_countries, settings=settings)


def _foreign_actor(text: str, m: Mention, focus: str | None) -> bool:
    """Another country, or its capital, named in a report about one country is an actor
    ("the United States said", "Russia's air force", "Moscow denied") unless the text puts
    the event there ("in Turkey", "near Beirut")."""
    p = m.value
    return (focus is not None and (_is_country(p) or p.feature_code == "PPLC")
            and p.country_code != focus
            and not _patterns().in_country.search(text, max(0, m.start - 20), m.start))


def _named_for(text: str, m: Mention) -> bool:
    """A place that names an actor or a thing rather than where something happened: an
    organisation named after it ("the Wad Madani Resistance Committee"), an actor's home or
    sponsor ("Tripoli-based", "US-backed", "US airstrikes"), a currency ("the US dollar")."""
    rx = _patterns()
    return bool(rx.actor_after.match(text, m.end) or rx.currency_after.match(text, m.end)
                or attributive(text, m.end, m.value) or organisation_named(text, m.end))


def _route_ends(text: str, ms: list[Mention]) -> set[int]:
    """The ids of two places that are the ends of a road ("the Damascus-Aleppo highway",
    "the Kabul to Kandahar road"): an event on it is at neither."""
    rx = _patterns()
    out: set[int] = set()
    for a, b in zip(ms, ms[1:], strict=False):
        if rx.route_between.match(text[a.end:b.start]) and rx.route_after.match(
                text[b.end:b.end + 30]):
            out |= {id(a), id(b)}
    return out


def _between(a: Mention, b: Mention, gazetteer: Gazetteer) -> Location:
    """The middle of the road between two places, at geo_precision 3, in the first's area."""
    pa, pb = a.value, b.value
    spot = Spot(round((pa.latitude + pb.latitude) / 2, 5),
                round((pa.longitude + pb.longitude) / 2, 5), 3)
    return _location(pa, spot, gazetteer, a, 3, name=f"{a.text}-{b.text} road")


def _spot(text: str, m: Mention, gazetteer: Gazetteer) -> Spot:
    """`locate_near`'s point, or for a country or province named with a compass word
    ("northern Iraq", "Syria's north-west", "central Mali") the middle of that part of it,
    at geo_precision 3 (2 for a district); a town that names a district or province ("Hit
    district") is that area, at geo_precision 2 or 3."""
    p = m.value
    spot = locate_near(text, m.start, m.end, p)
    rx = _patterns()
    if p.feature_class == "P":
        area = rx.area_after.match(text, m.end)
        if area is not None:  # "Hit district" read as the town: the area around it
            return Spot(spot.latitude, spot.longitude,
                        max(spot.geo_precision, 3 if area.group(1) else 2), area.group(0))
        return spot
    if not (_is_country(p) or p.feature_code in ("ADM1", "ADM2")) or not p.country_code:
        return spot
    part = rx.part_before.search(text, max(0, m.start - 40), m.start)
    after = rx.part_after.match(text, m.end) if part is None else None
    hit = part or after
    if hit is None:
        return spot
    groups = [g for g in hit.groups() if g]
    bearing = BEARINGS.get("".join(g.lower() for g in groups[:2])) if groups else None
    admin1 = p.admin1_code if p.feature_code in ("ADM1", "ADM2") else ""
    towns = gazetteer.towns(p.country_code, admin1)
    if len(towns) < 3:
        return spot
    lat, lon = part_point(towns, bearing)
    return Spot(round(lat, 5), round(lon, 5), 2 if p.feature_code == "ADM2" else 3,
                hit.group(0).strip())


def _border(text: str, span: tuple[int, int], places: list[Mention], home: str | None,
            gazetteer: Gazetteer) -> Location | None:
    """A point on the border a sentence names ("the Iraq-Turkey border", "Turkey's border
    with Syria", "near the Syria border" or "the border with Turkey" in a report on
    another country), on the side of the article's country (`home`) when it is one of
    the two, at geo_precision 3; None if it names no border between two known countries."""
    rx = _patterns()
    named = [m for m in places if span[0] <= m.start and m.end <= span[1]
             and m.value.country_code and (_is_country(m.value)
                                           or m.value.feature_code == "ADM1")]
    for k, m in enumerate(named):
        after = rx.border_after.match(text, m.end)
        before = rx.border_before.search(text, max(0, m.start - 30), m.start)
        if not (after or before):
            continue
        sides = [m]
        if before:  # "the border between Iraq and Syria", "Turkey's border with Syria"
            nxt = named[k + 1] if k + 1 < len(named) else None
            prev = named[k - 1] if k else None
            if nxt is not None and rx.border_pair.match(text[m.end:nxt.start]):
                sides.append(nxt)
            elif prev is not None and rx.border_after.match(text, prev.end):
                sides.insert(0, prev)
        elif k and rx.border_pair.match(text[named[k - 1].end:m.start]):
            sides.insert(0, named[k - 1])  # "the Syrian-Turkish border"
        codes = list(dict.fromkeys(s.value.country_code for s in sides))
        if len(codes) == 1 and home and home != codes[0]:
            codes.insert(0, home)
        if len(codes) < 2:
            continue
        a = home if home in codes else codes[0]
        other = next(c for c in codes if c != a)
        side = next((s.value for s in sides if s.value.country_code == a
                     and s.value.feature_code == "ADM1"), None)
        point = border_point(gazetteer.towns(a, side.admin1_code if side else ""),
                             gazetteer.towns(other))
        info_a, info_b = gazetteer.country(a), gazetteer.country(other)
        if point is None or info_a is None or info_b is None:
            continue
        anchor = side or _nearest_admin1(a, point, gazetteer)
        if anchor is None:
            continue
        spot = Spot(point[0], point[1], 3, "border")
        mention = next((s for s in sides if s.value.country_code == a), m)
        return _location(anchor, spot, gazetteer, mention, 3,
                         name=f"{country_name(info_a)}-{country_name(info_b)} border")
    return None


def _nearest_admin1(country: str, point: tuple[float, float],
                    gazetteer: Gazetteer) -> Place | None:
    """The admin1 area of the country's town nearest to `point` (or the country itself),
    so that a border point carries the province it is in."""
    cands = gazetteer.nearest_town(country, point)
    if cands is not None:
        area = gazetteer.admin_place(country, cands.admin1_code) if cands.admin1_code else None
        return area or cands
    info = gazetteer.country(country)
    return gazetteer.place(info.geonameid) if info else None


def _country_point(home: str, gazetteer: Gazetteer) -> Location | None:
    """The article's country at geo_precision 3, when the sentence and the article name no
    place in it but the evidence (the caller's, the outlet's or the actors' country, the
    country named) says where it is."""
    if not home:
        return None
    info = gazetteer.country(home)
    place = gazetteer.place(info.geonameid) if info else None
    if place is None:
        return None
    return _location(place, _country_spot(place, gazetteer), gazetteer, None, 3)


def _country_spot(place: Place, gazetteer: Gazetteer) -> Spot:
    """Where an event is put that is only known to be in a country the text does not even
    name, at geo_precision 3: the country's population centre (`areas.population_centre` of
    its biggest towns), not its middle (Syria's is desert, its events are in its western
    cities). A country the text names is at its own point, as event datasets code events
    known only to the country."""
    k = (str(gazetteer.path), place.country_code)
    if k not in _CENTRES:
        _CENTRES[k] = population_centre(gazetteer.biggest_towns(place.country_code,
                                                                _CENTRE_TOWNS))
    centre = _CENTRES[k]
    lat, lon = centre if centre else (place.latitude, place.longitude)
    return Spot(round(lat, 5), round(lon, 5), 3)


_CENTRES: dict[tuple[str, str], tuple[float, float] | None] = {}


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
                   reach: int, home: str) -> Mention | None:
    """The place of a sentence that names none: the dateline's, else the most specific named
    at most `reach` characters before it, else the article's dominant one."""
    if not real:
        return None
    # Never fall back to a place abroad: keep the article's focus country's places.
    focus = home or Counter(m.value.country_code for m in real).most_common(1)[0][0]
    real = [m for m in real if m.value.country_code == focus]
    if not real:
        return None
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
