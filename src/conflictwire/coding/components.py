"""The coder's components, registered by name: each reads layers of the Doc set before it
and adds its own. `runner` runs them in the order the settings declare."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import partial

from .. import taxonomy as tx
from ..geo.geoparse import article_focus, geoparse, source_countries
from ..geo.source_scale import source_scale
from ..ingest.headline import leading_headline
from ..models import AGGREGATE, Article, Mention, Report, stable_id
from ..settings import Settings
from . import actors as actor_roles
from .coreference import tells_another, tells_more
from .dates import counts_from_event, gives_date, numeric_order, resolve_date
from .document import Candidate, Doc, Unit
from .factuality import assess, is_background
from .fatalities import count_fatalities
from .frames import attribute_claims, carry_actors, frame
from .notes import write_note
from .resources import Resources
from .sentences import (
    body_after,
    clean_title,
    headline_in_text,
    headline_list,
    is_boilerplate,
    split_sentences,
    without_dateline,
)
from .totals import is_total
from .within_article import Draft, merge

ComponentFn = Callable[[Doc, Resources, Settings], Doc]


@dataclass(frozen=True, slots=True)
class Component:
    """A named step of the coder: what it reads from the Doc and what it sets."""

    name: str
    run: ComponentFn
    needs: tuple[str, ...]
    sets: tuple[str, ...]


REGISTRY: dict[str, Component] = {}


def component(name: str, *, needs: tuple[str, ...] = (),
              sets: tuple[str, ...] = ()) -> Callable[[ComponentFn], ComponentFn]:
    """Register a function as the component `name` (the way a plugin would add one)."""

    def register(fn: ComponentFn) -> ComponentFn:
        REGISTRY[name] = Component(name, fn, needs, sets)
        return fn

    return register


# --- sentence-level components ---------------------------------------------------------

@component("sentences", sets=("units",))
def sentences(doc: Doc, resources: Resources, settings: Settings) -> Doc:
    """The headline apart from the body (given as the title, or the body's first line set
    apart by a blank line) and the body's sentences, as units the classifier reads; a body
    that repeats its headline gives it once, and site boilerplate is left out."""
    article = doc.article
    text = article.text
    units: list[Unit] = []
    title = clean_title(article.title)
    span = headline_in_text(text, title) if title else leading_headline(text)
    body = 0
    if span is not None:
        units.append(Unit(0, span[0], span[1], text[span[0]:span[1]], True))
        body = body_after(text, span[1])
    elif title and not text.lstrip().startswith(title[: max(1, len(title) - 5)]):
        units.append(Unit(0, 0, 0, title, True))
    for start, end in split_sentences(text, body)[: settings.coding.max_sentences]:
        if is_boilerplate(text[start:end]):
            continue
        for a, b in (chunk for piece in headline_list(text, start, end)
                     for chunk in _chunks(text, *piece, settings.coding.max_unit_chars,
                                          settings.coding.cut_stretch)):
            units.append(Unit(len(units), a, b, text[a:b], False))
    doc.units = units
    return doc


@component("triggers", needs=("units",), sets=("candidates",))
def triggers(doc: Doc, resources: Resources, settings: Settings) -> Doc:
    """Each unit classified (trigger lexicon, then the model): the typed ones become
    candidate event sentences."""
    labels = resources.classifier.classify_many([(u.text, u.start) for u in doc.units],
                                                settings=settings.classify)
    doc.candidates = [Candidate(u, label) for u, label in zip(doc.units, labels, strict=True)
                      if label.sub_event_type is not None]
    return doc


@component("factuality", needs=("candidates",), sets=("candidates",))
def factuality(doc: Doc, resources: Resources, settings: Settings) -> Doc:
    """Candidates that are not real events dropped (future, negated, hypothetical,
    background); the rest tagged (alleged, denied responsibility)."""
    kept = []
    for c in doc.candidates:
        fact = assess(c.unit.text, c.label.trigger)
        if fact.reportable and not is_background(c.unit.text, c.label.trigger, c.unit.start):
            c.tags = fact.tags
            kept.append(c)
    doc.candidates = kept
    return doc


@component("coreference", needs=("units", "candidates"), sets=("candidates",))
def coreference(doc: Doc, resources: Resources, settings: Settings) -> Doc:
    """A sentence that tells more of the event before it ("The attack killed nine people",
    "the toll from the blast rose to 14", "X claimed responsibility for the bombing")
    becomes a candidate of that event's type, as a detail: it adds its toll, actor or place
    to the event and is never an event of its own. It must come within [coding]
    continue_window sentences of the event's last sentence."""
    if not doc.candidates:
        return doc
    typed = {c.unit.index: c for c in doc.candidates}
    kept: list[Candidate] = []
    last: Candidate | None = None
    for u in doc.units:
        c = typed.get(u.index)
        if c is None and last is not None and not u.is_title and \
                u.index - last.unit.index <= settings.coding.continue_window and \
                tells_more(u.text) and assess(u.text).reportable:
            c = Candidate(u, replace(last.label, trigger=None), tags=last.tags, detail=True)
        if c is not None:
            kept.append(c)
            if not u.is_title and not c.aggregate:
                last = c
    doc.candidates = kept
    return doc


