"""The watcher's tables as portable SQL (DuckDB and PostgreSQL): feed state, entries seen,
HTTP validators, subscriptions, deliveries with idempotency keys, changed events, fatality
history. Applied by the store as migration 3; read and written through `store.watch`."""

from __future__ import annotations

WATCH_SCHEMA: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS watch_feeds (
    feed_name TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    last_polled TIMESTAMP,
    next_poll TIMESTAMP,
    last_status TEXT,
    polls INTEGER NOT NULL,
    failures INTEGER NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS watch_entries (
    entry_id TEXT PRIMARY KEY,
    feed_name TEXT NOT NULL,
    link TEXT,
    article_id TEXT,
    status TEXT NOT NULL,
    detail TEXT,
    first_seen TIMESTAMP NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS http_validators (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    updated_at TIMESTAMP NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS subscriptions (
    subscription_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    spec TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    active BOOLEAN NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS deliveries (
    delivery_id TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL,
    subscription_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    period TEXT NOT NULL,
    event_ids TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt TIMESTAMP NOT NULL,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
)""",
    """CREATE TABLE IF NOT EXISTS fatality_history (
    event_id TEXT NOT NULL,
    report_id TEXT NOT NULL,
    reported TEXT NOT NULL,
    fatalities INTEGER NOT NULL,
    source TEXT,
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (event_id, report_id)
)""",
    """CREATE TABLE IF NOT EXISTS watch_changes (
    event_id TEXT NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    fatalities INTEGER NOT NULL,
    planned BOOLEAN NOT NULL,
    PRIMARY KEY (event_id, changed_at)
)""",
    """CREATE TABLE IF NOT EXISTS watch_marks (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
)""",
    "CREATE INDEX IF NOT EXISTS deliveries_status_idx ON deliveries (status, next_attempt)",
    "CREATE INDEX IF NOT EXISTS watch_changes_at_idx ON watch_changes (changed_at)",
    "CREATE INDEX IF NOT EXISTS watch_entries_status_idx ON watch_entries (status)",
)
