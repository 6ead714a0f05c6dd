"""The database schema as numbered migrations, in SQL that DuckDB and PostgreSQL both accept.

A migration is never edited once released: a change to the schema is a new migration with
the next number. `schema_version` holds one row per applied migration.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import ACLED_COLUMNS
from .watch_schema import WATCH_SCHEMA

# SQL types of the event columns; the same declarations serve the events and reports tables.
_INTEGER_COLUMNS = {"time_precision", "inter1", "inter2", "interaction", "geo_precision",
                    "fatalities"}
_FLOAT_COLUMNS = {"latitude", "longitude", "confidence"}


def _column_type(name: str) -> str:
    if name == "event_date":
        return "DATE"
    if name in _INTEGER_COLUMNS:
        return "INTEGER"
    if name in _FLOAT_COLUMNS:
        return "DOUBLE PRECISION"
    if name == "geonameid":
        return "BIGINT"
    return "TEXT"


def _event_columns_sql() -> str:
    names = [c for c in ACLED_COLUMNS if c != "event_id"]
    names += ["source_url", "evidence", "confidence", "geonameid"]
    return ",\n    ".join(f"{name} {_column_type(name)}" for name in names)


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema: its number, what it does, and its statements."""

    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, reports, events and failures",
        (
            """CREATE TABLE articles (
    article_id TEXT PRIMARY KEY,
    url TEXT,
    source TEXT,
    title TEXT,
    published DATE,
    language TEXT,
    text TEXT NOT NULL,
    n_reports INTEGER NOT NULL,
    added_at TIMESTAMP NOT NULL
)""",
            f"""CREATE TABLE events (
    event_id TEXT PRIMARY KEY,
    {_event_columns_sql()},
    article_id TEXT,
    n_reports INTEGER NOT NULL,
    first_seen TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
)""",
            f"""CREATE TABLE reports (
    report_id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    {_event_columns_sql()},
    evidence_start INTEGER,
    evidence_end INTEGER,
    cell BIGINT,
    added_at TIMESTAMP NOT NULL
)""",
            """CREATE TABLE failures (
    failure_id TEXT PRIMARY KEY,
    input TEXT NOT NULL,
    stage TEXT NOT NULL,
    error TEXT NOT NULL,
    first_seen TIMESTAMP NOT NULL
)""",
            "CREATE INDEX reports_event_idx ON reports (event_id)",
            "CREATE INDEX reports_article_idx ON reports (article_id)",
            "CREATE INDEX reports_cell_idx ON reports (cell)",
            "CREATE INDEX reports_place_idx ON reports (geonameid)",
            "CREATE INDEX events_date_idx ON events (event_date)",
        ),
    ),
    Migration(
        2,
        "latitude/longitude index for bounding-box and area queries",
        ("CREATE INDEX events_lat_lon_idx ON events (latitude, longitude)",),
    ),
    Migration(
        3,
        "watcher state: feeds, entries, HTTP validators, subscriptions, deliveries, history",
        WATCH_SCHEMA,
    ),
    Migration(
        4,
        "reports keep the spans the coder found (JSON), for the event panel's highlights",
        ("ALTER TABLE reports ADD COLUMN mentions TEXT",),
    ),
)

LATEST_VERSION: int = MIGRATIONS[-1].version

# Statement that creates the version table itself (applied before any migration).
VERSION_TABLE = """CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at TIMESTAMP NOT NULL
)"""

# Columns of each table that the store writes, in insert order.
ARTICLE_COLUMNS = ("article_id", "url", "source", "title", "published", "language", "text",
                   "n_reports", "added_at")
REPORT_COLUMNS = ("report_id", "event_id", "article_id",
                  *[c for c in ACLED_COLUMNS if c != "event_id"],
                  "source_url", "evidence", "confidence", "geonameid",
                  "evidence_start", "evidence_end", "cell", "added_at", "mentions")
EVENT_TABLE_COLUMNS = ("event_id", *[c for c in ACLED_COLUMNS if c != "event_id"],
                       "source_url", "evidence", "confidence", "geonameid", "article_id",
                       "n_reports", "first_seen", "updated_at")
FAILURE_COLUMNS = ("failure_id", "input", "stage", "error", "first_seen")
