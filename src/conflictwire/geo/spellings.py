"""Names as reporters write them: a capitalised name the gazetteer matcher missed, which the
text puts somewhere ("in Khan Shekhon", "Salamieh countryside"), is found among the places of
the article's country by its consonant skeleton, when that country's names are
transliterated from another script (data/spellings.json)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ..data import load_json
from ..models import Place
from ..settings import GeoparseSettings, packaged_settings
from .gazetteer import Candidate, Gazetteer
from .gazetteer.build import ALTERNATE
from .gazetteer.normalise import ARTICLES, key
from .sphere import great_circle_km
from .toponyms import Toponym

# A run of capitalised words, an Arabic article joined to one ("al-Shughour") counted in.
_WORD = r"(?:[A-Z]|(?:al|el|ad|ar|as|ash|at|az|an|ed|es|ez|en)-[A-Z])[\w'’‘`]*"
_RUN = re.compile(rf"{_WORD}(?:[ -]{_WORD}){{0,3}}")
# What puts a name somewhere: a preposition or verb of place before it ("in X", "shelled
# X", "the town of X"), or a place noun after it ("X countryside", "X village").
_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|on|around|outside|inside|into|towards?|targets?|targeted|"
    r"targeting|hit|hits|shelled|shelling|bombed|bombing|bombard(?:ed|ing)?|entered|"
    r"captured|stormed|seized|besieged|raided|attacked|reached)\s+(?:the\s+)?"
    r"|\b(?:town|city|village|area|countryside|vicinity|outskirts|district|neighbou?rhood|"
    r"camp|suburbs?)\s+of\s+(?:the\s+)?)$", re.IGNORECASE)
_AFTER = re.compile(r"\s+(?:town|village|city|area|countryside|district|sub-?district|"
                    r"neighbou?rhood|camp|suburb|outskirts)\b", re.IGNORECASE)
# Letters each family writes in too many ways to compare: Arabic names' vowels (Miskin,
# Meskin, Maskeen), Cyrillic names' softening i, y and j (Kupiansk, Kupyansk).
_DROPPED = {"arabic": re.compile(r"[aeiouyw]"), "cyrillic": re.compile(r"[iyj]")}
_DOUBLE = re.compile(r"(.)\1+")
# A skeleton shorter than this matches too many names by chance ("Bala", "Hit").
_MIN_LETTERS = {"arabic": 4, "cyrillic": 5}
# A word this common in English ("Eastern", "Saturday") is no transliterated name.
_COMMON_ZIPF = 3.5
# Places of one skeleton this close together are one place named twice (a town and its
# district); farther apart, the name is ambiguous and nothing is chosen.
_SAME_PLACE_KM = 20.0


@dataclass(frozen=True, slots=True)
class _Family:
    """A family of transliterations: its countries and the letter groups it varies."""

    countries: frozenset[str]
    letters: tuple[tuple[str, str], ...]


@cache
def _families() -> dict[str, _Family]:
    data = load_json("spellings.json")["families"]
    return {name: _Family(frozenset(v["countries"]), tuple(tuple(p) for p in v["letters"]))
            for name, v in data.items()}


def family_of(country_code: str) -> str:
    """The transliteration family of a country's place names ('' for names in Latin)."""
    return next((name for name, f in _families().items() if country_code in f.countries), "")


def skeleton(name_key: str, family: str) -> str:
    """A name's letters as any transliteration of `family` writes them: letter groups made
    one, the letters written in too many ways and doubled letters dropped, and for Arabic
    the articles and a feminine ending ("Khan Shaykhun" and "Khan Shekhon" are both
    "hnxhn"; "Huliaipole" and "Gulyaypole" both "hulapole")."""
    letters = _families()[family].letters
    dropped = _DROPPED[family]
    words = [w for w in name_key.split(" ") if not (family == "arabic" and w in ARTICLES)]
    out = []
    for n, word in enumerate(words):
        for a, b in letters:
            word = word.replace(a, b)
        word = _DOUBLE.sub(r"\1", dropped.sub("", word))
        if family == "arabic" and len(word) > 1 and (
                word.endswith("h") or (word.endswith("t") and n < len(words) - 1)):
            # a feminine ending, written -a, -ah, -eh, and -at before another word
            # ("Ma'arrat an-Numan", "Maarat al-Numan", "Ma'ra al-Nu'man")
            word = word[:-1]
        out.append(word)
    return "".join(out)


