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

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import lru_cache

from ..geo.source_scale import combine, source_scale
from ..geo.sphere import KM_PER_DEGREE_LAT
from ..models import Event, Report, stable_id
from ..settings import MatchingSettings, MergeSettings, packaged_settings
from .matching import MAX_DAY_GAP, day_limit, rejection, score, told_key


def merge(
    reports: Sequence[Report],
    *,
    existing: Mapping[str, Sequence[Report]] | None = None,
    options: MergeSettings | None = None,
) -> list[Event]:
    """Group `reports` into events, joining stored events in `existing` where they match.

    `existing` maps a stored event id to its reports (the candidates near the new reports).
    Returns only the events that are new or gained reports, each with every report id it
    holds (old and new) and its reconciled record; the new reports' fatality figures update
    a stored event's figure (see `reconcile`). Deterministic: the same reports in any order
    give the same events and ids, and extra stored events that no report could join change
    nothing (so a caller may pass more candidates than it must). `options` default to the
    packaged [merge] settings.
    """
    return EventGroups(existing, options).add(reports)


class EventGroups:
    """Events being merged: each event's reports and a place index over them.

    `add` merges one batch of reports into them; a caller merging several batches in a row
    keeps one EventGroups, so later batches see the events earlier ones made or grew.
    """

    def __init__(self, existing: Mapping[str, Sequence[Report]] | None = None,
                 options: MergeSettings | None = None) -> None:
        options = options or packaged_settings().merge
        self.options = options
        self.groups: dict[str, list[Report]] = {}
        self._index = _PlaceIndex(options.max_km)
        self._matching = options.match
        self._records: dict[str, dict] = {}  # each report's flat record, built once
        self._member_of: dict[str, str] = {}  # report id -> event id
        # Each event's first and last report day (ordinals) by time precision, None once a
        # report is undated (then no report can join it).
        self._days: dict[str, dict[int, tuple[int, int]] | None] = {}
        # Event id -> a new report's time precision -> the days it may have (from _days).
        self._windows: dict[str, dict[int, tuple[int, int]]] = {}
        for event_id, members in (existing or {}).items():
            self.groups[event_id] = []
            for member in members:
                self._join(member, event_id)

    def add(self, reports: Sequence[Report]) -> list[Event]:
        """Merge `reports` (see `merge`); return the events they founded or joined."""
        groups = self.groups
        touched: list[str] = []
        for report in sorted(reports, key=_order_key):
            event_id = self._member_of.get(report.report_id)
            if event_id is not None:
                continue  # already in an event
            event_id = _best_group(report, groups, self._candidates(report), self._matching,
                                   self._records, self.options.evidence_texts)
            if event_id is None:
                event_id = event_id_for(report)
                groups.setdefault(event_id, [])
            self._join(report, event_id)
            if event_id not in touched:
                touched.append(event_id)
        return [
            Event(
                event_id=eid,
                record=reconcile(eid, groups[eid]),
                report_ids=tuple(r.report_id for r in sorted(groups[eid], key=_order_key)),
            )
            for eid in touched
        ]

    def replace(self, event_id: str, members: Sequence[Report]) -> None:
        """Give an event other copies of its reports (e.g. as the store gives them back).

        The copies must be the same reports (ids, days and places): the index keeps its entries.
        """
        for member in members:
            self._records.pop(member.report_id, None)
        self.groups[event_id] = list(members)

    def _join(self, report: Report, event_id: str) -> None:
        self.groups[event_id].append(report)
        self._member_of[report.report_id] = event_id
        self._index.add(report, event_id)
        spans = self._days.setdefault(event_id, {})
        if spans is None:
            return
        if report.event_date is None:
            self._days[event_id] = None
            return
        day, precision = report.event_date.toordinal(), int(report.time_precision or 1)
        lo, hi = spans.get(precision, (day, day))
        spans[precision] = (min(lo, day), max(hi, day))
        self._windows.pop(event_id, None)

    def _candidates(self, report: Report) -> list[str]:
        """Events near `report` whose every report is within the date gate of it; any other
        is ruled out by the gate against some report, so it is skipped cheaply."""
        if report.event_date is None:
            return []
        day, precision = report.event_date.toordinal(), report.time_precision
        out = []
        for event_id in self._index.near(report):
            windows = self._windows.setdefault(event_id, {})
            window = windows.get(precision)
            if window is None:
                window = windows[precision] = self._window(event_id, precision)
            if window[0] <= day <= window[1]:
                out.append(event_id)
        return out

    def _window(self, event_id: str, precision: int) -> tuple[int, int]:
        """The days a report of this time precision may have to pass the date gate against
        every report of the event (an empty range when one is undated)."""
        spans = self._days.get(event_id)
        if spans is None:
            return (1, 0)
        lo, hi = -math.inf, math.inf
        for other, (first, last) in spans.items():
            limit = day_limit(precision, other)
            lo, hi = max(lo, last - limit), min(hi, first + limit)
        return (int(lo), int(hi)) if lo <= hi else (1, 0)


