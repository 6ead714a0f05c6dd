"""The HTTP API in process: listing, filters, paging, detail, exports, stats, health, schema."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from openapi_spec_validator import validate

from conflictwire.export import ACLED_EXPORT_COLUMNS, event_id_cnty
from conflictwire.geo.acled_countries import alpha3
from conflictwire.store import EventFilter, open_store
from conflictwire.web import WebSettings, create_app
from pg_fixtures import _fresh_database
from web_support import N_SYNTHETIC, fill

TOTAL = N_SYNTHETIC + 2


@pytest.fixture(scope="module", params=["duckdb", "postgres"])
def store(request):
    """The same events in each engine: the API must answer the same over both."""
    if request.param == "duckdb":
        s = open_store(":memory:")
        fill(s)
        yield s
        s.close()
        return
    server = request.getfixturevalue("pg_server")
    databases = _fresh_database(server, "template1")
    s = open_store(next(databases))
    try:
        fill(s)
        yield s
    finally:
        s.close()
        databases.close()


@pytest.fixture(scope="module")
def client(store):
    return TestClient(create_app(store, WebSettings(max_page_size=50)))


@pytest.fixture(scope="module")
def everything(store):
    return list(store.iter_events())


def ids(response) -> set[str]:
    assert response.status_code == 200, response.text
    return {e["event_id"] for e in response.json()["events"]}


def test_store_holds_every_event(everything):
    assert len(everything) == TOTAL


def test_default_page_is_newest_first_with_total(client):
    body = client.get("/api/events", params={"limit": 10}).json()
    dates = [e["event_date"] for e in body["events"]]
    assert len(dates) == 10 and dates == sorted(dates, reverse=True)
    assert body["total"] == TOTAL and body["limit"] == 10 and body["next_cursor"]


def test_huge_page_size_is_capped(client):
    body = client.get("/api/events", params={"limit": 10**9}).json()
    assert body["limit"] == 50 and len(body["events"]) == 50
    assert body["limit_capped_from"] == 10**9  # the page says it was cut
    assert client.get("/api/events", params={"limit": 5}).json()["limit_capped_from"] is None


def test_cursor_pages_cover_every_event_once(client):
    seen: list[str] = []
    params = {"limit": 17, "sort": "fatalities"}
    while True:
        body = client.get("/api/events", params=params).json()
        fats = [e["fatalities"] for e in body["events"]]
        assert fats == sorted(fats)
        seen += [e["event_id"] for e in body["events"]]
        if not body["next_cursor"]:
            break
        assert "cursor=" in body["next"]
        params["cursor"] = body["next_cursor"]
    assert len(seen) == len(set(seen)) == TOTAL


@pytest.mark.parametrize(
    ("params", "keep"),
    [
        ({"date_from": "2024-03-01", "date_to": "2024-03-31"},
         lambda e: "2024-03-01" <= e["event_date"] <= "2024-03-31"),
        ({"country": "sudan"}, lambda e: e["country"] == "Sudan"),
        ({"country": "SD,ua"}, lambda e: e["country"] in ("Sudan", "Ukraine")),
        ({"country": "SDN"}, lambda e: e["country"] == "Sudan"),
        ({"country": "729"}, lambda e: e["iso"] == "729"),
        ({"country": "Democratic Republic of Congo"}, lambda e: e["iso"] == "180"),
        ({"admin1": "Coast Province"}, lambda e: e["admin1"] == "Coast Province"),
        ({"event_type": "battles"}, lambda e: e["event_type"] == "Battles"),
        ({"event_type": ["Protests", "Riots"]}, lambda e: e["event_type"] in ("Protests", "Riots")),
        ({"sub_event_type": "air/drone strike"},
         lambda e: e["sub_event_type"] == "Air/drone strike"),
        ({"actor": "liberation"}, lambda e: "Liberation" in e["actor1"]),
        ({"bbox": "140,-40,160,-30"}, lambda e: e["location"] == "Port Example"),
        # west > east: the box crosses the antimeridian and holds Sampleville at -170.
        ({"bbox": "175,50,-165,70"}, lambda e: e["location"] == "Sampleville"),
        ({"min_fatalities": 10}, lambda e: (e["fatalities"] or 0) >= 10),
        ({"q": "CONVOY"}, lambda e: "convoy" in e["evidence"].lower()),
        ({"q": "40%"}, lambda e: "40%" in e["evidence"]),
        ({"actor": "military", "event_type": "Battles", "min_fatalities": 5},
         lambda e: "military" in (e["actor1"] + e["actor2"]).lower()
         and e["event_type"] == "Battles" and e["fatalities"] >= 5),
    ],
)
def test_each_filter_keeps_exactly_the_matching_events(client, everything, params, keep):
    expected = {e["event_id"] for e in everything if keep(e)}
    assert expected, "the test data should hold a match for every filter"
    got = ids(client.get("/api/events", params={**params, "limit": 1000}))
    assert got == expected
    assert client.get("/api/events", params=params).json()["total"] == len(expected)


def test_like_wildcards_in_text_are_literal(client):
    # "_" and "%" would match anything if they reached LIKE unescaped.
    assert ids(client.get("/api/events", params={"q": "protesters_"})) != set()
    assert ids(client.get("/api/events", params={"q": "s_ldiers"})) == set()
    assert ids(client.get("/api/events", params={"actor": "%"})) == set()


def test_sql_in_parameters_is_data_not_code(client, store):
    nasty = ["'; DROP TABLE events; --", "x' OR '1'='1", "Sudan') OR 1=1 --"]
    for value in nasty:
        for param in ("q", "actor", "admin1"):
            assert ids(client.get("/api/events", params={param: value})) == set()
        # No country is called that: refused before any query, and the store binds it too.
        assert client.get("/api/events", params={"country": value}).status_code == 422
        assert store.count(EventFilter(countries=(value,))) == 0
    assert store.count() == TOTAL


def test_event_detail_has_reports_articles_and_highlights(client, everything):
    event = next(e for e in everything if e["location"] == "Port Example")
    body = client.get(f"/api/events/{event['event_id']}").json()
    assert body["fatalities"] == 12 and len(body["reports"]) == 1
    report = body["reports"][0]
    assert report["article"]["url"] == "https://example.org/a"
    assert report["article"]["title"] == "Convoy ambushed"
    fields = {h["field"]: h["text"] for h in report["highlights"]}
    assert fields["location"] == "Port Example"
    assert fields["actor1"] == "Example Liberation Front"
    assert fields["fatalities"] in ("12", "killing")
    assert fields["sub_event_type"] == "ambushed"
    assert fields["actor2"] == "soldiers"  # the coder's "Military Forces", of Exampleland
    assert {(m["kind"], m["text"]) for m in report["mentions"]} == {
        ("actor", "Example Liberation Front"), ("trigger", "ambushed"), ("number", "12"),
        ("actor", "soldiers"), ("place", "Port Example")}
    for h in report["highlights"]:
        assert report["evidence"][h["start"]:h["end"]] == h["text"]


def test_unknown_event_is_a_json_404(client):
    response = client.get("/api/events/nope")
    assert response.status_code == 404
    assert response.json() == {"error": "no event 'nope'"}


def test_geojson_export_matches_the_filter(client, everything):
    response = client.get("/api/events.geojson", params={"event_type": "Battles"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/geo+json")
    doc = response.json()
    expected = {event_id_cnty(e["event_id"], alpha3(e["iso"]))
                for e in everything if e["event_type"] == "Battles"}
    assert doc["type"] == "FeatureCollection"
    assert {f["properties"]["event_id_cnty"] for f in doc["features"]} == expected
    assert list(doc["features"][0]["properties"]) == list(ACLED_EXPORT_COLUMNS)
    point = doc["features"][0]["geometry"]
    assert point["type"] == "Point" and -180 <= point["coordinates"][0] <= 180


def test_geojson_map_properties_are_compact(client):
    doc = client.get("/api/events.geojson", params={"properties": "map"}).json()
    assert len(doc["features"]) == TOTAL
    assert set(doc["features"][0]["properties"]) == {"event_id", "event_type", "fatalities"}
    bad = client.get("/api/events.geojson", params={"properties": "event_id,password"})
    assert bad.status_code == 422 and "password" in bad.json()["error"]


def test_compact_geojson_carries_the_stored_values(client, everything):
    params = {"country": "Sudan,Ukraine"}
    cols = "event_id,event_date,actor1,fatalities,confidence,geo_precision"
    compact = client.get("/api/events.geojson", params={**params, "properties": cols}).json()
    stored = {e["event_id"]: e for e in everything if e["country"] in ("Sudan", "Ukraine")}
    assert len(compact["features"]) == len(stored) > 1
    for f in compact["features"]:
        whole = stored[f["properties"]["event_id"]]
        assert f["geometry"]["coordinates"] == [whole["longitude"], whole["latitude"]]
        assert f["properties"] == {k: whole[k] for k in cols.split(",")}
    # timestamp is computed per row, so it takes the exporter's path; same answer shape.
    stamped = client.get("/api/events.geojson", params={**params,
                                                         "properties": "event_id,timestamp"})
    assert set(stamped.json()["features"][0]["properties"]) == {"event_id", "timestamp"}


def test_store_refuses_unknown_columns(store):
    from conflictwire.errors import StoreError

    with pytest.raises(StoreError, match="no event column"):
        store.event_columns(columns=("event_id", "1; DROP TABLE events"))


def test_csv_export_has_acled_columns(client, everything):
    response = client.get("/api/events.csv", params={"country": "Sudan", "download": "true"})
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == list(ACLED_EXPORT_COLUMNS)
    assert len(rows) == sum(1 for e in everything if e["country"] == "Sudan")


def test_big_export_is_gzipped_when_asked(client):
    response = client.get("/api/events.geojson", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("content-encoding") == "gzip"
    assert len(response.json()["features"]) == TOTAL


def test_stats_agree_with_the_events(client, everything):
    body = client.get("/api/stats", params={"event_type": "Battles"}).json()
    battles = [e for e in everything if e["event_type"] == "Battles"]
    assert body["total"] == len(battles)
    assert body["fatalities"] == sum(e["fatalities"] for e in battles)
    assert sum(r["events"] for r in body["by_day"]) == len(battles)
    assert [r["key"] for r in body["by_event_type"]] == ["Battles"]
    by_country = {r["key"]: r["events"] for r in body["by_country"]}
    assert sum(by_country.values()) == len(battles)


def test_health_and_meta(client):
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["events"] == TOTAL
    assert health["writes_enabled"] is False
    meta = client.get("/api/meta").json()
    assert len(meta["event_types"]) == 6
    assert sum(len(v) for v in meta["event_types"].values()) == 25


def test_openapi_documents_every_endpoint_and_filter(client):
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/events", "/api/events/{event_id}", "/api/events.geojson",
                 "/api/events.csv", "/api/stats", "/api/health", "/api/articles"):
        assert path in paths, path
    params = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {"date_from", "date_to", "country", "admin1", "event_type", "sub_event_type",
            "actor", "bbox", "min_fatalities", "q", "sort", "limit", "cursor"} <= params
    post = paths["/api/articles"]["post"]
    assert {"application/json", "application/x-ndjson"} <= set(post["requestBody"]["content"])
    assert "401" in post["responses"]
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert "EventPage" in schema["components"]["schemas"]
    validate(schema)  # a valid OpenAPI 3.1 document


def test_pages_outside_api_get_html_errors(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")


def test_private_reads_need_the_token(store):
    private = TestClient(create_app(store, WebSettings(api_token="s3cret", public_read=False)))
    assert private.get("/api/events").status_code == 401
    ok = private.get("/api/events", headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200
    assert private.get("/api/health").status_code == 200
