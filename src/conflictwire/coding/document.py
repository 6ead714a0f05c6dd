"""The annotated document the coder's components hand along: one article (headline and body
kept apart) and the layers each component adds, in the order `runner` runs them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ..models import Article, Mention, Report

if TYPE_CHECKING:
    from .classify import SentenceLabel
    from .fatalities import Fatalities
    from .within_article import Draft


@dataclass(frozen=True, slots=True)
class Unit:
    """What the classifier reads: the headline, or one sentence of the body (a run-on
    "sentence" of scraped text is cut into several units). Offsets index the body; the
    headline's are (0, 0) since it is not part of the body text."""

    index: int
    start: int
    end: int
    text: str
    is_title: bool


@dataclass(slots=True)
class Candidate:
    """An event sentence: a unit the classifier typed, and what later components learn of
    it (factuality tags, actors named, date, toll)."""

    unit: Unit
    label: SentenceLabel
    tags: tuple[str, ...] = ()
    actors: list[Mention] = field(default_factory=list)
    event_date: date | None = None
    time_precision: int = 1
    dated: bool = False  # the sentence itself gives the date, not the lead or the dateline
    fatalities: Fatalities | None = None
    aggregate: bool = False  # its deaths are a total over a period or an area, not one event
    detail: bool = False  # tells more of the event before it (coreference), not one of its own


@dataclass(slots=True)
class Doc:
    """One article on its way through the coder. Each field below `hint_countries` is a
    layer set by the component named beside it; a component reads only layers set before
    it (each component in `components.REGISTRY` declares what it needs and sets; the
    settings' [coding] `components` give their order)."""

    article: Article
    hint_countries: tuple[str, ...] = ()  # countries the caller knows the article is about
    units: list[Unit] = field(default_factory=list)  # sentences
    candidates: list[Candidate] = field(default_factory=list)  # triggers; factuality filters
    hints: tuple[str, ...] = ()  # places: the caller's countries (ISO2), sure ...
    sources: tuple[str, ...] = ()  # ... and the outlet's, weaker
    toponyms: list[Mention] = field(default_factory=list)  # places, in the body
    title_places: tuple[Article, list[Mention]] | None = None  # places, in the headline
    lead: str = ""  # dates: the lead sentence (without its dateline) ...
    lead_date: tuple[date | None, int] = (None, 1)  # ... and the date it gives
    drafts: list[Draft] = field(default_factory=list)  # frames: one per event mention
    events: list[Draft] = field(default_factory=list)  # within_article: one per event
    reports: list[Report] = field(default_factory=list)  # reports

    @property
    def title(self) -> Unit | None:
        """The headline unit, when the article has a headline apart from its body."""
        return self.units[0] if self.units and self.units[0].is_title else None
