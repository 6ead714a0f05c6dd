"""The store's watcher tables (`store.watch`) on PostgreSQL answer as on DuckDB (feeds,
entries, subscriptions, deliveries, marks, transactions), so `watch` and the subscription API
work with a server."""

from __future__ import annotations

from datetime import datetime, timedelta

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


def test_watch_store_errors_never_show_the_password():
    with pytest.raises(StoreError) as err:
        open_store("postgresql://watcher:s3cret@127.0.0.1:9/none")
    assert "s3cret" not in str(err.value) and "watcher@127.0.0.1:9" in str(err.value)