def event_id_for(first: Report) -> str:
    """The stable id of an event founded by `first`."""
    return stable_id("event", first.report_id)


def same_event(a: Report, b: Report, options: MergeSettings | None = None) -> bool:
    """True when `a` and `b` plausibly describe one event (the matcher's gates and threshold)."""
    options = options or packaged_settings().merge
    found = score(a, b.record(), texts=(b.evidence,), options=options.match)
    return not found.rejected and found.total >= options.threshold


def reconcile(event_id: str, reports: Sequence[Report]) -> dict[str, object]:
    """The event record (EVENT_COLUMNS) from its reports.

    The best-supported report (most specific place, then most precise date, then highest
    confidence) gives type, actors, place and evidence; the date is the one most reports
    agree on among the most precise; sources and tags are the union, and the source scale
    ACLED's combination of theirs; fatalities as `_reconciled_toll` says.
    """
    if not reports:
        raise ValueError("an event needs at least one report")
    ordered = sorted(reports, key=_order_key)
    lead = min(ordered, key=_specificity)
    record = lead.record(event_id)
    record["event_date"] = _consensus_date(ordered)
    record["time_precision"] = min(r.time_precision for r in ordered)
    record["fatalities"] = _reconciled_toll(ordered)
    record["source"] = _union(r.source for r in ordered)
    record["source_scale"] = combine(
        r.source_scale or source_scale(r.source, r.source_url, record.get("iso"))
        for r in ordered)
    record["tags"] = _union(r.tags for r in ordered)
    record["confidence"] = round(max(r.confidence for r in ordered), 4)
    if any(r.civilian_targeting for r in ordered):
        record["civilian_targeting"] = next(
            r.civilian_targeting for r in ordered if r.civilian_targeting
        )
    return record


def _reconciled_toll(reports: Sequence[Report]) -> int:
    """The event's fatality figure: the lowest among the latest-published reports giving one.

    Tolls are revised as bodies are counted, so a later article's figure supersedes an
    earlier one's; among reports published the same day the lowest stands (ACLED's
    conservative rule); zero only when no report gives a figure. Publication order, unlike
    arrival order, is the same whatever the batching or the number of writers.
    """
    counted = [r for r in reports if r.fatalities > 0]
    if not counted:
        return 0
    newest = max(r.published or date.min for r in counted)
    return min(r.fatalities for r in counted if (r.published or date.min) == newest)


def _best_group(
    report: Report,
    groups: Mapping[str, list[Report]],
    candidates: Iterable[str],
    options: MatchingSettings,
    records: dict[str, dict],
    n_texts: int | None = None,
) -> str | None:
    """The event `report` fits best: gates passed against every member, score over threshold.

    A report is scored against the evidence of the event's latest `n_texts` reports (default:
    the packaged [merge] evidence_texts)."""
    n_texts = n_texts or packaged_settings().merge.evidence_texts

    def record(r: Report) -> dict:
        found = records.get(r.report_id)
        if found is None:
            found = records[r.report_id] = r.record()
            found["event_date"] = r.event_date  # the gates compare dates, not their text
        return found

    best: tuple[float, str] | None = None
    for event_id in candidates:
        members = groups[event_id]
        if any(rejection(report, record(m), options=options) for m in members):
            continue
        lead = min(members, key=_specificity)
        # The latest by event date (then id), not by arrival, so the result does not depend
        # on the order a store returns them.
        latest = (members if len(members) <= n_texts
                  else sorted(members, key=_order_key)[-n_texts:])
        found = score(report, record(lead), texts=[m.evidence for m in latest],
                      options=options)
        if found.total < options.threshold:
            continue
        if best is None or (-found.total, event_id) < best:
            best = (-found.total, event_id)
    return best[1] if best else None


