"""Plan and send deliveries, at least once: every message is recorded as pending before it
is sent and marked sent after, under an idempotency key.

A crash between sending and marking means the message is sent again on restart with the same
key (same email Message-ID, same webhook `Idempotency-Key`), so the receiver can recognise
the duplicate; no crash can lose a planned message. A failed send stays pending and is
retried with exponential backoff, capped, never dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from ...models import stable_id
from ...store.watch_tables import Delivery, WatchTables
from ..config import SmtpConfig
from .basemap import Land
from .channels import DeliveryError, build_email, post_webhook, send_email
from .render import Message, render_alert, render_digest
from .subscriptions import Subscription, subscription_from_spec

log = logging.getLogger(__name__)

EventLookup = Callable[[str], Mapping[str, Any] | None]


@dataclass(frozen=True, slots=True)
class DeliveryOptions:
    """Where links point, how to reach SMTP and webhooks, and how to back off."""

    app_url: str = "http://localhost:8000"
    smtp: SmtpConfig = SmtpConfig()
    webhook_timeout: float = 10.0
    allow_private: bool = False
    digest_hour: int = 7  # UTC
    retry_base: float = 30.0  # seconds before the first retry of a failed send
    retry_max: float = 3600.0
    land: Land | None = None  # country outlines for the digest map (basemap.load_land)


@dataclass(frozen=True, slots=True)
class SendSummary:
    """What one round of sending did."""

    sent: int = 0
    failed: int = 0
    skipped: int = 0


def delivery_key(subscription_id: str, kind: str, period: str, version: str = "") -> str:
    """The idempotency key of one message: same subscription, kind, period and version."""
    return stable_id("delivery", subscription_id, kind, period, version, length=32)


def load_subscriptions(db: WatchTables) -> list[Subscription]:
    """The active subscriptions stored in `db`."""
    return [subscription_from_spec(spec) for spec in db.subscription_specs()]


def plan_alerts(
    db: WatchTables, subs: Sequence[Subscription], lookup: EventLookup,
    now: datetime | None = None,
) -> int:
    """Turn the events changed since the last plan into pending immediate alerts.

    An event's alert key includes its fatality figure, so a revised toll is alerted again
    (as an update) and the same figure never twice. Returns how many deliveries were planned.
    """
    changes = db.unplanned_changes()
    planned: list[Delivery] = []
    for event_id in dict.fromkeys(eid for eid, _ in changes):
        event = lookup(event_id)
        if event is None:
            continue
        for sub in subs:
            if not sub.immediate or not sub.matches(event):
                continue
            kind = "update" if db.has_delivery(sub.subscription_id, "alert", event_id) or \
                db.has_delivery(sub.subscription_id, "update", event_id) else "alert"
            key = delivery_key(sub.subscription_id, "alert", event_id,
                               str(event.get("fatalities") or 0))
            planned += _per_channel(sub, key, kind, event_id, (event_id,))
    added = db.plan(planned, now=now)
    db.mark_planned(changes)
    return added


def digest_window(now: datetime, digest_hour: int) -> tuple[str, datetime, datetime]:
    """(day, start, end) of the latest digest due at `now`: the 24 hours before its send time.

    The day named is the one the window mostly covers (the day before the send time).
    """
    end = datetime.combine(now.date(), time(digest_hour))
    if now < end:
        end -= timedelta(days=1)
    start = end - timedelta(days=1)
    return start.date().isoformat(), start, end


def plan_digests(db: WatchTables, subs: Sequence[Subscription], now: datetime, digest_hour: int,
                 lookup: EventLookup) -> int:
    """Plan today's digest for each digest subscription (once: the key is the day).

    A day on which nothing matched sends nothing: an empty digest is not worth an email.
    """
    day, start, end = digest_window(now, digest_hour)
    changed = db.changed_between(start, end)
    planned: list[Delivery] = []
    for sub in subs:
        if not sub.digest:
            continue
        key = delivery_key(sub.subscription_id, "digest", day)
        if db.has_delivery(sub.subscription_id, "digest", day):
            continue
        events = [e for e in (lookup(eid) for eid in changed) if e is not None and sub.matches(e)]
        ids = tuple(e["event_id"] for e in _digest_order(events))
        if ids:
            planned += _per_channel(sub, key, "digest", day, ids)
    return db.plan(planned, now=now)


def _digest_order(events: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return sorted(events, key=lambda e: (-(int(e.get("fatalities") or 0)), e["event_id"]))


def _per_channel(
    sub: Subscription, key: str, kind: str, period: str, event_ids: tuple[str, ...]
) -> list[Delivery]:
    return [
        Delivery(f"{key}:{channel}", key, sub.subscription_id, channel, kind, period, event_ids)
        for channel in sub.channels
    ]


def send_due(
    db: WatchTables,
    subs: Sequence[Subscription],
    lookup: EventLookup,
    options: DeliveryOptions,
    *,
    now: datetime,
    limit: int = 100,
) -> SendSummary:
    """Send every pending delivery whose time has come; failures stay pending with backoff."""
    by_id = {s.subscription_id: s for s in subs}
    sent = failed = skipped = 0
    for delivery in db.due(now, limit):
        sub = by_id.get(delivery.subscription_id)
        if sub is None or delivery.channel not in sub.channels:
            skipped += 1  # unsubscribed: nothing to send, and nothing to retry
            db.mark_sent(delivery.delivery_id)
            continue
        message = _message(delivery, sub, lookup, options)
        try:
            _send(delivery, sub, message, options)
        except DeliveryError as exc:
            failed += 1
            wait = min(options.retry_max, options.retry_base * 2 ** delivery.attempts)
            db.mark_failed(delivery.delivery_id, str(exc), now + timedelta(seconds=wait))
            log.warning("delivery %s to %s failed (attempt %d, retry in %.0fs): %s",
                        delivery.delivery_id, sub.name, delivery.attempts + 1, wait, exc)
            continue
        db.mark_sent(delivery.delivery_id)
        sent += 1
        log.info("sent %s %s to %s over %s", delivery.kind, delivery.period, sub.name,
                 delivery.channel)
    return SendSummary(sent, failed, skipped)


def _message(
    delivery: Delivery, sub: Subscription, lookup: EventLookup, options: DeliveryOptions
) -> Message:
    events = [e for e in (lookup(eid) for eid in delivery.event_ids) if e is not None]
    if delivery.kind == "digest":
        return render_digest(sub, events, day=delivery.period, app_url=options.app_url,
                             idempotency_key=delivery.idempotency_key, land=options.land)
    event = events[0] if events else {"event_id": delivery.period}
    return render_alert(sub, event, app_url=options.app_url,
                        idempotency_key=delivery.idempotency_key,
                        update=delivery.kind == "update")


def _send(delivery: Delivery, sub: Subscription, message: Message,
          options: DeliveryOptions) -> None:
    if delivery.channel == "email":
        email = build_email(message, sender=options.smtp.sender, to=sub.email,
                            idempotency_key=delivery.idempotency_key)
        send_email(email, options.smtp)
    else:
        post_webhook(sub.webhook_url, message.body, secret=sub.webhook_secret,
                     idempotency_key=delivery.idempotency_key,
                     timeout=options.webhook_timeout, allow_private=options.allow_private)
