"""The labelled real-text sets in labels/events are well formed: every item names its
passage and has a label the taxonomy knows (the texts themselves live in ../shared/data)."""

from __future__ import annotations

import json

import pytest

from conflictwire import taxonomy as tx
from paths import REPO

SETS = sorted((REPO / "labels" / "events").glob("*.jsonl"))
KINDS = {"crime", "accident", "disaster", "sport", "history", "threat", "plan", "trial",
         "sanction", "total", "other"}
ACTOR_FIELDS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")


def test_there_are_labelled_sets() -> None:
    assert len(SETS) >= 7


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_every_item_points_at_a_passage_and_has_a_known_label(path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len({r["item"] for r in rows}) == len(rows), "item ids repeat"
    for r in rows:
        assert r["file"] and r["record"] != "" and r["field"], r["item"]
        assert 0 <= r["start"] < r["end"], r["item"]
        sub = r["sub_event_type"]
        if sub is None:
            assert r["negative_kind"] in KINDS, r["item"]
            assert not any(r.get(f) for f in ACTOR_FIELDS), f"{r['item']}: a negative with actors"
        else:
            assert sub in tx.SUB_EVENT_TYPES, f"{r['item']}: {sub!r}"
            assert r["negative_kind"] is None, r["item"]
        assert all(t in tx.SUB_EVENT_TYPES for t in r.get("other_types", ())), r["item"]
        if sub is not None:
            assert r["hard_negative"] is False, f"{r['item']}: an event flagged hard negative"
        if "reconciled_v1" in r.get("tags", ()):
            assert "v1: " in r["reason"], f"{r['item']}: reconciled without a v1 reason"


def test_the_sets_hold_enough_hard_negatives() -> None:
    # The classifier issue asks for at least 1,500 hard negatives among the labelled items.
    rows = [json.loads(line) for path in SETS for line in path.read_text().splitlines()]
    assert sum(r["sub_event_type"] is None and r["hard_negative"] for r in rows) >= 1500
