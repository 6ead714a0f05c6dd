"""The subscription routes of the HTTP API, driven in-process."""

from __future__ import annotations

import feedparser
import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from conflictwire.store import open_store  # noqa: E402
from conflictwire.watch.alerts.service import create_subscription  # noqa: E402
from conflictwire.web import create_app  # noqa: E402
from conflictwire.web.settings import WebSettings  # noqa: E402

TOKEN = {"Authorization": "Bearer t0k"}


@pytest.fixture
def client(tmp_path):
    store = open_store(tmp_path / "api.duckdb")
    app = create_app(store, WebSettings(api_token="t0k"))
    with TestClient(app) as client:
        yield client
    store.close()


def test_create_list_feed_and_delete(client):
    assert client.get("/api/subscriptions").status_code == 401
    created = client.post("/api/subscriptions", headers=TOKEN, json={
        "name": "Sudan", "email": "s@example.org", "countries": ["SDN"],
        "webhook_url": "https://hooks.example/x", "webhook_secret": "s3cret"})
    assert created.status_code == 201
    sub = created.json()
    assert sub["webhook_secret"] == "***"
    assert [s["subscription_id"] for s in client.get("/api/subscriptions",
                                                     headers=TOKEN).json()] == [
        sub["subscription_id"]]
    feed = client.get(f"/api/subscriptions/{sub['subscription_id']}/atom")
    assert feed.status_code == 200 and feed.headers["content-type"].startswith(
        "application/atom+xml")
    assert feedparser.parse(feed.content).feed.title == "conflictwire: Sudan"
    url = f"/api/subscriptions/{sub['subscription_id']}"
    assert client.delete(url, headers=TOKEN).status_code == 204
    assert client.delete(url, headers=TOKEN).status_code == 404
    assert client.get(f"{url}/atom").status_code == 404


def test_an_invalid_subscription_is_a_422_with_the_reason(client):
    r = client.post("/api/subscriptions", headers=TOKEN, json={"name": "No address"})
    assert r.status_code == 422 and "email address or a webhook_url" in r.json()["error"]


def test_a_read_only_server_lists_and_feeds_subscriptions_but_answers_503_to_changes(tmp_path):
    # Only subscribing and unsubscribing write; listing and the Atom feed only read.
    path = tmp_path / "ro.duckdb"
    store = open_store(path)
    sub = create_subscription(store, {"name": "Sudan", "email": "desk@example.org",
                                      "countries": ["Sudan"]})
    store.close()
    store = open_store(path, read_only=True)
    app = create_app(store, WebSettings(api_token="t0k"))
    url = f"/api/subscriptions/{sub['subscription_id']}"
    with TestClient(app) as client:
        listed = client.get("/api/subscriptions", headers=TOKEN)
        feed = client.get(f"{url}/atom")
        added = client.post("/api/subscriptions", headers=TOKEN,
                            json={"name": "Mali", "email": "desk@example.org"})
        removed = client.delete(url, headers=TOKEN)
    store.close()
    assert listed.status_code == 200
    assert [s["subscription_id"] for s in listed.json()] == [sub["subscription_id"]]
    assert feed.status_code == 200 and feedparser.parse(feed.content).feed.title == (
        "conflictwire: Sudan")
    for r in (added, removed):
        assert r.status_code == 503 and "read-only" in r.json()["error"]
