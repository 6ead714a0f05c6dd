"""The Store implemented once in portable SQL; an engine subclass supplies only the connection.

Everything here is plain SQL that DuckDB and PostgreSQL both accept, written with `?`
placeholders. An engine subclass implements `_run` (rewriting `?` to its own style, e.g.
psycopg's `%s`), `_transaction` and `close`, and may override the two bulk paths, `_insert`
and `_probe`, with something faster (DuckDB registers arrays; PostgreSQL could COPY). The
portable bulk paths are tested on DuckDB too (tests/store/test_store.py, "portable-sql").
"""

from __future__ import annotations

import base64
import json
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime, timedelta
from typing import Any

from ..errors import SchemaVersionError, StoreError
from ..events.matching import DAYS_BY_PRECISION, MAX_DAY_GAP
from ..events.merge import cells_near, placeless_key
from ..geo.acled_countries import match_keys
from ..models import AGGREGATE, Article, Failure, Report
from ..settings import MergeSettings, packaged_settings
from . import rows as R
from .area_filters import area_by_shapely, parse_area
from .base import (
    ALL_EVENTS,
    ORDER_KEYS,
    STATS_KEYS,
    Batch,
    BatchResult,
    EventFilter,
    SchemaStatus,
)
from .batches import Plan, Stored, new_reports, plan_batches
from .schema import (
    ARTICLE_COLUMNS,
    EVENT_TABLE_COLUMNS,
    FAILURE_COLUMNS,
    LATEST_VERSION,
    MIGRATIONS,
    REPORT_COLUMNS,
    VERSION_TABLE,
)
from .watch_tables import WatchTables

# Sort expressions never see NULL, so keyset paging compares plain values.
_SORT_SQL = {
    "event_date": "COALESCE(event_date, CAST('0001-01-01' AS DATE))",
    "fatalities": "COALESCE(fatalities, -1)",
    "n_reports": "n_reports",
    "country": "COALESCE(country, '')",
    "event_type": "COALESCE(event_type, '')",
}
_SORT_NULL = {"event_date": "0001-01-01", "fatalities": -1, "country": "", "event_type": ""}
_CURSOR_CAST = {"event_date": "CAST(? AS DATE)"}
_STATS_SQL = {
    "day": "CAST(event_date AS TEXT)",
    "month": "substr(CAST(event_date AS TEXT), 1, 7)",
    "event_type": "event_type",
    "sub_event_type": "sub_event_type",
    "country": "country",
    "admin1": "admin1",
}
_PAGE = 1000
# The probe relation of `_candidates`: a key (cell or GeoNames id) and two date windows.
_PROBE_COLUMNS = (("k", "BIGINT"), ("lo", "DATE"), ("hi", "DATE"), ("wide_lo", "DATE"),
                  ("wide_hi", "DATE"))
# A list of keys bound as one array parameter (see `_known`).
_ANY_TEXT = "SELECT unnest(CAST(? AS TEXT[]))"
_MERGE_SELECT = ", ".join(f"r.{c}" for c in R.MERGE_COLUMNS)
_PROBE_DAYS = 32  # reports' date windows are joined by key and this many days


