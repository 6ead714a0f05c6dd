"""The event coder: one article in, its ACLED event Reports out, most salient first.

Each sentence (and the title) is classified; reportable event sentences get their date,
place, fatalities and actors; mentions of one event are merged (`splitmerge`); each event
becomes a Report whose id is a hash of the article id, evidence offsets and type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from . import actors as actor_roles
from . import taxonomy as tx
from .dates import resolve_date
from .factuality import assess
from .fatalities import count_fatalities, split_total
from .geoparse import geoparse, locate_event
from .models import Article, Location, Mention, Report, stable_id
from .notes import write_note
from .resources import Resources
from .sentences import split_sentences
from .splitmerge import Draft, merge

# Only separators between two place names: "Douma, Harasta and Arbin".
_COORDINATED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:the\s+)?$")
# A sentence that refers back to the event just told ("The shells hit ...").
_ANAPHOR = re.compile(
    r"\s*(?:the|this|that|these|those)\s+(?:\w+\s+)?(?:attacks?|strikes?|shells?|shelling|"
    r"blasts?|explosions?|bombs?|bombing|raids?|clash(?:es)?|fighting|assault|airstrikes?|"
    r"protests?|demonstrations?|march|rally|incident|ambush|gunmen|attackers|assailants|"
    r"rockets?|missiles?|mortars?|drones?|jets?|aircraft|planes?|grenades?|shots?)\b",
    re.IGNORECASE,
)
# "... confirmed the abduction": a definite event noun points back to an event told before.
_DEFINITE_EVENT = re.compile(
    r"\bthe (?:attacks?|abduction|kidnapping|strikes?|air ?strikes?|bombing|blast|explosion|"
    r"shelling|raid|ambush|clash(?:es)?|fighting|protest|march|rally|incident|killings?|"
    r"massacre)\b", re.IGNORECASE,
)
# Background: what has been going on "since" some time is not one event (ACLED codes the
# events themselves, when they happen).
_SINCE_PERFECT = re.compile(
    r"\b(?:has|have|had)\b[^.;]*\bsince\b|\bsince\b[^.;]*\b(?:has|have)\b", re.IGNORECASE
)
# A wire dateline ("AMMAN, Feb 21 - "): the filing date, not the event's, which the
# sentence gives after it ("on Tuesday").
_DATELINE = re.compile(
    r"(?<![\w,])\s*[A-Z][A-Z .'-]{2,40}(?:,[^,\n-]{2,40}){0,2},? (?:[A-Z][a-z]{2,8}\.? \d{1,2}|"
    r"\d{1,2} [A-Z][a-z]{2,8})(?:,? \d{4})? ?(?:-|–|—|\(\w+\) -) "
)
_OLD = timedelta(days=180)  # an event this long before publication is background
_NO_DATE = date(1900, 1, 1)  # a publication date no article has: tells "dated by the text"
_GENERIC_TRIGGER = re.compile(
    r"(?:kill|dead|death|wound|injur|casualt|loss|attack|died|bodies|body|slain)", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class CoderOptions:
    """Limits of one article's coding."""

    max_events: int = 25
    max_sentences: int = 400  # beyond this, a "news article" is a book; code its start
    max_unit_chars: int = 300  # longer "sentences" are cut (see `_chunks`)


@dataclass(frozen=True, slots=True)
class _Unit:
    index: int
    start: int
    end: int
    text: str
    is_title: bool


def code(article: Article, *, resources: Resources,
         options: CoderOptions = CoderOptions()) -> list[Report]:
    """The events `article` reports, as Reports ordered most salient first.

    Non-events (no trigger and low model probability; background, future, negated or
    hypothetical sentences) give nothing. Never raises on odd text: empty gives [].
    """
    units = _units(article, options)
    found = []
    for u in units:
        label = resources.classifier.classify(u.text, offset=u.start)
        if label.sub_event_type is None:
            continue
        fact = assess(u.text, label.trigger)
        if not fact.reportable or _SINCE_PERFECT.search(u.text):
            continue
        found.append((u, label, fact))
    if not found:
        return []
    toponyms = geoparse(article, gazetteer=resources.gazetteer)
    has_title_event = any(u.is_title for u, _, _ in found)
    title_places = _title_places(article, units, resources) if has_title_event else None
    lead = units[1].text if len(units) > 1 and units[0].is_title else units[0].text
    lead_date = resolve_date(_without_dateline(lead), published=article.published)
    drafts = [
        d for u, label, fact in found
        for d in _drafts(article, u, label, fact.tags, toponyms, title_places, lead_date,
                         resources)
    ]
    events = merge(drafts)
    events.sort(key=_salience, reverse=True)
    return [_report(article, d) for d in events[: options.max_events]]


