"""Bad requests get a 422 that names the parameter and says what was expected."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from conflictwire.errors import StoreError
from conflictwire.store import open_store
from conflictwire.web import create_app


@pytest.fixture(scope="module")
def client():
    store = open_store(":memory:")
    yield TestClient(create_app(store))
    store.close()


@pytest.mark.parametrize(
    ("params", "param", "words"),
    [
        ({"date_from": "2024-13-01"}, "date_from", "YYYY-MM-DD"),
        ({"date_to": "yesterday"}, "date_to", "YYYY-MM-DD"),
        ({"date_from": "2024-05-02", "date_to": "2024-05-01"}, "date_to", "before"),
        ({"bbox": "1,2,3"}, "bbox", "four numbers"),
        ({"bbox": "a,b,c,d"}, "bbox", "four numbers"),
        ({"bbox": "-200,0,10,10"}, "bbox", "-180 and 180"),
        ({"bbox": "0,-95,10,10"}, "bbox", "-90 and 90"),
        ({"bbox": "0,20,10,10"}, "bbox", "south"),
        ({"event_type": "Skirmish"}, "event_type", "one of: Battles"),
        ({"sub_event_type": "Battles"}, "sub_event_type", "Armed clash"),
        ({"min_fatalities": "-1"}, "min_fatalities", "greater than or equal to 0"),
        ({"min_fatalities": "many"}, "min_fatalities", "integer"),
        ({"sort": "password"}, "sort", "event_date"),
        ({"limit": "0"}, "limit", "greater than or equal to 1"),
        ({"cursor": "not-a-cursor"}, "cursor", "next_cursor"),
        ({"q": "x" * 500}, "q", "at most"),
        ({"country": ",".join(["X"] * 80)}, "country", "at most"),
    ],
)
def test_bad_filter_is_a_clear_422(client, params, param, words):
    for path in ("/api/events", "/api/events.geojson", "/api/events.csv", "/api/stats"):
        if param in ("sort", "limit", "cursor") and path != "/api/events":
            continue
        response = client.get(path, params=params)
        assert response.status_code == 422, (path, params, response.text)
        body = response.json()
        assert body["error"].startswith(f"{param}:"), body
        assert words in body["error"], body
        assert body["detail"][0]["loc"] == ["query", param]


def test_good_values_of_the_same_parameters_pass(client):
    params = {"date_from": "2024-01-01", "date_to": "2024-01-01", "bbox": "-180,-90,180,90",
              "event_type": "protests", "min_fatalities": "0", "sort": "-fatalities",
              "limit": "1"}
    assert client.get("/api/events", params=params).status_code == 200


def test_store_failure_is_a_json_503_not_a_crash():
    class BrokenStore:
        url = "broken://"

        def count(self, *args, **kwargs):
            raise StoreError("database is gone")

        events = count

    client = TestClient(create_app(BrokenStore()))  # type: ignore[arg-type]
    response = client.get("/api/events")
    assert response.status_code == 503
    assert "database is gone" in response.json()["error"]
    health = client.get("/api/health")
    assert health.status_code == 503 and "database is gone" in health.json()["status"]
