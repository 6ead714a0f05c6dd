"""Rebuild the packaged event classifier, reproducibly (fixed seeds, fingerprinted inputs).

The encoder learns from the project's own examples (frames and written sentences, packaged)
and, where `../shared/data` is present, from the labelled real passages of the train split.
A tenth of the real passages (of all examples without them) is held out to fit the
calibration temperatures; the real dev split, when present, is scored at the end. The linear
model over hashed n-grams and lexicon features is rebuilt beside the encoder on the same
examples: the classifier mixes the two (the lexical model as a feature, not the decider).
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ... import taxonomy as tx
from ...errors import ConflictwireError
from .encoder import EncoderModel
from .examples import NO_EVENT, load_examples, training_dir
from .features import feature_ids
from .finetune import FinetuneOptions, export, finetune, logits_of
from .labelled import LabelledPassage, load_labels, split
from .linear import fit_temperature, train
from .model import ENCODER_DIR, MODEL_FILE
from .triggers import find_triggers

LABELS: tuple[str, ...] = (NO_EVENT, *tx.SUB_EVENT_TYPES)
SEED = 13
HOLDOUT = 0.1


@dataclass(frozen=True)
class Example:
    """One training sentence, its label and where it came from."""

    text: str
    label: str
    source: str


@dataclass(frozen=True)
class TrainingReport:
    """What `train_model` did: the examples by source, held-out figures and the files."""

    learner: str
    examples: int
    per_source: dict[str, int]
    per_label: dict[str, int]
    real_data: bool
    temperature: float
    holdout_accuracy: float
    model_path: Path
    fingerprint: str
    seconds: float
    dev: dict[str, float] = field(default_factory=dict)


def training_examples(
    examples_dir: Path | None = None, *, labels_dir: Path | None = None,
    data_root: Path | None = None,
) -> tuple[list[Example], list[Example], list[LabelledPassage]]:
    """(project examples, real train passages, real dev passages); the real ones are empty
    when `labels_dir` or `data_root` is None or missing."""
    own = [Example(t, label, "own:" + where.split(":")[0])
           for t, label, where in load_examples(examples_dir or training_dir())]
    if labels_dir is None or data_root is None or not labels_dir.is_dir() \
            or not data_root.is_dir():
        return own, [], []
    passages = load_labels(labels_dir, data_root)
    real = [Example(p.text, p.sub_event_type or NO_EVENT, "real:" + p.set_name)
            for p in split(passages, "train")]
    return own, real, split(passages, "dev")


def train_model(
    out_dir: Path, *, learner: str = "encoder", examples_dir: Path | None = None,
    labels_dir: Path | None = None, data_root: Path | None = None,
    options: FinetuneOptions | None = None,
    progress: Callable[[int, int, float], None] | None = None,
) -> TrainingReport:
    """Train the `learner` ("encoder" or "linear") and write it under `out_dir`."""
    if learner not in ("encoder", "linear"):
        raise ConflictwireError(f"unknown learner {learner!r}: choose encoder or linear")
    options = options or FinetuneOptions()
    started = time.perf_counter()
    own, real, dev = training_examples(examples_dir, labels_dir=labels_dir,
                                       data_root=data_root)
    examples = own + real
    rng = np.random.default_rng(SEED)
    pool = np.flatnonzero([e.source.startswith("real:") for e in examples]) if real \
        else np.arange(len(examples))
    held = set(rng.choice(pool, size=max(1, int(len(pool) * HOLDOUT)), replace=False).tolist())
    fit = [e for i, e in enumerate(examples) if i not in held]
    check = [e for i, e in enumerate(examples) if i in held]
    targets = np.array([LABELS.index(e.label) for e in fit], dtype=np.int64)
    held_targets = np.array([LABELS.index(e.label) for e in check], dtype=np.int64)
    fingerprint = fingerprint_of(examples)
    meta = {"examples": len(fit), "fingerprint": fingerprint, "seed": options.seed,
            "real_data": bool(real)}
    out_dir.mkdir(parents=True, exist_ok=True)

    # The linear model is always rebuilt: the encoder's probabilities are mixed with it.
    x = [feature_ids(e.text, find_triggers(e.text)) for e in fit]
    linear = train(x, targets, LABELS, seed=SEED)
    held_logits = np.stack([linear.scores(feature_ids(e.text, find_triggers(e.text)))
                            for e in check])
    temperature = fit_temperature(held_logits, held_targets)
    model_path = out_dir / MODEL_FILE
    linear.with_temperature(temperature).save(
        model_path, meta={k: str(v) for k, v in meta.items()})

    if learner == "encoder":
        weights = [options.real_weight if e.source.startswith("real:") else 1.0 for e in fit]
        model = finetune([e.text for e in fit], targets, LABELS, weights=weights,
                         options=options, progress=progress)
        held_logits = logits_of(model, [e.text for e in check], max_tokens=options.max_tokens)
        temperature = fit_temperature(held_logits, held_targets)
        meta |= {"layers": options.layers, "epochs": options.epochs,
                 "learning_rate": options.learning_rate, "real_weight": options.real_weight}
        model_path = export(model, out_dir / ENCODER_DIR, labels=LABELS,
                            max_tokens=options.max_tokens, temperature=temperature, meta=meta)
    accuracy = float((held_logits.argmax(axis=1) == held_targets).mean())
    report_dev = {}
    if dev and learner == "encoder":
        report_dev = dev_scores(EncoderModel.load(model_path.parent), dev)
    return TrainingReport(
        learner, len(fit), dict(Counter(e.source for e in examples)),
        {label: int((targets == i).sum()) for i, label in enumerate(LABELS)}, bool(real),
        round(temperature, 4), round(accuracy, 4), model_path, fingerprint,
        round(time.perf_counter() - started, 1), report_dev)


def dev_scores(model: EncoderModel, dev: list[LabelledPassage]) -> dict[str, float]:
    """The exported encoder alone (argmax, no lexicon gate) on the real dev split: weighted
    F1 over event passages and the share of non-events given an event."""
    probs = model.proba([p.text for p in dev])
    predicted = [model.labels[i] for i in probs.argmax(axis=1)]
    gold = [p.sub_event_type or NO_EVENT for p in dev]
    return {"weighted_f1": round(weighted_f1(gold, predicted), 4),
            "false_events": round(false_event_rate(gold, predicted), 4)}


def weighted_f1(gold: list[str], predicted: list[str]) -> float:
    """F1 per gold event type, weighted by its support, over the rows whose gold is an event
    (a predicted no-event counts against its type): the CASE 2021 measure."""
    rows = [(g, p) for g, p in zip(gold, predicted, strict=True) if g != NO_EVENT]
    total = 0.0
    for label, support in Counter(g for g, _ in rows).items():
        tp = sum(1 for g, p in rows if g == label and p == label)
        fp = sum(1 for g, p in rows if g != label and p == label)
        total += support * (2 * tp / (2 * tp + fp + (support - tp)) if tp else 0.0)
    return total / len(rows) if rows else 0.0


def false_event_rate(gold: list[str], predicted: list[str]) -> float:
    """Share of no-event rows given an event."""
    rows = [p for g, p in zip(gold, predicted, strict=True) if g == NO_EVENT]
    return sum(1 for p in rows if p != NO_EVENT) / len(rows) if rows else 0.0


def fingerprint_of(examples: list[Example]) -> str:
    """A hash of the training texts and labels, stored with the model so a model can be
    traced to its data and a stale one spotted."""
    h = hashlib.sha256()
    for e in examples:
        h.update(f"{e.source}\t{e.label}\t{e.text}\n".encode())
    return h.hexdigest()[:16]
