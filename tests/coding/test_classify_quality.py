"""Quality gate: the classification dev set (tests/data/classify_dev.jsonl) scored in-process.

The dev set was written for the project independently of the training examples: at least
40 sentences per ACLED sub-event type plus non-events. Scored like `score.py classify`:
weighted F1 over rows with an ACLED type (the first event of each text is its label), and
how many non-event rows wrongly got an event. Minimums are pinned a little below the
figures measured when they were set (coder 0.949, 6/107 false events; sentence level 0.950),
so a regression fails the suite.

tests/data/classify_blind.jsonl is a second set, written later by someone who had not seen
the training examples, the dev set or the classifier (24 snippets per sub-event type in
the style of wire copy and the CASE 2021 snippets, plus 150 non-events and near misses).
Nobody tuned on it before its figures were pinned (coder 0.853, 18/150 false events).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from conflictwire import taxonomy as tx
from conflictwire.coding.classify import Classifier
from paths import TEST_DATA

DATA = TEST_DATA
DEV = DATA / "classify_dev.jsonl"
BLIND = DATA / "classify_blind.jsonl"
MIN_SENTENCE_WEIGHTED_F1 = 0.92
MAX_SENTENCE_FALSE_EVENT_RATE = 0.09
# set: (minimum coder weighted F1, maximum false-event rate on its non-events)
CODER_GATES = {DEV: (0.92, 0.08), BLIND: (0.83, 0.14)}
# Every type's floor. "Other" sits at 0.743 since the encoder: this set codes a coup's
# detention of a president as Other (ACLED's practice), the written training sentences code
# some as Arrests; relabelling those and retraining is the fix, the floor waits for it.
MIN_TYPE_F1 = 0.74


def _rows(path: Path = DEV) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _score(gold: list[str | None], pred: list[str | None]) -> tuple[float, float, dict]:
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred, strict=True):
        if g is None:
            continue
        if g == p:
            tp[g] += 1
        else:
            fp[p] += 1
            fn[g] += 1
    per = {}
    for label in {g for g in gold if g}:
        pr = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        rc = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
        per[label] = (2 * pr * rc / (pr + rc) if pr + rc else 0.0, tp[label] + fn[label])
    weighted = sum(f * n for f, n in per.values()) / sum(n for _, n in per.values())
    negatives = [p for g, p in zip(gold, pred, strict=True) if g is None]
    false_rate = sum(p is not None for p in negatives) / len(negatives)
    return weighted, false_rate, {k: f for k, (f, _) in per.items()}


@pytest.mark.parametrize(("path", "per_type", "negatives"), [(DEV, 40, 100), (BLIND, 24, 150)])
def test_evaluation_sets_are_well_formed(path: Path, per_type: int, negatives: int) -> None:
    rows = _rows(path)
    counts = Counter(r["sub_event_type"] for r in rows)
    assert len({r["id"] for r in rows}) == len(rows)
    for sub in tx.SUB_EVENT_TYPES:
        assert counts[sub] >= per_type, sub
    assert counts[None] >= negatives
    assert set(counts) <= set(tx.SUB_EVENT_TYPES) | {None}


def test_sentence_classifier_quality() -> None:
    classifier = Classifier.load()
    rows = _rows()
    pred = [classifier.classify(r["text"]).sub_event_type for r in rows]
    weighted, false_rate, per = _score([r["sub_event_type"] for r in rows], pred)
    assert weighted >= MIN_SENTENCE_WEIGHTED_F1
    assert false_rate <= MAX_SENTENCE_FALSE_EVENT_RATE
    weak = {k: round(v, 3) for k, v in per.items() if v < MIN_TYPE_F1}
    assert not weak


@pytest.mark.parametrize("path", list(CODER_GATES), ids=lambda p: p.stem)
def test_coder_quality(path: Path) -> None:
    """The whole coder (factuality, merging, salience order) on each evaluation set."""
    from conflictwire.coding.resources import Resources
    from conflictwire.coding.runner import code
    from conflictwire.models import Article

    min_f1, max_false_rate = CODER_GATES[path]
    resources = Resources.load()
    rows = _rows(path)
    pred = []
    for r in rows:
        reports = code(Article(id=r["id"], text=r["text"]), resources=resources)
        pred.append(reports[0].sub_event_type if reports else None)
    weighted, false_rate, _ = _score([r["sub_event_type"] for r in rows], pred)
    assert weighted >= min_f1
    assert false_rate <= max_false_rate


# The labelled real passages' dev split (labels/README.md): South Asian incident summaries,
# Latin American crime analysis and Indian communal-riot reporting, outlets and regions the
# learner never saw. (minimum coder weighted F1, maximum false-event rate), pinned below the
# figures measured when the encoder became the default: 0.737 and 60/1107 (5.4%); the linear
# coder before it gave 0.702 and 174/1107 (15.7%).
REAL_DEV_GATE = (0.72, 0.065)


def test_coder_quality_on_the_real_dev_split() -> None:
    """The whole coder on the real dev split, scored as `score.py classify` scores it."""
    from conflictwire.coding.classify.labelled import load_labels, split
    from conflictwire.coding.resources import Resources
    from conflictwire.coding.runner import code
    from conflictwire.models import Article
    from paths import REPO, SHARED_DATA, need_shared

    passages = split(load_labels(REPO / "labels" / "events", need_shared(SHARED_DATA)), "dev")
    resources = Resources.load()
    pred = []
    for p in passages:
        reports = code(Article(id=p.item, text=p.text), resources=resources)
        pred.append(reports[0].sub_event_type if reports else None)
    weighted, false_rate, _ = _score([p.sub_event_type for p in passages], pred)
    min_f1, max_false_rate = REAL_DEV_GATE
    assert weighted >= min_f1
    assert false_rate <= max_false_rate
