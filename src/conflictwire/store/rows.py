"""Typed records <-> table rows: what each table stores for an Article, Report, Event, Failure.

Engine-neutral: values are plain Python (str, int, float, date, datetime, None), which both
DuckDB and psycopg bind and return unchanged.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from ..events.merge import grid_cell, placeless_key
from ..models import (
    EVENT_COLUMNS,
    Article,
    Event,
    Failure,
    Location,
    Mention,
    Report,
    stable_id,
)
from .base import EVENT_ROW_COLUMNS
from .schema import (
    ARTICLE_COLUMNS,
    EVENT_TABLE_COLUMNS,
    FAILURE_COLUMNS,
    REPORT_COLUMNS,
)


def now() -> datetime:
    """The current time in UTC, without tzinfo (TIMESTAMP columns hold naive UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


def article_row(article: Article, n_reports: int, at: datetime) -> tuple[Any, ...]:
    values = {
        "article_id": article.id, "url": article.url, "source": article.source,
        "title": article.title, "published": article.published,
        "language": article.language, "text": article.text, "n_reports": n_reports,
        "added_at": at,
    }
    return tuple(values[c] for c in ARTICLE_COLUMNS)


def report_row(report: Report, event_id: str, at: datetime) -> tuple[Any, ...]:
    values = _typed(report.record(event_id))
    loc = report.location
    # A report with no place is found again by what it says (`placeless_key`), not where.
    cell = (grid_cell(loc.latitude, loc.longitude) if loc and loc.latitude is not None
            else placeless_key(report) if loc is None else None)
    values.update(report_id=report.report_id, evidence_start=report.evidence_start,
                  evidence_end=report.evidence_end, cell=cell, added_at=at,
                  mentions=mentions_json(report))
    return tuple(values[c] for c in REPORT_COLUMNS)


def mentions_json(report: Report) -> str:
    """The spans the coder found for `report` (its mentions and its place's mention) as a JSON
    list of {start, end, text, kind, value, score}. Offsets index the text the span was found
    in: the article body, or the headline for a span of the headline (a headline's event).

    A value is kept as JSON can hold it: an actor or place by its name, a date as ISO text.
    """
    found = list(report.mentions)
    place = report.location.mention if report.location else None
    if place is not None and place not in found:
        found.append(place)
    return json.dumps([_mention_out(m) for m in sorted(found, key=lambda m: (m.start, m.end))],
                      ensure_ascii=False)


def mentions_from_json(text: str | None) -> tuple[Mention, ...]:
    """The spans `mentions_json` wrote, as Mentions whose values are as JSON holds them (a
    place's mention among them); `mentions_json` of a report holding them writes `text` again.
    """
    if not text:
        return ()
    return tuple(Mention(m["start"], m["end"], m["text"], m["kind"], m["value"], m["score"])
                 for m in json.loads(text))


def _mention_out(m: Mention) -> dict[str, Any]:
    value = m.value
    if isinstance(value, date):
        value = value.isoformat()
    elif value is not None and not isinstance(value, str | int | float):
        value = getattr(value, "name", None) or str(value)
    return {"start": m.start, "end": m.end, "text": m.text, "kind": m.kind, "value": value,
            "score": m.score}


def event_row(event: Event, first_seen: datetime, at: datetime) -> tuple[Any, ...]:
    values = _typed(event.record)
    values.update(event_id=event.event_id, n_reports=len(event.report_ids),
                  first_seen=first_seen, updated_at=at)
    return tuple(values[c] for c in EVENT_TABLE_COLUMNS)


def failure_row(failure: Failure, at: datetime) -> tuple[Any, ...]:
    values = {
        "failure_id": failure_id(failure), "input": failure.input, "stage": failure.stage,
        "error": failure.error, "first_seen": at,
    }
    return tuple(values[c] for c in FAILURE_COLUMNS)


def failure_id(failure: Failure) -> str:
    """Same input, stage and error: same failure, recorded once."""
    return stable_id("failure", failure.input, failure.stage, failure.error)


# The reports-table columns `report_from_row` reads (and event_id, which groups them): the
# merge path reads no more, not the grid key, the time added or the spans.
MERGE_COLUMNS = tuple(c for c in REPORT_COLUMNS if c not in ("cell", "added_at", "mentions"))
# The columns of a report row without its spans (read where nothing shows them).
WITHOUT_SPANS = tuple(c for c in REPORT_COLUMNS if c != "mentions")


def report_from_row(row: dict[str, Any]) -> Report:
    """Rebuild a Report from its stored row (its stored spans are for display: `mentions`
    stays empty, as merging never reads it)."""
    location = None
    if row.get("location") or row.get("latitude") is not None:
        location = Location(
            name=row.get("location") or "",
            latitude=row["latitude"],
            longitude=row["longitude"],
            geo_precision=row.get("geo_precision") or 3,
            country=row.get("country") or "",
            iso=row.get("iso") or "",
            admin1=row.get("admin1") or "",
            admin2=row.get("admin2") or "",
            admin3=row.get("admin3") or "",
            region=row.get("region") or "",
            geonameid=row.get("geonameid"),
        )
    text = {k: row.get(k) or "" for k in (
        "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
        "assoc_actor_2", "civilian_targeting", "notes", "tags", "source", "source_scale",
        "source_url", "evidence")}
    return Report(
        report_id=row["report_id"],
        article_id=row["article_id"],
        event_date=_as_date(row.get("event_date")),
        time_precision=row.get("time_precision") or 1,
        inter1=row.get("inter1"),
        inter2=row.get("inter2"),
        interaction=row.get("interaction"),
        location=location,
        fatalities=row.get("fatalities") or 0,
        evidence_start=row.get("evidence_start") or 0,
        evidence_end=row.get("evidence_end") or 0,
        confidence=row.get("confidence") or 0.0,
        published=_as_date(row.get("published")),
        **text,
    )


def stored_report(row: tuple[Any, ...], published: date | None) -> Report:
    """The Report that reading back a `report_row` (and its article's publication date) gives."""
    values = dict(zip(REPORT_COLUMNS, row, strict=True))
    values["published"] = published
    return report_from_row(values)


def event_out(row: dict[str, Any]) -> dict[str, Any]:
    """An events-table row as the public event row (EVENT_ROW_COLUMNS, JSON-ready values)."""
    out = {c: row.get(c) for c in EVENT_COLUMNS}
    out["event_date"] = _iso(row.get("event_date"))
    out["n_reports"] = row.get("n_reports")
    updated = row.get("updated_at")
    out["timestamp"] = int(updated.replace(tzinfo=UTC).timestamp()) if updated else None
    return {c: out[c] for c in EVENT_ROW_COLUMNS}


def report_out(row: dict[str, Any]) -> dict[str, Any]:
    """A reports-table row with dates as ISO strings and its spans, if the row has them, as a
    list (None for a report stored before reports kept them)."""
    out = {k: v for k, v in row.items() if k != "cell"}  # the grid key is internal
    if "mentions" in row:
        out["mentions"] = json.loads(row["mentions"]) if row["mentions"] else None
    out["event_date"] = _iso(row.get("event_date"))
    out["added_at"] = _iso(row.get("added_at"))
    return out


def _typed(record: dict[str, Any]) -> dict[str, Any]:
    values = dict(record)
    values["event_date"] = _as_date(values.get("event_date"))
    return values


def _as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