def page_cursor(row: dict[str, Any], order_by: str = "event_date") -> str:
    """The opaque cursor that continues a listing after `row` (pass it as `after`)."""
    value = row.get(order_by)
    if value is None:
        value = _SORT_NULL.get(order_by)
    raw = json.dumps([value, row["event_id"]]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[Any, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, event_id = json.loads(raw)
    except (ValueError, TypeError) as exc:
        raise StoreError(f"malformed page cursor {cursor!r}") from exc
    return value, str(event_id)


def filter_sql(flt: EventFilter) -> tuple[str, list[Any]]:
    """A WHERE clause (without the keyword, "1=1" when empty) and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []

    def one_of(expr: str, values: Sequence[str]) -> None:
        clauses.append(f"{expr} IN ({_marks(len(values))})")
        params.extend(v.lower() for v in values)

    if flt.date_from:
        clauses.append("event_date >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        clauses.append("event_date <= ?")
        params.append(flt.date_to)
    if flt.countries:
        # Any spelling of a country matches any other: stores hold numeric codes, older ones
        # alpha codes, and names in ACLED's or GeoNames' spelling.
        keys = list(dict.fromkeys(k for c in flt.countries for k in match_keys(c)))
        marks = _marks(len(keys))
        clauses.append(f"(lower(country) IN ({marks}) OR lower(iso) IN ({marks}))")
        params.extend(keys * 2)
    if flt.admin1:
        one_of("lower(admin1)", flt.admin1)
    if flt.event_types:
        one_of("lower(event_type)", flt.event_types)
    if flt.sub_event_types:
        one_of("lower(sub_event_type)", flt.sub_event_types)
    if flt.actor:
        cols = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
        clauses.append("(" + " OR ".join(f"lower({c}) LIKE ? ESCAPE '\\'" for c in cols) + ")")
        params.extend([_like(flt.actor)] * len(cols))
    if flt.text:
        clauses.append("(lower(notes) LIKE ? ESCAPE '\\' OR lower(evidence) LIKE ? ESCAPE '\\')")
        params.extend([_like(flt.text)] * 2)
    if flt.bbox:
        west, south, east, north = flt.bbox
        clauses.append("latitude BETWEEN ? AND ?")
        params.extend([south, north])
        if west <= east:
            clauses.append("longitude BETWEEN ? AND ?")
        else:  # the box crosses the antimeridian
            clauses.append("(longitude >= ? OR longitude <= ?)")
        params.extend([west, east])
    if flt.min_fatalities is not None:
        clauses.append("fatalities >= ?")
        params.append(flt.min_fatalities)
    if not flt.aggregates:
        clauses.append(f"coalesce(tags, '') NOT LIKE '%{AGGREGATE}%'")
    if flt.event_ids:
        clauses.append(f"event_id IN ({_marks(len(flt.event_ids))})")
        params.extend(flt.event_ids)
    return (" AND ".join(clauses) or "1=1"), params


def _widen(spans: dict[int, list[date]], key: int, window: Sequence[date]) -> None:
    """Make the date windows (lo, hi, wide_lo, wide_hi) at `key` cover `window` too."""
    span = spans.get(key)
    if span is None:
        spans[key] = list(window)
        return
    span[0], span[1] = min(span[0], window[0]), max(span[1], window[1])
    span[2], span[3] = min(span[2], window[2]), max(span[3], window[3])


def _marks(n: int) -> str:
    return ", ".join(["?"] * n)


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class SqlStore(ABC):
    """A Store over any SQL engine; subclasses connect and run statements."""

    engine: str = "sql"
    max_params: int = 30_000  # bind parameters per statement (PostgreSQL allows 65,535)

    def __init__(self, url: str, *, merge_options: MergeSettings | None = None) -> None:
        self.url = url
        # Which reports become one event: the packaged [merge] settings unless given.
        self.merge_options = merge_options or packaged_settings().merge
        # One lock serialises every call: the embedded engine has a single connection.
        self._lock = threading.RLock()
        self.read_only = False
        # The watcher's tables, on this store's connection and under its lock.
        self.watch = WatchTables(run=self._run, transaction=self._transaction, lock=self._lock)

    # -- what an engine provides ------------------------------------------------------------

    @abstractmethod
    def _run(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple]]:
        """Execute one statement; return column names and rows (empty for statements)."""

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[None]:
        """Commit on normal exit, roll back on an exception."""

    @abstractmethod
    def close(self) -> None: ...

    # -- opening and migrations -------------------------------------------------------------

    def _check_schema(self, *, upgrade: bool) -> None:
        """Refuse a database from a newer conflictwire; upgrade an older one if allowed."""
        status = self.schema_status()
        if status.version > status.latest:
            raise SchemaVersionError(
                f"{self.url} has schema version {status.version} but this conflictwire "
                f"knows versions up to {status.latest}; install a newer conflictwire"
            )
        if status.pending and upgrade:
            self.upgrade()

    def schema_status(self) -> SchemaStatus:
        with self._lock:
            version = self._schema_version()
        pending = tuple(m.version for m in MIGRATIONS if m.version > version)
        return SchemaStatus(self.url, self.engine, version, LATEST_VERSION, pending)

    def _schema_version(self) -> int:
        _, found = self._run(
            "SELECT table_name FROM information_schema.tables WHERE table_name = ?",
            ["schema_version"],
        )
        if not found:
            return 0
        _, rows = self._run("SELECT MAX(version) FROM schema_version")
        return int(rows[0][0] or 0)

    def upgrade(self) -> list[int]:
        applied: list[int] = []
        with self._lock:
            with self._transaction():
                self._run(VERSION_TABLE)
            for migration in MIGRATIONS:
                if migration.version <= self._schema_version():
                    continue
                with self._transaction():
                    for statement in migration.statements:
                        self._run(statement)
                    self._run(
                        "INSERT INTO schema_version (version, description, applied_at) "
                        "VALUES (?, ?, ?)",
                        [migration.version, migration.description, R.now()],
                    )
                applied.append(migration.version)
        return applied

    def _require_current(self) -> None:
        status = self.schema_status()
        if status.pending:
            raise SchemaVersionError(
                f"{self.url} is at schema version {status.version}, needs {status.latest}: "
                "run `conflictwire db upgrade`"
            )

    # -- writing ------------------------------------------------------------------------------

    def add_batch(
        self,
        articles: Sequence[Article],
        reports: Sequence[Report],
        failures: Sequence[Failure] = (),
    ) -> BatchResult:
        return self.add_batches([Batch(articles, reports, failures)])[0]

    def add_batches(self, batches: Sequence[Batch]) -> list[BatchResult]:
        at = R.now()
        with self._lock, self._transaction():
            plan = self._plan(batches, at)
            self._insert("articles", ARTICLE_COLUMNS, plan.articles)
            self._upsert_events(plan.events)
            self._insert("reports", REPORT_COLUMNS, plan.reports)
            self._insert("failures", FAILURE_COLUMNS, plan.failures)
        return plan.results

    def _plan(self, batches: Sequence[Batch], at: datetime) -> Plan:
        """Read what the batches need from the store (in a few queries) and merge them."""
        articles = [a for b in batches for a in b.articles]
        stored = Stored(
            articles=self._known("articles", "article_id", [a.id for a in articles]),
            reports=self._known("reports", "report_id",
                                [r.report_id for b in batches for r in b.reports]),
            failures=self._known("failures", "failure_id",
                                 [R.failure_id(f) for b in batches for f in b.failures]),
        )
        fresh = new_reports(batches, stored.reports)
        published: dict[str, Any] = {}
        for article in articles:
            if article.id not in stored.articles:
                published.setdefault(article.id, article.published)
        missing = sorted({r.article_id for r in fresh} - published.keys())
        if missing:
            published.update(self._published(missing))
        return plan_batches(batches, stored=stored, candidates=self._candidates(fresh),
                            published=published, options=self.merge_options, at=at)

    def _published(self, article_ids: Sequence[str]) -> dict[str, Any]:
        """Stored articles' publication dates (what a stored report is read back with)."""
        _, rows = self._run("SELECT article_id, published FROM articles "
                            f"WHERE article_id IN ({_ANY_TEXT})", [list(article_ids)])
        return dict(rows)

    def _known(self, table: str, column: str, keys: Sequence[str]) -> set[str]:
        """The keys already in `table`. One array parameter, however many keys: both engines
        unnest it, and binding thousands of `?` costs DuckDB more than the lookup."""
        if not keys:
            return set()
        _, rows = self._run(f"SELECT {column} FROM {table} WHERE {column} IN ({_ANY_TEXT})",
                            [list(dict.fromkeys(keys))])
        return {r[0] for r in rows}

    def _insert(self, table: str, columns: Sequence[str], rows: Sequence[tuple],
                conflict: str = "DO NOTHING") -> None:
        """Multi-row INSERT in chunks (one statement per chunk is far faster than executemany
        on DuckDB and stays under PostgreSQL's parameter limit)."""
        if not rows:
            return
        per_row = "(" + _marks(len(columns)) + ")"
        step = max(1, min(500, self.max_params // len(columns)))
        key = columns[0]
        for i in range(0, len(rows), step):
            chunk = rows[i:i + step]
            self._run(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
                + ", ".join([per_row] * len(chunk))
                + f" ON CONFLICT ({key}) {conflict}",
                [v for row in chunk for v in row],
            )

    def _upsert_events(self, rows: Sequence[tuple]) -> None:
        keep = {"event_id", "first_seen"}
        sets = ", ".join(f"{c} = excluded.{c}" for c in EVENT_TABLE_COLUMNS if c not in keep)
        self._insert("events", EVENT_TABLE_COLUMNS, rows, conflict=f"DO UPDATE SET {sets}")

    def _candidates(self, reports: Sequence[Report]) -> dict[str, list[Report]]:
        """Stored events that a new report could join, with their reports.

        Stored reports are found by equality on grid cell or GeoNames id (indexed), or for a
        report with no place on the key of what it says (kept in its cell column), then by
        date: within the new report's window, or a month for a stored report whose date is
        itself vague. `merge` then decides exactly.
        """
        opts = self.merge_options
        # One probe row per key and month of report dates, its windows the union of those
        # reports' windows: a few more candidates (which `merge` rules out) for far fewer rows.
        windows: dict[int, list[date]] = {}  # month bucket -> union of its reports' windows
        points: dict[int, set[tuple[float, float]]] = {}
        places: dict[int, set[int]] = {}
        told: dict[int, set[int]] = {}  # placeless reports, by what they say (`placeless_key`)
        for report in reports:
            loc, day = report.location, report.event_date
            key = placeless_key(report)
            if day is None or (loc is None and key is None):
                continue
            days = max(opts.max_days, DAYS_BY_PRECISION.get(report.time_precision, MAX_DAY_GAP))
            window = (day - timedelta(days=days), day + timedelta(days=days),
                      day - timedelta(days=MAX_DAY_GAP), day + timedelta(days=MAX_DAY_GAP))
            bucket = day.toordinal() // _PROBE_DAYS
            _widen(windows, bucket, window)
            if loc is None:
                told.setdefault(bucket, set()).add(key)  # type: ignore[arg-type]
                continue
            if loc.latitude is not None and loc.longitude is not None:
                points.setdefault(bucket, set()).add((loc.latitude, loc.longitude))
            if loc.geonameid is not None:
                places.setdefault(bucket, set()).add(loc.geonameid)
        near_cells: list[tuple] = []
        for bucket, where in points.items():
            cells = set().union(*(cells_near(lat, lon, opts.max_km) for lat, lon in where))
            near_cells += [(cell, *windows[bucket]) for cell in cells]
        same_place = [(gid, *windows[bucket]) for bucket, ids in places.items() for gid in ids]
        near_cells += [(key, *windows[bucket]) for bucket, keys in told.items() for key in keys]
        dates = ("(r.event_date BETWEEN q.lo AND q.hi OR "
                 "(r.time_precision > 1 AND r.event_date BETWEEN q.wide_lo AND q.wide_hi))")
        event_ids: set[str] = set()
        for column, probe in (("cell", near_cells), ("geonameid", same_place)):
            rows = self._probe(
                f"SELECT DISTINCT r.event_id FROM reports r JOIN {{probe}} "
                f"ON r.{column} = q.k AND {dates}",
                _PROBE_COLUMNS, sorted(probe),
            )
            event_ids.update(r[0] for r in rows)
        return self._stored_reports(sorted(event_ids))

    def _stored_reports(self, event_ids: Sequence[str]) -> dict[str, list[Report]]:
        """The stored reports of each event, with their article's publication date."""
        groups: dict[str, list[Report]] = {}
        if not event_ids:
            return groups
        for row in self._dicts(
            f"SELECT {_MERGE_SELECT}, a.published FROM reports r "
            "LEFT JOIN articles a ON a.article_id = r.article_id "
            f"WHERE r.event_id IN ({_ANY_TEXT})", [list(event_ids)]
        ):
            groups.setdefault(row["event_id"], []).append(R.report_from_row(row))
        return groups

    def _probe(self, sql: str, columns: Sequence[tuple[str, str]],
               rows: Sequence[tuple]) -> list[tuple]:
        """Run `sql` joined to `rows` as the relation `q` (named `{probe}` in `sql`).

        Portable form: a VALUES list with typed parameters, in chunks. `columns` are (name,
        SQL type) pairs.
        """
        out: list[tuple] = []
        typed = "(" + ", ".join(f"CAST(? AS {t})" for _, t in columns) + ")"
        names = ", ".join(n for n, _ in columns)
        step = max(1, min(1000, self.max_params // len(columns)))
        for i in range(0, len(rows), step):
            chunk = rows[i:i + step]
            values = f"(VALUES {', '.join([typed] * len(chunk))}) AS q({names})"
            _, found = self._run(sql.format(probe=values), [v for row in chunk for v in row])
            out += found
        return out

    # -- reading ------------------------------------------------------------------------------

    def _where(self, flt: EventFilter) -> tuple[str, list[Any]]:
        """`filter_sql` plus the exact test of `flt.area`, which engines answer differently."""
        where, params = filter_sql(flt)
        if flt.area is None:
            return where, params
        clause, more = self._area_sql(parse_area(flt.area), where, params)
        return f"{where} AND {clause}", params + more

    def _area_sql(self, area: Any, where: str, params: list[Any]) -> tuple[str, list[Any]]:
        """A clause keeping the events in `area`: shapely tests the bounding-box candidates
        (an engine with a spatial extension overrides this to test in the database)."""
        with self._lock:
            return area_by_shapely(area, self._run, where, params)

    def _dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        names, rows = self._run(sql, params)
        return [dict(zip(names, row, strict=True)) for row in rows]

    def has_article(self, article_id: str) -> bool:
        return bool(self.known_articles([article_id]))

    def known_articles(self, article_ids: Iterable[str]) -> set[str]:
        with self._lock:
            return self._known("articles", "article_id", list(article_ids))

    def events(
        self,
        flt: EventFilter = ALL_EVENTS,
        *,
        order_by: str = "event_date",
        descending: bool = True,
        limit: int | None = 100,
        after: str | None = None,
    ) -> list[dict[str, Any]]:
        if order_by not in ORDER_KEYS:
            raise StoreError(f"cannot sort events by {order_by!r}; use one of {ORDER_KEYS}")
        sort = _SORT_SQL[order_by]
        where, params = self._where(flt)
        if after:
            value, last_id = _decode_cursor(after)
            op = "<" if descending else ">"
            mark = _CURSOR_CAST.get(order_by, "?")
            where += f" AND ({sort} {op} {mark} OR ({sort} = {mark} AND event_id {op} ?))"
            params += [value, value, last_id]
        direction = "DESC" if descending else "ASC"
        sql = (f"SELECT * FROM events WHERE {where} "
               f"ORDER BY {sort} {direction}, event_id {direction}")
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        with self._lock:
            return [R.event_out(row) for row in self._dicts(sql, params)]

    def iter_events(self, flt: EventFilter = ALL_EVENTS) -> Iterator[dict[str, Any]]:
        after = None
        while True:
            page = self.events(flt, descending=False, limit=_PAGE, after=after)
            yield from page
            if len(page) < _PAGE:
                return
            after = page_cursor(page[-1])

    def event_columns(
        self, flt: EventFilter = ALL_EVENTS, columns: Sequence[str] = ("event_id",)
    ) -> list[tuple[Any, ...]]:
        unknown = [c for c in columns if c not in EVENT_TABLE_COLUMNS]
        if unknown or not columns:
            raise StoreError(f"no event column {unknown[0] if unknown else ''!r}; "
                             f"use some of {EVENT_TABLE_COLUMNS}")
        where, params = self._where(flt)
        sql = (f"SELECT {', '.join(columns)} FROM events WHERE {where} "
               f"ORDER BY {_SORT_SQL['event_date']}, event_id")
        with self._lock:
            return self._run(sql, params)[1]

    def event(self, event_id: str, *, spans: bool = True) -> dict[str, Any] | None:
        with self._lock:
            found = self._dicts("SELECT * FROM events WHERE event_id = ?", [event_id])
            if not found:
                return None
            columns = "*" if spans else ", ".join(R.WITHOUT_SPANS)
            reports = self._dicts(
                f"SELECT {columns} FROM reports WHERE event_id = ? "
                "ORDER BY event_date, report_id", [event_id],
            )
            ids = sorted({r["article_id"] for r in reports})
            articles = {
                a["article_id"]: a
                for a in self._dicts(
                    "SELECT article_id, url, source, title, published FROM articles "
                    f"WHERE article_id IN ({_marks(len(ids))})", ids
                )
            } if ids else {}
        out = R.event_out(found[0])
        out["reports"] = []
        for row in reports:
            report = R.report_out(row)
            article = dict(articles.get(row["article_id"], {"article_id": row["article_id"]}))
            if article.get("published") is not None:
                article["published"] = article["published"].isoformat()
            report["article"] = article
            out["reports"].append(report)
        return out

    def count(self, flt: EventFilter = ALL_EVENTS) -> int:
        where, params = self._where(flt)
        with self._lock:
            _, rows = self._run(f"SELECT COUNT(*) FROM events WHERE {where}", params)
        return int(rows[0][0])

    def stats(self, by: str, flt: EventFilter = ALL_EVENTS) -> list[dict[str, Any]]:
        if by not in STATS_KEYS:
            raise StoreError(f"cannot group events by {by!r}; use one of {STATS_KEYS}")
        where, params = self._where(flt)
        sql = (
            f"SELECT {_STATS_SQL[by]} AS key, COUNT(*) AS events, "
            f"COALESCE(SUM(fatalities), 0) AS fatalities FROM events WHERE {where} "
            "GROUP BY 1 ORDER BY 1"
        )
        with self._lock:
            return [
                {"key": r["key"], "events": int(r["events"]), "fatalities": int(r["fatalities"])}
                for r in self._dicts(sql, params)
            ]

    def failures(self, limit: int = 100) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._dicts(
                "SELECT input, stage, error, first_seen FROM failures "
                "ORDER BY first_seen DESC, failure_id LIMIT ?", [int(limit)]
            )
        for row in rows:
            row["first_seen"] = row["first_seen"].isoformat()
        return rows

    def counts(self) -> dict[str, int]:
        out = {}
        with self._lock:
            for table in ("articles", "reports", "events", "failures"):
                _, rows = self._run(f"SELECT COUNT(*) FROM {table}")
                out[table] = int(rows[0][0])
        return out

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
