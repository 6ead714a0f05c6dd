"""Tests for subscriptions and deliveries, with a real SMTP server (aiosmtpd) and a real
webhook receiver on 127.0.0.1."""

from __future__ import annotations

import hmac
import io
import json
import time
from datetime import datetime, timedelta

import feedparser
import pytest
from PIL import Image

from conflictwire.errors import ConfigError
from conflictwire.store import open_store
from conflictwire.store.watch_tables import WatchTables
from conflictwire.watch.alerts.atom import atom_feed
from conflictwire.watch.alerts.channels import (
    DeliveryError,
    build_email,
    post_webhook,
    send_email,
    sign,
)
from conflictwire.watch.alerts.deliver import (
    DeliveryOptions,
    digest_window,
    plan_alerts,
    plan_digests,
    send_due,
)
from conflictwire.watch.alerts.render import render_alert, render_digest
from conflictwire.watch.alerts.subscriptions import subscription_from_spec
from conflictwire.watch.config import SmtpConfig
from loopback_servers import Handler, dropping_server, free_port, http_server, smtp_server

EVENTS = {
    "ev-fasher": {
        "event_id": "ev-fasher", "event_date": "2025-02-03", "event_type":
        "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
        "actor1": "Rapid Support Forces", "actor2": "Civilians (Sudan)", "country": "Sudan",
        "iso": "729", "admin1": "North Darfur", "location": "El Fasher", "latitude": 13.63,
        "longitude": 25.35, "fatalities": 9, "evidence": "Shells hit the market in El Fasher.",
    },
    "ev-kyiv": {
        "event_id": "ev-kyiv", "event_date": "2025-02-03", "event_type": "Protests",
        "sub_event_type": "Peaceful protest", "actor1": "Protesters (Ukraine)", "actor2": "",
        "country": "Ukraine", "iso": "804", "admin1": "Kyiv City", "location": "Kyiv",
        "latitude": 50.45, "longitude": 30.52, "fatalities": 0, "evidence": "Crowds marched.",
    },
}
DARFUR = {"type": "Polygon", "coordinates": [[[22, 11], [28, 11], [28, 17], [22, 17], [22, 11]],
                                             [[25, 13], [26, 13], [26, 14], [25, 14], [25, 13]]]}


def _sub(**kw):
    return subscription_from_spec({"name": "Sudan desk", "email": "desk@example.org", **kw})


# -- subscriptions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spec, fasher, kyiv",
    [
        ({"countries": "SDN"}, True, False),
        ({"countries": "SD"}, True, False),
        ({"countries": "729"}, True, False),
        ({"countries": "UKR"}, False, True),
        ({"countries": ["sudan", "Ukraine"]}, True, True),
        ({"admin1": "north darfur"}, True, False),
        ({"bbox": "20,10,30,20"}, True, False),
        ({"bbox": [170, -50, -170, 60]}, False, False),  # across the antimeridian
        ({"polygon": {"type": "Feature", "geometry": DARFUR}}, False, False),  # in the hole
        ({"polygon": json.dumps({**DARFUR, "coordinates": DARFUR["coordinates"][:1]})}, True,
         False),
        ({"event_types": ["Protests"]}, False, True),
        ({"actors": "rapid support"}, True, False),
        ({"min_fatalities": 5}, True, False),
        ({}, True, True),
    ],
)
def test_subscription_filters(spec, fasher, kyiv):
    sub = _sub(**spec)
    assert sub.matches(EVENTS["ev-fasher"]) is fasher
    assert sub.matches(EVENTS["ev-kyiv"]) is kyiv


@pytest.mark.parametrize(
    "spec, message",
    [
        ({"name": ""}, "needs a name"),
        ({"email": ""}, "email address or a webhook_url"),
        ({"email": "not an address"}, "not an email"),
        ({"webhook_url": "http://127.0.0.1/h"}, "webhook_secret"),
        ({"event_types": ["Fights"]}, "unknown event type"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"polygon": {"type": "Point", "coordinates": [1, 2]}}, "Polygon or MultiPolygon"),
        ({"polygon": "{not json"}, "not GeoJSON"),
    ],
)
def test_bad_subscriptions_are_refused(spec, message):
    with pytest.raises(ConfigError, match=message):
        _sub(**spec)


def test_spec_round_trips_and_ids_are_stable():
    sub = _sub(countries="SDN", polygon=DARFUR, min_fatalities=3)
    again = subscription_from_spec(sub.spec())
    assert again == sub and again.subscription_id == _sub().subscription_id
    assert _sub(webhook_url="https://h.example/x", webhook_secret="s").public_spec()[
        "webhook_secret"] == "***"


# -- rendering ------------------------------------------------------------------------------------


