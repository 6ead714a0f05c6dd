"""Several batches merged in memory as consecutive transactions would merge them, written once.

`plan_batches` takes batches, the ids the store already holds of them, the stored events any
of their reports could join (with all their reports) and the articles' publication dates,
and merges batch after batch: each sees the events the batches before it founded or grew,
through the copies of their reports the store would give back (`rows.stored_report`). So
the rows it returns are exactly what committing the same batches one by one would leave
(but for timestamps), and they go to the database in one transaction's few statements.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from ..events.merge import EventGroups, MergeSettings
from ..models import Event, Report
from . import rows as R
from .base import Batch, BatchResult

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Stored:
    """Which of the batches' ids the store already holds."""

    articles: AbstractSet[str] = frozenset()
    reports: AbstractSet[str] = frozenset()
    failures: AbstractSet[str] = frozenset()


@dataclass
class Plan:
    """The rows to write (events: each one's last state) and what each batch changed."""

    articles: list[tuple] = field(default_factory=list)
    reports: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    failures: list[tuple] = field(default_factory=list)
    results: list[BatchResult] = field(default_factory=list)


def plan_batches(
    batches: Sequence[Batch],
    *,
    stored: Stored,
    candidates: Mapping[str, Sequence[Report]],
    published: Mapping[str, date | None],
    options: MergeSettings,
    at: datetime,
) -> Plan:
    """Merge `batches` in order and return the rows that committing them one by one leaves.

    `candidates` are stored events (id -> their reports as the store returns them) that any
    new report of any batch could join; more than that is harmless (`merge` ignores events no
    report can join). `published` maps the reports' article ids to the publication date the
    store holds (or will hold) for them.
    """
    plan = Plan()
    groups = EventGroups(candidates, options)
    seen_articles, seen_reports = set(stored.articles), set(stored.reports)
    seen_failures = set(stored.failures)
    last: dict[str, Event] = {}
    for batch in batches:
        articles = _fresh(batch.articles, lambda a: a.id, seen_articles)
        per_article = Counter(r.article_id for r in batch.reports)
        plan.articles += [R.article_row(a, per_article[a.id], at) for a in articles]

        reports = _fresh(batch.reports, lambda r: r.report_id, seen_reports)
        before = set(groups.groups)
        events = groups.add(reports)
        event_of = {rid: e.event_id for e in events for rid in e.report_ids}
        rows = [R.report_row(r, event_of[r.report_id], at) for r in reports]
        plan.reports += rows
        # Later batches must see these reports as the store would give them back.
        copies = {r.report_id: R.stored_report(row, published.get(r.article_id))
                  for r, row in zip(reports, rows, strict=True)}
        for event in events:
            groups.replace(event.event_id,
                           [copies.get(m.report_id, m) for m in groups.groups[event.event_id]])
            last[event.event_id] = event

        failures = _fresh(batch.failures, R.failure_id, seen_failures)
        plan.failures += [R.failure_row(f, at) for f in failures]
        updated = sum(1 for e in events if e.event_id in before)
        plan.results.append(BatchResult(
            articles_added=len(articles),
            reports_added=len(reports),
            events_added=len(events) - updated,
            events_updated=updated,
            failures_added=len(failures),
            event_ids=tuple(e.event_id for e in events),
        ))
    plan.events = [R.event_row(e, at, at) for e in last.values()]
    return plan


def new_reports(batches: Iterable[Batch], stored: AbstractSet[str]) -> list[Report]:
    """The batches' reports the store does not hold, each once (what may found or join)."""
    return _fresh([r for b in batches for r in b.reports], lambda r: r.report_id, set(stored))


def _fresh(items: Sequence[T], key: Callable[[T], Any], seen: set) -> list[T]:
    """Items whose key is not in `seen` (stored or met earlier), adding theirs to it."""
    out = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out
