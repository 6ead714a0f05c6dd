"""Feeds to entries: RSS 0.9x/1.0/2.0 and Atom through feedparser, JSON Feed 1.0/1.1 directly.

`parse_feed` never raises on bad input: bytes that are not a feed give a `FeedResult` with
an error and no entries. Each entry keeps a stable key (its guid, else its link, else a hash
of its text) so that the watcher can tell a new entry from one it has already coded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from ..models import Article, stable_id
from .pubdate import parse_published


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed: what the feed itself says about an article."""

    key: str  # stable across polls: guid, else link, else a hash of title and text
    title: str
    summary: str  # plain text
    link: str | None
    published: date | None


@dataclass(frozen=True, slots=True)
class FeedResult:
    """A parsed feed: its title, kind (rss20, atom10, json11...) and entries, or an error."""

    title: str = ""
    kind: str = ""
    entries: tuple[FeedEntry, ...] = field(default_factory=tuple)
    error: str = ""  # set when the bytes were not a readable feed
    warning: str = ""  # set when the feed was read despite a problem (bad encoding, bad XML)


def parse_feed(data: bytes) -> FeedResult:
    """The entries of an RSS, Atom or JSON feed document, or an error saying why there are none."""
    head = data.lstrip()[:1]
    if head in (b"{", b"["):
        return _parse_json_feed(data)
    import feedparser

    parsed = feedparser.parse(data)
    problem = getattr(parsed, "bozo_exception", None)
    if not parsed.entries:
        if not parsed.get("version"):
            reason = f": {type(problem).__name__}: {problem}" if problem else ""
            return FeedResult(error=f"not an RSS, Atom or JSON feed{reason}")
        return FeedResult(title=parsed.feed.get("title", ""), kind=parsed.get("version", ""))
    entries = tuple(_entry(e) for e in parsed.entries)
    warning = f"{type(problem).__name__}: {problem}" if parsed.bozo and problem else ""
    return FeedResult(
        title=parsed.feed.get("title", ""),
        kind=parsed.get("version") or "unknown",
        entries=tuple(e for e in entries if e is not None),
        warning=warning,
    )


def _entry(e: dict) -> FeedEntry | None:
    body = ""
    if e.get("content"):
        body = e["content"][0].get("value", "")
    text = strip_tags(body or e.get("summary", "")).strip()
    title = strip_tags(e.get("title", "")).strip()
    link = _web_link(e.get("link"))
    if not (title or text or link):
        return None
    key = e.get("id") or link or stable_id(title, text)
    # feedparser has already read the date; dateparser is the slow fallback for odd stamps.
    parsed = e.get("published_parsed") or e.get("updated_parsed")
    published = date(*parsed[:3]) if parsed else parse_published(
        e.get("published") or e.get("updated"))
    return FeedEntry(str(key), title, text, link, published)


def _parse_json_feed(data: bytes) -> FeedResult:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return FeedResult(error=f"not a JSON feed: {exc}")
    if not isinstance(doc, dict) or "jsonfeed.org" not in str(doc.get("version", "")):
        return FeedResult(error="JSON document is not a JSON Feed (no jsonfeed.org version)")
    kind = "json" + str(doc["version"]).rsplit("/", 1)[-1].replace(".", "")
    entries: list[FeedEntry] = []
    for item in doc.get("items") or []:
        if not isinstance(item, dict):
            continue
        text = item.get("content_text") or strip_tags(item.get("content_html") or "")
        text = (text or item.get("summary") or "").strip()
        title = strip_tags(str(item.get("title") or "")).strip()
        link = _web_link(item.get("url") or item.get("external_url"))
        if not (title or text or link):
            continue
        key = str(item.get("id") or link or stable_id(title, text))
        published = parse_published(item.get("date_published") or item.get("date_modified"))
        entries.append(FeedEntry(key, title, text, link, published))
    return FeedResult(title=strip_tags(str(doc.get("title") or "")), kind=kind,
                      entries=tuple(entries))


def _web_link(value: object) -> str | None:
    """An absolute http(s) link, or None (a guid that is not a URL is not a link)."""
    text = str(value or "").strip()
    return text if text.startswith(("http://", "https://")) else None


def strip_tags(html: str) -> str:
    """Plain text of an HTML fragment (entities decoded); the input itself if lxml rejects it."""
    if "<" not in html and "&" not in html:
        return html
    import lxml.html

    try:
        return lxml.html.fromstring(f"<div>{html}</div>").text_content()
    except Exception:  # lxml raises several types on broken fragments; raw text beats nothing
        return html


def entry_article(entry: FeedEntry, *, source: str) -> Article:
    """An Article from the feed entry alone (title and summary), for entries without a page."""
    text = f"{entry.title}. {entry.summary}" if entry.title and entry.summary else (
        entry.summary or entry.title
    )
    return Article(
        id=stable_id(entry.link or text),
        text=text,
        title=entry.title or None,
        published=entry.published,
        source=source,
        url=entry.link,
    )
