"""Rebuild the packaged event model from the training examples, reproducibly (fixed seeds).

Cross-validation gives out-of-fold scores to fit the calibration temperature and to report
held-out accuracy; the final model is then fitted on every example.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ... import taxonomy as tx
from .embed import HEAD_FILE, encode, load_encoder, train_head
from .examples import NO_EVENT, load_examples, training_dir
from .features import feature_ids
from .linear import fit_temperature, train
from .model import MODEL_FILE
from .triggers import find_triggers

LABELS: tuple[str, ...] = (NO_EVENT, *tx.SUB_EVENT_TYPES)
FOLDS = 4
SEED = 13


@dataclass(frozen=True)
class TrainingReport:
    """What `train_model` did: how many examples, held-out accuracy, temperature, files."""

    examples: int
    per_label: dict[str, int]
    cv_accuracy: float
    temperature: float
    model_path: Path
    head_path: Path | None
    fingerprint: str


def train_model(
    out_dir: Path, *, examples_dir: Path | None = None, embeddings: bool = False
) -> TrainingReport:
    """Train on the examples in `examples_dir` (default: packaged) and write the model(s)."""
    examples_dir = examples_dir or training_dir()
    pairs = load_examples(examples_dir)
    texts = [t for t, _, _ in pairs]
    targets = np.array([LABELS.index(label) for _, label, _ in pairs], dtype=np.int64)
    x = [feature_ids(t, find_triggers(t)) for t in texts]

    # Folds by frame: copies of one frame in two folds would flatter held-out accuracy.
    groups = sorted({g for _, _, g in pairs})
    fold_of = dict(zip(groups, np.random.default_rng(SEED).permutation(len(groups)) % FOLDS,
                       strict=True))
    folds = np.array([fold_of[g] for _, _, g in pairs])
    logits = np.zeros((len(x), len(LABELS)), dtype=np.float32)
    for k in range(FOLDS):
        train_idx = np.flatnonzero(folds != k)
        model = train([x[i] for i in train_idx], targets[train_idx], LABELS, seed=SEED + k)
        for i in np.flatnonzero(folds == k):
            logits[i] = model.scores(x[i])
    temperature = fit_temperature(logits, targets)
    cv_accuracy = float((logits.argmax(axis=1) == targets).mean())

    model = train(x, targets, LABELS, seed=SEED).with_temperature(temperature)
    fingerprint = fingerprint_of(examples_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model_path = out_dir / MODEL_FILE
    model.save(model_path, meta={"examples": str(len(x)), "fingerprint": fingerprint,
                                 "seed": str(SEED), "cv_accuracy": f"{cv_accuracy:.4f}"})
    head_path = None
    if embeddings:
        vecs = encode(load_encoder(), texts)
        w, b = train_head(vecs.astype(np.float64), targets, len(LABELS))
        head_path = out_dir / HEAD_FILE
        np.savez_compressed(head_path, weights=w.astype(np.float16), bias=b,
                            labels=np.array(LABELS))
    per_label = {label: int((targets == i).sum()) for i, label in enumerate(LABELS)}
    return TrainingReport(len(x), per_label, round(cv_accuracy, 4), temperature, model_path,
                          head_path, fingerprint)


def fingerprint_of(directory: Path) -> str:
    """A hash of the training files, stored in the model so a stale model can be spotted."""
    h = hashlib.sha256()
    for path in sorted(directory.iterdir()):
        if path.is_file():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]
