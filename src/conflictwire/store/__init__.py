"""Open the event store named by `--db` or CONFLICTWIRE_DB: a DuckDB file by default.

`open_store(None)` uses $CONFLICTWIRE_DB, else `conflictwire.duckdb` in the current folder.
A plain path or `duckdb:///path` opens DuckDB; a `postgresql://` (or `postgres://`) URL
opens the PostgreSQL store. Anything else is refused with a one-line error.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .._exports import lazy_exports
from ..errors import StoreError
from ..settings import MergeSettings
from .base import (
    EVENT_ROW_COLUMNS,
    ORDER_KEYS,
    STATS_KEYS,
    BatchResult,
    EventFilter,
    SchemaStatus,
    Store,
)

# The SQL store and the watcher's tables load on first use (they pull in DuckDB's driver
# helpers, numpy and shapely), so a command's --help does not wait for them.
__getattr__ = lazy_exports(__name__, {
    "page_cursor": "sql", "Delivery": "watch_tables", "WatchTables": "watch_tables",
})

DEFAULT_DB = "conflictwire.duckdb"
ENV_VAR = "CONFLICTWIRE_DB"
# "name:" at the start: a URL scheme (a Windows drive letter is one letter, not a scheme).
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")

__all__ = [
    "DEFAULT_DB", "ENV_VAR", "EVENT_ROW_COLUMNS", "ORDER_KEYS", "STATS_KEYS", "BatchResult",
    "Delivery", "EventFilter", "SchemaStatus", "Store", "WatchTables", "open_store",
    "page_cursor", "resolve_db",
]


def resolve_db(url: str | Path | None) -> tuple[str, str]:
    """(engine, target) for a `--db` value: ("duckdb", path) or ("postgresql", url).

    Raises StoreError for a URL scheme conflictwire does not know.
    """
    text = str(url) if url is not None else os.environ.get(ENV_VAR) or DEFAULT_DB
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql", text
    if text.startswith("duckdb://"):
        # SQLAlchemy's convention: duckdb:///file.duckdb is relative, duckdb:////abs/path.
        path = text[len("duckdb://"):]
        path = path[1:] if path.startswith("/") else path
        return "duckdb", path or DEFAULT_DB
    if "://" in text or _SCHEME.match(text):
        from .postgres import redact

        raise StoreError(f"{redact(text)!r} is neither a path nor a database URL of a known "
                         "scheme; use a path, duckdb:///path or postgresql://user@host/dbname")
    if not text.strip() or "\x00" in text:
        raise StoreError(f"{text!r} is not a database path")
    if Path(text).is_dir():
        raise StoreError(f"{text} is a folder, not a database file")
    return "duckdb", text


def open_store(url: str | Path | None = None, *, read_only: bool = False,
               upgrade: bool = True, merge_options: MergeSettings | None = None) -> Store:
    """Open (creating if needed) the store at `url`; apply pending migrations unless told not.

    `merge_options` (the settings' [merge] section, with its [matching]) decide which
    reports become one event; the packaged ones by default.

    `upgrade=False` opens without migrating (for `db status`); a read-only store of an
    older schema is refused unless `upgrade=False`. Raises StoreError when the
    database cannot be opened, SchemaVersionError when it is newer than this conflictwire.
    """
    engine, target = resolve_db(url)
    if engine == "postgresql":
        from .postgres import PostgresStore

        return PostgresStore(target, read_only=read_only, upgrade=upgrade,
                             merge_options=merge_options)
    from .duckdb import DuckDBStore

    return DuckDBStore(target, read_only=read_only, upgrade=upgrade,
                       merge_options=merge_options)
