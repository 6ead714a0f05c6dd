"""A multinomial logistic regression over sparse binary hashed features, in numpy.

Trained by AdaGrad with a fixed seed (same data, same weights), saved as a compressed npz of
the non-zero rows in float16 so the packaged model stays small.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...errors import ModelError
from .features import N_FEATURES

FORMAT_VERSION = 1


@dataclass(frozen=True)
class LinearModel:
    """Weights (features x labels), label names, and the calibration temperature."""

    weights: np.ndarray
    labels: tuple[str, ...]
    temperature: float = 1.0

    def scores(self, ids: np.ndarray) -> np.ndarray:
        return self.weights[ids].sum(axis=0)

    def proba(self, ids: np.ndarray) -> np.ndarray:
        """Calibrated label probabilities of one example given its feature ids."""
        return softmax(self.scores(ids) / self.temperature)

    def with_temperature(self, temperature: float) -> LinearModel:
        return LinearModel(self.weights, self.labels, temperature)

    def save(self, path: Path, *, meta: dict[str, str] | None = None) -> None:
        rows = np.flatnonzero(np.any(self.weights != 0, axis=1)).astype(np.int32)
        np.savez_compressed(
            path,
            version=np.array(FORMAT_VERSION),
            n_features=np.array(self.weights.shape[0]),
            rows=rows,
            weights=self.weights[rows].astype(np.float16),
            labels=np.array(self.labels),
            temperature=np.array(self.temperature),
            meta=np.array(sorted((meta or {}).items()), dtype=str).reshape(-1, 2),
        )

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        """Read a model saved by `save`; raises ModelError if it is missing or not one."""
        try:
            with np.load(path, allow_pickle=False) as z:
                if int(z["version"]) != FORMAT_VERSION or int(z["n_features"]) != N_FEATURES:
                    raise ModelError(f"{path}: model format does not match this conflictwire")
                labels = tuple(str(s) for s in z["labels"])
                weights = np.zeros((N_FEATURES, len(labels)), dtype=np.float32)
                weights[z["rows"]] = z["weights"].astype(np.float32)
                return cls(weights, labels, float(z["temperature"]))
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(f"{path}: {exc}") from exc


def read_meta(path: Path) -> dict[str, str]:
    """The metadata stored with a saved model (examples, fingerprint, seed, accuracy)."""
    try:
        with np.load(path, allow_pickle=False) as z:
            return {str(k): str(v) for k, v in z["meta"]}
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"{path}: {exc}") from exc


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def train(
    examples: list[np.ndarray],
    targets: np.ndarray,
    labels: tuple[str, ...],
    *,
    epochs: int = 12,
    learning_rate: float = 0.3,
    l2: float = 3e-4,
    dropout: float = 0.2,
    seed: int = 13,
) -> LinearModel:
    """Fit weights on (feature ids, label index) pairs; classes are weighted to balance.

    Each step drops a random `dropout` share of an example's features, so the model cannot
    lean on one word of a training sentence and spreads weight over triggers and cues.
    """
    k = len(labels)
    w = np.zeros((N_FEATURES, k), dtype=np.float32)
    g2 = np.full((N_FEATURES, k), 1e-6, dtype=np.float32)
    counts = np.bincount(targets, minlength=k).astype(np.float64)
    class_weight = np.where(counts > 0, counts.sum() / (k * np.maximum(counts, 1)), 0.0)
    class_weight = np.sqrt(class_weight)  # full balancing over-predicts the rarest types
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        for i in rng.permutation(len(examples)):
            ids = examples[i]
            if dropout:
                keep = rng.random(len(ids)) >= dropout
                keep[0] = True  # the bias
                ids = ids[keep]
            rows = w[ids]
            p = softmax(rows.sum(axis=0))
            p[targets[i]] -= 1.0
            grad = np.outer(np.ones(len(ids), dtype=np.float32), p * class_weight[targets[i]])
            grad += l2 * rows
            g2[ids] += grad * grad
            w[ids] = rows - learning_rate * grad / np.sqrt(g2[ids])
    return LinearModel(w, labels)


def fit_temperature(logits: np.ndarray, targets: np.ndarray) -> float:
    """The temperature that minimises held-out negative log likelihood (a grid search)."""
    best_t, best_nll = 1.0, float("inf")
    for t in np.arange(0.3, 4.01, 0.05):
        p = softmax(logits / t)
        nll = -np.log(p[np.arange(len(targets)), targets] + 1e-12).mean()
        if nll < best_nll:
            best_t, best_nll = float(t), float(nll)
    return round(best_t, 2)
