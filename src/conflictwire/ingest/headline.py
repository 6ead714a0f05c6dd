"""The headline a plain text may open with: a first line set apart by a blank line."""

from __future__ import annotations

import re

# A blank line ends a paragraph (and a headline above the body).
PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# What a headline is not: a line that ends like a sentence or a list item, or one too long
# or too short to be one.
HEADLINE_WORDS = (3, 30)
_HEADLINE_CHARS = 250
_WORD = re.compile(r"[^\W_]+")


def leading_headline(text: str) -> tuple[int, int] | None:
    """Where the first line of `text` is a headline set apart by a blank line (a few words,
    no full stop at its end, more text after it): (start, end), or None."""
    m = PARAGRAPH.search(text)
    if m is None:
        return None
    start = len(text) - len(text.lstrip())
    line = text[start:m.start()].rstrip()
    end = start + len(line)
    if not line or "\n" in line or len(line) > _HEADLINE_CHARS or line[-1] in ".;,":
        return None
    if not HEADLINE_WORDS[0] <= len(_WORD.findall(line)) <= HEADLINE_WORDS[1]:
        return None
    if not text[m.end():].strip():
        return None
    return start, end


def headline_of(text: str) -> str | None:
    """The headline `text` opens with (see `leading_headline`), or None."""
    span = leading_headline(text)
    return text[span[0]:span[1]] if span else None
