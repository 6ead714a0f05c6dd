"""The event coder: one article in, its ACLED event Reports out, most salient first.

Each sentence (and the title) is classified; reportable event sentences get their date,
place, fatalities and actors; mentions of one event are merged (`splitmerge`); each event
becomes a Report whose id is a hash of the article id, evidence offsets and type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import actors as actor_roles
from . import taxonomy as tx
from .dates import resolve_date
from .factuality import assess
from .fatalities import count_fatalities
from .geoparse import geoparse, locate_event
from .models import Article, Location, Mention, Report, stable_id
from .notes import write_note
from .resources import Resources
from .sentences import split_sentences
from .splitmerge import Draft, merge

_GENERIC_TRIGGER = re.compile(
    r"(?:kill|dead|death|wound|injur|casualt|loss|attack|died|bodies|body|slain)", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class CoderOptions:
    """Limits of one article's coding."""

    max_events: int = 25
    max_sentences: int = 400  # beyond this, a "news article" is a book; code its start


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
        if not fact.reportable:
            continue
        found.append((u, label, fact))
    if not found:
        return []
    toponyms = geoparse(article, gazetteer=resources.gazetteer)
    has_title_event = any(u.is_title for u, _, _ in found)
    title_places = _title_places(article, units, resources) if has_title_event else None
    lead = units[1].text if len(units) > 1 and units[0].is_title else units[0].text
    drafts = [
        _draft(article, u, label, fact.tags, toponyms, title_places, lead, resources)
        for u, label, fact in found
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
        units.append(_Unit(len(units), start, end, article.text[start:end], False))
    return units


def _title_places(article: Article, units: list[_Unit],
                  resources: Resources) -> tuple[Article, list[Mention]] | None:
    if not units or not units[0].is_title:
        return None
    title_article = Article(id=article.id, text=units[0].text, published=article.published)
    return title_article, geoparse(title_article, gazetteer=resources.gazetteer)


def _draft(article: Article, u: _Unit, label, tags: tuple[str, ...],
           toponyms: list[Mention], title_places: tuple[Article, list[Mention]] | None,
           lead: str, resources: Resources) -> Draft:
    sub = label.sub_event_type
    if u.is_title and title_places is not None:
        title_article, title_toponyms = title_places
        location = locate_event(title_article, (0, len(u.text)), title_toponyms,
                                gazetteer=resources.gazetteer)
        offset = 0
    else:
        location = locate_event(article, (u.start, u.end), toponyms,
                                gazetteer=resources.gazetteer)
        offset = u.start
    event_date, precision = resolve_date(u.text, published=article.published,
                                         context="" if u.text == lead else lead)
    fatalities = count_fatalities(u.text, offset=offset)
    found_actors = actor_roles.find_actors(u.text, lexicon=resources.actors, offset=offset)
    roles = actor_roles.assign_roles(
        u.text, found_actors, label.trigger, sub_event_type=sub,
        country_code=_country_code(location), offset=offset, lexicon=resources.actors,
        event_date=event_date,
    )
    trigger = label.trigger
    generic = sub in (tx.ATTACK, tx.ARMED_CLASH) and (
        trigger is None or bool(_GENERIC_TRIGGER.search(trigger.text))
    )
    mentions = tuple(found_actors) + tuple(fatalities.mentions) + ((trigger,) if trigger else ())
    return Draft(
        sub_event_type=sub, confidence=label.confidence, unit=u.index, start=u.start,
        end=u.end, evidence=u.text, trigger=trigger, event_date=event_date,
        time_precision=precision, location=location, fatalities=fatalities.killed,
        roles=roles, tags=tags, mentions=mentions, generic=generic,
    )


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
        report_id=stable_id(article.id, d.start, d.end, sub),
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
        evidence=d.evidence,
        evidence_start=d.start,
        evidence_end=d.end,
        confidence=d.confidence,
        mentions=d.mentions,
    )
    return replace(report, notes=write_note(report))
