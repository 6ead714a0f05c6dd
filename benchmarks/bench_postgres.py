"""Store throughput on DuckDB and PostgreSQL (same workload), and 4 concurrent writers.

    eval "$(bash .ci/postgres.sh)"        # a loopback server; or pass --pg URL
    python benchmarks/bench_postgres.py [--reports 20000] [--batch 200] [--writers 4]
                                        [--per-writer 10000] [--skip-engines]

Engines: the synthetic workload of the tests (events on a year and the globe, each told by
two articles, so half the reports merge) is added in batches to a fresh DuckDB file and a
fresh PostgreSQL database; then the same queries are timed on both. Writers: N processes
each add `--per-writer` reports to one PostgreSQL database at once (writers 0 and 1 the same
reports in different orders, the others their own); the stored rows are then counted
against what should be there: lost and duplicated must both be 0.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from _synthetic import workload  # noqa: E402
from conflictwire.store import EventFilter  # noqa: E402
from conflictwire.store.duckdb import DuckDBStore  # noqa: E402
from conflictwire.store.postgres import PostgresStore  # noqa: E402

AREA = json.dumps({"type": "Polygon", "coordinates": [[[20, 0], [60, 0], [60, 40], [40, 50],
                                                       [20, 40], [20, 0]]]})
QUERIES = {
    "events(limit=100)": lambda s: s.events(),
    "events(country, 1 month)": lambda s: s.events(EventFilter(
        countries=("Iraq",), date_from=date(2024, 3, 1), date_to=date(2024, 3, 31))),
    "events(bbox)": lambda s: s.events(EventFilter(bbox=(20.0, 0.0, 60.0, 50.0)), limit=None),
    "events(area polygon)": lambda s: s.events(EventFilter(area=AREA), limit=None),
    "count(area polygon)": lambda s: s.count(EventFilter(area=AREA)),
    "stats(month)": lambda s: s.stats("month"),
    "stats(country, bbox)": lambda s: s.stats("country", EventFilter(bbox=(-20.0, -10.0,
                                                                           60.0, 50.0))),
    "iter_events (all)": lambda s: sum(1 for _ in s.iter_events()),
}


def _database(server: str) -> str:
    import psycopg

    name = f"cw_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server, autocommit=True) as conn:
        template = conn.execute("SELECT datname FROM pg_database WHERE datname = "
                                "'conflictwire_postgis' AND datistemplate").fetchone()
        conn.execute(f'CREATE DATABASE "{name}"'
                     + (' TEMPLATE "conflictwire_postgis"' if template else ""))
    return urlunsplit(urlsplit(server)._replace(path="/" + name))


def _drop(server: str, url: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{urlsplit(url).path[1:]}" WITH (FORCE)')


def _engines(server: str, n_reports: int, batch: int) -> None:
    articles, reports = workload(n_reports // 2, 2, seed=11)
    with tempfile.TemporaryDirectory() as tmp:
        pg_url = _database(server)
        stores = {"duckdb": DuckDBStore(Path(tmp) / "bench.duckdb"),
                  "postgresql": PostgresStore(pg_url)}
        try:
            for name, store in stores.items():
                t0 = time.perf_counter()
                for i in range(0, len(articles), batch):
                    store.add_batch(articles[i:i + batch], reports[i:i + batch])
                took = time.perf_counter() - t0
                t1 = time.perf_counter()
                store.add_batch(articles[:batch], reports[:batch])
                rerun = time.perf_counter() - t1
                print(f"{name}: stored {len(reports)} reports in batches of {batch}: "
                      f"{took:.1f} s ({len(reports) / took:,.0f} reports/s, merging included); "
                      f"re-adding a stored batch {rerun * 1000:.0f} ms; {store.counts()}"
                      + (f"; PostGIS {'on' if store.postgis else 'off'}"
                         if name == "postgresql" else ""))
            for query, call in QUERIES.items():
                cells = []
                answers = []
                for name, store in stores.items():
                    runs = []
                    for _ in range(3):
                        t = time.perf_counter()
                        result = call(store)
                        runs.append(time.perf_counter() - t)
                    answers.append(result if isinstance(result, int) else len(result))
                    cells.append(f"{name} {statistics.median(runs) * 1000:7.1f} ms")
                same = "same" if len(set(answers)) == 1 else f"DIFFER {answers}"
                print(f"  {query:26s} " + "  ".join(cells) + f"  ({answers[0]} rows, {same})")
        finally:
            for store in stores.values():
                store.close()
            _drop(server, pg_url)


def _writers(server: str, n_writers: int, per_writer: int, batch: int) -> None:
    url = _database(server)
    writer = str(REPO / "tests" / "_pg_writer.py")
    try:
        PostgresStore(url).close()
        start = time.time() + 3.0
        procs = []
        for w in range(n_writers):
            tag = "shared" if w < 2 else f"w{w}"
            procs.append(subprocess.Popen(
                [sys.executable, writer, url, "--events", str(per_writer // 2), "--per-event",
                 "2", "--tag", tag, "--shuffle", str(w), "--batch", str(batch),
                 "--start-at", str(start)], stdout=subprocess.PIPE, text=True))
        outs = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
        wall = max(o["seconds"] for o in outs)
        distinct_tags = 1 + max(0, n_writers - 2) if n_writers >= 2 else 1
        want_reports = distinct_tags * per_writer
        want_events = distinct_tags * (per_writer // 2)
        import psycopg

        with psycopg.connect(url) as conn:
            def one(sql: str) -> int:
                return int(conn.execute(sql).fetchone()[0])

            reports = one("SELECT count(*) FROM reports")
            distinct = one("SELECT count(DISTINCT report_id) FROM reports")
            events = one("SELECT count(*) FROM events")
            linked = one("SELECT coalesce(sum(n_reports), 0) FROM events")
        added = sum(o["reports_added"] for o in outs)
        print(f"{n_writers} writers x {per_writer} reports (batches of {batch}) into one "
              f"PostgreSQL: {wall:.1f} s wall, {n_writers * per_writer / wall:,.0f} "
              f"reports/s offered, {reports / wall:,.0f} stored/s")
        print(f"  stored reports {reports} of {want_reports} expected: lost "
              f"{want_reports - distinct}, duplicated {reports - distinct}; events {events} "
              f"of {want_events} (extra events from a missed merge: {events - want_events}); "
              f"reports added as told by writers {added}; event report counts sum {linked}")
    finally:
        _drop(server, url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default=os.environ.get("CONFLICTWIRE_TEST_PG"))
    parser.add_argument("--reports", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--per-writer", type=int, default=10_000)
    parser.add_argument("--skip-engines", action="store_true")
    args = parser.parse_args()
    if not args.pg:
        sys.exit('no server: eval "$(bash .ci/postgres.sh)" or pass --pg URL')
    if not args.skip_engines:
        _engines(args.pg, args.reports, args.batch)
    _writers(args.pg, args.writers, args.per_writer, args.batch)


if __name__ == "__main__":
    main()