# The grid that narrows the search for nearby reports, here and in the store's `cell` column.
_CELL_DEGREES = 0.1
_COLUMNS_PER_ROW = 10_000  # more than 360 / 0.1, so (row, column) -> one integer


_COLUMNS = round(360 / _CELL_DEGREES)
# Days per time bucket of the place index: more than MAX_DAY_GAP, so the buckets before and
# after a report's hold every day that could pass the date gate.
_BUCKET_DAYS = MAX_DAY_GAP + 1


def grid_cell(lat: float, lon: float) -> int:
    """The integer key of the 0.1-degree grid cell that holds the point."""
    return _key(math.floor(lat / _CELL_DEGREES), math.floor(lon / _CELL_DEGREES))


def _key(row: int, col: int) -> int:
    col = (col + _COLUMNS // 2) % _COLUMNS - _COLUMNS // 2  # wrap across the antimeridian
    return row * _COLUMNS_PER_ROW + col


@lru_cache(maxsize=1 << 16)
def cells_near(lat: float, lon: float, km: float) -> tuple[int, ...]:
    """Keys of every grid cell with a point within `km` of (lat, lon) (and a few more), sorted.

    Cached: reports cluster on the same gazetteer points, and merging asks for each one's
    cells several times."""
    row, col = math.floor(lat / _CELL_DEGREES), math.floor(lon / _CELL_DEGREES)
    cell_km = KM_PER_DEGREE_LAT * _CELL_DEGREES
    rows = math.ceil(km / cell_km)
    # A degree of longitude shrinks with latitude, so look across more columns.
    shrink = max(0.01, math.cos(math.radians(min(89.0, abs(lat) + _CELL_DEGREES))))
    cols = math.ceil(km / (cell_km * shrink))
    cols = min(cols, _COLUMNS // 2)
    return tuple(sorted({_key(row + dr, col + dc)
                         for dr in range(-rows, rows + 1) for dc in range(-cols, cols + 1)}))


class _PlaceIndex:
    """Which groups have a dated report near a point (grid cells, GeoNames ids) and within a
    month of a day, so a report is compared only with groups that could be close enough.

    An undated report is not indexed: no report can join its group (the date gate)."""

    def __init__(self, max_km: float) -> None:
        self.max_km = max_km
        # cell or GeoNames id -> _BUCKET_DAYS-day bucket -> event ids
        self.cells: dict[int, dict[int, set[str]]] = {}
        self.places: dict[int, dict[int, set[str]]] = {}

    def add(self, report: Report, event_id: str) -> None:
        loc = report.location
        if report.event_date is None:
            return
        bucket = report.event_date.toordinal() // _BUCKET_DAYS
        if loc is None:  # placeless: found again only by the same words (`placeless_key`)
            key = placeless_key(report)
            if key is not None:
                self.cells.setdefault(key, {}).setdefault(bucket, set()).add(event_id)
            return
        if loc.latitude is not None and loc.longitude is not None:
            cell = self.cells.setdefault(grid_cell(loc.latitude, loc.longitude), {})
            cell.setdefault(bucket, set()).add(event_id)
        if loc.geonameid is not None:
            place = self.places.setdefault(loc.geonameid, {})
            place.setdefault(bucket, set()).add(event_id)

    def near(self, report: Report) -> list[str]:
        """Groups with a report in a cell within `max_km` of `report`, or at its place, in the
        buckets that hold every day within MAX_DAY_GAP of its date."""
        loc = report.location
        if report.event_date is None:
            return []
        bucket = report.event_date.toordinal() // _BUCKET_DAYS
        found: set[str] = set()
        keyed: list[dict[int, set[str]]] = []
        if loc is None:
            key = placeless_key(report)
            if key is not None and key in self.cells:
                keyed.append(self.cells[key])
        else:
            if loc.geonameid is not None and loc.geonameid in self.places:
                keyed.append(self.places[loc.geonameid])
            if loc.latitude is not None and loc.longitude is not None:
                cells = self.cells
                keyed += [cells[c] for c in cells_near(loc.latitude, loc.longitude,
                                                       self.max_km) if c in cells]
        for buckets in keyed:
            for b in (bucket - 1, bucket, bucket + 1):
                if b in buckets:
                    found |= buckets[b]
        return sorted(found)


def placeless_key(report: Report) -> int | None:
    """The grid key a report that names no place is indexed (and stored) under: one for
    every report that says the same in the same words, so one headline carried by many
    outlets is one event; None for a report with a place."""
    return told_key(report.evidence) if report.location is None else None


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
