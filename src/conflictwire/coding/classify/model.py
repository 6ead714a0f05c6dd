"""The sentence classifier: lexicon + linear model (+ optional embeddings), calibrated.

`Classifier.classify(sentence)` gives an ACLED sub-event type or None (no event) with a
calibrated confidence and the trigger that supports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...data import path as data_path
from ...models import Mention
from ...settings import ClassifySettings, packaged_settings
from .embed import EmbeddingHead
from .examples import NO_EVENT
from .features import feature_ids
from .linear import LinearModel
from .precedence import decide
from .rules import constrain
from .triggers import find_triggers

MODEL_FILE = "event_model.npz"


def default_model_path() -> Path:
    """The model shipped in the package (rebuilt by `conflictwire train`)."""
    return data_path(MODEL_FILE)


@dataclass(frozen=True, slots=True)
class SentenceLabel:
    """The classification of one sentence."""

    sub_event_type: str | None
    confidence: float
    event_probability: float
    trigger: Mention | None
    ranked: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Classifier:
    """A trained linear model with its lexicon, and an optional embedding head. Its
    thresholds are the [classify] settings each `classify` call is given."""

    linear: LinearModel
    embedder: EmbeddingHead | None = None

    @classmethod
    def load(cls, path: Path | None = None, *, embeddings: bool = False) -> Classifier:
        """Load the packaged (or given) model; `embeddings` also loads the MiniLM head."""
        linear = LinearModel.load(path or default_model_path())
        embedder = EmbeddingHead.load() if embeddings else None
        return cls(linear, embedder)

    @property
    def labels(self) -> tuple[str, ...]:
        return self.linear.labels

    def classify(self, sentence: str, *, offset: int = 0,
                 settings: ClassifySettings | None = None) -> SentenceLabel:
        """Type and calibrated confidence of the event `sentence` reports, if any; `settings`
        (when a sentence yields an event, when the embedding head is asked, how the codebook
        damps) default to the packaged [classify] settings."""
        settings = settings or packaged_settings().classify
        hits = find_triggers(sentence, offset=offset)
        if not hits.triggers:
            # Without any trigger word the model has never been right often enough to pay
            # for asking it (and skipping it keeps coding fast).
            return SentenceLabel(None, 1.0, 0.0, None, ())
        probs = self.linear.proba(feature_ids(sentence, hits))
        labels = self.linear.labels
        if self.embedder is not None and _uncertain(probs, labels, settings):
            probs = self.embedder.combine(sentence, probs, labels, settings=settings)
        probs = constrain(probs, labels, hits, settings=settings)
        none = labels.index(NO_EVENT)
        p_event = float(1.0 - probs[none])
        order = np.argsort(-probs)
        ranked = tuple((labels[i], float(probs[i])) for i in order[:3] if i != none)
        if p_event < settings.threshold or not ranked:
            return SentenceLabel(None, float(probs[none]), p_event, None, ranked)
        # ACLED's precedence rules have the last word where the sentence decides the type.
        decided = decide(sentence, hits, tuple((labels[i], float(probs[i])) for i in order
                                               if i != none), offset=offset)
        if decided.sub_event_type is None:
            return SentenceLabel(None, decided.confidence, p_event, None, ranked)
        best, conf = decided.sub_event_type, decided.confidence
        trigger = decided.trigger or next((t for t in hits.triggers if t.value == best), None)
        if trigger is None and hits.triggers:
            trigger = hits.triggers[0]
        return SentenceLabel(best, conf, p_event, trigger, ranked)


def _uncertain(probs: np.ndarray, labels: tuple[str, ...], settings: ClassifySettings) -> bool:
    return (float(probs.max()) < settings.embed_band
            and float(probs[labels.index(NO_EVENT)]) < settings.sure_no_event)
