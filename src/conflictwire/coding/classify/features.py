"""Sentence features for the linear model: hashed word n-grams plus lexicon triggers and cues.

Hashing uses crc32, not Python's `hash`, so feature ids are the same in every process and
the packaged model stays valid across runs.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

import numpy as np

from .triggers import LexiconHits

N_FEATURES = 1 << 18
BIAS = 0

_TOKEN = re.compile(r"[a-z]+(?:[-'][a-z]+)*|\d+")
_NUMBER_WORDS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "dozen", "dozens", "several", "scores", "hundreds", "thousands",
})


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens, with numbers folded to one token so counts generalise."""
    out = []
    for t in _TOKEN.findall(text.lower()):
        if t.isdigit():
            out.append("<num>")
        elif t in _NUMBER_WORDS:
            out.append("<numw>")
        else:
            out.append(t)
    return out


@lru_cache(maxsize=1 << 17)  # a pure function of the string: memoising is safe and fast
def _h(feature: str) -> int:
    return 1 + zlib.crc32(feature.encode("utf-8")) % (N_FEATURES - 1)


def feature_ids(text: str, hits: LexiconHits) -> np.ndarray:
    """Sorted unique hashed feature ids of one sentence (id 0 is the bias, always present)."""
    toks = tokens(text)
    feats = [f"u:{t}" for t in toks]
    feats.extend(f"b:{a} {b}" for a, b in zip(toks, toks[1:], strict=False))
    trig = sorted(hits.types())
    # Each trigger type enters three times under different names: the lexicon's word is
    # stronger evidence than any one context word, and feature dropout rarely loses all three.
    feats.extend(f"t{k}:{t}" for t in trig for k in range(3))
    feats.extend(f"c:{c}" for c in hits.cues)
    # Trigger-by-cue conjunctions carry the codebook's argument constraints (an attack on
    # civilians versus a clash between armed groups) so the model can weigh them.
    feats.extend(f"tc:{t}|{c}" for t in trig for c in hits.cues)
    if hits.triggers:
        feats.append(f"first:{hits.triggers[0].value}")
    else:
        feats.append("notrigger")
    ids = {BIAS}
    ids.update(_h(f) for f in feats)
    return np.fromiter(sorted(ids), dtype=np.int64)
