"""Sentence boundaries with character offsets, by blingfire (fast enough for every article),
within paragraphs; the headline a body repeats; the wire dateline that may open a sentence;
and the site boilerplate (credits, copyright, share links) that is no news."""

from __future__ import annotations

import re
from functools import cache

import blingfire

from ..data import alternation
from ..ingest.headline import HEADLINE_WORDS, PARAGRAPH

# A wire dateline ("AMMAN, Feb 21 - "): the filing date, not the event's, which the
# sentence gives after it ("on Tuesday").
DATELINE = re.compile(
    r"(?<![\w,])\s*[A-Z][A-Z .'-]{2,40}(?:,[^,\n-]{2,40}){0,2},? (?:[A-Z][a-z]{2,8}\.? \d{1,2}|"
    r"\d{1,2} [A-Z][a-z]{2,8})(?:,? \d{4})? ?(?:-|–|—|\([\w .'&-]{1,40}\) [-–—]) "
)
_WORD = re.compile(r"[^\W_]+")
# Where a headline given apart may sit in the body: within the first characters, after a
# date or byline stamp ("April 6 2017 <headline>. ...").
_HEADLINE_REACH = 160
# A site's name after the headline ("... | Jordan Times", "... - Al Jazeera English").
_SITE_SUFFIX = re.compile(r"\s+(?:[|–—]|-|::)\s+[^|–—:]{2,40}$")
# A headline in the body ends where a line, a sentence or a new capitalised sentence starts.
_HEADLINE_END = re.compile(r"\s*(?:$|\n|[.!?:]\s|[.!?]$|\s*[\"“(]?[A-Z0-9])")
# Headlines run together with ";" (a digest of an outlet's headlines): each is a unit.
_HEADLINE_LIST = re.compile(r";\s*(?=[\"“'‘]?[A-Z0-9])")
_MIN_LISTED_WORDS = 4


def split_sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) string offsets of each sentence in `text` from `start` on, so that
    `text[start:end]` is one; a blank line always ends a sentence, and a line break does
    where the line does not run on into the next (see `_paragraphs`).

    blingfire's Python binding reports offsets in characters (checked on non-ASCII text in
    tests/coding/test_sentences.py), so no byte mapping is needed.
    """
    spans: list[tuple[int, int]] = []
    for a, b in _paragraphs(text, start):
        piece = text[a:b]
        if not piece.strip():
            continue
        _, offsets = blingfire.text_to_sentences_and_offsets(piece)
        spans += [(a + s, a + e) for s, e in offsets if e > s]
    return spans


def _paragraphs(text: str, start: int) -> list[tuple[int, int]]:
    """Paragraphs: ended by a blank line, or by a line break before a capital where the line
    does not run on (extracted pages put one paragraph a line; hard-wrapped text breaks
    lines mid-sentence, mostly before a small letter or after a comma or "the")."""
    spans, at = [], start
    for m in _BREAK.finditer(text, start):
        if m.group("line") is None or not _RUNS_ON.search(text, max(at, m.start() - 12),
                                                          m.start()):
            spans.append((at, m.start()))
            at = m.end()
    spans.append((at, len(text)))
    return spans


_BREAK = re.compile(PARAGRAPH.pattern + r"|(?P<line>[ \t]*\n[ \t]*)(?=[\"“'‘(]?[A-Z0-9])")
_RUNS_ON = re.compile(r"(?:[,;&-]|\b(?:the|a|an|of|and|or|to|in|on|at|by|for|from|with|as|"
                      r"into|near|said|says|that|which|who|its|their|his|her))\s*$",
                      re.IGNORECASE)


def headline_list(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`text[start:end]` cut where it runs headlines together with ";" ("Clashes in A;3
    killed in B"), each piece long enough to be one; else [(start, end)]."""
    cuts = [m for m in _HEADLINE_LIST.finditer(text, start, end)]
    if not cuts:
        return [(start, end)]
    pieces, at = [], start
    for m in cuts:
        if len(_WORD.findall(text, at, m.start())) >= _MIN_LISTED_WORDS and \
                len(_WORD.findall(text, m.end(), end)) >= _MIN_LISTED_WORDS:
            pieces.append((at, m.start()))
            at = m.end()
    pieces.append((at, end))
    return pieces


def clean_title(title: str | None) -> str:
    """A headline without the site's name after it ("Air strikes hit Douma | Jordan Times")."""
    title = " ".join((title or "").split())
    cut = _SITE_SUFFIX.search(title)
    if cut and len(_WORD.findall(title, 0, cut.start())) >= HEADLINE_WORDS[0]:
        title = title[:cut.start()]
    return title


def body_after(text: str, headline_end: int) -> int:
    """Where the body starts after a headline it opens with (past its full stop or colon)."""
    return _AFTER_HEADLINE.match(text, headline_end).end()  # type: ignore[union-attr]


_AFTER_HEADLINE = re.compile(r"[\s.!?:;|–—-]*")


def headline_in_text(text: str, title: str) -> tuple[int, int] | None:
    """Where the body repeats its headline `title` as a line or sentence of its own, near
    its start ("April 6 2017 Army takes hills near X. The army said ..."): (start, end), or
    None when it does not, or only as the start of a longer sentence."""
    words = _WORD.findall(title)
    if len(words) < HEADLINE_WORDS[0]:
        return None
    # Compared word by word without case, punctuation or spaces: scraped text loses
    # apostrophes ("Iraqs" for "Iraq's"), so the words are run together first.
    wanted = "".join(words).lower()
    tokens = list(_WORD.finditer(text, 0, min(len(text), _HEADLINE_REACH + len(title) * 2)))
    for i, first in enumerate(tokens):
        if first.start() > _HEADLINE_REACH:
            break
        if not wanted.startswith(first.group().lower()):
            continue
        seen = ""
        for last in tokens[i:]:
            seen += last.group().lower()
            if len(seen) >= len(wanted):
                break
        if seen == wanted and _HEADLINE_END.match(text, last.end()):
            return first.start(), last.end()
    return None


def is_boilerplate(sentence: str) -> bool:
    """A site's furniture rather than news: credits, copyright, share and follow links."""
    openings, notices = _boilerplate()
    if openings.match(sentence):
        return True
    lower = sentence.lower()
    return any(word in lower for word in _NOTICE_WORDS) and bool(notices.search(sentence))


_NOTICE_WORDS = ("copyright", "©", "(c)", "rights reserved", "may not be")


@cache
def _boilerplate() -> tuple[re.Pattern[str], re.Pattern[str]]:
    openings = alternation("boilerplate.json", "boilerplate.openings")
    notices = alternation("boilerplate.json", "boilerplate.notices")
    return (re.compile(rf"\s*\(?\s*(?:{openings})", re.IGNORECASE),
            re.compile(notices, re.IGNORECASE))


def without_dateline(sentence: str) -> str:
    """`sentence` without the dateline that opens it, if any ("AMMAN, Feb 21 - ...")."""
    # Extracted pages often glue headline, byline date and dateline into one "sentence".
    m = DATELINE.search(sentence, 0, 250)
    return sentence[m.end():] if m else sentence