@component("actors", needs=("candidates",), sets=("candidates.actors",))
def actors(doc: Doc, resources: Resources, settings: Settings) -> Doc:
    """The actors each event sentence names (lexicon matches, not yet roles)."""
    for c in doc.candidates:
        c.actors = actor_roles.find_actors(c.unit.text, lexicon=resources.actors,
                                           offset=c.unit.start)
    return doc


# --- article-level layers the frames read ------------------------------------------------

@component("places", needs=("units", "candidates.actors"),
           sets=("hints", "sources", "toponyms", "title_places"))
def places(doc: Doc, resources: Resources, settings: Settings) -> Doc:
    """The article's toponyms, resolved with the countries it is about as hints (the
    caller's, the outlet's, the actors' home country), and the hints for placing events:
    `hints` the caller's and the country the article is clearly about, `sources` the
    outlet's. The headline's names are resolved together with the body's, in its
    context."""
    if not doc.candidates:
        return doc  # geoparsing is the costly part: only articles with events pay it
    article = doc.article
    gazetteer = resources.gazetteer
    # The caller's countries are sure; the outlet's ("a Jordanian paper") is a leaning the
    # text can outweigh; the actors' home country ("Russian warplanes" over Syria) only
    # tips a choice between namesakes.
    doc.hints = _iso_codes(doc.hint_countries, resources)
    doc.sources = source_countries(article, gazetteer, resources.outlets)
    homes = _home_countries(c.actors for c in doc.candidates)
    title = doc.title.text if doc.title is not None and any(
        c.unit.is_title for c in doc.candidates) else None
    # One pass over headline and body: the headline's names take the body's focus.
    cut = len(title) + 2 if title is not None else 0
    text = f"{title}\n\n{article.text}" if title is not None else article.text
    found = geoparse(replace(article, text=text), gazetteer=gazetteer,
                     hint_countries=doc.hints, leanings=homes, outlets=resources.outlets,
                     settings=settings.geoparse)
    # The country the whole article is clearly about is a hint for each of its sentences,
    # and for the headline, which is placed on its own words; the one it leads to, not
    # clearly, is a leaning, as the outlet's is.
    focus = article_focus(replace(article, text=text), found, gazetteer=gazetteer,
                          hint_countries=doc.hints, source_countries=doc.sources,
                          settings=settings.geoparse)
    if focus.country:
        doc.hints = tuple(dict.fromkeys((*doc.hints, focus.country)))
    elif focus.leader:
        doc.sources = tuple(dict.fromkeys((focus.leader, *doc.sources)))
    doc.toponyms = [replace(m, start=m.start - cut, end=m.end - cut) for m in found
                    if m.start >= cut]
    if title is not None:
        headline = Article(id=article.id, text=title, published=article.published,
                           source=article.source, url=article.url)
        doc.title_places = headline, [m for m in found if m.end <= len(title)]
    return doc


