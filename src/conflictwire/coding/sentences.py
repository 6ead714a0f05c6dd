"""Sentence boundaries with character offsets, by blingfire (fast enough for every article),
and the wire dateline that may open a sentence."""

from __future__ import annotations

import re

import blingfire

# A wire dateline ("AMMAN, Feb 21 - "): the filing date, not the event's, which the
# sentence gives after it ("on Tuesday").
DATELINE = re.compile(
    r"(?<![\w,])\s*[A-Z][A-Z .'-]{2,40}(?:,[^,\n-]{2,40}){0,2},? (?:[A-Z][a-z]{2,8}\.? \d{1,2}|"
    r"\d{1,2} [A-Z][a-z]{2,8})(?:,? \d{4})? ?(?:-|–|—|\(\w+\) -) "
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) string offsets of each sentence in `text`, so `text[start:end]` is one.

    blingfire's Python binding reports offsets in characters (checked on non-ASCII text in
    tests/coding/test_sentences.py), so no byte mapping is needed.
    """
    if not text.strip():
        return []
    _, offsets = blingfire.text_to_sentences_and_offsets(text)
    return [(s, e) for s, e in offsets if e > s]


def without_dateline(sentence: str) -> str:
    """`sentence` without the dateline that opens it, if any ("AMMAN, Feb 21 - ...")."""
    # Extracted pages often glue headline, byline date and dateline into one "sentence".
    m = DATELINE.search(sentence, 0, 250)
    return sentence[m.end():] if m else sentence
