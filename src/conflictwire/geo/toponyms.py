"""Toponym recognition without a trained NER model: gazetteer matches kept or dropped by
evidence from the text (capitalisation, prepositions, admin words, person-name context,
how common the name is as an English word); the word lists are data (data/toponyms.json)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from ..data import load_json
from ..settings import RecogniseSettings, packaged_settings
from .gazetteer import Candidate, Gazetteer
from .gazetteer.abbreviations import WRITTEN_IN_CAPITALS
from .gazetteer.normalise import ARTICLES, FoldedText, fold_text

_NAME_GAPS = frozenset({" ", ". "})
_LIST_SEPS = (", ", " and ", ", and ", " or ", ", or ", " & ")
_AFTER_SENTENCE = re.compile(r"[.!?]\s+$")
_DATELINE = re.compile(r"^\s*(?:[,(—–-]|--)")
_OPEN_QUOTES = frozenset('"“‘«')
_CLOSE_QUOTES = frozenset('"”’»')


@dataclass(frozen=True, slots=True)
class _Words:
    """The recogniser's word sets (data/toponyms.json, "recognise"); see the file for each."""

    connectors: frozenset[str]
    not_places: frozenset[str]
    titles: frozenset[str]
    locative: frozenset[str]
    attack_nouns: frozenset[str]
    admin_words: frozenset[str]
    feature_nouns: frozenset[str]
    feature_before: frozenset[str]
    water_of: frozenset[str]
    place_nouns: frozenset[str]
    speech: frozenset[str]
    name_elements: frozenset[str]
    direction_words: frozenset[str]


@cache
def _lexicon() -> _Words:
    lists = load_json("toponyms.json")["recognise"]
    return _Words(**{name: frozenset(lists[name]["words"]) for name in _Words.__slots__})


@dataclass(frozen=True, slots=True)
class Toponym:
    """A recognised place name: its span, the gazetteer places it may be, and its evidence."""

    start: int
    end: int
    text: str
    candidates: tuple[Candidate, ...]
    evidence: float
    demonym: bool = False


@lru_cache(maxsize=4)
def _first_names(share: float) -> frozenset[str]:
    """Common US first names (census lists shipped in the `names` package), lower-case."""
    out: set[str] = set()
    try:
        root = resources.files("names")
    except ModuleNotFoundError:
        return frozenset()
    for fname in ("dist.male.first", "dist.female.first"):
        with root.joinpath(fname).open(encoding="utf-8") as fh:
            for line in fh:
                f = line.split()
                if len(f) >= 3 and float(f[2]) <= share:
                    out.add(f[0].lower())
    return frozenset(out)


@lru_cache(maxsize=4)
def _surnames(rank: int) -> frozenset[str]:
    """The most common US surnames (census list shipped in the `names` package)."""
    try:
        root = resources.files("names")
    except ModuleNotFoundError:
        return frozenset()
    out: set[str] = set()
    with root.joinpath("dist.all.last").open(encoding="utf-8") as fh:
        for line in fh:
            f = line.split()
            if len(f) >= 4 and int(f[3]) <= rank:
                out.add(f[0].lower())
    return frozenset(out)


_SENT_END = re.compile(r"[.!?:;\"“”]\s*$")


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 4):start]
    return start == 0 or bool(_SENT_END.search(before)) or "\n" in before


def _word_before(ft: FoldedText, text: str, i: int) -> tuple[str, str]:
    if i <= 0:
        return "", ""
    s, e = ft.spans[i - 1]
    return text[s:e], text[e:ft.spans[i][0]]


