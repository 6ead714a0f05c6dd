"""The sentence classifier: the trigger lexicon picks candidate sentences, the fine-tuned encoder
types them, mixed with the lexical linear model; the codebook constrains the result and ACLED's
precedence rules have the last word where the sentence decides the type.

`Classifier.classify_many(sentences)` gives each an ACLED sub-event type or None (no event)
with a calibrated confidence and the trigger that supports it; candidates of one article
reach the encoder in one batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from ...data import path as data_path
from ...errors import ModelError
from ...models import Mention
from ...settings import ClassifySettings, packaged_settings
from .encoder import META_FILE, EncoderModel
from .examples import NO_EVENT
from .features import feature_ids
from .linear import LinearModel
from .precedence import decide
from .rules import constrain
from .triggers import LexiconHits, find_triggers

ENCODER_DIR = "encoder"
MODEL_FILE = "event_model.npz"
# `--model` also takes these names for the packaged models.
PACKAGED = {"encoder": ENCODER_DIR, "linear": MODEL_FILE}


def default_model_path() -> Path:
    """The packaged encoder's folder (rebuilt by `conflictwire train`)."""
    return data_path(ENCODER_DIR)


@dataclass(frozen=True, slots=True)
class SentenceLabel:
    """The classification of one sentence."""

    sub_event_type: str | None
    confidence: float
    event_probability: float
    trigger: Mention | None
    ranked: tuple[tuple[str, float], ...]


NOT_A_CANDIDATE = SentenceLabel(None, 1.0, 0.0, None, ())


class Learner(Protocol):
    """What types a candidate sentence: probabilities over `labels`, one row a sentence."""

    labels: tuple[str, ...]

    def proba_many(self, texts: Sequence[str], hits: Sequence[LexiconHits]) -> np.ndarray: ...


@dataclass(frozen=True)
class EncoderLearner:
    """The fine-tuned encoder: reads the sentence itself, not the lexicon's hits."""

    model: EncoderModel

    @property
    def labels(self) -> tuple[str, ...]:
        return self.model.labels

    def proba_many(self, texts: Sequence[str], hits: Sequence[LexiconHits]) -> np.ndarray:
        return self.model.proba(texts)


@dataclass(frozen=True)
class LinearLearner:
    """The hashed n-gram and lexicon-feature linear model (the encoder's predecessor)."""

    model: LinearModel

    @property
    def labels(self) -> tuple[str, ...]:
        return self.model.labels

    def proba_many(self, texts: Sequence[str], hits: Sequence[LexiconHits]) -> np.ndarray:
        rows = [self.model.proba(feature_ids(t, h)) for t, h in zip(texts, hits, strict=True)]
        return np.stack(rows) if rows else np.zeros((0, len(self.labels)))


def load_learner(path: Path | str) -> Learner:
    """The learner at `path`: a folder holding an exported encoder, or a linear model's .npz."""
    path = Path(path)
    if path.is_dir():
        if not (path / META_FILE).is_file():
            raise ModelError(f"{path}: not an encoder model folder (no {META_FILE})")
        return EncoderLearner(EncoderModel.load(path))
    if not path.exists():
        raise ModelError(f"{path}: no such model (give a folder written by `conflictwire "
                         "train`, an encoder folder or a .npz file, or `encoder` / `linear`)")
    return LinearLearner(LinearModel.load(path))


