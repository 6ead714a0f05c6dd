"""`Store.add_batches` leaves exactly what consecutive `add_batch` calls leave, on every engine.

The workload (tests/_dense.py) is dense on purpose, so reports of later batches join events
founded by earlier ones and merge decisions depend on what each batch could see.
"""

from __future__ import annotations

import pytest

from _dense import dense_batches
from conflictwire.store.base import Batch
from conflictwire.store.duckdb import DuckDBStore
from conflictwire.store.sql import SqlStore


def _state(store: SqlStore) -> dict:
    """Everything stored but the wall-clock columns."""
    out = {}
    for table, key, clock in (("events", "event_id", ("first_seen", "updated_at")),
                              ("reports", "report_id", ("added_at",)),
                              ("articles", "article_id", ("added_at",)),
                              ("failures", "failure_id", ("first_seen",))):
        out[table] = [{k: v for k, v in row.items() if k not in clock}
                      for row in store._dicts(f"SELECT * FROM {table} ORDER BY {key}", [])]
    return out


class PortableStore(DuckDBStore):
    """DuckDB through the portable SQL bulk paths (as tests/store/test_store.py)."""

    _insert = SqlStore._insert
    _probe = SqlStore._probe


def _open(kind: str, tmp_path, name: str, request) -> SqlStore:
    if kind == "postgresql":
        from conflictwire.store.postgres import PostgresStore

        return PostgresStore(request.getfixturevalue("pg_url") if name == "a"
                             else request.getfixturevalue("pg_url_plain"))
    cls = DuckDBStore if kind == "duckdb" else PortableStore
    return cls(tmp_path / f"{name}.duckdb")


@pytest.mark.parametrize("kind", ["duckdb", "portable-sql",
                                  pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_batches_in_one_transaction_leave_what_one_by_one_leaves(kind, tmp_path, request):
    batches = dense_batches(160)
    one_by_one = _open(kind, tmp_path, "a", request)
    together = _open(kind, tmp_path, "b", request)
    try:
        # Some batches stored before, in both, so the grouped calls also join stored events.
        for batch in batches[:8]:
            one_by_one.add_batch(batch.articles, batch.reports, batch.failures)
            together.add_batch(batch.articles, batch.reports, batch.failures)
        rest = batches[8:]
        expected = [one_by_one.add_batch(b.articles, b.reports, b.failures) for b in rest]
        got = []
        for i in range(0, len(rest), 9):  # groups of 9 batches, the last one shorter
            got += together.add_batches(rest[i:i + 9])
        assert got == expected
        assert _state(together) == _state(one_by_one)
        # The workload really exercises merging across batches and skipping what is stored.
        assert sum(r.events_updated for r in expected) > 20
        assert sum(r.articles_added for r in expected) < sum(len(b.articles) for b in rest)
        assert any(r.failures_added < len(b.failures) for r, b in zip(expected, rest,
                                                                      strict=True))
        again = together.add_batches(batches)
        assert all((r.articles_added, r.reports_added, r.events_added, r.events_updated,
                    r.failures_added) == (0, 0, 0, 0, 0) for r in again)
    finally:
        one_by_one.close()
        together.close()


def test_a_failing_group_of_batches_stores_none_of_them(tmp_path):
    batches = dense_batches(30)
    store = DuckDBStore(tmp_path / "t.duckdb")
    broken = Batch(batches[1].articles, [*batches[1].reports, "not a report"])  # type: ignore[list-item]
    with pytest.raises(AttributeError):
        store.add_batches([batches[0], broken])
    assert store.counts() == {"articles": 0, "reports": 0, "events": 0, "failures": 0}
    store.close()
