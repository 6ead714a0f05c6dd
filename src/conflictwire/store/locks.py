"""Which advisory locks a batch must hold so that concurrent writers merge reports correctly.

Two writers that both see a report of one event must not each found a new event for it.
Every report locks the space-time cells that its candidate search covers (the cells within
merge distance and the widest date window), plus its GeoNames id; two reports that could
merge share at least one cell, so their transactions run one after the other and the later
one sees the earlier one's events. A batch that would need very many cells takes one global
lock instead (cells hold the global key shared, so the two kinds exclude each other).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..events.matching import MAX_DAY_GAP
from ..geo.sphere import KM_PER_DEGREE_LAT
from ..models import Report, stable_id
from ..settings import MergeSettings

CELL_DEGREES = 1.0
CELL_DAYS = 64  # a +-31 day window spans one or two buckets
# Enough for a batch of 200 reports spread over the globe (~400 keys); the server's lock table
# (max_locks_per_transaction x connections, 6,400 by default) is shared by all writers, and a
# batch that finds it full retries under the global lock.
MAX_KEYS = 1024
GLOBAL_KEY = int(stable_id("conflictwire merge global")[:15], 16)
MIGRATION_KEY = int(stable_id("conflictwire schema migration")[:15], 16)


@dataclass(frozen=True, slots=True)
class MergeLocks:
    """Keys to lock exclusively (sorted, so writers never deadlock), or the global lock."""

    keys: tuple[int, ...]
    exclusive_global: bool


def merge_locks(
    reports: Sequence[Report],
    options: MergeSettings,
    *,
    max_keys: int = MAX_KEYS,
) -> MergeLocks:
    """The locks a transaction adding `reports` must take before it looks for candidates."""
    keys: set[int] = set()
    for report in reports:
        keys.update(_report_keys(report, options))
        if len(keys) > max_keys:
            return MergeLocks((), True)
    return MergeLocks(tuple(sorted(keys)), False)


def _report_keys(report: Report, options: MergeSettings) -> set[int]:
    loc = report.location
    if report.event_date is None or loc is None or loc.latitude is None:
        return set()  # such a report never merges: its event id is its own
    # The widest date window merge may use (month precision), as the store's candidate search.
    days = max(options.max_days, MAX_DAY_GAP)
    dlat = options.max_km / KM_PER_DEGREE_LAT + 0.01
    dlon = dlat / max(0.01, math.cos(math.radians(min(89.0, abs(loc.latitude)))))
    keys = set()
    first, last = _bucket(report.event_date, -days), _bucket(report.event_date, days)
    lat_cells = range(_cell(loc.latitude - dlat), _cell(loc.latitude + dlat) + 1)
    lon_cells = {_cell(lon) % int(360 / CELL_DEGREES)
                 for lon in _steps(loc.longitude - dlon, loc.longitude + dlon)}
    for bucket in range(first, last + 1):
        for lat in lat_cells:
            for lon in lon_cells:
                keys.add(_key("cell", bucket, lat, lon))
    if loc.geonameid is not None:
        keys.add(_key("place", loc.geonameid))
    return keys


def _bucket(day: date, offset: int) -> int:
    return (day.toordinal() + offset) // CELL_DAYS


def _cell(degrees: float) -> int:
    return math.floor(degrees / CELL_DEGREES)


def _steps(start: float, stop: float) -> list[float]:
    """Points from start to stop no further apart than one cell, ends included."""
    n = max(1, math.ceil((stop - start) / CELL_DEGREES))
    return [start + (stop - start) * i / n for i in range(n + 1)]


def _key(*parts: object) -> int:
    # 60 bits of a content hash: a positive BIGINT, the same in every process.
    return int(stable_id("conflictwire merge", *parts)[:15], 16)