@dataclass(frozen=True)
class Classifier:
    """A learner, optionally mixed with the lexical (linear) model, behind the trigger
    lexicon and the codebook. Its thresholds and the mix are the [classify] settings each
    call is given."""

    learner: Learner
    lexical: Learner | None = None

    @classmethod
    def load(cls, path: Path | str | None = None) -> Classifier:
        """The classifier `conflictwire train` wrote to the folder `path` (default: the
        packaged one): its encoder mixed with its linear model. `path` may also be an encoder
        folder (mixed with the linear model beside it, if any) or a .npz (the linear model
        alone); the names `encoder` and `linear` give the packaged learners alone."""
        if str(path) in PACKAGED:
            return cls(load_learner(data_path(PACKAGED[str(path)])))
        path = Path(path) if path is not None else data_path()
        if (path / ENCODER_DIR / META_FILE).is_file():
            path = path / ENCODER_DIR
        if path.is_dir() and (path.parent / MODEL_FILE).is_file():
            return cls(load_learner(path), load_learner(path.parent / MODEL_FILE))
        return cls(load_learner(path))

    @property
    def labels(self) -> tuple[str, ...]:
        return self.learner.labels

    def classify(self, sentence: str, *, offset: int = 0,
                 settings: ClassifySettings | None = None,
                 lexical_only: bool = False) -> SentenceLabel:
        """Type and calibrated confidence of the event `sentence` reports, if any."""
        return self.classify_many([(sentence, offset)], settings=settings,
                                  lexical_only=lexical_only)[0]

    def classify_many(self, sentences: Sequence[tuple[str, int]], *,
                      settings: ClassifySettings | None = None,
                      lexical_only: bool = False) -> list[SentenceLabel]:
        """`classify` for each (sentence, offset), the candidates typed in one batch;
        `settings` (when a sentence yields an event, the mix, how many sentences the
        encoder reads, how the codebook damps) default to the packaged [classify] settings.
        `lexical_only` asks the lexical model alone (a clause of a sentence already read)."""
        settings = settings or packaged_settings().classify
        hits = [find_triggers(text, offset=offset) for text, offset in sentences]
        # Without any trigger word the learner has never been right often enough to pay
        # for asking it, and skipping it keeps coding fast.
        ask = [i for i, h in enumerate(hits) if h.triggers]
        out = [NOT_A_CANDIDATE] * len(sentences)
        if not ask:
            return out
        texts, asked_hits = [sentences[i][0] for i in ask], [hits[i] for i in ask]
        if self.lexical is None or settings.lexical_weight <= 0:
            probs = self.learner.proba_many(texts, asked_hits)
        else:
            probs = self.lexical.proba_many(texts, asked_hits)
            # The encoder reads the first candidates (an article's lead, where ACLED's
            # coders find its events); later ones keep the lexical model's reading alone.
            limit = settings.encoder_sentences or len(texts)
            if lexical_only:
                limit = 0
            if limit and settings.lexical_weight < 1:
                read = self.learner.proba_many(texts[:limit], asked_hits[:limit])
                probs[:limit] = _mix(read, probs[:limit], settings.lexical_weight)
        for row, i in zip(probs, ask, strict=True):
            out[i] = self._decide(row, *sentences[i], hits[i], settings)
        return out

    def _decide(self, probs: np.ndarray, sentence: str, offset: int, hits: LexiconHits,
                settings: ClassifySettings) -> SentenceLabel:
        labels = self.labels
        probs = constrain(probs, labels, hits, settings=settings)
        none = labels.index(NO_EVENT)
        p_event = float(1.0 - probs[none])
        order = np.argsort(-probs)
        ranked = tuple((labels[i], float(probs[i])) for i in order[:3] if i != none)
        if p_event < settings.threshold or not ranked:
            return SentenceLabel(None, float(probs[none]), p_event, None, ranked)
        # ACLED's precedence rules have the last word where the sentence decides the type.
        decided = decide(sentence, hits, tuple((labels[i], float(probs[i])) for i in order
                                               if i != none), offset=offset,
                         skip=settings.precedence_skip)
        if decided.sub_event_type is None:
            return SentenceLabel(None, decided.confidence, p_event, None, ranked)
        best, conf = decided.sub_event_type, decided.confidence
        trigger = decided.trigger or next((t for t in hits.triggers if t.value == best),
                                          hits.triggers[0])
        return SentenceLabel(best, conf, p_event, trigger, ranked)


def _mix(probs: np.ndarray, lexical: np.ndarray, weight: float) -> np.ndarray:
    """Geometric mix, rows renormalised: the lexical model's word-level evidence (a weapon
    named, a protest word) corrects the encoder where real text is unlike its training."""
    log = (1.0 - weight) * np.log(probs + 1e-9) + weight * np.log(lexical + 1e-9)
    mixed = np.exp(log - log.max(axis=1, keepdims=True))
    return mixed / mixed.sum(axis=1, keepdims=True)