@component("dates", needs=("units", "candidates"), sets=("lead", "lead_date",
                                                          "candidates.event_date"))
def dates(doc: Doc, resources: Resources, settings: Settings) -> Doc:
    """Each event sentence's date: its own, resolved against the publication date with the
    lead as context, else the lead's. What counts from an event told before ("that same
    day", "the next day") counts from the date of the sentence before it that gives one,
    the last event's first. An event dated more than [coding] background_days before
    publication is background, not news, and is dropped."""
    if not doc.candidates:
        return doc
    units, published = doc.units, doc.article.published
    oldest = published - timedelta(days=settings.coding.background_days) if published else None
    body = [u for u in units if not u.is_title]
    order = numeric_order(" ".join(u.text for u in units if u.is_title) + " "
                          + doc.article.text)
    doc.lead = without_dateline(body[0].text if body else units[0].text)
    doc.lead_date = resolve_date(doc.lead, published=published, numeric_order=order)
    told: dict[int, tuple] = {}  # unit index -> the date an event sentence was given
    kept = []
    for c in doc.candidates:
        text = without_dateline(c.unit.text)
        c.dated = gives_date(text)
        if c.dated:
            anchor = (_discourse_anchor(units, c.unit.index, told, published, order)
                      if counts_from_event(text) else None)
            c.event_date, c.time_precision = resolve_date(
                text, published=published, context=doc.lead, anchor=anchor,
                numeric_order=order)
        else:  # the lead's date (or the publication date), as resolve_date's context rule
            c.event_date, c.time_precision = doc.lead_date
        told[c.unit.index] = (c.event_date, c.time_precision)
        if not (c.event_date and oldest and c.event_date < oldest):
            kept.append(c)
    doc.candidates = kept
    return doc


def _discourse_anchor(units: list[Unit], index: int, told: dict[int, tuple],
                      published, order: str | None) -> tuple | None:
    """The date a sentence that counts from an event told before counts from: that of the
    nearest body sentence before it that is an event sentence or gives a date of its own."""
    for u in reversed(units[:index]):
        if u.is_title:
            continue
        if u.index in told and told[u.index][0] is not None:
            return told[u.index]
        text = without_dateline(u.text)
        if gives_date(text):
            anchor = (_discourse_anchor(units, u.index, told, published, order)
                      if counts_from_event(text) else None)
            day = resolve_date(text, published=published, anchor=anchor, numeric_order=order)
            if day[0] is not None:
                told[u.index] = day
                return day
    return None


@component("tolls", needs=("candidates", "toponyms", "title_places"),
           sets=("candidates.fatalities", "candidates.aggregate"))
def tolls(doc: Doc, resources: Resources, settings: Settings) -> Doc:
    """The dead each event sentence counts (killed, not wounded), with their mentions; a
    sentence whose figure is a total over a period or an area is marked an aggregate."""
    for c in doc.candidates:
        offset = 0 if c.unit.is_title else c.unit.start
        c.fatalities = count_fatalities(c.unit.text, offset=offset)
        if c.fatalities.total:
            c.aggregate = is_total(c.unit.text, c.fatalities, offset=offset,
                                   local_places=_local_places(doc, c.unit))
    return doc


def _local_places(doc: Doc, unit: Unit) -> tuple[int, ...]:
    """Where in `unit` it names places smaller than a country (a town, a province)."""
    if unit.is_title and unit.end == unit.start:
        inside, offset = (doc.title_places[1] if doc.title_places is not None else []), 0
    else:
        inside = [t for t in doc.toponyms if unit.start <= t.start and t.end <= unit.end]
        offset = unit.start
    return tuple(t.start - offset for t in inside
                 if not getattr(t.value, "feature_code", "PCL").startswith(("PCL", "CONT")))


@component("frames", needs=("candidates.actors", "toponyms", "title_places", "sources",
                            "candidates.event_date", "candidates.fatalities"),
           sets=("drafts",))