def test_digest_has_text_html_links_and_a_map():
    events = list(EVENTS.values())
    msg = render_digest(_sub(), events, day="2025-02-03", app_url="https://cw.example",
                        idempotency_key="k1")
    assert "2 events, 9 fatalities" in msg.subject
    assert "https://cw.example/?event=ev-fasher" in msg.text
    assert 'href="https://cw.example/?event=ev-kyiv"' in msg.html and "cid:map" in msg.html
    image = Image.open(io.BytesIO(msg.map_png))
    assert image.format == "PNG" and image.size == (480, 300)
    # The markers are drawn: the map is not a blank frame.
    assert len(image.getcolors(maxcolors=100000)) > 10


def test_atom_feed_lists_events_with_links():
    xml = atom_feed(_sub(), list(EVENTS.values()), app_url="https://cw.example")
    parsed = feedparser.parse(xml)
    assert parsed.version == "atom10" and not parsed.bozo
    assert [e.link for e in parsed.entries] == [
        "https://cw.example/?event=ev-fasher", "https://cw.example/?event=ev-kyiv"]
    assert "El Fasher" in parsed.entries[0].title


# -- channels -------------------------------------------------------------------------------------


def test_email_digest_arrives_over_smtp_with_its_parts():
    msg = render_digest(_sub(), list(EVENTS.values()), day="2025-02-03",
                        app_url="https://cw.example", idempotency_key="key-123")
    with smtp_server() as box:
        email = build_email(msg, sender="cw@example.org", to="desk@example.org",
                            idempotency_key="key-123")
        send_email(email, SmtpConfig(host=box.host, port=box.port, timeout=5))
        (got,) = box.wait_for(1)
    assert got["Message-ID"] == "<key-123@conflictwire>"
    assert got["X-Conflictwire-Idempotency-Key"] == "key-123"
    types = [part.get_content_type() for part in got.walk()]
    assert {"text/plain", "text/html", "image/png"} <= set(types)
    assert "https://cw.example/?event=ev-fasher" in got.get_body(("plain",)).get_content()


def test_smtp_refusal_drop_and_absence_are_delivery_errors():
    email = build_email(render_alert(_sub(), EVENTS["ev-fasher"], app_url="x",
                                     idempotency_key="k"), sender="a@b.c", to="d@e.f",
                        idempotency_key="k")
    with smtp_server(refuse=True) as box, pytest.raises(DeliveryError, match="554"):
        send_email(email, SmtpConfig(host=box.host, port=box.port, timeout=5))
    with dropping_server() as port, pytest.raises(DeliveryError, match="SMTP"):
        send_email(email, SmtpConfig(host="127.0.0.1", port=port, timeout=5))
    with pytest.raises(DeliveryError, match="Refused"):
        send_email(email, SmtpConfig(host="127.0.0.1", port=free_port(), timeout=5))


def test_webhook_body_is_signed_with_hmac_sha256():
    def receive(h: Handler) -> None:
        h.send(204)

    with http_server() as srv:
        srv.add("/hook", receive)
        status = post_webhook(f"{srv.base}/hook", {"events": [1]}, secret="s3cret",
                              idempotency_key="key-9", allow_private=True)
        (_, _, headers, body) = srv.requests[0]
    assert status == 204 and json.loads(body) == {"events": [1]}
    expected = sign(body, "s3cret", headers["X-Conflictwire-Timestamp"])
    assert hmac.compare_digest(expected, headers["X-Conflictwire-Signature"])
    assert headers["Idempotency-Key"] == "key-9"
    assert expected != sign(body, "other", headers["X-Conflictwire-Timestamp"])


def test_webhook_errors_timeouts_and_private_targets_fail_cleanly():
    def slow(h: Handler) -> None:
        time.sleep(1.0)
        h.send(200)

    with http_server() as srv:
        srv.add("/slow", slow)
        srv.add("/broken", lambda h: h.send(500))
        with pytest.raises(DeliveryError, match="Timeout"):
            post_webhook(f"{srv.base}/slow", {}, secret="s", idempotency_key="k",
                         timeout=0.2, allow_private=True)
        with pytest.raises(DeliveryError, match="HTTP 500"):
            post_webhook(f"{srv.base}/broken", {}, secret="s", idempotency_key="k",
                         allow_private=True)
        with pytest.raises(DeliveryError, match="private or local"):
            post_webhook(f"{srv.base}/broken", {}, secret="s", idempotency_key="k")


# -- planning and at-least-once sending ------------------------------------------------------------


def _db_with_sub(**spec) -> tuple[WatchTables, list]:
    db = open_store(":memory:").watch
    sub = _sub(**spec)
    db.put_subscription(sub.subscription_id, sub.name, sub.spec())
    return db, [sub]


