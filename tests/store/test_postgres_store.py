"""The PostgreSQL store answers exactly as the DuckDB store does, on a real server."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import psycopg
import pytest

from _synthetic import workload
from conflictwire.errors import SchemaVersionError, StoreError
from conflictwire.models import Failure
from conflictwire.store import EventFilter, page_cursor
from conflictwire.store.duckdb import DuckDBStore
from conflictwire.store.postgres import PostgresStore, redact
from conflictwire.store.schema import LATEST_VERSION

pytestmark = pytest.mark.postgres

FILTERS = [
    EventFilter(),
    EventFilter(date_from=date(2024, 3, 1), date_to=date(2024, 6, 30)),
    EventFilter(countries=("iraq", "SY")),
    EventFilter(admin1=("Province 3",)),
    EventFilter(event_types=("Battles",), sub_event_types=("Armed clash",)),
    EventFilter(actor="group 1"),
    EventFilter(text="shelling"),
    EventFilter(bbox=(-20.0, -10.0, 60.0, 50.0)),
    EventFilter(bbox=(170.0, -60.0, -170.0, 70.0)),  # across the antimeridian
    EventFilter(min_fatalities=3),
]


def _stable(row: dict) -> dict:
    """A row without the wall-clock fields that differ between two loads."""
    return {k: v for k, v in row.items() if k not in ("timestamp", "added_at", "first_seen")}


@pytest.fixture
def both(tmp_path, pg_url):
    articles, reports = workload(120, 3)
    failures = [Failure("bad.html", "ingest", "empty page")]
    duck, pg = DuckDBStore(tmp_path / "d.duckdb"), PostgresStore(pg_url)
    for store in (duck, pg):
        for i in range(0, len(articles), 50):
            store.add_batch(articles[i:i + 50], reports[i:i + 50], failures)
    yield duck, pg
    duck.close()
    pg.close()


def test_same_events_counts_and_stats_on_both_engines(both):
    duck, pg = both
    assert pg.counts() == duck.counts()
    assert pg.counts()["events"] == 120 and pg.counts()["failures"] == 1
    for flt in FILTERS:
        assert [_stable(r) for r in pg.events(flt, limit=None)] == [
            _stable(r) for r in duck.events(flt, limit=None)
        ], flt
        assert pg.count(flt) == duck.count(flt)
    for key in ("day", "month", "event_type", "sub_event_type", "country", "admin1"):
        assert pg.stats(key) == duck.stats(key)
    for order in ("fatalities", "n_reports", "country", "event_type"):
        assert [r["event_id"] for r in pg.events(order_by=order, limit=30)] == [
            r["event_id"] for r in duck.events(order_by=order, limit=30)
        ]


def test_event_detail_and_paging_match(both):
    duck, pg = both
    some = duck.events(limit=5)
    for row in some:
        a, b = duck.event(row["event_id"]), pg.event(row["event_id"])
        assert [_stable(r) for r in a.pop("reports")] == [_stable(r) for r in b.pop("reports")]
        assert _stable(a) == _stable(b)
    seen, after = [], None
    while True:
        page = pg.events(limit=17, after=after, order_by="fatalities")
        seen += [r["event_id"] for r in page]
        if len(page) < 17:
            break
        after = page_cursor(page[-1], "fatalities")
    assert len(seen) == len(set(seen)) == 120
    assert [r["event_id"] for r in pg.iter_events()] == [r["event_id"] for r in duck.iter_events()]


def test_rerun_adds_nothing(pg_url):
    articles, reports = workload(30, 2)
    with PostgresStore(pg_url) as store:
        first = store.add_batch(articles, reports)
        again = store.add_batch(articles, reports)
        assert (first.articles_added, first.reports_added, first.events_added) == (60, 60, 30)
        assert (again.articles_added, again.reports_added, again.events_added,
                again.events_updated) == (0, 0, 0, 0)
        assert store.counts()["events"] == 30


def test_down_at_start_is_one_line_without_the_password():
    url = "postgresql://someone:s3cret@127.0.0.1:9/nowhere"
    with pytest.raises(StoreError) as err:
        PostgresStore(url, connect_timeout=2)
    message = str(err.value)
    assert "s3cret" not in message and "\n" not in message
    assert "postgresql://someone@127.0.0.1:9/nowhere" in message
    assert redact(url) == "postgresql://someone@127.0.0.1:9/nowhere"


def test_schema_older_is_upgraded_newer_is_refused(pg_url):
    with PostgresStore(pg_url, upgrade=False) as store:
        status = store.schema_status()
        assert status.version == 0 and status.pending == tuple(range(1, LATEST_VERSION + 1))
    with pytest.raises(SchemaVersionError, match="conflictwire db upgrade"):
        PostgresStore(pg_url, read_only=True)
    with PostgresStore(pg_url) as store:
        assert store.schema_status().up_to_date
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_version VALUES (%s, 'from the future', now())",
                     [LATEST_VERSION + 1])
    with pytest.raises(SchemaVersionError, match="newer conflictwire"):
        PostgresStore(pg_url)


def test_concurrent_upgrades_apply_each_migration_once(pg_url):
    code = (
        "import sys; from conflictwire.store.postgres import PostgresStore; "
        "PostgresStore(sys.argv[1]).close()"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code, pg_url]) for _ in range(4)]
    assert [p.wait(timeout=60) for p in procs] == [0] * 4
    with psycopg.connect(pg_url) as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_version")]
    assert sorted(versions) == list(range(1, LATEST_VERSION + 1))


def test_bad_statement_is_a_store_error_not_a_retry(pg_url):
    with PostgresStore(pg_url) as store, pytest.raises(StoreError, match="no_such_table"):
        store._run("SELECT * FROM no_such_table")


def _make_version_1(store) -> None:
    """Lay down the schema as conflictwire's first release left it."""
    from conflictwire.store.schema import MIGRATIONS, VERSION_TABLE

    store._run(VERSION_TABLE)
    for statement in MIGRATIONS[0].statements:
        store._run(statement)
    store._run("INSERT INTO schema_version VALUES (1, 'first', CURRENT_TIMESTAMP)")


@pytest.mark.parametrize("engine", ["duckdb", "postgresql"])
def test_a_version_1_database_with_data_is_upgraded_not_misread(engine, tmp_path, request):
    url = str(tmp_path / "old.duckdb") if engine == "duckdb" else request.getfixturevalue("pg_url")
    opener = DuckDBStore if engine == "duckdb" else PostgresStore
    with opener(url, upgrade=False) as old:
        _make_version_1(old)
    assert LATEST_VERSION >= 2
    with pytest.raises(SchemaVersionError, match="conflictwire db upgrade"):
        opener(url, read_only=True)  # an old schema is never read as if it were current
    articles, reports = workload(5, 1)
    with opener(url) as store:  # opening to write upgrades it
        assert store.schema_status().up_to_date
        store.add_batch(articles, reports)
        assert store.count(EventFilter(bbox=(-180.0, -90.0, 180.0, 90.0))) == 5
