"""The PostgreSQL store (psycopg 3): the shared schema and queries, safe for many writers.

Several `run`/`watch` processes and the API may write to one database at once. Ids are
content hashes with unique constraints and `ON CONFLICT` upserts; each batch is one
transaction that first takes advisory locks on the space-time cells its reports could merge
in (see `merge_locks`) and row locks on the stored events they may join, so two writers never
found two events for one. A lost connection or a deadlock rolls the batch back and it is
retried with backoff on a new connection; re-adding a batch that did commit adds nothing.
"""

from __future__ import annotations

import logging
import random
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import psycopg

from ..errors import StoreError
from ..models import Report
from ..settings import MergeSettings
from .area_filters import POSTGIS_INDEX_SQL, Area, postgis_sql, prefilter_sql
from .base import Batch, BatchResult
from .locks import GLOBAL_KEY, MIGRATION_KEY, MergeLocks, merge_locks
from .sql import SqlStore

log = logging.getLogger(__name__)
T = TypeVar("T")

# Dates and times come back the same whatever the server's defaults.
_SESSION_OPTIONS = "-c DateStyle=ISO,YMD -c TimeZone=UTC"
# SQLSTATE classes worth another try on a fresh connection: connection exceptions (08),
# serialization failure and deadlock (40), server shutting down (57P0x).
_RETRY_SQLSTATE = re.compile(r"^(08|40|57P0)")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how patiently a batch is retried after a lost connection or deadlock."""

    attempts: int = 8
    first_delay: float = 0.25  # seconds; doubled after each failure
    max_delay: float = 10.0


def redact(url: str) -> str:
    """`url` without its password, for messages and logs."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "postgresql://..."
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc}" if user else netloc))


_DEFAULT_RETRY = RetryPolicy()


class ConnectionLost(StoreError):
    """The connection to the database was lost."""


class LockTableFull(StoreError):
    """The server's lock table is full."""


