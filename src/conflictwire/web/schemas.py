"""Pydantic models of what the HTTP API answers: they exist only at this edge, for checking
responses and for the OpenAPI schema; the rest of conflictwire passes dataclasses and dicts."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class EventOut(BaseModel):
    """One event: ACLED's columns (lower case), conflictwire's own, n_reports and timestamp."""

    event_id: str
    event_date: str | None = Field(None, description="YYYY-MM-DD")
    time_precision: int | None = Field(None, description="1 day, 2 week, 3 month")
    disorder_type: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str | None = None
    iso: str | None = Field(None, description="ISO 3166 numeric code, as stored")
    region: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = Field(
        None, description="1 the place itself, 2 near it or part of a region, 3 a larger area")
    source: str | None = None
    source_scale: str | None = None
    notes: str | None = None
    fatalities: int | None = None
    tags: str | None = None
    article_id: str | None = None
    source_url: str | None = None
    evidence: str | None = None
    confidence: float | None = None
    geonameid: int | None = None
    n_reports: int | None = Field(None, description="How many reports support the event")
    timestamp: int | None = Field(None, description="When the event last changed (Unix s)")


class EventPage(BaseModel):
    """One page of events and how to get the next one."""

    events: list[EventOut]
    total: int = Field(description="Events matching the filter, over all pages")
    limit: int = Field(description="Page size used (requests above the maximum are capped)")
    limit_capped_from: int | None = Field(
        None, description="The limit asked for, when it was above the maximum and capped")
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page")
    next: str | None = Field(None, description="URL of the next page, if any")


class ArticleRef(BaseModel):
    """The source article behind a report."""

    article_id: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None


class Highlight(BaseModel):
    """Words of the evidence sentence that support one field of the report."""

    start: int = Field(description="Offset into `evidence` (Python string index)")
    end: int
    field: str = Field(description="actor1, actor2, location, fatalities, event_date or "
                       "sub_event_type")
    text: str


class SpanOut(BaseModel):
    """A span the coder found for the report: a place, actor, date, number or event trigger,
    with its resolved value."""

    start: int = Field(description="Offset into the text the span was found in (Python "
                       "string index): the article body, or the headline for a span of the "
                       "headline")
    end: int
    text: str
    kind: str = Field(description="place, actor, date, number or trigger")
    value: str | int | float | None = None
    score: float = 0.0


class ReportOut(BaseModel):
    """What one article says about the event, with its evidence sentence."""

    model_config = ConfigDict(extra="ignore")

    report_id: str
    article_id: str
    event_date: str | None = None
    time_precision: int | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    source: str | None = None
    source_url: str | None = None
    evidence: str | None = None
    evidence_start: int | None = Field(
        None, description="Where `evidence` lies in the article body (the offsets of its "
        "spans are shifted by it); 0 and 0 for a headline, which is not part of the body")
    evidence_end: int | None = None
    confidence: float | None = None
    mentions: list[SpanOut] | None = Field(
        None, description="The spans the coder found; null for a report stored before "
        "reports kept them")
    highlights: list[Highlight] = []
    article: ArticleRef


class EventDetail(EventOut):
    """One event with every report and source article behind it."""

    reports: list[ReportOut]


class StatRow(BaseModel):
    key: str | None
    events: int
    fatalities: int


class Stats(BaseModel):
    """Counts of the filtered events by day, event type and country."""

    total: int
    fatalities: int
    by_day: list[StatRow]
    by_event_type: list[StatRow]
    by_country: list[StatRow]


class Health(BaseModel):
    status: str
    version: str
    database: str
    events: int
    writes_enabled: bool


class SubmitFailure(BaseModel):
    input: str
    stage: str
    error: str


class SubmitResult(BaseModel):
    """What a submission of articles read, coded and stored."""

    articles_read: int
    articles_skipped: int = Field(description="Already stored, so not coded again")
    articles_coded: int
    reports_added: int
    events_added: int
    events_updated: int
    event_ids: list[str]
    failures: list[SubmitFailure]


class ErrorOut(BaseModel):
    """Any error from /api: a one-line message."""

    error: str