def _units(article: Article, options: CoderOptions) -> list[_Unit]:
    units: list[_Unit] = []
    title = (article.title or "").strip()
    if title and not article.text.lstrip().startswith(title[: max(1, len(title) - 5)]):
        units.append(_Unit(0, 0, 0, title, True))
    for start, end in split_sentences(article.text)[: options.max_sentences]:
        for a, b in _chunks(article.text, start, end, options.max_unit_chars):
            units.append(_Unit(len(units), a, b, article.text[a:b], False))
    return units


def _chunks(text: str, start: int, end: int, size: int) -> list[tuple[int, int]]:
    """A run-on "sentence" (scraped text without full stops) cut at spaces into pieces of
    about `size` characters, so that one event's words are not drowned by many others."""
    pieces = []
    while end - start > size * 1.5:
        cut = text.rfind(" ", start + size // 2, start + size)
        if cut <= start:
            break
        pieces.append((start, cut))
        start = cut + 1
    pieces.append((start, end))
    return pieces


def _title_places(article: Article, units: list[_Unit],
                  resources: Resources) -> tuple[Article, list[Mention]] | None:
    if not units or not units[0].is_title:
        return None
    title_article = Article(id=article.id, text=units[0].text, published=article.published)
    return title_article, geoparse(title_article, gazetteer=resources.gazetteer)


def _drafts(article: Article, u: _Unit, label, tags: tuple[str, ...],
            toponyms: list[Mention], title_places: tuple[Article, list[Mention]] | None,
            lead_date: tuple[date | None, int], resources: Resources) -> list[Draft]:
    """The drafts one event sentence gives: one, or one per place of a coordinated list."""
    sub = label.sub_event_type
    if u.is_title and title_places is not None:
        source, places = title_places
        span, offset = (0, len(u.text)), 0
    else:
        source, places, span, offset = article, toponyms, (u.start, u.end), u.start
    locations = [locate_event(source, s, places, gazetteer=resources.gazetteer)
                 for s in _place_spans(source.text, span, places)]
    if len({loc.name if loc else None for loc in locations}) < len(locations):
        locations = locations[:1]
    text = _without_dateline(u.text)
    dated = resolve_date(text, published=_NO_DATE)[0] != _NO_DATE
    if dated:
        event_date, precision = resolve_date(text, published=article.published)
    else:  # the lead's date (or the publication date), as resolve_date's context rule says
        event_date, precision = lead_date
    if event_date and article.published and event_date < article.published - _OLD:
        return []
    anaphoric = bool(_ANAPHOR.match(u.text)) or (
        not dated and bool(_DEFINITE_EVENT.search(u.text)))
    fatalities = count_fatalities(u.text, offset=offset)
    shares = split_total(fatalities.killed, len(locations))
    found_actors = actor_roles.find_actors(u.text, lexicon=resources.actors, offset=offset)
    trigger = label.trigger
    generic = sub in (tx.ATTACK, tx.ARMED_CLASH) and (
        trigger is None or bool(_GENERIC_TRIGGER.search(trigger.text))
    )
    mentions = tuple(found_actors) + tuple(fatalities.mentions) + ((trigger,) if trigger else ())
    drafts = []
    for location, killed in zip(locations, shares, strict=True):
        country = _country_code(location)
        roles = actor_roles.assign_roles(
            u.text, found_actors, trigger, sub_event_type=sub, country_code=country,
            offset=offset, lexicon=resources.actors, event_date=event_date,
        )
        kind = _armed_target_rule(sub, roles)
        if kind != sub:
            roles = actor_roles.assign_roles(
                u.text, found_actors, trigger, sub_event_type=kind, country_code=country,
                offset=offset, lexicon=resources.actors, event_date=event_date,
            )
        drafts.append(Draft(
            sub_event_type=kind, confidence=label.confidence, unit=u.index, start=u.start,
            end=u.end, evidence=u.text, trigger=trigger, event_date=event_date,
            time_precision=precision, location=location, fatalities=killed,
            roles=roles, tags=tags, mentions=mentions, generic=generic, dated=dated,
            anaphoric=anaphoric, headline=u.is_title,
        ))
    return drafts


def _without_dateline(sentence: str) -> str:
    # Extracted pages often glue headline, byline date and dateline into one "sentence".
    m = _DATELINE.search(sentence, 0, 250)
    return sentence[m.end():] if m else sentence


def _armed_target_rule(sub: str, roles: actor_roles.Roles) -> str:
    """ACLED's test between an attack and an armed clash: was the target armed?

    "Attack" is violence against civilians only, so an attack whose target the actor
    lexicon names as an armed organised group (soldiers, police, a militia) is a clash.
    The reverse (a "clash" with civilians) is left to the model: role assignment mistakes
    armed villagers for civilians too often.
    """
    armed = tx.ARMED_INTER_CODES
    if sub == tx.ATTACK and roles.inter1 in armed and roles.inter2 in armed:
        return tx.ARMED_CLASH
    return sub


def _place_spans(text: str, span: tuple[int, int],
                 toponyms: list[Mention]) -> list[tuple[int, int]]:
    """Sub-spans of `span`, one per place when it names a list of places ("shelled Douma,
    Harasta and Arbin"), since ACLED codes one event per location; else [span]."""
    inside = [t for t in toponyms
              if span[0] <= t.start and t.end <= span[1] and t.value is not None]
    best: list[Mention] = []
    run: list[Mention] = []
    for t in inside:
        if run and _COORDINATED.match(text, run[-1].end, t.start) and _same_level(run[-1], t):
            run.append(t)
        else:
            run = [t]
        if len(run) > len(best):
            best = list(run)
    if len(best) < 2:
        return [span]
    starts = [span[0]] + [t.end for t in best[:-1]]
    return [(start, t.end) for start, t in zip(starts, best, strict=True)]


def _same_level(a: Mention, b: Mention) -> bool:
    # "Aleppo, Syria" names one place and its country, not two places.
    pa, pb = a.value, b.value
    if getattr(pa, "geonameid", None) == getattr(pb, "geonameid", None):
        return False
    if getattr(pa, "feature_class", "") == getattr(pb, "feature_class", "") == "P":
        return True
    return getattr(pa, "feature_code", "") == getattr(pb, "feature_code", "")


def _country_code(location: Location | None) -> str | None:
    if location is None:
        return None
    place = location.mention.value if location.mention is not None else None
    return getattr(place, "country_code", None) or None


def _salience(d: Draft) -> float:
    """Title and lead events first; a confident event outranks a shaky earlier one."""
    position = 1.0 if d.unit == 0 else 1.0 / (1 + d.unit)
    return position + d.confidence + (0.3 if d.last_unit > d.unit else 0.0)


def _report(article: Article, d: Draft) -> Report:
    sub = d.sub_event_type
    roles = d.roles
    report = Report(
        report_id=stable_id(article.id, d.start, d.end, sub,
                            d.location.name if d.location else ""),
        article_id=article.id,
        event_date=d.event_date,
        time_precision=d.time_precision,
        disorder_type=tx.disorder_type(sub),
        event_type=tx.event_type(sub),
        sub_event_type=sub,
        actor1=roles.actor1 if roles else "",
        assoc_actor_1=roles.assoc_actor_1 if roles else "",
        inter1=roles.inter1 if roles else None,
        actor2=roles.actor2 if roles else "",
        assoc_actor_2=roles.assoc_actor_2 if roles else "",
        inter2=roles.inter2 if roles else None,
        interaction=roles.interaction if roles else None,
        civilian_targeting=roles.civilian_targeting if roles else "",
        location=d.location,
        fatalities=d.fatalities,
        tags="; ".join(d.tags),
        source=article.source or "",
        source_url=article.url or "",
        published=article.published,
        evidence=d.evidence,
        evidence_start=d.start,
        evidence_end=d.end,
        confidence=d.confidence,
        mentions=d.mentions,
    )
    return replace(report, notes=write_note(report))
