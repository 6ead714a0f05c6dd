"""The store's watcher tables (`store.watch`) on PostgreSQL answer as on DuckDB (feeds,
entries, subscriptions, deliveries, marks, transactions), so `watch` and the subscription API
work with a server."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timedelta

import psycopg
import pytest

from conflictwire.errors import StoreError
from conflictwire.store import open_store
from conflictwire.store.watch_tables import Delivery, WatchTables

pytestmark = pytest.mark.postgres
T0 = datetime(2024, 5, 1, 12, 0)


def _exercise(db: WatchTables) -> dict:
    db.record_poll("wire", "https://wire.example/rss", at=T0, next_poll=T0 + timedelta(hours=1),
                   status="200", ok=True)
    db.record_poll("wire", "https://wire.example/rss", at=T0, next_poll=T0 + timedelta(hours=2),
                   status="503", ok=False)
    db.record_entries([("e1", "wire", "https://x/1", "a1", "coded", ""),
                       ("e2", "wire", "https://x/2", None, "failed", "timeout"),
                       ("e1", "wire", "https://x/1", "a1", "coded", "again")])
    db.set_entry_status(["e2"], "retry")
    db.put_subscription("s1", "Mosul", {"area": "Nineveh", "min_fatalities": 1})
    db.put_subscription("s2", "Idlib", {"countries": ["Syria"]})
    gone = db.deactivate_subscription("s2")
    delivery = Delivery("d1", "key-1", "s1", "email", "alert", "ev1", ("ev1",))
    planned = db.plan([delivery, delivery], now=T0)
    due = db.due(T0 + timedelta(minutes=1))
    db.mark_failed("d1", "smtp down", T0 + timedelta(minutes=5))
    with pytest.raises(RuntimeError), db.transaction():
        db.set_mark("cursor", "lost")
        raise RuntimeError("rolled back")
    db.set_mark("cursor", "kept")
    return {
        "feed_due": db.feed_due("wire", T0 + timedelta(minutes=30)),
        "feeds": [(f["feed_name"], f["polls"], f["failures"]) for f in db.feeds()],
        "known": db.known_entries(["e1", "e2", "e3"]),
        "retry": db.entries_with_status("retry"),
        "counts": db.entry_counts(),
        "subs": [s["subscription_id"] for s in db.subscription_specs()],
        "gone": gone, "planned": planned, "due": [d.delivery_id for d in due],
        "deliveries": [(d.status, d.attempts, d.last_error) for d in db.deliveries("s1")],
        "mark": db.get_mark("cursor"),
    }


def test_watch_tables_answer_the_same_on_both_engines(pg_url, tmp_path):
    answers = []
    for url in (str(tmp_path / "w.duckdb"), pg_url):
        store = open_store(url)  # the store's migrations lay down the watcher's tables
        try:
            answers.append(_exercise(store.watch))
        finally:
            store.close()
    assert answers[0] == answers[1]
    assert answers[1]["feeds"] == [("wire", 2, 1)] and answers[1]["mark"] == "kept"
    assert answers[1]["planned"] == 1 and answers[1]["known"] == {"e1", "e2"}


class DropsAfterCommit:
    """A connection whose answer is lost once, just after the server committed a statement
    holding `marker` (run alone or in a transaction): the client cannot tell it landed."""

    def __init__(self, conn: psycopg.Connection, marker: str) -> None:
        self._conn, self._marker = conn, marker
        self._in_transaction = self._due = False
        self.dropped = 0

    def __getattr__(self, name: str):
        return getattr(self._conn, name)

    def execute(self, query, params=None):
        cursor = self._conn.execute(query, params)
        if self._marker in query and not self.dropped:
            if not self._in_transaction:
                self._drop()
            self._due = True
        return cursor

    @contextmanager
    def transaction(self):
        self._in_transaction = True
        try:
            with self._conn.transaction():
                yield
        finally:
            self._in_transaction = False
        if self._due and not self.dropped:
            self._drop()

    def _drop(self) -> None:
        self.dropped += 1
        raise psycopg.OperationalError("server closed the connection unexpectedly")


@pytest.mark.parametrize("marker, write, read", [
    ("INSERT INTO watch_feeds",
     lambda db: db.record_poll("wire", "https://wire.example/rss", at=T0, next_poll=T0,
                               status="503", ok=False),
     lambda db: [(f["polls"], f["failures"]) for f in db.feeds()]),
    ("UPDATE deliveries SET attempts",
     lambda db: db.mark_failed("d1", "smtp down", T0),
     lambda db: [d.attempts for d in db.deliveries()]),
    ("UPDATE deliveries SET status",
     lambda db: db.mark_sent("d1"),
     lambda db: [d.attempts for d in db.deliveries()]),
])
def test_a_count_whose_commit_landed_is_not_counted_again(pg_url, marker, write, read):
    # The store retries a statement outside a transaction after a lost connection; a count
    # retried after its commit reached the server would count twice (the old WatchDB never
    # retried), so a lost answer raises and the count stays one.
    store = open_store(pg_url)
    try:
        store.watch.plan([Delivery("d1", "key-1", "s1", "email", "alert", "ev1", ("ev1",))],
                         now=T0)
        store._reconnect()
        fake = store._conn = DropsAfterCommit(store._conn, marker)
        with pytest.raises(StoreError):
            write(store.watch)
        assert fake.dropped == 1
        assert read(store.watch) in ([(1, 1)], [1])
    finally:
        store.close()


def test_watch_store_errors_never_show_the_password():
    with pytest.raises(StoreError) as err:
        open_store("postgresql://watcher:s3cret@127.0.0.1:9/none")
    assert "s3cret" not in str(err.value) and "watcher@127.0.0.1:9" in str(err.value)
