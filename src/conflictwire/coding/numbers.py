"""Numbers in news text (digits, number words, vague quantities such as "dozens") and the
integers they stand for, following ACLED's conventions for vague figures."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..data import alternation, load_json

# ACLED's fatality methodology: "tens" -> 10, "dozens" -> 12, "hundreds" -> 100 ("and so
# on": "scores" -> 20, "thousands" -> 1000). Deaths reported without a number ("several",
# "many", "killing civilians") are estimated at 10 for a significant attack (an air strike
# on a building) and 3 for one of limited scope (a checkpoint bomb, communal violence).
TENS, DOZENS, SCORES, HUNDREDS, THOUSANDS = 10, 12, 20, 100, 1000
UNSPECIFIED_SIGNIFICANT, UNSPECIFIED_LIMITED = 10, 3
UNSPECIFIED = -1  # stands for the caller's estimate of an unnumbered plural


@dataclass(frozen=True, slots=True)
class NumberWords:
    """The number vocabulary (data/fatalities.json) and the number pattern built from it."""

    units: dict[str, int]
    scales: dict[str, int]
    vague: dict[str, int]
    person: str  # singular person nouns, one alternation in a group
    word: str  # number words, longest first, as one alternation
    vague_re: str  # vague quantities, longest first, as one alternation
    number: re.Pattern[str]  # groups: vague, digits (with dscale), words, single
    two_to_ten: str  # the number words two to ten, in order, as one alternation


@cache
def number_words() -> NumberWords:
    """The number words and the pattern that finds numbers, built on first use."""
    words = load_json("fatalities.json")
    units = words["units"]["words"]
    scales = words["scales"]["words"]
    vague = {k: UNSPECIFIED if v is None else v for k, v in words["vague"]["words"].items()}
    person = "(?:" + alternation("fatalities.json", "person") + ")"
    word = "|".join(sorted([*units, *scales], key=len, reverse=True))
    vague_re = "|".join(
        re.escape(v).replace(r"\ ", r"\s+") for v in sorted(vague, key=len, reverse=True)
    )
    number = re.compile(
        r"(?<![\w.,/-])(?:"
        rf"(?P<vague>{vague_re})"
        r"|(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?![\w.,:/]\d)(?:\s+(?P<dscale>hundred|thousand|million)\b)?"
        rf"|(?P<words>(?:{word})(?:(?:-|\s+|\s+and\s+)(?:{word}))*)"
        rf"|(?P<single>(?:an?|one|another)\s+(?:[a-z-]+\s+){{0,2}}?{person})"
        r")(?![\w-]*\d)\b",
        re.IGNORECASE,
    )
    two_to_ten = "|".join(w for w, n in units.items() if 2 <= n <= 10)
    return NumberWords(units, scales, vague, person, word, vague_re, number, two_to_ten)


def parse_number(text: str, *, unspecified: int = UNSPECIFIED_LIMITED) -> int | None:
    """The integer a number expression stands for ("1,400", "twenty-five", "dozens");
    an unnumbered plural ("several") stands for `unspecified`."""
    m = number_words().number.fullmatch(text.strip())
    value = number_value(m) if m else None
    return unspecified if value == UNSPECIFIED else value


def number_value(m: re.Match[str]) -> int | None:
    """The integer a match of `NumberWords.number` stands for; UNSPECIFIED for an
    unnumbered plural, None for digits that are no count ("0914")."""
    nw = number_words()
    if m.group("vague"):
        return nw.vague[" ".join(m.group("vague").lower().split())]
    if m.group("digits"):
        if m.group("digits").startswith("0") and len(m.group("digits")) > 1:
            return None  # a clock time or code ("0914"), not a count
        n = int(m.group("digits").replace(",", ""))
        if m.group("dscale"):
            n *= nw.scales[m.group("dscale").lower()]
        return n
    if m.group("words"):
        return _words_value(m.group("words"), nw)
    if m.group("single"):
        return 1
    return None


def _words_value(text: str, nw: NumberWords) -> int | None:
    total = current = 0
    for word in re.split(r"[\s-]+", text.lower()):
        if word == "and":
            continue
        if word in nw.units:
            current += nw.units[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in nw.scales:
            total += max(current, 1) * nw.scales[word]
            current = 0
    return total + current
