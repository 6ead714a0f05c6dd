"""The DuckDB store: batches, idempotency, queries, filters, paging, migrations (real files)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date

import duckdb
import pytest

from _factories import article, report
from conflictwire.coding.actors import Actor
from conflictwire.errors import SchemaVersionError, StoreError
from conflictwire.models import EVENT_COLUMNS, Failure, Mention, Place
from conflictwire.store import (
    EVENT_ROW_COLUMNS,
    EventFilter,
    open_store,
    page_cursor,
    resolve_db,
    rows,
    sql,
)
from conflictwire.store.duckdb import DuckDBStore
from conflictwire.store.schema import LATEST_VERSION, MIGRATIONS, REPORT_COLUMNS
from conflictwire.store.sql import SqlStore


class PortableStore(DuckDBStore):
    """DuckDB driven through the portable SQL paths only (multi-row VALUES, no array views),
    as a PostgreSQL store will be, so those paths are tested without a server."""

    _insert = SqlStore._insert
    _probe = SqlStore._probe


@pytest.fixture(params=["duckdb", "portable-sql"])
def store(request, tmp_path):
    cls = DuckDBStore if request.param == "duckdb" else PortableStore
    s = cls(tmp_path / "t.duckdb")
    yield s
    s.close()


def test_a_new_report_joins_a_stored_event_across_batches(store):
    a1, a2 = article("First on Mosul."), article("Second on Mosul.", source="Other")
    store.add_batch([a1], [report(a1, fatalities=6)])
    [before] = store.events()
    result = store.add_batch([a2], [report(a2, place="Mosul outskirts", fatalities=4)])
    assert (result.events_added, result.events_updated) == (0, 1)
    [after] = store.events()
    assert after["event_id"] == before["event_id"]
    assert after["n_reports"] == 2 and after["fatalities"] == 4
    assert after["source"] == "Test Wire; Other"
    assert [r["report_id"] for r in store.event(after["event_id"])["reports"]] != []


def _seed(store):
    a1 = article("Jets struck Mosul on Monday, killing four.")
    a2 = article("Gunmen attacked a village near Maiduguri.", published=date(2024, 2, 10))
    a3 = article("Protesters gathered in Kharkiv.", published=date(2024, 1, 20))
    reports = [
        report(a1, fatalities=4),
        report(a2, day=date(2024, 2, 9), place="Maiduguri", sub="Attack",
               actor1="Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
               actor2="Civilians (Nigeria)", fatalities=7),
        report(a3, day=date(2024, 1, 20), place="Kharkiv", sub="Peaceful protest",
               actor1="Protesters (Ukraine)"),
    ]
    return [a1, a2, a3], reports


def test_batch_is_stored_and_rerun_adds_nothing(store):
    articles, reports = _seed(store)
    failures = [Failure("bad.txt", "ingest", "empty file")]
    first = store.add_batch(articles, reports, failures)
    assert (first.articles_added, first.reports_added, first.events_added) == (3, 3, 3)
    assert first.failures_added == 1
    again = store.add_batch(articles, reports, failures)
    assert (again.articles_added, again.reports_added, again.events_added,
            again.events_updated, again.failures_added) == (0, 0, 0, 0, 0)
    assert store.counts() == {"articles": 3, "reports": 3, "events": 3, "failures": 1}
    assert store.has_article(articles[0].id) and not store.has_article("nope")
    assert store.known_articles([articles[1].id, "x"]) == {articles[1].id}


def test_event_rows_have_every_column_and_values(store):
    articles, reports = _seed(store)
    store.add_batch(articles, reports)
    rows = store.events()
    assert [tuple(r) for r in rows] == [EVENT_ROW_COLUMNS] * 3
    assert [r["event_date"] for r in rows] == ["2024-03-04", "2024-02-09", "2024-01-20"]
    mosul = rows[0]
    assert mosul["location"] == "Mosul" and mosul["fatalities"] == 4
    assert mosul["n_reports"] == 1 and isinstance(mosul["timestamp"], int)
    assert set(EVENT_COLUMNS) <= set(mosul)


def test_event_detail_carries_reports_and_articles(store):
    articles, reports = _seed(store)
    store.add_batch(articles, reports)
    event_id = store.events(EventFilter(countries=("Nigeria",)))[0]["event_id"]
    detail = store.event(event_id)
    assert detail["event_id"] == event_id and len(detail["reports"]) == 1
    rep = detail["reports"][0]
    assert rep["evidence"].startswith("Gunmen attacked")
    assert rep["article"]["url"] == articles[1].url
    assert rep["article"]["published"] == "2024-02-10"
    assert store.event("missing") is None


def test_reports_keep_the_spans_the_coder_found(store):
    art = article("Gunmen attacked a village near Mosul, killing four.")
    found = (Mention(0, 6, "Gunmen", "actor", Actor("Unidentified Armed Group", 3)),
             Mention(7, 15, "attacked", "trigger", "Attack"),
             Mention(45, 49, "four", "number", 4, 1.0))
    place = Mention(31, 36, "Mosul", "place", Place(99, "Mosul", 36.3, 43.1, "IQ"))
    rep = replace(report(art), mentions=found)
    rep = replace(rep, location=replace(rep.location, mention=place))
    store.add_batch([art], [rep])
    [stored] = store.event(store.events()[0]["event_id"])["reports"]
    assert stored["mentions"] == [
        {"start": 0, "end": 6, "text": "Gunmen", "kind": "actor",
         "value": "Unidentified Armed Group", "score": 0.0},
        {"start": 7, "end": 15, "text": "attacked", "kind": "trigger", "value": "Attack",
         "score": 0.0},
        {"start": 31, "end": 36, "text": "Mosul", "kind": "place", "value": "Mosul",
         "score": 0.0},
        {"start": 45, "end": 49, "text": "four", "kind": "number", "value": 4, "score": 1.0}]


def test_merging_and_the_watcher_neither_read_nor_parse_the_spans(store, monkeypatch):
    art = article("Gunmen attacked a village near Mosul, killing four.")
    rep = replace(report(art), mentions=(Mention(7, 15, "attacked", "trigger", "Attack"),))
    store.add_batch([art], [rep])
    event_id = store.events()[0]["event_id"]
    selects: list[str] = []
    run = store._run

    def spy(sql, params=()):
        if sql.lstrip().upper().startswith("SELECT"):
            selects.append(sql)
        return run(sql, params)

    monkeypatch.setattr(store, "_run", spy)
    monkeypatch.setattr(rows.json, "loads", lambda *a, **k: pytest.fail("spans parsed"))
    later = article("Gunmen attacked the village near Mosul again, witnesses said.")
    assert store.add_batch([later], [report(later)]).reports_added == 1
    assert any("a.published" in s for s in selects)  # the candidates were read
    assert not [s for s in selects if "mentions" in s or "r.*" in s]
    [shown] = store.event(event_id, spans=False)["reports"][:1]
    assert "mentions" not in shown and shown["report_id"] == rep.report_id
    monkeypatch.undo()
    assert store.event(event_id)["reports"][0]["mentions"][0]["text"] == "attacked"


def test_reports_of_a_database_from_before_spans_were_kept_have_none(tmp_path, monkeypatch):
    path = tmp_path / "v3.duckdb"
    art = article("Jets struck Mosul on Monday, killing four.")
    # Write as the store did at schema 3: no migration 4, no mentions column.
    for module in (sql, rows):
        monkeypatch.setattr(module, "REPORT_COLUMNS", REPORT_COLUMNS[:-1])
    monkeypatch.setattr(sql, "MIGRATIONS", MIGRATIONS[:3])
    monkeypatch.setattr(sql, "LATEST_VERSION", 3)
    with open_store(path) as old:
        old.add_batch([art], [report(art)])
    monkeypatch.undo()
    with open_store(path) as s:  # migration 4 adds the column; old rows have no spans
        assert s.schema_status().version == LATEST_VERSION == 4
        [stored] = s.event(s.events()[0]["event_id"])["reports"]
    assert stored["mentions"] is None


FILTER_CASES = [
    (EventFilter(), 3),
    (EventFilter(date_from=date(2024, 2, 1)), 2),
    (EventFilter(date_from=date(2024, 2, 1), date_to=date(2024, 2, 29)), 1),
    (EventFilter(countries=("iq",)), 1),
    (EventFilter(countries=("IRAQ", "Ukraine")), 2),
    (EventFilter(event_types=("battles",)), 0),
    (EventFilter(event_types=("Violence against civilians",)), 1),
    (EventFilter(sub_event_types=("Peaceful protest",)), 1),
    (EventFilter(bbox=(30.0, 30.0, 50.0, 55.0)), 2),  # Mosul and Kharkiv
    (EventFilter(bbox=(40.0, 30.0, -170.0, 40.0)), 1),  # across the antimeridian: Mosul
    (EventFilter(actor="boko"), 1),
    (EventFilter(actor="100%_"), 0),  # LIKE wildcards in user text are literal
    (EventFilter(min_fatalities=5), 1),
    (EventFilter(text="maiduguri"), 1),
    (EventFilter(admin1=("borno",)), 1),
]


def test_filters(store):
    articles, reports = _seed(store)
    store.add_batch(articles, reports)
    for flt, expected in FILTER_CASES:
        assert store.count(flt) == expected, flt
        assert len(store.events(flt, limit=None)) == expected, flt


def test_paging_with_cursor_visits_every_event_once(store):
    arts = [article(f"Strike number {i} hit Mosul.") for i in range(7)]
    # Different places a day apart so none merge; two share a date to test the id tiebreak.
    days = [date(2024, 3, 1 + 2 * (i // 2)) for i in range(7)]
    reps = [report(a, day=d, place=["Mosul", "Idlib", "Kharkiv"][i % 3], n=i)
            for i, (a, d) in enumerate(zip(arts, days, strict=True))]
    store.add_batch(arts, reps)
    total = store.count()
    for order_by in ("event_date", "fatalities", "country"):
        for descending in (True, False):
            seen, after = [], None
            while True:
                page = store.events(order_by=order_by, descending=descending, limit=2,
                                    after=after)
                seen += [r["event_id"] for r in page]
                if len(page) < 2:
                    break
                after = page_cursor(page[-1], order_by)
            assert len(seen) == len(set(seen)) == total, (order_by, descending)
    assert [r["event_id"] for r in store.iter_events()] == [
        r["event_id"] for r in store.events(descending=False, limit=None)
    ]


def test_bad_sort_key_and_cursor_are_clear_errors(store):
    with pytest.raises(StoreError, match="cannot sort"):
        store.events(order_by="notes; DROP TABLE events")
    with pytest.raises(StoreError, match="cursor"):
        store.events(after="!!not-a-cursor!!")
    with pytest.raises(StoreError, match="cannot group"):
        store.stats("notes")


def test_stats_by_month_and_country(store):
    articles, reports = _seed(store)
    store.add_batch(articles, reports)
    assert store.stats("month") == [
        {"key": "2024-01", "events": 1, "fatalities": 0},
        {"key": "2024-02", "events": 1, "fatalities": 7},
        {"key": "2024-03", "events": 1, "fatalities": 4},
    ]
    by_country = {r["key"]: r["events"] for r in store.stats("country")}
    assert by_country == {"Iraq": 1, "Nigeria": 1, "Ukraine": 1}
    assert store.stats("event_type", EventFilter(countries=("Iraq",)))[0]["key"] == (
        "Explosions/Remote violence"
    )


def test_failed_batch_rolls_back_entirely(store):
    articles, reports = _seed(store)
    store.add_batch(articles[:1], reports[:1])
    a_new = article("A second strike hit Idlib.")
    broken = report(a_new, place="Idlib")
    # A report whose event_date is not a date fails after the articles were inserted.
    bad = broken.__class__(**{**{f: getattr(broken, f) for f in broken.__slots__},
                              "event_date": "not a date"})
    with pytest.raises((StoreError, ValueError, TypeError)):
        store.add_batch([a_new, *articles[1:]], [bad, *reports[1:]])
    assert store.counts()["articles"] == 1 and store.counts()["reports"] == 1
    # The store is still usable after the rollback.
    assert store.add_batch(articles[1:], reports[1:]).articles_added == 2


def test_reopen_keeps_data_and_url_forms(tmp_path, monkeypatch):
    path = tmp_path / "sub" / "x.duckdb"
    articles, reports = _seed(None)
    with open_store(path) as s:
        s.add_batch(articles, reports)
    with open_store(f"duckdb:///{path}") as s:  # four slashes: an absolute path
        assert s.count() == 3
    monkeypatch.setenv("CONFLICTWIRE_DB", str(path))
    with open_store(None) as s:
        assert s.count() == 3
    with open_store(path, read_only=True) as s:
        assert s.count() == 3
    assert resolve_db("duckdb:///rel.duckdb") == ("duckdb", "rel.duckdb")
    assert resolve_db("postgresql://u@h/db") == ("postgresql", "postgresql://u@h/db")
    with pytest.raises(StoreError, match="scheme"):
        open_store("mysql://x/y")
    with pytest.raises(StoreError, match="no database"):
        open_store(tmp_path / "absent.duckdb", read_only=True)


def test_schema_versions_upgrade_old_and_refuse_newer(tmp_path):
    path = tmp_path / "v.duckdb"
    with open_store(path, upgrade=False) as s:
        status = s.schema_status()
        assert status.version == 0 and status.pending == tuple(range(1, LATEST_VERSION + 1))
    with pytest.raises(SchemaVersionError, match="db upgrade"):
        open_store(path, read_only=True)
    with open_store(path) as s:  # opening for writing applies the migrations
        assert s.schema_status().up_to_date and s.schema_status().version == LATEST_VERSION
        assert s.upgrade() == []
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (?, 'from the future', now())",
                [LATEST_VERSION + 1])
    con.close()
    with pytest.raises(SchemaVersionError, match="newer conflictwire"):
        open_store(path)


def test_a_database_held_by_another_process_is_a_clear_error(tmp_path):
    path = tmp_path / "locked.duckdb"
    script = (
        "import sys\n"
        "from conflictwire.errors import StoreError\n"
        "from conflictwire.store import open_store\n"
        "try:\n"
        f"    open_store({str(path)!r})\n"
        "except StoreError as exc:\n"
        "    print(exc); sys.exit(3)\n"
    )
    with open_store(path):
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              timeout=60)
    assert done.returncode == 3, done.stderr
    assert "cannot open" in done.stdout and str(path) in done.stdout


def test_importing_the_store_reads_no_settings_and_a_store_merges_with_the_packaged_ones():
    # The packaged settings are read when a store is made without merge options, not at
    # import; and the store does not pull in the HTTP client (httpx) the fetcher uses.
    code = ("import sys, conflictwire.settings as s, conflictwire.store, conflictwire.store."
            "duckdb, conflictwire.store.postgres; "
            "print(s._packaged_tables.cache_info().currsize, 'httpx' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["0", "False"]
    from conflictwire.settings import packaged_settings

    assert DuckDBStore(":memory:").merge_options is packaged_settings().merge
    mine = replace(packaged_settings().merge, max_days=2)
    assert open_store(":memory:", merge_options=mine).merge_options is mine
