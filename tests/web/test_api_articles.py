"""POST /api/articles: token checks, the three body shapes, and bad articles reported."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from conflictwire.store import open_store
from conflictwire.web import WebSettings, create_app
from web_support import stand_in_coder

TOKEN = "correct horse battery staple"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def article(i: int, text: str = "Gunmen attacked a bus.") -> dict[str, str]:
    return {"id": f"post-{i}", "text": f"{text} ({i})", "published": "2024-05-01",
            "url": f"https://example.org/post/{i}"}


@pytest.fixture
def store():
    s = open_store(":memory:")
    yield s
    s.close()


@pytest.fixture
def client(store):
    settings = WebSettings(api_token=TOKEN, max_upload_articles=5, max_upload_bytes=20_000)
    return TestClient(create_app(store, settings, coder=stand_in_coder))


def test_writes_are_off_without_a_configured_token(store):
    client = TestClient(create_app(store, WebSettings(), coder=stand_in_coder))
    response = client.post("/api/articles", json=article(1), headers=AUTH)
    assert response.status_code == 403
    assert "no API token configured" in response.json()["error"]
    assert store.count() == 0


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"},
                                     {"Authorization": f"Basic {TOKEN}"},
                                     {"Authorization": TOKEN}])
def test_missing_or_wrong_token_is_401(client, store, headers):
    response = client.post("/api/articles", json=article(1), headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "token" in response.json()["error"]
    assert store.count() == 0


def test_one_json_article_is_coded_and_stored(client, store):
    response = client.post("/api/articles", json=article(1), headers=AUTH)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["articles_read"] == 1 and body["articles_coded"] == 1
    assert body["events_added"] == 1 and len(body["event_ids"]) == 1
    stored = client.get(f"/api/events/{body['event_ids'][0]}").json()
    assert stored["reports"][0]["article"]["url"] == "https://example.org/post/1"


def test_json_list_and_json_lines_bodies(client, store):
    as_list = client.post("/api/articles", json=[article(1), article(2)], headers=AUTH).json()
    assert as_list["articles_coded"] == 2
    lines = "\n".join(json.dumps(article(i)) for i in (2, 3, 4)) + "\n"
    as_lines = client.post("/api/articles", content=lines,
                           headers={**AUTH, "Content-Type": "application/x-ndjson"}).json()
    assert as_lines["articles_read"] == 3
    assert as_lines["articles_skipped"] == 1  # post-2 was stored by the first request
    assert store.counts()["articles"] == 4


def test_resubmitting_adds_nothing(client, store):
    client.post("/api/articles", json=article(1), headers=AUTH)
    again = client.post("/api/articles", json=article(1), headers=AUTH).json()
    assert again["articles_skipped"] == 1 and again["events_added"] == 0
    assert store.counts() == {"articles": 1, "reports": 1, "events": 1, "failures": 0}


def test_bad_articles_are_reported_and_the_rest_stored(client, store):
    lines = "\n".join([
        json.dumps(article(1)),
        "{not json",
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps(article(2, "The attack made the coder explode.")),
        json.dumps(article(3)),
    ])
    body = client.post("/api/articles", content=lines,
                       headers={**AUTH, "Content-Type": "application/x-ndjson"}).json()
    where = {f["input"]: f for f in body["failures"]}
    assert set(where) == {"line 2", "line 3", "article post-2"}
    assert "malformed JSON" in where["line 2"]["error"]
    assert where["article post-2"]["stage"] == "code"
    assert body["articles_coded"] == 2 and store.counts()["articles"] == 2


@pytest.mark.parametrize(
    ("body", "content_type", "status", "words"),
    [
        ("{not json", "application/json", 400, "malformed JSON"),
        ("", "application/json", 400, "malformed JSON"),
        ("\n\n", "application/x-ndjson", 400, "no articles"),
        (b"\xff\xfe\x00", "application/json", 400, "UTF-8"),
        (json.dumps([article(i) for i in range(6)]), "application/json", 413, "at most 5"),
        ("x" * 30_000, "application/x-ndjson", 413, "bytes"),
    ],
)
def test_unusable_bodies_are_refused_whole(client, store, body, content_type, status, words):
    response = client.post("/api/articles", content=body,
                           headers={**AUTH, "Content-Type": content_type})
    assert response.status_code == status, response.text
    assert words in response.json()["error"]
    assert store.count() == 0


def test_server_without_a_coder_says_so(store):
    client = TestClient(create_app(store, WebSettings(api_token=TOKEN)))
    response = client.post("/api/articles", json=article(1), headers=AUTH)
    assert response.status_code == 503 and "coder" in response.json()["error"]