def recognise(text: str, gazetteer: Gazetteer, *,
              settings: RecogniseSettings | None = None) -> list[Toponym]:
    """Place-name spans in `text` with their candidate places, left to right; `settings`
    (the evidence weights) default to the packaged [recognise] settings."""
    w = settings or packaged_settings().geoparse.recognise
    ft = fold_text(text)
    if not ft.starts:
        return []
    firsts = _first_names(w.first_name_share)
    words = [text[s:e] for s, e in ft.spans]
    folded = ft.folded.split(" ")[1:-1]
    caps = [w[0].isupper() for w in words]
    persons = _person_surnames(text, ft.spans, folded, caps, firsts)
    found: list[tuple[int, int, Toponym]] = []
    at = {pos: k for k, pos in enumerate(ft.starts)}
    for end, value in gazetteer.matches(ft.folded):
        i = at.get(end - (value & 0xFF) + 2, -1)
        if i < 0 or not caps[i]:  # most matches are lower-case words: drop them first
            continue
        j = at.get(ft.folded.rfind(" ", 0, end) + 1, -1)
        if j < i:
            continue
        t = _judge(text, ft, words, folded, i, j, value >> 8, gazetteer, firsts, persons, w)
        if t is not None:
            found.append((i, j, t))
    # One sense per article: a name accepted once with good evidence ("in Mansfield") is a
    # place wherever else it is capitalised ("the Mansfield Police Department").
    best: dict[int, float] = {}
    for _, _, t in found:
        k = t.candidates[0].place.geonameid
        best[k] = max(best.get(k, -1e9), t.evidence)
    keep = {id(f) for f in found if f[2].evidence >= w.threshold
            or best[f[2].candidates[0].place.geonameid] >= w.threshold}
    # Lists: "in Mosul, Tal Afar and Sinjar" - a weaker name listed with a kept one.
    for _ in range(2):
        edges = {(f[2].start, f[2].end) for f in found if id(f) in keep}
        ends = {e for _, e in edges}
        starts = {s for s, _ in edges}
        for f in found:
            t = f[2]
            if id(f) in keep or t.evidence < w.threshold - w.listed:
                continue
            before = text[max(0, t.start - 6):t.start]
            after = text[t.end:t.end + 6]
            if any(before.endswith(sep) and t.start - len(sep) in ends for sep in _LIST_SEPS) \
                    or any(after.startswith(sep) and t.end + len(sep) in starts
                           for sep in _LIST_SEPS):
                keep.add(id(f))
    found = [f for f in found if id(f) in keep]
    # Leftmost-longest among the kept matches.
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    taken: set[int] = set()
    out: list[Toponym] = []
    for i, j, t in found:
        if any(k in taken for k in range(i, j + 1)):
            continue
        taken.update(range(i, j + 1))
        out.append(t)
    out.sort(key=lambda t: t.start)
    return out


def _person_surnames(text: str, spans: list[tuple[int, int]], folded: list[str],
                     caps: list[bool], firsts: frozenset[str]) -> set[str]:
    """Capitalised words that end a name begun by a first name or a title: people's surnames
    ("John Smith", "Jason T. Jones", "President Ali Mohammed")."""
    lex = _lexicon()
    out: set[str] = set()
    for k in range(len(spans) - 1):
        if not caps[k] or not caps[k + 1]:
            continue
        w = folded[k]
        if w in lex.titles or (w in firsts and len(w) > 2):
            m = k
            while m + 1 < len(spans) and caps[m + 1] and text[
                    spans[m][1]:spans[m + 1][0]] in _NAME_GAPS:
                m += 1
            if m > k:
                out.add(folded[m])
    return out


