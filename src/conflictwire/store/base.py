"""The Store interface every engine implements, and the filter it answers queries with.

The API, exports, alerts and the CLI read and write events only through `Store`; DuckDB is
the embedded default, PostgreSQL the server engine. Ids are content hashes, so writing the
same batch twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, Protocol

from ..models import Article, Failure, Report

StatsKey = Literal["day", "month", "event_type", "sub_event_type", "country", "admin1"]


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events a query wants; every field left at its default means "any"."""

    date_from: date | None = None
    date_to: date | None = None
    countries: tuple[str, ...] = ()  # country names or ISO codes
    admin1: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    actor: str | None = None  # case-insensitive substring of actor1/actor2/assoc actors
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    min_fatalities: int | None = None
    text: str | None = None  # case-insensitive substring of notes or evidence
    event_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What one committed batch changed."""

    articles_added: int = 0
    reports_added: int = 0
    events_added: int = 0
    events_updated: int = 0
    failures_added: int = 0
    event_ids: tuple[str, ...] = field(default_factory=tuple)


class Store(Protocol):
    """Articles, reports, merged events and failures in one database."""

    url: str

    def add_batch(
        self,
        articles: list[Article],
        reports: list[Report],
        failures: list[Failure] = (),  # type: ignore[assignment]
    ) -> BatchResult:
        """Store a batch in one transaction and merge its reports into events."""
        ...

    def has_article(self, article_id: str) -> bool: ...

    def events(
        self,
        flt: EventFilter = EventFilter(),
        *,
        order_by: str = "event_date",
        descending: bool = True,
        limit: int | None = 100,
        after: str | None = None,
    ) -> list[dict[str, Any]]:
        """Event records (EVENT_COLUMNS plus `n_reports`), sorted, at most `limit`.

        `after` is an opaque cursor (the last row's sort key and id) for paging.
        """
        ...

    def iter_events(self, flt: EventFilter = EventFilter()) -> Iterator[dict[str, Any]]:
        """Every matching event record, streamed in batches (for exports)."""
        ...

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event record with `reports`: each report's fields, evidence and its article."""
        ...

    def count(self, flt: EventFilter = EventFilter()) -> int: ...

    def stats(self, by: StatsKey, flt: EventFilter = EventFilter()) -> list[dict[str, Any]]:
        """Rows {key, events, fatalities} grouped by `by`, in key order."""
        ...

    def failures(self, limit: int = 100) -> list[dict[str, Any]]: ...

    def close(self) -> None: ...
