"""Event detection and classification of sentences: trigger lexicon, linear model, calibration."""

from .model import Classifier, SentenceLabel, default_model_path
from .triggers import LexiconHits, find_triggers

__all__ = ["Classifier", "SentenceLabel", "LexiconHits", "default_model_path", "find_triggers"]
