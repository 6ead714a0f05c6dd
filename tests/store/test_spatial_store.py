"""Area and box queries give the same events on DuckDB, PostgreSQL+PostGIS and plain PostgreSQL."""

from __future__ import annotations

import json
from datetime import date

import pytest

from conflictwire.errors import BadInput
from conflictwire.models import Article, Location, Report, stable_id
from conflictwire.store import EventFilter
from conflictwire.store.area_filters import inside, parse_area
from conflictwire.store.duckdb import DuckDBStore
from conflictwire.store.postgres import PostgresStore

SQUARE_WITH_HOLE = {"type": "Polygon", "coordinates": [
    [[30, 30], [40, 30], [40, 40], [30, 40], [30, 30]],
    [[33, 33], [36, 33], [36, 36], [33, 36], [33, 33]],
]}
TWO_PARTS = {"type": "MultiPolygon", "coordinates": [
    [[[30, 30], [35, 30], [32.5, 38], [30, 30]]],
    [[[-75, 5], [-70, 5], [-70, 12], [-75, 12], [-75, 5]]],
]}
FEATURES = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {}, "geometry": TWO_PARTS},
    {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [
        [[170, -20], [180, -20], [180, -10], [170, -10], [170, -20]]]}},
]}


def _points() -> list[tuple[float, float]]:
    """A grid over the test shapes plus points exactly on edges, vertices and hole edges."""
    grid = [(30 + 0.7 * i, 29 + 0.7 * j) for i in range(16) for j in range(16)]
    grid += [(-76 + 0.9 * i, 4 + 0.9 * j) for i in range(8) for j in range(10)]
    edges = [(30, 30), (35, 30), (40, 35), (33, 34), (36, 36), (34.5, 33), (32.5, 38),
             (-70, 8), (180, -15), (179.9, -15), (-179.9, -15), (170, -20)]
    return grid + edges


def _batch() -> tuple[list[Article], list[Report]]:
    articles, reports = [], []
    for i, (lon, lat) in enumerate(_points()):
        art = Article(id=stable_id("geo", i), text=f"Event {i}", published=date(2024, 7, 2))
        articles.append(art)
        reports.append(Report(
            report_id=stable_id("geo", i), article_id=art.id, event_date=date(2024, 7, 1),
            time_precision=1, disorder_type="Political violence", event_type="Battles",
            # A distinct actor per point, so no two neighbouring points merge into one event.
            sub_event_type="Armed clash", actor1=f"Group {i}",
            location=Location(f"P{i}", lat, lon, 1, country="Testland", iso="TL",
                              admin1=f"A{i % 3}"),
            fatalities=i % 4, evidence=f"Event {i}", confidence=0.6,
        ))
    return articles, reports


AREAS = [SQUARE_WITH_HOLE, TWO_PARTS, FEATURES]
FILTERS = [EventFilter(area=json.dumps(a)) for a in AREAS] + [
    EventFilter(area=json.dumps(SQUARE_WITH_HOLE), admin1=("A1",), min_fatalities=1),
    EventFilter(bbox=(175.0, -25.0, -175.0, -5.0)),  # across the antimeridian
    EventFilter(bbox=(30.0, 30.0, 40.0, 40.0)),
]


@pytest.fixture
def stores(tmp_path, pg_url, pg_url_plain, postgis_available):
    articles, reports = _batch()
    opened = [DuckDBStore(tmp_path / "geo.duckdb"), PostgresStore(pg_url),
              PostgresStore(pg_url_plain)]
    assert opened[1].postgis == postgis_available and not opened[2].postgis
    for store in opened:
        store.add_batch(articles, reports)
    yield opened
    for store in opened:
        store.close()


@pytest.mark.postgres
def test_every_engine_answers_areas_and_boxes_the_same(stores):
    duck = stores[0]
    assert duck.count() == len(_points())
    for flt in FILTERS:
        expected = [r["event_id"] for r in duck.events(flt, limit=None)]
        assert expected, flt
        for other in stores[1:]:
            assert [r["event_id"] for r in other.events(flt, limit=None)] == expected
            assert other.count(flt) == len(expected)
            assert other.stats("admin1", flt) == duck.stats("admin1", flt)
    # The exact test is the one shapely makes: the hole is out, its edge and the outer edge in.
    area = parse_area(SQUARE_WITH_HOLE)
    rows = duck.events(FILTERS[0], limit=None)
    assert all(inside(area, [r["latitude"]], [r["longitude"]])[0] for r in rows)
    locations = {(r["longitude"], r["latitude"]) for r in rows}
    assert {(30.0, 30.0), (40.0, 35.0), (33.0, 34.0), (36.0, 36.0)} <= locations
    in_hole = [(x, y) for x, y in _points() if 33 < x < 36 and 33 < y < 36]
    assert in_hole and not locations & set(in_hole)


@pytest.mark.postgres
def test_area_queries_page_like_any_other(stores):
    flt = FILTERS[1]
    for store in stores:
        ids, after = [], None
        while True:
            page = store.events(flt, limit=7, after=after, descending=False)
            ids += [r["event_id"] for r in page]
            if len(page) < 7:
                break
            from conflictwire.store import page_cursor

            after = page_cursor(page[-1])
        assert ids == [r["event_id"] for r in store.iter_events(flt)]


def test_bad_areas_are_refused_clearly(tmp_path):
    with DuckDBStore(tmp_path / "x.duckdb") as store:
        for bad, why in [
            ("{not json", "not JSON"),
            (json.dumps({"type": "Point", "coordinates": [1, 2]}), "Polygon or MultiPolygon"),
            (json.dumps({"type": "Polygon", "coordinates": [[[0, 0], [200, 0], [0, 5],
                                                             [0, 0]]]}), "outside"),
            (json.dumps({"type": "Polygon", "coordinates": [[[0, 0], [2, 2], [2, 0], [0, 2],
                                                             [0, 0]]]}), "valid polygon"),
        ]:
            with pytest.raises(BadInput, match=why):
                store.count(EventFilter(area=bad))