def test_alerts_are_planned_once_and_a_toll_revision_is_an_update():
    db, subs = _db_with_sub(countries="SDN")
    events = {k: dict(v) for k, v in EVENTS.items()}
    db.record_changes([("ev-fasher", 9), ("ev-kyiv", 0)], datetime(2025, 2, 3, 10))
    assert plan_alerts(db, subs, events.get) == 1  # Kyiv is not in Sudan
    db.record_changes([("ev-fasher", 9)], datetime(2025, 2, 3, 11))  # same figure
    assert plan_alerts(db, subs, events.get) == 0
    events["ev-fasher"]["fatalities"] = 12
    db.record_changes([("ev-fasher", 12)], datetime(2025, 2, 3, 12))
    assert plan_alerts(db, subs, events.get) == 1
    assert [d.kind for d in db.deliveries()] == ["alert", "update"]


def test_failed_sends_stay_pending_and_go_out_when_smtp_returns():
    db, subs = _db_with_sub()
    db.record_changes([("ev-fasher", 9)], datetime(2025, 2, 3, 10))
    plan_alerts(db, subs, EVENTS.get)
    port = free_port()
    options = DeliveryOptions(smtp=SmtpConfig(host="127.0.0.1", port=port, timeout=2),
                              retry_base=60)
    now = datetime.now()
    assert send_due(db, subs, EVENTS.get, options, now=now).failed == 1
    (pending,) = db.deliveries()
    assert pending.status == "pending" and pending.attempts == 1 and pending.last_error
    # Not due again before its backoff has passed.
    assert send_due(db, subs, EVENTS.get, options, now=now).failed == 0
    with smtp_server() as box:
        options = DeliveryOptions(smtp=SmtpConfig(host=box.host, port=box.port, timeout=5))
        later = datetime.now() + timedelta(minutes=5)
        assert send_due(db, subs, EVENTS.get, options, now=later).sent == 1
        assert len(box.wait_for(1)) == 1
    assert db.deliveries()[0].status == "sent"


def test_a_crash_between_send_and_record_resends_a_recognisable_duplicate(monkeypatch):
    db, subs = _db_with_sub()
    db.record_changes([("ev-fasher", 9)], datetime(2025, 2, 3, 10))
    plan_alerts(db, subs, EVENTS.get)
    with smtp_server() as box:
        options = DeliveryOptions(smtp=SmtpConfig(host=box.host, port=box.port, timeout=5))

        def crash(delivery_id: str) -> None:
            raise KeyboardInterrupt("killed after sending")

        monkeypatch.setattr(db, "mark_sent", crash)
        with pytest.raises(KeyboardInterrupt):
            send_due(db, subs, EVENTS.get, options, now=datetime.now())
        monkeypatch.undo()
        # The restarted watcher finds the delivery still pending and sends it again.
        assert send_due(db, subs, EVENTS.get, options, now=datetime.now()).sent == 1
        first, second = box.wait_for(2)
    assert first["Message-ID"] == second["Message-ID"]
    assert send_due(db, subs, EVENTS.get, options, now=datetime.now()).sent == 0


def test_digest_is_planned_once_per_day_for_the_events_of_its_window():
    db, subs = _db_with_sub(digest=True, immediate=False)
    db.record_changes([("ev-fasher", 9)], datetime(2025, 2, 3, 10))
    db.record_changes([("ev-kyiv", 0)], datetime(2025, 2, 4, 8))  # after the 07:00 cut
    now = datetime(2025, 2, 4, 7, 30)
    assert digest_window(now, 7)[0] == "2025-02-03"
    assert plan_digests(db, subs, now, 7, EVENTS.get) == 1
    assert plan_digests(db, subs, now + timedelta(hours=3), 7, EVENTS.get) == 0
    (digest,) = db.deliveries()
    assert digest.kind == "digest" and digest.event_ids == ("ev-fasher",)
    assert plan_alerts(db, subs, EVENTS.get) == 0  # this subscriber wants no immediate alerts


def test_country_outlines_are_drawn_from_a_topojson_file(tmp_path):
    from conflictwire.watch.alerts.basemap import load_land
    from conflictwire.watch.alerts.staticmap import render_map

    # A tiny TopoJSON written for this test: one square "country" around El Fasher.
    topo = {"type": "Topology", "transform": {"scale": [1, 1], "translate": [0, 0]},
            "objects": {"countries": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "arcs": [[0]]}]}},
            "arcs": [[[20, 10], [10, 0], [0, 10], [-10, 0], [0, -10]]]}
    path = tmp_path / "countries.json"
    path.write_text(json.dumps(topo))
    land = load_land(path)
    assert land is not None and land.rings[0][:3] == ((20, 10), (30, 10), (30, 20))
    plain = Image.open(io.BytesIO(render_map([EVENTS["ev-fasher"]])))
    drawn = Image.open(io.BytesIO(render_map([EVENTS["ev-fasher"]], land=land)))
    assert plain.getpixel((5, 5)) != drawn.getpixel((5, 5))  # land, not sea, in the corner
    assert load_land(tmp_path / "missing.json") is None
