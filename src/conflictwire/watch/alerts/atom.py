"""An Atom feed of a subscription's latest events, for feed readers (pull, not push)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree as ET

from .render import _actors, event_url, headline
from .subscriptions import Subscription

_NS = "http://www.w3.org/2005/Atom"


def atom_feed(
    sub: Subscription,
    events: Sequence[Mapping[str, Any]],
    *,
    app_url: str,
    updated: datetime | None = None,
) -> bytes:
    """Atom 1.0 XML (UTF-8) with one entry per event, newest first as given.

    Entry ids are tag URIs of the event id, so a reader shows a revised event as updated,
    not as new.
    """
    ET.register_namespace("", _NS)
    feed = ET.Element(f"{{{_NS}}}feed")
    stamps = [_stamp(e) for e in events]
    feed_updated = max([s for s in stamps if s] or [updated or datetime.now(UTC)])
    _text(feed, "id", f"tag:conflictwire,2025:subscription/{sub.subscription_id}")
    _text(feed, "title", f"conflictwire: {sub.name}")
    _text(feed, "updated", _iso(feed_updated))
    ET.SubElement(feed, f"{{{_NS}}}link", rel="alternate", href=app_url)
    author = ET.SubElement(feed, f"{{{_NS}}}author")
    _text(author, "name", "conflictwire")
    for event, stamp in zip(events, stamps, strict=True):
        entry = ET.SubElement(feed, f"{{{_NS}}}entry")
        _text(entry, "id", f"tag:conflictwire,2025:event/{event['event_id']}")
        _text(entry, "title", headline(event))
        _text(entry, "updated", _iso(stamp or feed_updated))
        ET.SubElement(entry, f"{{{_NS}}}link", rel="alternate",
                      href=event_url(app_url, event["event_id"]))
        summary = " ".join(
            p for p in (_actors(event), f"\u201c{event['evidence']}\u201d"
                        if event.get("evidence") else "") if p
        )
        _text(entry, "summary", summary or headline(event))
        ET.SubElement(entry, f"{{{_NS}}}category", term=str(event.get("event_type") or ""))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _text(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, f"{{{_NS}}}{tag}").text = value


def _stamp(event: Mapping[str, Any]) -> datetime | None:
    """When the event last changed: the store's `timestamp` (Unix seconds) if present."""
    ts = event.get("timestamp")
    if isinstance(ts, (int, float)):
        return datetime.fromtimestamp(ts, UTC)
    return None


def _iso(when: datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