def _judge(text: str, ft: FoldedText, words: list[str], folded: list[str], i: int, j: int,
           key_id: int, gazetteer: Gazetteer, firsts: frozenset[str],
           persons: set[str], w: RecogniseSettings) -> Toponym | None:
    lex = _lexicon()
    span_words = words[i:j + 1]
    if not _is_cap(span_words[0]) or not _is_cap(span_words[-1]):
        return None
    if any(not _is_cap(w) and w.lower() not in lex.connectors for w in span_words):
        return None
    cands = gazetteer.candidates(key_id)
    if not cands:
        return None
    start, end = ft.spans[i][0], ft.spans[j][1]
    multi = j > i
    key = " ".join(folded[i:j + 1])
    if multi and "." in text[start:end] and key.replace(" ", "") in WRITTEN_IN_CAPITALS:
        key = key.replace(" ", "")  # "U.S." is "US"
    nxt_word = folded[j + 1] if j + 1 < len(folded) else ""
    if nxt_word in lex.feature_nouns and j + 1 < len(words) and words[j + 1][0].isupper():
        return None
    if any(c.is_demonym for c in cands) and nxt_word not in ("county", "parish", "river"):
        cands = tuple(c for c in cands if c.is_demonym)
        return Toponym(start, end, text[start:end], cands[:1], w.demonym, demonym=True)
    cands = tuple(c for c in cands if not c.is_demonym)
    upper = text[start:end].isupper()
    written_short = text[end:end + 1] == "." or (upper and key in WRITTEN_IN_CAPITALS)
    if not written_short and upper and not multi and end - start <= 4:
        return None  # an acronym (SWAT, HHS), not a place name
    if not written_short:
        cands = tuple(c for c in cands if not c.is_abbreviation)
    elif any(c.is_abbreviation for c in cands):
        cands = tuple(c for c in cands if c.is_abbreviation)
        return Toponym(start, end, text[start:end], cands, w.abbreviation)
    if not cands:
        return None
    if not multi and (key in lex.not_places or key in persons):
        return None
    # A quoted name ("Olive Branch") or "Operation X" names an operation or a group.
    if (text[start - 1:start] in _OPEN_QUOTES and text[end:end + 1] in _CLOSE_QUOTES
            and not text[end + 1:end + 2].isalnum()) or (
            _word_before(ft, text, i)[0].lower() == "operation"):
        return None
    if not multi and key in lex.name_elements and j + 1 < len(words) and (
            _is_cap(words[j + 1]) or folded[j + 1] in ARTICLES) and text[
            end:ft.spans[j + 1][0]] in (" ", "-"):
        return None
    prev, gap = _word_before(ft, text, i)
    prev_l = prev.lower()
    if gap == " " and ((_is_cap(prev) and prev_l in lex.feature_before) or (
            prev_l == "of" and i >= 2 and folded[i - 2] in lex.water_of
            and _is_cap(words[i - 2]))):
        return None
    nxt = words[j + 1] if j + 1 < len(words) else ""
    nxt_l = nxt.lower()
    # Part of a person's name: "John Jackson", "Gen. Smith", "Paris Hilton".
    if (_is_cap(prev) and (prev_l in lex.titles or prev_l in firsts) and "," not in gap
            and (not multi or prev_l in lex.titles)):
        return None
    # "Paris Hilton" is a person; "Georgia Bureau of Investigation" names a state's office.
    if not multi and key in firsts and _is_cap(nxt) and nxt_l not in lex.admin_words and (
            nxt_l in _surnames(w.surname_rank)
            or max(_importance(c, w) for c in cands) < w.speaking_place):
        between = text[end:ft.spans[j + 1][0]] if j + 1 < len(words) else ""
        if between.strip() == "":
            return None
    score = max(_importance(c, w) for c in cands)
    zipf = gazetteer.zipf(key_id)
    after_gap = text[end:ft.spans[j + 1][0]] if j + 1 < len(words) else ""
    located = (prev_l in lex.locative or (prev_l == "on" and _attack_before(folded, i))) and \
        gap.strip() in ("", "-")
    if not multi:
        initial = _sentence_initial(text, start) or span_words[0].isupper()
        in_group = prev_l in ARTICLES and gap == "-" and i >= 2 and words[i - 2][0].isupper()
        in_run = (_is_cap(prev) and not gap.strip() and not initial) or (
            _is_cap(nxt) and not after_gap.strip()) or in_group
        if in_run and not located and not any(c.is_primary for c in cands):
            return None  # "Ahrar al-Sham": an old or foreign name inside another name
        bar = w.common_initial if initial else w.common_run if in_run else w.common_inside
        score -= max(0.0, zipf - bar) * w.common
        # "Mansfield police", "a Mansfield man": a surname before a place noun is a town.
        civic = nxt_l in lex.place_nouns and not after_gap.strip()
        if ((key in firsts or key in _surnames(w.surname_rank)) and not located
                and not civic and score < w.speaking_place):
            score -= w.person_name
        if nxt_l in lex.speech and not after_gap.strip() and score < w.speaking_place:
            return None  # "Ripley said": a person, unless a country or city ("Iraq says")
    else:
        score += w.multiword
    if located:
        score += w.locative
    if upper and _DATELINE.match(text[end:end + 30]) and (
            start == 0 or text[start - 1] == "\n"
            or _AFTER_SENTENCE.search(text, max(0, start - 4), start)):
        # "WASHINGTON —", "MOSUL, Iraq (Reuters) -", also after a headline run into the text
        score += w.dateline
    before_article = words[i - 2] if i >= 2 else ""
    if prev_l in ARTICLES and gap == "-" and not (before_article[:1].isupper() and text[
            ft.spans[i - 2][1]:ft.spans[i - 1][0]] == " "):
        # "in al-Raqqah": the article is part of the name (but "Ahrar al-Sham" is a group)
        score += w.locative
        start = ft.spans[i - 1][0]
    if prev_l in lex.direction_words or prev_l in ("northern", "southern", "eastern", "western"):
        score += w.locative
    if nxt_l in lex.admin_words:
        score += w.admin_word
    elif nxt_l in lex.place_nouns and not after_gap.strip():
        score += w.place_noun  # "a Gainesville man", "Mosul residents"
    if text[end:end + 2].startswith(",") and j + 1 < len(words) and _is_cap(nxt):
        score += w.comma_place
    if not any(c.is_primary for c in cands):
        score -= w.alternate_only
    return Toponym(start, end, text[start:end], cands, score)


def _attack_before(folded: list[str], i: int) -> bool:
    """Whether the word before "on" (at i - 1) names an attack: "raids on", "shelling on"."""
    lex = _lexicon()
    return i >= 2 and folded[i - 2] in lex.attack_nouns


def _importance(c: Candidate, w: RecogniseSettings) -> float:
    """How much a reading is a place people name: its population and feature code."""
    p = c.place
    # GeoNames gives 0 for an unknown population; a town is still a town.
    pop = max(p.population, w.importance_town_floor) if p.feature_class == "P" else p.population
    base = math.log10(pop + 1) * w.importance_population
    return base + w.importance_bonus.get(p.feature_code, 0.0)
