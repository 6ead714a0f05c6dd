"""The words of a delivery: digest and alert messages as plain text, HTML and a JSON body.

Each event is one line of who did what where, with its fatality count and a link to the
event in the web app (`{app_url}/?event={id}`), so a reader can go straight to the evidence.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from .basemap import Land
from .staticmap import render_map
from .subscriptions import Subscription

_BODY_FIELDS = (
    "event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country",
    "admin1", "location", "latitude", "longitude", "fatalities", "source", "evidence",
)


@dataclass(frozen=True, slots=True)
class Message:
    """One delivery's content in every form a channel needs."""

    subject: str
    text: str
    html: str
    body: dict[str, Any]  # the webhook's JSON payload
    map_png: bytes | None = None


def event_url(app_url: str, event_id: str) -> str:
    """Where the web app shows one event with its evidence."""
    return f"{app_url.rstrip('/')}/?event={quote(event_id)}"


def headline(event: Mapping[str, Any]) -> str:
    """'2025-02-03 Shelling/artillery/missile attack in El Fasher, Sudan: 9 fatalities'."""
    place = ", ".join(
        dict.fromkeys(p for p in (event.get("location"), event.get("country")) if p)
    ) or "an unknown place"
    deaths = int(event.get("fatalities") or 0)
    toll = f": {deaths} fatalit{'y' if deaths == 1 else 'ies'}" if deaths else ""
    kind = event.get("sub_event_type") or event.get("event_type") or "Event"
    return f"{event.get('event_date') or 'undated'} {kind} in {place}{toll}"


def _actors(event: Mapping[str, Any]) -> str:
    names = [a for a in (event.get("actor1"), event.get("actor2")) if a]
    return " vs ".join(names)


def render_digest(
    sub: Subscription,
    events: Sequence[Mapping[str, Any]],
    *,
    day: str,
    app_url: str,
    idempotency_key: str,
    land: Land | None = None,
) -> Message:
    """The daily digest of `events` (already filtered for `sub`) for the day `day`; `land`
    gives the map its country outlines."""
    n = len(events)
    deaths = sum(int(e.get("fatalities") or 0) for e in events)
    subject = (
        f"conflictwire digest {day} ({sub.name}): {n} event{'s' * (n != 1)}, "
        f"{deaths} fatalit{'y' if deaths == 1 else 'ies'}"
    )
    lines = [subject, ""]
    if not events:
        lines.append("No new or updated events matched this subscription.")
    for i, e in enumerate(events, 1):
        lines.append(f"{i}. {headline(e)}")
        if _actors(e):
            lines.append(f"   {_actors(e)}")
        if e.get("evidence"):
            lines.append(f"   \"{e['evidence']}\"")
        lines.append(f"   {event_url(app_url, e['event_id'])}")
    lines += ["", f"Subscription {sub.subscription_id}; message {idempotency_key}."]
    items = "".join(
        f"<li><a href=\"{html.escape(event_url(app_url, e['event_id']))}\">"
        f"{html.escape(headline(e))}</a>"
        + (f"<br><small>{html.escape(_actors(e))}</small>" if _actors(e) else "")
        + (f"<br><q>{html.escape(str(e['evidence']))}</q>" if e.get("evidence") else "")
        + "</li>"
        for e in events
    )
    located = any(e.get("latitude") is not None for e in events)
    map_png = render_map(events, land=land) if located else None
    page = (
        "<!doctype html><html><body style=\"font-family:sans-serif\">"
        f"<h2>{html.escape(subject)}</h2>"
        + ("<p><img src=\"cid:map\" alt=\"Map of the events\" width=\"480\" height=\"300\"></p>"
           if map_png else "")
        + (f"<ol>{items}</ol>" if events
           else "<p>No new or updated events matched this subscription.</p>")
        + f"<p><small>Subscription {html.escape(sub.subscription_id)}; message "
        f"{html.escape(idempotency_key)}.</small></p></body></html>"
    )
    body = {
        "type": "digest",
        "day": day,
        "subscription_id": sub.subscription_id,
        "idempotency_key": idempotency_key,
        "events": [_payload(e, app_url) for e in events],
    }
    return Message(subject, "\n".join(lines) + "\n", page, body, map_png)


def render_alert(
    sub: Subscription, event: Mapping[str, Any], *, app_url: str, idempotency_key: str,
    update: bool = False,
) -> Message:
    """An immediate alert for one new (or, with `update`, revised) event."""
    prefix = "Update" if update else "Alert"
    subject = f"conflictwire {prefix.lower()} ({sub.name}): {headline(event)}"
    url = event_url(app_url, event["event_id"])
    text_lines = [subject, ""]
    if _actors(event):
        text_lines.append(_actors(event))
    if event.get("evidence"):
        text_lines.append(f"\"{event['evidence']}\"")
    text_lines += [url, "", f"Subscription {sub.subscription_id}; message {idempotency_key}."]
    page = (
        "<!doctype html><html><body style=\"font-family:sans-serif\">"
        f"<h2>{prefix}: <a href=\"{html.escape(url)}\">{html.escape(headline(event))}</a></h2>"
        + (f"<p>{html.escape(_actors(event))}</p>" if _actors(event) else "")
        + (f"<p><q>{html.escape(str(event['evidence']))}</q></p>" if event.get("evidence") else "")
        + f"<p><small>Subscription {html.escape(sub.subscription_id)}; message "
        f"{html.escape(idempotency_key)}.</small></p></body></html>"
    )
    body = {
        "type": "update" if update else "alert",
        "subscription_id": sub.subscription_id,
        "idempotency_key": idempotency_key,
        "events": [_payload(event, app_url)],
    }
    return Message(subject, "\n".join(text_lines) + "\n", page, body)


def _payload(event: Mapping[str, Any], app_url: str) -> dict[str, Any]:
    out = {k: _plain(event.get(k)) for k in _BODY_FIELDS}
    out["url"] = event_url(app_url, event["event_id"])
    return out


def _plain(value: Any) -> Any:
    """A JSON-ready value: dates as ISO strings."""
    return value.isoformat() if hasattr(value, "isoformat") else value
