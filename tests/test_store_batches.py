"""`Store.add_batches` leaves exactly what consecutive `add_batch` calls leave, on every engine.

The workload is dense on purpose: a few nearby places, dates a few weeks apart at day, week
and month precision, types and actors that sometimes agree, so reports of later batches join
events founded by earlier ones and merge decisions depend on what each batch could see.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from conflictwire.models import Article, Failure, Location, Report, stable_id
from conflictwire.store.base import Batch
from conflictwire.store.duckdb import DuckDBStore
from conflictwire.store.sql import SqlStore

_PLACES = [  # name, lat, lon, geonameid: Aleppo and towns around it, one only "near" it
    ("Aleppo", 36.2021, 37.1343, 170063, 1), ("Anadan", 36.2937, 37.0444, 172349, 1),
    ("Al-Bab", 36.3705, 37.5157, 172408, 1), ("near Aleppo", 36.25, 37.2, None, 2),
    ("Aleppo Governorate", 36.15, 37.3, None, 3),
]
_TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
          ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
          ("Violence against civilians", "Attack")]
_ACTORS = ["Military Forces of Syria", "HTS: Hayat Tahrir al-Sham", "Unidentified Armed Group",
           "SDF: Syrian Democratic Forces", ""]


def _workload(n: int, seed: int = 3) -> list[Batch]:
    """Batches of 1-6 articles, each with 0-3 reports, plus repeats and failures."""
    rng = random.Random(seed)
    start = date(2024, 3, 1)
    articles: list[tuple[Article, list[Report]]] = []
    for i in range(n):
        published = start + timedelta(days=rng.randrange(50))
        art = Article(id=stable_id("a", i), text=f"Article {i}.", title=f"Article {i}",
                      published=published, source=f"Wire {i % 4}", url=f"https://x.example/{i}")
        reports = []
        for k in range(rng.choice((0, 1, 1, 2, 3))):
            name, lat, lon, gid, precision = rng.choice(_PLACES)
            etype, sub = rng.choice(_TYPES)
            time_precision = rng.choice((1, 1, 1, 2, 3))
            words = rng.sample(["shelling", "hit", "the", "market", "district", "killing",
                                "two", "children", "clashes", "erupted", "overnight",
                                "checkpoint", "drone", "struck", "vehicle"], 6)
            evidence = f"{' '.join(words)} in {name}."
            reports.append(Report(
                report_id=stable_id("r", i, k), article_id=art.id,
                event_date=published - timedelta(days=rng.randrange(3)),
                time_precision=time_precision, disorder_type="Political violence",
                event_type=etype, sub_event_type=sub, actor1=rng.choice(_ACTORS),
                actor2=rng.choice(_ACTORS),
                location=Location(name, lat, lon, precision, country="Syria", iso="SY",
                                  admin1="Aleppo", region="Middle East", geonameid=gid),
                fatalities=rng.choice((0, 0, 1, 2, 5)), source=art.source or "",
                source_url=art.url or "", evidence=evidence, notes=evidence,
                confidence=rng.random(), published=published, evidence_end=len(evidence),
            ))
        articles.append((art, reports))
    batches, i = [], 0
    while i < len(articles):
        size = rng.randint(1, 6)
        chunk = articles[i:i + size]
        if batches and rng.random() < 0.2:
            chunk = chunk + [articles[rng.randrange(i)]]  # an article seen in an earlier batch
        failures = [Failure(f"in{i}.html", "ingest", "empty page")] if rng.random() < 0.3 else []
        if rng.random() < 0.1:
            failures.append(Failure("in0.html", "ingest", "empty page"))  # recorded already
        batches.append(Batch([a for a, _ in chunk], [r for _, rs in chunk for r in rs],
                             failures))
        i += size
    return batches


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
    """DuckDB through the portable SQL bulk paths (as tests/test_store.py)."""

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
    batches = _workload(160)
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
    batches = _workload(30)
    store = DuckDBStore(tmp_path / "t.duckdb")
    broken = Batch(batches[1].articles, [*batches[1].reports, "not a report"])  # type: ignore[list-item]
    with pytest.raises(AttributeError):
        store.add_batches([batches[0], broken])
    assert store.counts() == {"articles": 0, "reports": 0, "events": 0, "failures": 0}
    store.close()
