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
from ..models import Article, Mention, Report, stable_id
from ..settings import Settings
from . import actors as actor_roles
from .dates import gives_date, resolve_date
from .document import Candidate, Doc, Unit
from .factuality import assess, is_background
from .fatalities import count_fatalities
from .frames import attribute_claims, carry_actors, frame
from .notes import write_note
from .resources import Resources
from .sentences import split_sentences, without_dateline
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
    """The headline (when the body does not already open with it) and the body's
    sentences, as units the classifier reads."""
    article = doc.article
    units: list[Unit] = []
    title = (article.title or "").strip()
    if title and not article.text.lstrip().startswith(title[: max(1, len(title) - 5)]):
        units.append(Unit(0, 0, 0, title, True))
    for start, end in split_sentences(article.text)[: settings.coding.max_sentences]:
        for a, b in _chunks(article.text, start, end, settings.coding.max_unit_chars,
                            settings.coding.cut_stretch):
            units.append(Unit(len(units), a, b, article.text[a:b], False))
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
    lead as context, else the lead's. An event dated more than [coding] background_days
    before publication is background, not news, and is dropped."""
    if not doc.candidates:
        return doc
    units, published = doc.units, doc.article.published
    oldest = published - timedelta(days=settings.coding.background_days) if published else None
    doc.lead = without_dateline(
        units[1].text if len(units) > 1 and units[0].is_title else units[0].text)
    doc.lead_date = resolve_date(doc.lead, published=published)
    kept = []
    for c in doc.candidates:
        text = without_dateline(c.unit.text)
        c.dated = gives_date(text)
        if c.dated:
            c.event_date, c.time_precision = resolve_date(text, published=published,
                                                          context=doc.lead)
        else:  # the lead's date (or the publication date), as resolve_date's context rule
            c.event_date, c.time_precision = doc.lead_date
        if not (c.event_date and oldest and c.event_date < oldest):
            kept.append(c)
    doc.candidates = kept
    return doc


@component("tolls", needs=("candidates",), sets=("candidates.fatalities",))
def tolls(doc: Doc, resources: Resources, settings: Settings) -> Doc:
    """The dead each event sentence counts (killed, not wounded), with their mentions."""
    for c in doc.candidates:
        c.fatalities = count_fatalities(c.unit.text,
                                        offset=0 if c.unit.is_title else c.unit.start)
    return doc


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
    events = merge(doc.drafts, settings=settings.coding)
    events.sort(key=partial(_salience, spread_bonus=settings.coding.spread_bonus),
                reverse=True)
    doc.events = events[: settings.coding.max_events]
    return doc


@component("reports", needs=("events",), sets=("reports",))
def reports(doc: Doc, resources: Resources, settings: Settings) -> Doc:
    """One Report per event, with its ACLED fields, evidence and a written note."""
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
    told over several sentences gains `spread_bonus`."""
    position = 1.0 if d.unit == 0 else 1.0 / (1 + d.unit)
    return position + d.confidence + (spread_bonus if d.last_unit > d.unit else 0.0)


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
        tags="; ".join(d.tags),
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