class _Index:
    """The skeletons of one country's place names, built on first use."""

    def __init__(self, gazetteer: Gazetteer, country_code: str, family: str) -> None:
        self.places: dict[str, set[int]] = {}
        for name_key, gid in gazetteer.country_names(country_code):
            sk = skeleton(name_key, family)
            if len(sk) >= _MIN_LETTERS[family]:
                self.places.setdefault(sk, set()).add(gid)


_INDEXES: dict[tuple[str, str], _Index] = {}


def _index(gazetteer: Gazetteer, country_code: str, family: str) -> _Index:
    k = (str(gazetteer.path), country_code)
    idx = _INDEXES.get(k)
    if idx is None:
        if len(_INDEXES) > 16:
            _INDEXES.clear()
        idx = _INDEXES[k] = _Index(gazetteer, country_code, family)
    return idx


def respelled(text: str, toponyms: Iterable[Toponym], gazetteer: Gazetteer, country_code: str,
              *, settings: GeoparseSettings | None = None) -> list[tuple[Toponym, Place]]:
    """Toponyms for the names of `text` the matcher missed that the text puts somewhere and
    whose skeleton is one place's of `country_code` (the article's country), with that
    place; none when the country's names are in Latin script or a skeleton fits places far
    apart."""
    family = family_of(country_code)
    if not family:
        return []
    w = settings or packaged_settings().geoparse
    taken = [(t.start, t.end) for t in toponyms]
    idx = None
    out: list[tuple[Toponym, Place]] = []
    for run in _RUN.finditer(text):
        s, e = run.span()
        if any(a < e and s < b for a, b in taken):
            continue
        if not (_BEFORE.search(text, max(0, s - 45), s) or _AFTER.match(text, e)):
            continue
        idx = idx or _index(gazetteer, country_code, family)
        found = _match(text, s, e, idx, gazetteer, family)
        if found is not None:
            end, place = found
            cand = Candidate(place, ALTERNATE)
            out.append((Toponym(s, end, text[s:end], (cand,), w.recognise.threshold), place))
    return out


@cache
def _generic_words() -> frozenset[str]:
    """The generic first words of Arabic place names (hill, ruin, spring...): alone they
    name no place (data/toponyms.json, recognise.name_elements)."""
    return frozenset(load_json("toponyms.json")["recognise"]["name_elements"]["words"])


@cache
def _zipf(word: str) -> float:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # without word frequencies every word counts as a name
        return 0.0
    return zipf_frequency(word, "en")


def _match(text: str, start: int, end: int, idx: _Index, gazetteer: Gazetteer,
           family: str) -> tuple[int, Place] | None:
    """The longest run of words from `start` whose skeleton names one place, if any."""
    ends = [m.end() for m in re.finditer(r"[^ -]+", text[start:end])]
    for k in reversed(ends):
        name_key = key(text[start:start + k])
        words = name_key.split(" ")
        generic = _generic_words()
        if words[-1] in ARTICLES or all(w in ARTICLES or w in generic
                                        or _zipf(w) >= _COMMON_ZIPF for w in words):
            continue  # "Khirbet al", "Eastern": no name of its own
        sk = skeleton(name_key, family)
        if len(sk) < _MIN_LETTERS[family]:
            continue
        gids = idx.places.get(sk)
        if not gids:
            continue
        places = [p for p in (gazetteer.place(g) for g in gids) if p is not None]
        if not places:
            continue
        best = max(places, key=lambda p: (p.feature_class == "P", p.population))
        if all(great_circle_km(best.latitude, best.longitude, p.latitude, p.longitude)
               <= _SAME_PLACE_KM for p in places):
            return start + k, best
    return None
