"""Plain English labels for places and admin areas, as ACLED and English news write them:
ASCII letters and apostrophes, without the admin word ("Aleppo" for "Ḩalab", "Kharkiv" for
"Kharkiv Oblast"). Used when the gazetteer is built and when an event's names are written."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import cache

from ...data import load_json

# Letters of GeoNames' names that Unicode does not decompose into a base letter.
_SPECIAL = str.maketrans({"ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d",
                          "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "þ": "th",
                          "ð": "d", "ħ": "h", "Ħ": "H"})
# Every sign for an ayn, a hamza or an apostrophe becomes the ASCII apostrophe.
_APOSTROPHES = str.maketrans({c: "'" for c in "‘’ʻʼʿʾ`´′"})
_MIN_LABEL = 3
# An alternate name that is the primary name in plain letters counts this much; a primary
# name that needed folding (a transliteration with diacritics) counts half an alternate.
_PRIMARY_ASCII = 1.25
_PRIMARY_FOLDED = 0.5


def plain(name: str) -> str:
    """A name in ASCII letters with ASCII apostrophes ("Ma‘arrat an Nu‘mān" ->
    "Ma'arrat an Nu'man"), spaces collapsed."""
    s = name.translate(_APOSTROPHES).translate(_SPECIAL)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.encode("ascii", "ignore").decode("ascii")
    return " ".join(s.split())


@cache
def _admin_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lists = load_json("toponyms.json")["names"]

    def alternation(key: str) -> str:
        words = sorted(lists[key]["words"], key=len, reverse=True)
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)

    return (re.compile(rf"^(?:{alternation('admin_prefixes')})\s+", re.IGNORECASE),
            re.compile(rf"[\s-]+(?:{alternation('admin_suffixes')})$", re.IGNORECASE))


def admin_core(name: str) -> str:
    """An admin area's name without its admin words ("Aleppo Governorate" -> "Aleppo",
    "State of Berlin" -> "Berlin"); the name itself when nothing would be left."""
    prefix, suffix = _admin_words()
    core = suffix.sub("", prefix.sub("", name.strip())).strip(" ,-")
    return core or name.strip()


def english_label(primary: str, alternates: Iterable[str]) -> str:
    """The plain English label of an admin area from its names: the admin-word-free form
    its alternate names in plain letters agree on most ("Aleppo", "Aleppo Governorate"),
    the primary name counting more when it needs no folding; ties go to the primary, then
    to the shorter."""
    votes: Counter[str] = Counter()
    for name in alternates:
        if name.isascii() and len(name) >= _MIN_LABEL and any(c.islower() for c in name):
            votes[admin_core(name)] += 1.0
    own = admin_core(plain(primary))
    votes[own] += _PRIMARY_ASCII if primary.isascii() else _PRIMARY_FOLDED
    return max(votes, key=lambda k: (votes[k], k == own, -len(k)))
