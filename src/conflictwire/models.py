"""Typed records passed between pipeline stages: Article, Place, Mention, Report, Event.

Every stage takes and returns these frozen dataclasses; dicts appear only at the edges
(JSON lines, the store, the HTTP API).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any, Literal

# The ACLED event record, lower case, in ACLED's column order, then conflictwire's own.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id",
    "event_date",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
)
OWN_COLUMNS: tuple[str, ...] = ("article_id", "source_url", "evidence", "confidence", "geonameid")
EVENT_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + OWN_COLUMNS

MentionKind = Literal["place", "actor", "date", "number", "trigger"]
# The tag of a report (and of the event it makes) that counts deaths over a period or an
# area ("killed in February", a monitor's daily count for a country): a total, not an event.
AGGREGATE = "aggregate"


def stable_id(*parts: object, length: int = 16) -> str:
    """A short content hash of the parts, so that re-running the same input gives the same id."""
    h = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: text plus what is known about where and when it appeared."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    language: str = "en"


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry (GeoNames), with its admin names filled in."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    country_code: str
    feature_class: str = "P"
    feature_code: str = "PPL"
    population: int = 0
    admin1_code: str = ""
    admin2_code: str = ""
    admin1: str = ""
    admin2: str = ""
    country: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of article text with a kind and, when resolved, its value. `start` and `end`
    index the text it was found in: the body (`Article.text`), or the headline (`title`).

    `value` is a Place for places, a canonical actor name for actors, a `date` for dates,
    an int for numbers and an ACLED sub-event type for triggers.
    """

    start: int
    end: int
    text: str
    kind: MentionKind
    value: Any = None
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened: a resolved place, possibly offset, with ACLED geo_precision."""

    name: str
    latitude: float
    longitude: float
    geo_precision: int
    country: str = ""
    iso: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    region: str = ""
    geonameid: int | None = None
    mention: Mention | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """What one article says about one event: ACLED fields plus evidence and confidence."""

    report_id: str
    article_id: str
    event_date: date | None
    time_precision: int
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: int | None = None
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str = ""
    location: Location | None = None
    fatalities: int = 0
    notes: str = ""
    tags: str = ""
    source: str = ""
    source_scale: str = ""
    source_url: str = ""
    evidence: str = ""
    evidence_start: int = 0
    evidence_end: int = 0
    confidence: float = 0.0
    mentions: tuple[Mention, ...] = field(default_factory=tuple)
    # The article's publication date: a later article's toll supersedes an earlier one's.
    published: date | None = None

    @property
    def aggregate(self) -> bool:
        """Whether the report is a total over a period or an area, not one event."""
        return is_aggregate(self.tags)

    def record(self, event_id: str | None = None) -> dict[str, Any]:
        """The flat event record (EVENT_COLUMNS) for this report alone."""
        loc = self.location
        row: dict[str, Any] = {
            "event_id": event_id or self.report_id,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "time_precision": self.time_precision,
            "disorder_type": self.disorder_type,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "assoc_actor_1": self.assoc_actor_1,
            "inter1": self.inter1,
            "actor2": self.actor2,
            "assoc_actor_2": self.assoc_actor_2,
            "inter2": self.inter2,
            "interaction": self.interaction,
            "civilian_targeting": self.civilian_targeting,
            "iso": loc.iso if loc else "",
            "region": loc.region if loc else "",
            "country": loc.country if loc else "",
            "admin1": loc.admin1 if loc else "",
            "admin2": loc.admin2 if loc else "",
            "admin3": loc.admin3 if loc else "",
            "location": loc.name if loc else "",
            "latitude": loc.latitude if loc else None,
            "longitude": loc.longitude if loc else None,
            "geo_precision": loc.geo_precision if loc else None,
            "source": self.source,
            "source_scale": self.source_scale,
            "notes": self.notes,
            "fatalities": self.fatalities,
            "tags": self.tags,
            "article_id": self.article_id,
            "source_url": self.source_url,
            "evidence": self.evidence,
            "confidence": round(self.confidence, 4),
            "geonameid": loc.geonameid if loc else None,
        }
        return row


@dataclass(frozen=True, slots=True)
class Event:
    """A real-world event merged from one or more Reports; `record` holds EVENT_COLUMNS."""

    event_id: str
    record: dict[str, Any]
    report_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be processed: which one, at what stage, and why."""

    input: str
    stage: str
    error: str


def is_aggregate(tags: object) -> bool:
    """Whether an event's or report's tags ("alleged; aggregate") mark it as a total."""
    return AGGREGATE in (t.strip() for t in str(tags or "").split(";"))


def to_dict(obj: Any) -> dict[str, Any]:
    """A dataclass as a plain dict (dates left as `date`)."""
    return asdict(obj)


def field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said about a response (its ETag and Last-Modified), to ask next time
    whether it changed: the fetcher sends them, the watcher's tables keep them."""

    etag: str | None = None
    last_modified: str | None = None
