"""Name normalisation shared by the gazetteer build and the text matcher.

Both sides fold case and diacritics, drop apostrophes inside words, split on hyphens and
punctuation, and join tokens with single spaces, so "Tall 'Afar", "al-Raqqa" and "Raqqa"
meet on the same keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# A word is letters/digits, possibly joined by in-word apostrophes (Ma'arat, O'Fallon,
# Ma‘arrat as GeoNames writes the ayn), also when a scraper left them as HTML entities.
_ENTITY = r"&(?:#8217|#8216|#39|#039|rsquo|lsquo|apos);"
_WORD = re.compile(r"[^\W_]+(?:(?:['’‘ʼʿʾ`]|" + _ENTITY + r")[^\W_]+)*")
_ENTITIES = re.compile(_ENTITY)
_APOSTROPHES = str.maketrans("", "", "'’‘ʼʿʾ`")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
# Arabic definite articles as transliterated in English news and in GeoNames.
ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "adh", "ath", "ed",
                      "es", "er", "esh", "et", "ez", "en", "edh", "eth"})
_ABBREVIATIONS = {"saint": "st", "st": "saint", "mount": "mt", "mt": "mount", "fort": "ft",
                  "ft": "fort", "sainte": "ste", "ste": "sainte"}
_SPECIAL = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae",
                          "œ": "oe", "þ": "th", "ð": "d", "ħ": "h"})


def fold_word(word: str) -> str:
    """One word lower-cased, without diacritics or apostrophes."""
    if "&" in word:
        word = _ENTITIES.sub("", word)
    word = word.translate(_APOSTROPHES)
    if word.isascii():
        return word.lower()
    word = unicodedata.normalize("NFKD", word.lower().translate(_SPECIAL))
    return "".join(c for c in word if not unicodedata.combining(c))


def key(name: str) -> str:
    """The lookup key of a name: folded words joined by single spaces."""
    return " ".join(fold_word(m.group()) for m in _WORD.finditer(name))


def is_latin(k: str) -> bool:
    """Whether a key is in plain Latin letters (the only names the English matcher uses)."""
    return k.isascii()


def _translit(word: str) -> Iterator[str]:
    # Common English renderings of Arabic endings: Raqqah/Raqqa, Tikrit stays.
    if len(word) > 4 and word.endswith("ah"):
        yield word[:-1]
    elif len(word) > 4 and word.endswith("a") and word[-2] not in "aeiou":
        yield word + "h"
    if "ou" in word and len(word) > 4:
        yield word.replace("ou", "u")


# English renderings of the generic words that begin Arabic place names (hill, monastery,
# spring, village, mountain, house, ruin, sheikh, countryside): each is indexed under the others.
_SPELLINGS = [frozenset(g.split()) for g in (
    "tall tal tell tel", "dayr deir dair", "shaykh sheikh shekh sheik shaikh cheikh",
    "ayn ain ein", "kafr kfar kafar", "jabal jebel jabel jbel", "bayt beit bait",
    "khirbat khirbet khirbit", "abu abou", "qasr kasr", "rif reef",
    "maarat maaret maarrat maarret")]
_SPELLING_OF = {w: g for g in _SPELLINGS for w in g}
_DOUBLE = re.compile(r"([b-df-hj-np-tv-z])\1")


# Vowels English news writes differently from GeoNames in Arabic names (Miskin/Meskin,
# Sukhnah/Sokhna, Suwayda/Suwaida/Sweida); applied one place at a time to the last word.
_VOWELS = (("i", "e"), ("u", "o"), ("ay", "ai"), ("ay", "ei"), ("ay", "e"))


def _vowel_variants(k: str) -> set[str]:
    head, _, last = k.rpartition(" ")
    out = set()
    for a, b in _VOWELS:
        at = last.find(a)
        while at >= 0:
            out.add(last[:at] + b + last[at + len(a):])
            at = last.find(a, at + 1)
    if last.endswith("a"):
        out.add(last + "a")  # Suwaidaa, Daraa
    return {f"{head} {w}" if head else w for w in out if len(w) > 3}


def _respellings(k: str) -> set[str]:
    """Other spellings of an Arabic name: an inner article as "al" (news rarely writes the
    assimilated an-, ash-), each generic word in its usual renderings, and doubled
    consonants written single (Maarrat/Maarat, Darayya/Daraya), in combination."""
    words = k.split(" ")
    out = {k}
    for i, word in enumerate(words[1:-1], 1):
        if word in ARTICLES and word != "al":  # an-Numan, al-Numan
            out.add(" ".join([*words[:i], "al", *words[i + 1:]]))
    for key_ in list(out):
        ws = key_.split(" ")
        for i, word in enumerate(ws):
            for alt in _SPELLING_OF.get(word, ()):
                out.add(" ".join([*ws[:i], alt, *ws[i + 1:]]))
    out |= {_DOUBLE.sub(r"\1", key_) for key_ in out}
    out.discard(k)
    return out


def variants(name: str, *, arabic: bool = False) -> set[str]:
    """The keys under which a place name is indexed: itself, without a leading Arabic
    article, with Saint/St and similar abbreviations swapped, and common transliterations
    (more of them for places where names are transliterated from Arabic)."""
    base = key(name)
    if not base:
        return set()
    out = {base}
    words = base.split(" ")
    if len(words) > 1 and words[0] in ARTICLES:
        out.add(" ".join(words[1:]))
    if words[0] in _ABBREVIATIONS:
        out.add(" ".join([_ABBREVIATIONS[words[0]], *words[1:]]))
    # "Deir ez-Zor" is also written "Deir Ezzor" and "Deir Zor".
    for k in range(1, len(words) - 1):
        if words[k] in ARTICLES:
            out.add(" ".join([*words[:k], words[k] + words[k + 1], *words[k + 2:]]))
            out.add(" ".join([*words[:k], *words[k + 1:]]))
    last = words[-1]
    for alt in _translit(last):
        for k in list(out):
            ws = k.split(" ")
            if ws[-1] == last:
                out.add(" ".join([*ws[:-1], alt]))
    if arabic:
        for k in list(out):
            out |= _respellings(k)
        for k in list(out):
            out |= _vowel_variants(k)
    return {k for k in out if k}


@dataclass(frozen=True, slots=True)
class FoldedText:
    """Text as space-joined folded words, with each word's span in the original text."""

    folded: str
    starts: list[int]  # offset of each word in `folded`
    spans: list[tuple[int, int]]  # the word's (start, end) in the original text


def fold_text(text: str) -> FoldedText:
    """Fold a whole text for matching; possessive 's is cut so "Iraq's" yields "iraq"."""
    spans = [m.span() for m in _WORD.finditer(text)]
    low = text.lower()
    if len(low) == len(text):
        parts = [low[s:e] for s, e in spans]
    else:  # a few letters change length when lower-cased; fold word by word
        parts = [text[s:e].lower() for s, e in spans]
    if not low.isascii() or "'" in low or "`" in low or "&" in low:
        for k, (s, e) in enumerate(spans):
            part = parts[k]
            if part.isascii() and "'" not in part and "`" not in part and "&" not in part:
                continue
            word = text[s:e]
            p = _POSSESSIVE.search(word)
            if p and p.start() > 0:
                word = word[: p.start()]
                spans[k] = (s, s + p.start())
            parts[k] = fold_word(word)
        if not all(parts):
            kept = [k for k, part in enumerate(parts) if part]
            parts = [parts[k] for k in kept]
            spans = [spans[k] for k in kept]
    starts = []
    pos = 1  # the folded text starts with a space so every word is preceded by one
    for part in parts:
        starts.append(pos)
        pos += len(part) + 1
    return FoldedText(" " + " ".join(parts) + " ", starts, spans)
