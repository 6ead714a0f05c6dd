"""Measure cross-source merging on a labelled multi-outlet set: duplicate and wrong-merge rates.

The set (tests/data/multi_outlet) gives gold events, each told by several outlets, plus
near-miss events that must stay apart. Reports are fed one at a time in publication order,
as the watcher would see them, and each is matched against the events built so far.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..models import Event, Location, Report, stable_id
from ..settings import MatchingSettings
from .matching import match


@dataclass(frozen=True, slots=True)
class LabelledReport:
    """A report with the gold event it belongs to and when its article was published."""

    gold: str
    published: str
    report: Report
    near_miss_of: str = ""


@dataclass(frozen=True, slots=True)
class MergeScores:
    """How a matcher did on a labelled set.

    duplicate_rate: extra events created per gold event (0 = every event merged fully).
    wrong_merge_rate: share of predicted events that hold reports of two or more gold events.
    near_miss_merged: near-miss pairs (must stay apart) that ended up in one event.
    """

    gold_events: int
    reports: int
    predicted_events: int
    duplicate_rate: float
    wrong_merge_rate: float
    pair_recall: float
    pair_precision: float
    near_miss_pairs: int
    near_miss_merged: int

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}


def load_multi_outlet(folder: Path) -> list[LabelledReport]:
    """Every report of every `*.jsonl` file in `folder`, in publication order."""
    out: list[LabelledReport] = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.extend(_event_reports(json.loads(line)))
    return sorted(out, key=lambda r: (r.published, r.report.report_id))


def _event_reports(row: dict[str, Any]) -> Iterable[LabelledReport]:
    for i, rep in enumerate(row["reports"]):
        get = lambda key, rep=rep: rep.get(key, row.get(key))  # noqa: E731
        precision = int(rep.get("gp", 1))
        location = Location(
            name=get("place"),
            latitude=float(get("lat")),
            longitude=float(get("lon")),
            geo_precision=precision,
            country=row["country"],
            iso=row["iso"],
            admin1=row["admin1"],
        )
        article_id = stable_id(row["id"], rep["o"], i)
        report = Report(
            report_id=stable_id("report", article_id),
            article_id=article_id,
            event_date=date.fromisoformat(get("date")),
            time_precision=1,
            disorder_type="",
            event_type=get("type"),
            sub_event_type=get("sub"),
            actor1=get("a1") or "",
            actor2=get("a2") or "",
            location=location,
            fatalities=int(rep.get("f", 0)),
            source=rep["o"],
            evidence=rep["ev"],
            confidence=0.8,
        )
        yield LabelledReport(row["id"], rep["pub"], report, row.get("near_miss_of", ""))


def cluster(
    reports: Sequence[LabelledReport], *, options: MatchingSettings | None = None
) -> dict[str, str]:
    """report_id -> predicted event id, matching each report against the events so far."""
    events: list[Event] = []
    texts: dict[str, list[str]] = defaultdict(list)
    assigned: dict[str, str] = {}
    for item in reports:
        report = item.report
        found, _ = match(report, events, texts=texts, options=options or MatchingSettings())
        if found is None:
            event_id = stable_id("event", report.report_id)
            events.append(Event(event_id, report.record(event_id), (report.report_id,)))
        else:
            event_id = found.event_id
        texts[event_id].append(report.evidence)
        assigned[report.report_id] = event_id
    return assigned


def cluster_with_merge(reports: Sequence[LabelledReport]) -> dict[str, str]:
    """report_id -> event id, feeding reports one at a time through `merge.merge` (the
    store's path: complete link over every member, place index, stored events)."""
    from .merge import merge

    groups: dict[str, list[Report]] = {}
    assigned: dict[str, str] = {}
    for item in reports:
        for event in merge([item.report], existing=groups):
            groups[event.event_id] = groups.get(event.event_id, []) + [item.report]
            assigned[item.report.report_id] = event.event_id
    return assigned


def score_merging(
    reports: Sequence[LabelledReport], assigned: dict[str, str]
) -> MergeScores:
    """Duplicate rate, wrong-merge rate, pairwise recall/precision and near-miss merges."""
    gold_of = {r.report.report_id: r.gold for r in reports}
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_pred: dict[str, set[str]] = defaultdict(set)
    for rid, gold in gold_of.items():
        by_gold[gold].add(assigned[rid])
        by_pred[assigned[rid]].add(gold)
    # An event split over k predicted events counts k-1 duplicates (only clusters it leads).
    duplicates = sum(len(preds) - 1 for preds in by_gold.values())
    wrong = sum(1 for golds in by_pred.values() if len(golds) > 1)
    ids = list(gold_of)
    same_gold = same_pred = both = 0
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            g = gold_of[a] == gold_of[b]
            p = assigned[a] == assigned[b]
            same_gold += g
            same_pred += p
            both += g and p
    near = {(r.gold, r.near_miss_of) for r in reports if r.near_miss_of}
    merged = sum(1 for a, b in near if by_gold[a] & by_gold[b])
    return MergeScores(
        gold_events=len(by_gold),
        reports=len(reports),
        predicted_events=len(by_pred),
        duplicate_rate=round(duplicates / len(by_gold), 4),
        wrong_merge_rate=round(wrong / len(by_pred), 4),
        pair_recall=round(both / same_gold, 4) if same_gold else 1.0,
        pair_precision=round(both / same_pred, 4) if same_pred else 1.0,
        near_miss_pairs=len(near),
        near_miss_merged=merged,
    )


def evaluate(
    folder: Path, *, options: MatchingSettings | None = None, via_merge: bool = False
) -> MergeScores:
    """Load the set in `folder`, cluster it with the matcher (or through `merge.merge`, as
    the store does) and score the result."""
    reports = load_multi_outlet(folder)
    assigned = cluster_with_merge(reports) if via_merge else cluster(reports, options=options)
    return score_merging(reports, assigned)