class PostgresStore(SqlStore):
    """A Store in a PostgreSQL database named by a `postgresql://` URL."""

    engine = "postgresql"
    max_params = 65_535

    def __init__(
        self,
        url: str,
        *,
        read_only: bool = False,
        upgrade: bool = True,
        merge_options: MergeSettings | None = None,
        retry: RetryPolicy = _DEFAULT_RETRY,
        connect_timeout: int = 10,
        postgis: bool | None = None,
    ) -> None:
        super().__init__(redact(url), merge_options=merge_options)
        self._dsn = url
        self.retry = retry
        self.read_only = read_only
        self._connect_timeout = connect_timeout
        self._conn: psycopg.Connection | None = None
        self._in_transaction = False
        self._pending_locks: MergeLocks | None = None
        self._types: dict[str, dict[str, str]] = {}  # table -> column -> SQL type
        self._conn = self._connect(first=True)
        try:
            self._check_schema(upgrade=upgrade and not read_only)
            if upgrade and read_only:  # cannot migrate, so refuse to read an old schema
                self._require_current()
            # PostGIS answers area queries when the server has it (None: use it if there).
            self.postgis = postgis is not False and self._setup_postgis(
                install=upgrade and not read_only
            )
        except BaseException:
            self.close()
            raise

    # -- connection ---------------------------------------------------------------------------

    def _connect(self, *, first: bool = False) -> psycopg.Connection:
        """A new connection; a server down at start is an error, later it is retried."""
        try:
            conn = psycopg.connect(
                self._dsn, autocommit=True, connect_timeout=self._connect_timeout,
                options=_SESSION_OPTIONS, application_name="conflictwire",
            )
        except psycopg.Error as exc:
            if first:
                raise StoreError(f"cannot connect to {self.url}: {_first_line(exc)}") from None
            raise ConnectionLost(f"08000 cannot reconnect: {_first_line(exc)}") from None
        if self.read_only:
            conn.execute("SET default_transaction_read_only = on")
        return conn

    def _reconnect(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self._conn = self._connect()

    def _usable(self) -> bool:
        return self._conn is not None and not self._conn.closed and not self._conn.broken

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # -- statements and transactions ----------------------------------------------------------

    def _run(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple]]:
        if self._in_transaction:
            return self._execute(sql, params)
        # Outside a transaction every statement is a read or an idempotent write: retry it
        # (the watcher's counts, which are not, run in transactions: WatchTables._count).
        return self._retrying(lambda: self._execute(sql, params))

    def _execute(self, sql: str, params: Sequence[Any]) -> tuple[list[str], list[tuple]]:
        if not self._usable():
            if self._in_transaction:
                raise ConnectionLost("08003 connection closed in a transaction")
            self._reconnect()
        assert self._conn is not None
        try:
            cursor = self._conn.execute(psycopg_sql(sql), list(params))
            if cursor.description is None:
                return [], []
            return [d.name for d in cursor.description], cursor.fetchall()
        except psycopg.Error as exc:
            raise _translate(exc, self.url) from exc

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if not self._usable():
            self._reconnect()
        assert self._conn is not None
        self._in_transaction = True
        try:
            with self._conn.transaction():
                if self._pending_locks is not None:
                    self._take(self._pending_locks)
                yield
        except psycopg.Error as exc:
            raise _translate(exc, self.url) from exc
        finally:
            self._in_transaction = False

    def _retrying(self, action: Callable[[], T]) -> T:
        delay = self.retry.first_delay
        for attempt in range(1, self.retry.attempts + 1):
            try:
                return action()
            except ConnectionLost as exc:
                if attempt == self.retry.attempts:
                    raise StoreError(
                        f"{self.url}: gave up after {attempt} attempts: {exc.detail}"
                    ) from exc
                log.warning("%s; retrying in %.1f s (attempt %d of %d)", exc, delay,
                            attempt + 1, self.retry.attempts)
                time.sleep(delay * (0.5 + random.random()))
                delay = min(self.retry.max_delay, delay * 2)
                if not self._usable() and self._conn is not None:
                    self._conn.close()
                    self._conn = None  # the next attempt connects again
        raise AssertionError("unreachable")

    # -- many writers ---------------------------------------------------------------------------

    def add_batches(self, batches: Sequence[Batch]) -> list[BatchResult]:
        """Store batches in one transaction, retried whole after a lost connection.

        The transaction locks the cells its reports could merge in before reading candidate
        events, so concurrent writers merging reports of one event do so one after another.
        """
        locks = merge_locks([r for b in batches for r in b.reports], self.merge_options)

        def attempt() -> list[BatchResult]:
            nonlocal locks
            self._pending_locks = locks
            try:
                return super(PostgresStore, self).add_batches(batches)
            except LockTableFull:
                if locks.exclusive_global:
                    raise
                # Too many writers holding cell locks at once: this batch takes the one lock.
                locks = MergeLocks((), True)
                raise ConnectionLost("53200 lock table full: retry under the global lock") from None
            finally:
                self._pending_locks = None

        with self._lock:
            return self._retrying(attempt)

    def _take(self, locks: MergeLocks) -> None:
        if locks.exclusive_global:
            self._execute("SELECT pg_advisory_xact_lock(?)", [GLOBAL_KEY])
            return
        if not locks.keys:
            return
        self._execute("SELECT pg_advisory_xact_lock_shared(?)", [GLOBAL_KEY])
        # One statement, keys in sorted order: every writer locks in the same order.
        self._execute(
            "SELECT count(pg_advisory_xact_lock(k)) FROM "
            "(SELECT unnest(CAST(? AS BIGINT[])) AS k ORDER BY k) AS keys",
            [list(locks.keys)],
        )

    def _candidates(self, reports: Sequence[Report]) -> dict[str, list[Report]]:
        """Candidate events, their reports read again after locking the event rows.

        The cell locks already keep out any writer that could add a new candidate; a writer
        adding a far report to a candidate event is kept out by the row lock, and the reads
        after it see that writer's reports, so no update to an event is lost.
        """
        found = super()._candidates(reports)
        if not found:
            return found
        ids = sorted(found)
        self._execute(
            "SELECT event_id FROM events WHERE event_id = ANY(?) ORDER BY event_id FOR UPDATE",
            [ids],
        )
        return self._stored_reports(ids)

    # -- bulk paths: one array parameter per column, whatever the number of rows -------------

    def _insert(self, table: str, columns: Sequence[str], rows: Sequence[tuple],
                conflict: str = "DO NOTHING") -> None:
        if not rows:
            return
        types = self._column_types(table)
        arrays = [_typed_list(values, types[c])
                  for c, values in zip(columns, zip(*rows, strict=True), strict=True)]
        unnest = ", ".join(f"CAST(? AS {types[c]}[])" for c in columns)
        self._run(
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM unnest({unnest}) "
            f"ON CONFLICT ({columns[0]}) {conflict}",
            arrays,
        )

    def _probe(self, sql: str, columns: Sequence[tuple[str, str]],
               rows: Sequence[tuple]) -> list[tuple]:
        if not rows:
            return []
        arrays = [_typed_list(values, kind)
                  for (_, kind), values in zip(columns, zip(*rows, strict=True), strict=True)]
        unnest = ", ".join(f"CAST(? AS {kind}[])" for _, kind in columns)
        names = ", ".join(name for name, _ in columns)
        _, found = self._run(sql.format(probe=f"unnest({unnest}) AS q({names})"), arrays)
        return found

    def _column_types(self, table: str) -> dict[str, str]:
        if table not in self._types:
            _, rows = self._run(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? AND table_schema = current_schema()", [table])
            self._types[table] = {name: kind.upper() for name, kind in rows}
        return self._types[table]

    def upgrade(self) -> list[int]:
        """Apply pending migrations; concurrent upgraders wait for each other."""
        with self._migration_lock():
            applied = super().upgrade()
            if self._has_postgis():
                self._run(POSTGIS_INDEX_SQL)
        return applied

    def _area_sql(self, area: Area, where: str, params: list[Any]) -> tuple[str, list[Any]]:
        """PostGIS tests the points in the database (GiST index); without it, shapely does."""
        if not self.postgis:
            return super()._area_sql(area, where, params)
        pre, pre_params = prefilter_sql(area)
        exact, exact_params = postgis_sql(area)
        return f"{pre} AND {exact}", pre_params + exact_params

    def _setup_postgis(self, *, install: bool) -> bool:
        """True when PostGIS is usable here; installs it and its index when allowed and able."""
        if self._postgis_ready():
            return True
        if not install:
            return self._has_postgis()
        with self._migration_lock():  # other processes may be opening the database too
            if not self._has_postgis():
                _, available = self._run(
                    "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'"
                )
                if not available:
                    return False
                try:
                    self._run("CREATE EXTENSION IF NOT EXISTS postgis")
                except StoreError as exc:  # not allowed (it needs a superuser): go without
                    log.info("PostGIS not installed in %s: %s", self.url, exc.detail)
                    return False
            if self._schema_version() > 0:
                self._run(POSTGIS_INDEX_SQL)
        return True

    def _has_postgis(self) -> bool:
        return bool(self._run("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")[1])

    def _postgis_ready(self) -> bool:
        return self._has_postgis() and bool(self._run(
            "SELECT 1 FROM pg_indexes WHERE indexname = 'events_point_gist' "
            "AND schemaname = current_schema()"
        )[1])

    @contextmanager
    def _migration_lock(self) -> Iterator[None]:
        """A session lock that serialises schema changes across processes."""
        with self._lock:
            self._execute("SELECT pg_advisory_lock(?)", [MIGRATION_KEY])
            try:
                yield
            finally:
                if self._usable():
                    self._execute("SELECT pg_advisory_unlock(?)", [MIGRATION_KEY])

    def _schema_version(self) -> int:
        # Only this database's own schema counts (PostGIS and others add their own tables).
        _, found = self._run(
            "SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_version' "
            "AND table_schema = current_schema()"
        )
        if not found:
            return 0
        _, rows = self._run("SELECT MAX(version) FROM schema_version")
        return int(rows[0][0] or 0)


@lru_cache(maxsize=512)
def psycopg_sql(sql: str) -> str:
    """The store's `?` placeholders as psycopg's `%s` (and literal `%` escaped), outside quotes."""
    out: list[str] = []
    quoted = False
    for ch in sql:
        if ch == "'":
            quoted = not quoted
            out.append(ch)
        elif ch == "%":
            out.append("%%")
        elif ch == "?" and not quoted:
            out.append("%s")
        else:
            out.append(ch)
    return "".join(out)


_PY_TYPES: dict[str, type] = {"INTEGER": int, "BIGINT": int, "DOUBLE PRECISION": float,
                               "TEXT": str}


def _typed_list(values: Sequence[Any], sql_type: str) -> list[Any]:
    """Values as one Python type, so psycopg can send them as one array (ints in a float
    column, say, would otherwise make a mixed list it refuses)."""
    convert = _PY_TYPES.get(sql_type)
    if convert is None:
        return list(values)
    return [None if v is None else convert(v) for v in values]


def _translate(exc: psycopg.Error, url: str) -> StoreError:
    state = getattr(exc, "sqlstate", None) or ""
    if state == "53200":  # out of shared memory: the lock table
        return LockTableFull(f"{url}: {_first_line(exc)}")
    if isinstance(exc, psycopg.OperationalError) and (not state or _RETRY_SQLSTATE.match(state)):
        return ConnectionLost(f"{state or '08000'} {_first_line(exc)}")
    if _RETRY_SQLSTATE.match(state):
        return ConnectionLost(f"{state} {_first_line(exc)}")
    return StoreError(f"{url}: {_first_line(exc)}")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