def frames(doc: Doc, resources: Resources, settings: Settings) -> Doc:
    """Each event sentence cut into clause-level event frames (one per place), as drafts."""
    drafts = carry_actors([d for c in doc.candidates for d in frame(doc, c, resources, settings)])
    doc.drafts = attribute_claims(drafts, doc, resources) if drafts else drafts
    return doc


# --- article-level components ------------------------------------------------------------

@component("within_article", needs=("drafts",), sets=("events",))
def within_article(doc: Doc, resources: Resources, settings: Settings) -> Doc:
    """Mentions of one event merged (headline, lead, detail sentences), most salient first,
    at most `settings.coding.max_events` of them."""
    totals = {c.unit.index for c in doc.candidates if c.aggregate}
    details = {c.unit.index for c in doc.candidates if c.detail}
    others = {c.unit.index for c in doc.candidates if tells_another(c.unit.text)}
    drafts = [replace(d, aggregate=d.unit in totals, detail=d.unit in details,
                      another=d.unit in others)
              if d.unit in totals | details | others else d for d in doc.drafts]
    events = merge(drafts, settings=settings.coding)
    events.sort(key=partial(_salience, spread_bonus=settings.coding.spread_bonus),
                reverse=True)
    doc.events = events[: settings.coding.max_events]
    return doc


@component("reports", needs=("events",), sets=("reports",))
def reports(doc: Doc, resources: Resources, settings: Settings) -> Doc:
    """One Report per event, with its ACLED fields, evidence and a written note. A total
    over a period or an area is no event: its report is tagged "aggregate", which the store
    keeps out of event lists, counts, maps, alerts and exports unless asked for."""
    doc.reports = [_report(doc.article, d, resources) for d in doc.events]
    return doc


def _chunks(text: str, start: int, end: int, size: int,
            stretch: float) -> list[tuple[int, int]]:
    """A run-on "sentence" (scraped text without full stops) longer than `stretch` times
    `size` cut at spaces into pieces of about `size` characters, so that one event's words
    are not drowned by many others."""
    pieces = []
    while end - start > size * stretch:
        cut = text.rfind(" ", start + size // 2, start + size)
        if cut <= start:
            break
        pieces.append((start, cut))
        start = cut + 1
    pieces.append((start, end))
    return pieces


def _home_countries(found: Iterable[list[Mention]]) -> tuple[str, ...]:
    """The country the article's event actors belong to ("Syrian rebels" and "the Syrian
    army" say Syria), as a geoparsing hint; nothing when the actors name several."""
    codes = {getattr(m.value, "country_code", None) for mentions in found for m in mentions}
    codes.discard(None)
    return tuple(codes) if len(codes) == 1 else ()


def _iso_codes(countries: Iterable[str], resources: Resources) -> tuple[str, ...]:
    """ISO2 codes of countries given as codes or names ("SD", "SDN", "Sudan"); unknown
    ones are left out."""
    found = (resources.gazetteer.country(c) for c in countries if c and c.strip())
    return tuple(info.iso2 for info in found if info is not None)


def _salience(d: Draft, *, spread_bonus: float) -> float:
    """Title and lead events first; a confident event outranks a shaky earlier one; one
    told over several sentences, or in the headline, gains `spread_bonus`."""
    position = 1.0 if d.unit == 0 or d.headline else 1.0 / (1 + d.unit)
    spread = d.last_unit > d.unit or d.headline
    return position + d.confidence + (spread_bonus if spread else 0.0)


def _report(article: Article, d: Draft, resources: Resources) -> Report:
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
        tags="; ".join(d.tags + ((AGGREGATE,) if d.aggregate else ())),
        source=article.source or "",
        source_scale=source_scale(article.source, article.url,
                                  d.location.iso if d.location else None,
                                  outlets=resources.outlets),
        source_url=article.url or "",
        published=article.published,
        evidence=d.evidence,
        evidence_start=d.start,
        evidence_end=d.end,
        confidence=d.confidence,
        mentions=d.mentions,
    )
    return replace(report, notes=write_note(report))
