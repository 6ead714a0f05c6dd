"""Reports -> Events: group the reports that describe one real-world event and reconcile them.

Whether a report belongs to an event is decided by the scored matcher in `matching`: hard
gates on date gap, distance and type family, then a weighted score of date, place, type,
actor overlap and evidence similarity against the event's lead report and every report's
evidence. A report joins an event only when it passes the gates against every report
already in it (complete link), so chains of near neighbours never snowball into one event.
Event ids are a hash of the event's first report, so they stay stable across re-runs; an
event already stored keeps its id when new reports join it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from .matching import MatchOptions, rejection, score
from .models import Event, Report, stable_id


@dataclass(frozen=True, slots=True)
class MergeOptions:
    """How close two reports must be to count as one event (see `matching.MatchOptions`)."""

    max_days: int = 1  # dates known to the day; coarser precisions allow a week or a month
    max_km: float = 10.0
    threshold: float = MatchOptions().threshold

    def matching(self) -> MatchOptions:
        return replace(MatchOptions(), max_km=self.max_km, threshold=self.threshold)


DEFAULT_MERGE = MergeOptions()
_TEXTS = 20  # evidence sentences of an event a new report is compared with


def merge(
    reports: Sequence[Report],
    *,
    existing: Mapping[str, Sequence[Report]] | None = None,
    options: MergeOptions = DEFAULT_MERGE,
) -> list[Event]:
    """Group `reports` into events, joining stored events in `existing` where they match.

    `existing` maps a stored event id to its reports (the candidates near the new reports).
    Returns only the events that are new or gained reports, each with every report id it
    holds (old and new) and its reconciled record; the new reports' fatality figures update
    a stored event's figure (see `reconcile`). Deterministic: the same reports in any order
    give the same events and ids.
    """
    groups: dict[str, list[Report]] = {k: list(v) for k, v in (existing or {}).items()}
    touched: list[str] = []
    new_ids: set[str] = set()
    matching = options.matching()
    records: dict[str, dict] = {}  # each report's flat record, built once
    for report in sorted(reports, key=_order_key):
        event_id = _best_group(report, groups, matching, records)
        if event_id is None:
            event_id = event_id_for(report)
            groups[event_id] = []
        if any(r.report_id == report.report_id for r in groups[event_id]):
            continue
        groups[event_id].append(report)
        new_ids.add(report.report_id)
        if event_id not in touched:
            touched.append(event_id)
    return [
        Event(
            event_id=eid,
            record=reconcile(eid, groups[eid], latest=new_ids),
            report_ids=tuple(r.report_id for r in sorted(groups[eid], key=_order_key)),
        )
        for eid in touched
    ]


def event_id_for(first: Report) -> str:
    """The stable id of an event founded by `first`."""
    return stable_id("event", first.report_id)


def same_event(a: Report, b: Report, options: MergeOptions = DEFAULT_MERGE) -> bool:
    """True when `a` and `b` plausibly describe one event (the matcher's gates and threshold)."""
    found = score(a, b.record(), texts=(b.evidence,), options=options.matching())
    return not found.rejected and found.total >= options.threshold


def reconcile(
    event_id: str, reports: Sequence[Report], *, latest: Collection[str] = ()
) -> dict[str, object]:
    """The event record (EVENT_COLUMNS) from its reports.

    The best-supported report (most specific place, then most precise date, then highest
    confidence) gives type, actors, place and evidence; the date is the one most reports
    agree on among the most precise; sources and tags are the union. Fatalities: when reports
    in `latest` (the batch that just arrived) give a figure, the lowest of those replaces the
    stored one, since tolls are revised as bodies are counted; otherwise the lowest figure any
    report gives (ACLED's conservative rule), zero only when none gives one.
    """
    if not reports:
        raise ValueError("an event needs at least one report")
    ordered = sorted(reports, key=_order_key)
    lead = min(ordered, key=_specificity)
    record = lead.record(event_id)
    record["event_date"] = _consensus_date(ordered)
    record["time_precision"] = min(r.time_precision for r in ordered)
    fresh = [r.fatalities for r in ordered if r.report_id in latest and r.fatalities > 0]
    older = [r.fatalities for r in ordered if r.report_id not in latest and r.fatalities > 0]
    record["fatalities"] = min(fresh or older or [0])
    record["source"] = _union(r.source for r in ordered)
    record["tags"] = _union(r.tags for r in ordered)
    record["confidence"] = round(max(r.confidence for r in ordered), 4)
    if any(r.civilian_targeting for r in ordered):
        record["civilian_targeting"] = next(
            r.civilian_targeting for r in ordered if r.civilian_targeting
        )
    return record


def _best_group(
    report: Report,
    groups: Mapping[str, list[Report]],
    options: MatchOptions,
    records: dict[str, dict],
) -> str | None:
    """The event `report` fits best: gates passed against every member, score over threshold."""

    def record(r: Report) -> dict:
        if r.report_id not in records:
            records[r.report_id] = r.record()
        return records[r.report_id]

    best: tuple[float, str] | None = None
    for event_id, members in groups.items():
        if not members:
            continue
        if any(m.report_id == report.report_id for m in members):
            return event_id
        if any(rejection(report, record(m), options=options) for m in members):
            continue
        lead = min(members, key=_specificity)
        # The latest accounts are enough to compare with; a long-running story's hundredth
        # report need not be read against all the others.
        found = score(report, record(lead), texts=[m.evidence for m in members[-_TEXTS:]],
                      options=options)
        if found.total < options.threshold:
            continue
        if best is None or (-found.total, event_id) < best:
            best = (-found.total, event_id)
    return best[1] if best else None


def _order_key(report: Report) -> tuple[str, str]:
    return (report.event_date.isoformat() if report.event_date else "9999", report.report_id)


def _specificity(report: Report) -> tuple[int, int, float, str]:
    precision = report.location.geo_precision if report.location else 9
    return (precision, report.time_precision, -report.confidence, report.report_id)


def _consensus_date(reports: Sequence[Report]) -> str | None:
    best_precision = min(r.time_precision for r in reports)
    dates = [r.event_date for r in reports if r.event_date and r.time_precision == best_precision]
    if not dates:
        dates = [r.event_date for r in reports if r.event_date]
    if not dates:
        return None
    counts = Counter(dates)
    top = max(counts.values())
    return min(d for d, n in counts.items() if n == top).isoformat()


def _union(values: Iterable[str]) -> str:
    seen: list[str] = []
    for value in values:
        for part in (p.strip() for p in value.split(";")):
            if part and part not in seen:
                seen.append(part)
    return "; ".join(seen)
