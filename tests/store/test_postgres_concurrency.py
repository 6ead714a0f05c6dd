"""Many writers on one PostgreSQL: nothing lost, nothing twice, merges correct (real processes)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import psycopg
import pytest

from _synthetic import workload
from conflictwire.store.postgres import PostgresStore, RetryPolicy
from paths import REPO

pytestmark = pytest.mark.postgres
WRITER = str(REPO / "tests" / "_pg_writer.py")


def _writer(url: str, *args: object) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, WRITER, url, *map(str, args)],
                            stdout=subprocess.PIPE, text=True)


def _done(proc: subprocess.Popen) -> dict:
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0, out
    return json.loads(out.strip().splitlines()[-1])


def _scalar(url: str, sql: str) -> int:
    with psycopg.connect(url) as conn:
        return int(conn.execute(sql).fetchone()[0])


def test_writers_reporting_one_event_at_the_same_moment_make_one_event(pg_url):
    PostgresStore(pg_url).close()  # schema in place, so writers race only on merging
    start = time.time() + 2.0
    procs = [_writer(pg_url, "--same-event", w, "--events", 6, "--start-at", start)
             for w in range(4)]
    for proc in procs:
        _done(proc)
    assert _scalar(pg_url, "SELECT count(*) FROM reports") == 24
    assert _scalar(pg_url, "SELECT count(*) FROM events") == 6
    assert _scalar(pg_url, "SELECT min(n_reports) FROM events") == 4
    # The event record was reconciled from all four reports, published the same day: the
    # lowest figure wins, whichever writer committed first.
    assert _scalar(pg_url, "SELECT max(fatalities) FROM events") == 3


def test_overlapping_writers_lose_nothing_and_store_nothing_twice(pg_url):
    PostgresStore(pg_url).close()
    # Writers 0-2 write the same workload in different orders; writer 3 a disjoint one.
    procs = [_writer(pg_url, "--events", 150, "--per-event", 2, "--shuffle", s, "--batch", 40)
             for s in range(3)]
    procs.append(_writer(pg_url, "--events", 100, "--per-event", 1, "--tag", "x"))
    added = sum(_done(p)["reports_added"] for p in procs)
    assert added == 400  # each report added by exactly one writer
    assert _scalar(pg_url, "SELECT count(*) FROM reports") == 400
    assert _scalar(pg_url, "SELECT count(*) FROM events") == 250
    assert _scalar(pg_url, "SELECT count(*) FROM articles") == 400
    assert _scalar(pg_url, "SELECT sum(n_reports) FROM events") == 400
    orphans = "SELECT count(*) FROM reports r LEFT JOIN events e USING (event_id) " \
              "WHERE e.event_id IS NULL"
    assert _scalar(pg_url, orphans) == 0


def test_kill_9_loses_only_the_open_batch_and_a_rerun_completes(pg_url):
    PostgresStore(pg_url).close()
    proc = _writer(pg_url, "--events", 2000, "--per-event", 1, "--batch", 50)
    assert proc.stdout is not None
    for _ in range(3):  # let a few batches commit, then kill in the middle of the run
        json.loads(proc.stdout.readline())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = _scalar(pg_url, "SELECT count(*) FROM reports")
    assert 150 <= stored < 2000 and stored % 50 == 0  # whole batches only
    rerun = _done(_writer(pg_url, "--events", 2000, "--per-event", 1, "--batch", 50))
    assert rerun["reports_added"] == 2000 - stored
    assert _scalar(pg_url, "SELECT count(*) FROM events") == 2000


def test_connection_lost_mid_run_is_retried_without_loss_or_doubles(pg_url):
    articles, reports = workload(400, 2)
    store = PostgresStore(pg_url, retry=RetryPolicy(attempts=10, first_delay=0.05))
    kills = 0
    stop = threading.Event()

    def killer() -> None:
        nonlocal kills
        with psycopg.connect(pg_url, autocommit=True) as admin:
            while not stop.is_set() and kills < 6:
                time.sleep(0.15)
                row = admin.execute(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE application_name = 'conflictwire' AND datname = current_database()"
                ).fetchone()
                kills += int(row[0])

    thread = threading.Thread(target=killer)
    thread.start()
    try:
        added = 0
        for i in range(0, len(articles), 10):
            added += store.add_batch(articles[i:i + 10], reports[i:i + 10]).reports_added
    finally:
        stop.set()
        thread.join()
    assert kills >= 3  # the connection really was lost, several times
    assert store.counts() == {"articles": 800, "reports": 800, "events": 400, "failures": 0}
    assert added <= 800
    store.close()
