"""The watcher's tables, a facet of the Store (`store.watch`): feed state, entries seen, HTTP
validators, subscriptions, deliveries (with idempotency keys) and fatality history.

Everything the watcher must remember across restarts is here, so a restarted watcher neither
codes an entry twice nor sends an alert twice (nor loses one). The facet runs its portable SQL
(DuckDB and PostgreSQL) on the store's own connection under the store's lock; the tables are
laid down by the store's migrations (`watch_schema`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..models import Validators
from .rows import now as utcnow

PENDING, SENT = "pending", "sent"
_CHUNK = 200  # rows per multi-row statement
# What the store hands its facet: run one statement (column names and rows back) and open
# one transaction, both on the store's own connection.
RunFn = Callable[[str, Sequence[Any]], tuple[list[str], list[tuple]]]
TransactionFn = Callable[[], AbstractContextManager[None]]

__all__ = ["PENDING", "SENT", "Delivery", "WatchTables", "utcnow"]


@dataclass(frozen=True, slots=True)
class Delivery:
    """One message to send (or sent) to one subscription over one channel."""

    delivery_id: str
    idempotency_key: str
    subscription_id: str
    channel: str  # "email" or "webhook"
    kind: str  # "alert" or "digest"
    period: str  # the digest's day, or the alerted event id
    event_ids: tuple[str, ...]
    status: str = PENDING
    attempts: int = 0
    last_error: str = ""


class WatchTables:
    """The watcher's tables in the store's database, reached as `store.watch`.

    Every call holds the store's lock, so the watcher, the alerts and the web share the one
    connection safely; a store error (StoreError) comes back as from any store call.
    """

    def __init__(self, *, run: RunFn, transaction: TransactionFn,
                 lock: AbstractContextManager[Any]) -> None:
        self._run = run
        self._transaction = transaction
        self._lock = lock

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._lock:
            return self._run(sql, params)[1]

    def _insert_many(self, head: str, tail: str, rows: Sequence[Sequence[Any]]) -> None:
        """`head VALUES (...), (...) tail` in chunks: one statement per chunk, not per row
        (DuckDB spends milliseconds on each statement)."""
        for i in range(0, len(rows), _CHUNK):
            chunk = rows[i : i + _CHUNK]
            marks = ", ".join("(" + ", ".join("?" * len(r)) + ")" for r in chunk)
            self._rows(f"{head} VALUES {marks} {tail}", [v for r in chunk for v in r])

    def _count(self, sql: str, params: Sequence[Any]) -> None:
        """Run a write that counts (polls, failures, attempts) in a transaction of its own.

        A store may retry a statement run outside a transaction after a lost connection (every
        other write here is idempotent), but never a transaction: a count whose commit reached
        the server before the connection dropped raises instead of counting twice.
        """
        with self.transaction():
            self._rows(sql, params)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One store transaction: committed when the block ends, rolled back if it raises."""
        with self._lock, self._transaction():
            yield

    # -- feeds and entries --------------------------------------------------------------------

    def feed_due(self, name: str, now: datetime) -> bool:
        rows = self._rows("SELECT next_poll FROM watch_feeds WHERE feed_name = ?", [name])
        return not rows or rows[0][0] is None or rows[0][0] <= now

    def next_poll(self, name: str) -> datetime | None:
        rows = self._rows("SELECT next_poll FROM watch_feeds WHERE feed_name = ?", [name])
        return rows[0][0] if rows else None

    def record_poll(
        self, name: str, url: str, *, at: datetime, next_poll: datetime, status: str, ok: bool
    ) -> None:
        self._count(
            "INSERT INTO watch_feeds (feed_name, url, last_polled, next_poll, last_status, polls,"
            " failures) VALUES (?, ?, ?, ?, ?, 1, ?) ON CONFLICT (feed_name) DO UPDATE SET"
            " url = excluded.url, last_polled = excluded.last_polled,"
            " next_poll = excluded.next_poll, last_status = excluded.last_status,"
            " polls = watch_feeds.polls + 1,"
            " failures = watch_feeds.failures + excluded.failures",
            [name, url, at, next_poll, status[:500], 0 if ok else 1],
        )

    def feeds(self) -> list[dict[str, Any]]:
        cols = ("feed_name", "url", "last_polled", "next_poll", "last_status", "polls", "failures")
        rows = self._rows(f"SELECT {', '.join(cols)} FROM watch_feeds ORDER BY feed_name")
        return [dict(zip(cols, r, strict=True)) for r in rows]

    def known_entries(self, entry_ids: Sequence[str]) -> set[str]:
        """The entries of `entry_ids` already handled (coded, failed for good, or skipped)."""
        found: set[str] = set()
        for i in range(0, len(entry_ids), _CHUNK):
            chunk = list(entry_ids[i : i + _CHUNK])
            rows = self._rows(
                f"SELECT entry_id FROM watch_entries WHERE entry_id IN ({_marks(len(chunk))})",
                chunk,
            )
            found.update(r[0] for r in rows)
        return found

    def record_entries(
        self, rows: Sequence[tuple[str, str, str | None, str | None, str, str]]
    ) -> None:
        """Note entries (entry_id, feed, link, article_id, status, detail) as handled."""
        at = utcnow()
        self._insert_many(
            "INSERT INTO watch_entries (entry_id, feed_name, link, article_id, status, detail,"
            " first_seen)",
            "ON CONFLICT (entry_id) DO NOTHING",
            [(e, f, link, a, st, d[:500], at) for e, f, link, a, st, d in rows],
        )

    def set_entry_status(self, entry_ids: Sequence[str], status: str) -> None:
        for i in range(0, len(entry_ids), _CHUNK):
            chunk = list(entry_ids[i : i + _CHUNK])
            self._rows(
                f"UPDATE watch_entries SET status = ? WHERE entry_id IN ({_marks(len(chunk))})",
                [status, *chunk],
            )

    def entries_with_status(self, status: str) -> list[tuple[str, str | None]]:
        """(entry_id, article_id) of every entry left in `status`."""
        rows = self._rows(
            "SELECT entry_id, article_id FROM watch_entries WHERE status = ? ORDER BY entry_id",
            [status],
        )
        return [(r[0], r[1]) for r in rows]

    def forget_entries(self, entry_ids: Sequence[str]) -> None:
        """Drop entries so the next poll handles them again (their batch never committed)."""
        for i in range(0, len(entry_ids), _CHUNK):
            chunk = list(entry_ids[i : i + _CHUNK])
            self._rows(f"DELETE FROM watch_entries WHERE entry_id IN ({_marks(len(chunk))})",
                       chunk)

    def events_of_articles(self, article_ids: Sequence[str]) -> list[str]:
        """Event ids holding reports of these articles, read from the store's reports table.

        Used only to recover after a crash between storing a batch and noting its changes.
        """
        if not article_ids:
            return []
        marks = ", ".join("?" * len(article_ids))
        rows = self._rows(
            f"SELECT DISTINCT event_id FROM reports WHERE article_id IN ({marks})"
            " ORDER BY event_id",
            list(article_ids),
        )
        return [r[0] for r in rows]

    def entry_counts(self) -> dict[str, int]:
        return dict(self._rows("SELECT status, COUNT(*) FROM watch_entries GROUP BY status"))

    # -- HTTP validators (the fetcher's ValidatorCache) ----------------------------------------

    def get_validators(self, url: str) -> Validators | None:
        rows = self._rows("SELECT etag, last_modified FROM http_validators WHERE url = ?", [url])
        return Validators(rows[0][0], rows[0][1]) if rows else None

    def put_validators(self, url: str, validators: Validators) -> None:
        self._rows(
            "INSERT INTO http_validators (url, etag, last_modified, updated_at) VALUES"
            " (?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,"
            " last_modified = excluded.last_modified, updated_at = excluded.updated_at",
            [url, validators.etag, validators.last_modified, utcnow()],
        )

    # -- subscriptions ------------------------------------------------------------------------

    def put_subscription(self, subscription_id: str, name: str, spec: dict[str, Any]) -> None:
        self._rows(
            "INSERT INTO subscriptions (subscription_id, name, spec, created_at, active) VALUES"
            " (?, ?, ?, ?, TRUE) ON CONFLICT (subscription_id) DO UPDATE SET"
            " name = excluded.name, spec = excluded.spec, active = TRUE",
            [subscription_id, name, json.dumps(spec, sort_keys=True), utcnow()],
        )

    def subscription_specs(self, *, active_only: bool = True) -> list[dict[str, Any]]:
        where = " WHERE active" if active_only else ""
        rows = self._rows(
            f"SELECT subscription_id, spec, created_at FROM subscriptions{where}"
            " ORDER BY created_at, subscription_id"
        )
        return [{**json.loads(spec), "subscription_id": sid, "created_at": at}
                for sid, spec, at in rows]

    def deactivate_subscription(self, subscription_id: str) -> bool:
        found = self._rows(
            "SELECT 1 FROM subscriptions WHERE subscription_id = ? AND active", [subscription_id]
        )
        self._rows(
            "UPDATE subscriptions SET active = FALSE WHERE subscription_id = ?", [subscription_id]
        )
        return bool(found)

    # -- deliveries: planned first, sent, then marked (at-least-once) --------------------------

    def plan(self, deliveries: Sequence[Delivery], *, now: datetime | None = None) -> int:
        """Record deliveries as pending (due at `now`) unless already recorded; return how
        many are new."""
        added = 0
        now = now or utcnow()
        with self.transaction():
            for d in deliveries:
                exists = self._rows(
                    "SELECT 1 FROM deliveries WHERE delivery_id = ?", [d.delivery_id]
                )
                if exists:
                    continue
                self._rows(
                    "INSERT INTO deliveries (delivery_id, idempotency_key, subscription_id,"
                    " channel, kind, period, event_ids, status, attempts, next_attempt,"
                    " last_error, created_at, sent_at) VALUES"
                    " (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, NULL, ?, NULL)",
                    [d.delivery_id, d.idempotency_key, d.subscription_id, d.channel, d.kind,
                     d.period, json.dumps(list(d.event_ids)), PENDING, now, now],
                )
                added += 1
        return added

    def due(self, now: datetime, limit: int = 100) -> list[Delivery]:
        rows = self._rows(
            "SELECT delivery_id, idempotency_key, subscription_id, channel, kind, period,"
            " event_ids, status, attempts, last_error FROM deliveries"
            " WHERE status = ? AND next_attempt <= ? ORDER BY created_at, delivery_id LIMIT ?",
            [PENDING, now, limit],
        )
        return [_delivery(r) for r in rows]

    def mark_sent(self, delivery_id: str) -> None:
        self._count(
            "UPDATE deliveries SET status = ?, sent_at = ?, attempts = attempts + 1,"
            " last_error = NULL WHERE delivery_id = ?",
            [SENT, utcnow(), delivery_id],
        )

    def mark_failed(self, delivery_id: str, error: str, retry_at: datetime) -> None:
        """Keep the delivery pending and try again at `retry_at`: nothing is given up."""
        self._count(
            "UPDATE deliveries SET attempts = attempts + 1, last_error = ?, next_attempt = ?"
            " WHERE delivery_id = ?",
            [error[:500], retry_at, delivery_id],
        )

    def deliveries(self, subscription_id: str | None = None) -> list[Delivery]:
        where, params = ("WHERE subscription_id = ?", [subscription_id]) if subscription_id \
            else ("", [])
        rows = self._rows(
            "SELECT delivery_id, idempotency_key, subscription_id, channel, kind, period,"
            f" event_ids, status, attempts, last_error FROM deliveries {where}"
            " ORDER BY created_at, delivery_id",
            params,
        )
        return [_delivery(r) for r in rows]

    # -- fatality history and marks -----------------------------------------------------------

    def record_fatalities(self, rows: Sequence[tuple[str, str, str, int, str]]) -> None:
        """Keep each report's figure (event_id, report_id, reported, fatalities, source)."""
        at = utcnow()
        self._insert_many(
            "INSERT INTO fatality_history (event_id, report_id, reported, fatalities, source,"
            " recorded_at)",
            "ON CONFLICT (event_id, report_id) DO NOTHING",
            [(*row, at) for row in rows],
        )

    def fatality_history(self, event_id: str) -> list[dict[str, Any]]:
        cols = ("report_id", "reported", "fatalities", "source", "recorded_at")
        rows = self._rows(
            f"SELECT {', '.join(cols)} FROM fatality_history WHERE event_id = ?"
            " ORDER BY reported, recorded_at, report_id",
            [event_id],
        )
        return [dict(zip(cols, r, strict=True)) for r in rows]

    def record_changes(self, changes: Sequence[tuple[str, int]], at: datetime) -> None:
        """Note that events (event_id, fatalities) were added or updated at `at`."""
        self._insert_many(
            "INSERT INTO watch_changes (event_id, changed_at, fatalities, planned)",
            "ON CONFLICT (event_id, changed_at) DO NOTHING",
            [(event_id, at, fatalities, False) for event_id, fatalities in changes],
        )

    def unplanned_changes(self) -> list[tuple[str, datetime]]:
        rows = self._rows(
            "SELECT event_id, changed_at FROM watch_changes WHERE NOT planned"
            " ORDER BY changed_at, event_id"
        )
        return [(r[0], r[1]) for r in rows]

    def mark_planned(self, changes: Sequence[tuple[str, datetime]]) -> None:
        with self.transaction():
            for event_id, at in changes:
                self._rows(
                    "UPDATE watch_changes SET planned = TRUE WHERE event_id = ? AND changed_at = ?",
                    [event_id, at],
                )

    def changed_between(self, start: datetime, end: datetime) -> list[str]:
        """Event ids added or updated in [start, end), most recently changed first."""
        rows = self._rows(
            "SELECT event_id, MAX(changed_at) AS last FROM watch_changes"
            " WHERE changed_at >= ? AND changed_at < ? GROUP BY event_id"
            " ORDER BY last DESC, event_id",
            [start, end],
        )
        return [r[0] for r in rows]

    def has_delivery(self, subscription_id: str, kind: str, period: str) -> bool:
        rows = self._rows(
            "SELECT 1 FROM deliveries WHERE subscription_id = ? AND kind = ? AND period = ?"
            " LIMIT 1",
            [subscription_id, kind, period],
        )
        return bool(rows)

    def get_mark(self, name: str) -> str | None:
        rows = self._rows("SELECT value FROM watch_marks WHERE name = ?", [name])
        return rows[0][0] if rows else None

    def set_mark(self, name: str, value: str) -> None:
        self._rows(
            "INSERT INTO watch_marks (name, value) VALUES (?, ?)"
            " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            [name, value],
        )


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _delivery(row: tuple) -> Delivery:
    return Delivery(row[0], row[1], row[2], row[3], row[4], row[5], tuple(json.loads(row[6])),
                    row[7], row[8], row[9] or "")
