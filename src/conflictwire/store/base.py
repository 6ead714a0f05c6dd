"""The Store interface every engine implements, and the filter it answers queries with.

The API, exports, alerts and the CLI read and write events only through `Store`; DuckDB is
the embedded default, PostgreSQL the server engine. Ids are content hashes, so writing the
same batch twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, Protocol

from ..models import EVENT_COLUMNS, Article, Failure, Report

if TYPE_CHECKING:  # watch_tables reads rows, which reads this module
    from .watch_tables import WatchTables

StatsKey = Literal["day", "month", "event_type", "sub_event_type", "country", "admin1"]
STATS_KEYS: tuple[str, ...] = ("day", "month", "event_type", "sub_event_type", "country",
                               "admin1")
OrderBy = Literal["event_date", "fatalities", "updated_at", "n_reports", "country",
                  "event_type"]
ORDER_KEYS: tuple[str, ...] = ("event_date", "fatalities", "updated_at", "n_reports",
                               "country", "event_type")
# What `Store.events` and `Store.iter_events` return for each event: the event record, how
# many reports support it, and when it last changed (Unix seconds, ACLED's `timestamp`).
EVENT_ROW_COLUMNS: tuple[str, ...] = EVENT_COLUMNS + ("n_reports", "timestamp")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events a query wants; every field left at its default means "any"."""

    date_from: date | None = None
    date_to: date | None = None  # inclusive
    countries: tuple[str, ...] = ()  # country names or ISO codes, case-insensitive
    admin1: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    actor: str | None = None  # case-insensitive substring of actor1/actor2/assoc actors
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    # A GeoJSON Polygon or MultiPolygon as text (lon/lat degrees); a point on its
    # boundary is inside. Answered by PostGIS where the server has it, else by shapely.
    area: str | None = None
    min_fatalities: int | None = None
    text: str | None = None  # case-insensitive substring of notes or evidence
    event_ids: tuple[str, ...] = ()
    # Totals over a period or an area (tagged "aggregate" by the coder) are no events: left
    # out of lists, counts, maps, alerts and exports unless asked for.
    aggregates: bool = False


ALL_EVENTS = EventFilter()


@dataclass(frozen=True, slots=True)
class Batch:
    """What a run commits at once: articles, their reports, and the failures met on the way."""

    articles: Sequence[Article] = ()
    reports: Sequence[Report] = ()
    failures: Sequence[Failure] = ()


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What one committed batch changed."""

    articles_added: int = 0
    reports_added: int = 0
    events_added: int = 0
    events_updated: int = 0
    failures_added: int = 0
    event_ids: tuple[str, ...] = field(default_factory=tuple)  # events added or updated


@dataclass(frozen=True, slots=True)
class SchemaStatus:
    """Where a database's schema stands against this version of conflictwire."""

    url: str
    engine: str
    version: int  # 0 for an empty database
    latest: int
    pending: tuple[int, ...]  # migrations `upgrade` would apply

    @property
    def up_to_date(self) -> bool:
        return not self.pending


class Store(Protocol):
    """Articles, reports, merged events and failures in one database, and the watcher's
    tables beside them (`watch`).

    Every method is safe to call from several threads of one process (calls are serialised).
    """

    url: str
    read_only: bool
    # The watcher's feeds, entries, subscriptions and deliveries, on this store's connection.
    watch: WatchTables

    def add_batch(
        self,
        articles: Sequence[Article],
        reports: Sequence[Report],
        failures: Sequence[Failure] = (),
    ) -> BatchResult:
        """Store a batch in one transaction and merge its reports into events.

        Articles, reports and failures already stored (same id) are skipped, so a re-run adds
        nothing. Either the whole batch is committed or none of it is.
        """
        ...

    def add_batches(self, batches: Sequence[Batch]) -> list[BatchResult]:
        """Store several batches in one transaction, each merged exactly as consecutive
        `add_batch` calls would merge it (against what the batches before it stored).

        The store ends as it would after those calls, but for timestamps, in a few
        statements instead of a round of them per batch. Either all are committed or none.
        """
        ...

    def has_article(self, article_id: str) -> bool: ...

    def known_articles(self, article_ids: Iterable[str]) -> set[str]:
        """The subset of `article_ids` already stored."""
        ...

    def events(
        self,
        flt: EventFilter = ALL_EVENTS,
        *,
        order_by: OrderBy = "event_date",
        descending: bool = True,
        limit: int | None = 100,
        after: str | None = None,
    ) -> list[dict[str, Any]]:
        """Event rows (EVENT_ROW_COLUMNS), sorted then by event_id, at most `limit`.

        `after` is the opaque cursor `page_cursor(rows[-1], order_by)` of the previous page.
        Raises StoreError for an unknown `order_by` or a malformed cursor.
        """
        ...

    def iter_events(self, flt: EventFilter = ALL_EVENTS) -> Iterator[dict[str, Any]]:
        """Every matching event row, oldest first, streamed in pages (for exports)."""
        ...

    def event_columns(
        self, flt: EventFilter = ALL_EVENTS, columns: Sequence[str] = ("event_id",)
    ) -> list[tuple[Any, ...]]:
        """Just `columns` (event table columns) of every matching event, oldest first, in one
        query: for a map of 100,000 points, where building whole rows would dominate.

        Raises StoreError for a column the events table does not have."""
        ...

    def event(self, event_id: str, *, spans: bool = True) -> dict[str, Any] | None:
        """One event row plus `reports`: a list of report rows, each with its `article`
        ({article_id, url, source, title, published}) and, with `spans`, the spans the
        coder found (`mentions`; without, the rows have no `mentions` and none are parsed)."""
        ...

    def count(self, flt: EventFilter = ALL_EVENTS) -> int: ...

    def stats(self, by: StatsKey, flt: EventFilter = ALL_EVENTS) -> list[dict[str, Any]]:
        """Rows {key, events, fatalities} grouped by `by`, in key order."""
        ...

    def failures(self, limit: int = 100) -> list[dict[str, Any]]:
        """The most recent failures {input, stage, error, first_seen}, newest first."""
        ...

    def counts(self) -> dict[str, int]:
        """How many articles, reports, events and failures are stored."""
        ...

    def schema_status(self) -> SchemaStatus: ...

    def upgrade(self) -> list[int]:
        """Apply pending migrations, each in its own transaction; return their numbers."""
        ...

    def close(self) -> None: ...
