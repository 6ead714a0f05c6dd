"""Cross-source matching: is a new report another account of an event already stored?

A scored matcher. Hard gates (date gap, distance, type family) rule a candidate out; the
survivors get a weighted score from date gap, distance, type agreement, actor overlap and
evidence similarity (Jaccard over content-word shingles), and the best candidate above the
threshold wins. `merge.merge` uses it to group reports; `merge.reconcile` then reconciles
the event's fields.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from ..geo.sphere import great_circle_km
from ..models import Event, Report, is_aggregate
from ..settings import MatchingSettings, packaged_settings

# Cross-source disagreements on type that still describe one event: an outlet calls a raid on
# a village an "attack" where another calls it a "clash"; a protest that turns violent.
_COMPATIBLE_TYPES: frozenset[frozenset[str]] = frozenset(
    {
        frozenset({"Protests", "Riots"}),
        frozenset({"Battles", "Violence against civilians"}),
    }
)
# Actor names that say nothing about who it was: they neither confirm nor contradict a match.
_GENERIC_ACTORS = ("unidentified", "unknown", "civilians", "protesters", "rioters", "")
# How many days apart two dates may be, by the coarser of the two time precisions.
DAYS_BY_PRECISION = {1: 1, 2: 7, 3: 31}
MAX_DAY_GAP = max(DAYS_BY_PRECISION.values())  # days: no two reports further apart match
# Words too common in conflict reporting to tell two events apart.
_STOPWORDS = frozenset(
    """a an the of in on at to by for from with and or but as is are was were be been has have
    had it its this that these those their they he she his her who which said says say told
    after before during when while near into over also least killed people according reported
    report reports officials official local sources source police forces men town city village
    district province region area monday tuesday wednesday thursday friday saturday sunday
    yesterday today earlier late early morning night evening day week""".split()  # noqa: SIM905 (a word list reads better as text)
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class MatchScore:
    """Why a report matches a candidate event (each part in [0, 1]), or why not."""

    total: float
    date: float = 0.0
    place: float = 0.0
    type: float = 0.0
    actor: float = 0.0
    evidence: float = 0.0
    rejected: str = ""  # the gate that ruled the candidate out, if any


def match(
    report: Report,
    candidates: Sequence[Event],
    *,
    texts: Mapping[str, Sequence[str]] | None = None,
    options: MatchingSettings | None = None,
) -> tuple[Event | None, float]:
    """The stored event `report` describes, and its score; (None, best score) when none does.

    `texts` maps an event id to the evidence of its other reports, so a new account can match
    any earlier one, not only the event's lead sentence. Ties go to the smaller event id, so
    the result does not depend on candidate order. `options` default to the packaged
    [matching] settings.
    """
    options = options or packaged_settings().matching
    best: tuple[float, str, Event] | None = None
    for event in candidates:
        extra = texts.get(event.event_id, ()) if texts else ()
        s = score(report, event.record, texts=extra, options=options)
        if s.rejected:
            continue
        if best is None or (s.total, _neg(event.event_id)) > (best[0], _neg(best[1])):
            best = (s.total, event.event_id, event)
    if best is None:
        return None, 0.0
    if best[0] < options.threshold:
        return None, round(best[0], 4)
    return best[2], round(best[0], 4)


def _neg(event_id: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in event_id)


def score(
    report: Report,
    record: Mapping[str, Any],
    *,
    texts: Sequence[str] = (),
    options: MatchingSettings | None = None,
) -> MatchScore:
    """How well `report` fits the event `record` (EVENT_COLUMNS); gates first, then the score.

    `texts` are more evidence sentences of the event; the closest one counts.
    """
    options = options or packaged_settings().matching
    rejected, gap, limit, km, km_limit = _gates(report, record, options)
    if rejected:
        return MatchScore(0.0, rejected=rejected)
    s_type = _type_score(report, record, options)
    s_date = 1.0 if gap == 0 else (options.adjacent_day if limit == 1 else 1.0 - gap / (limit + 1))
    s_place = 1.0 - km / km_limit if km_limit > 0 else 1.0
    s_actor = _actor_score(report, record, options)
    s_ev = max(
        evidence_similarity(report.evidence, text, same_story=options.same_story_jaccard)
        for text in (_record_text(record), *texts)
    )
    total = (
        options.w_date * s_date
        + options.w_place * s_place
        + options.w_type * s_type
        + options.w_actor * s_actor
        + options.w_evidence * s_ev
    )
    return MatchScore(round(total, 4), s_date, s_place, s_type, s_actor, s_ev)


def rejection(
    report: Report, record: Mapping[str, Any], *, options: MatchingSettings | None = None
) -> str:
    """The hard gate (date, place, type) that rules the event out, or "" when none does.

    The cheap part of `score`, for checking a report against every member of an event.
    """
    return _gates(report, record, options or packaged_settings().matching)[0]


def _gates(
    report: Report, record: Mapping[str, Any], options: MatchingSettings
) -> tuple[str, int, int, float, float]:
    """(rejected gate, day gap, day limit, km, km limit)."""
    if report.aggregate != is_aggregate(record.get("tags")):
        return "aggregate", 0, 0, 0.0, 0.0  # a total is never one of the events it sums
    gap = _day_gap(report, record)
    limit = day_limit(report.time_precision, record.get("time_precision"))
    if gap is None or gap > limit:
        return "date", 0, limit, 0.0, 0.0
    km, km_limit = _distance(report, record, options)
    if km > km_limit:
        return "place", gap, limit, km, km_limit
    if _type_score(report, record, options) == 0.0:
        return "type", gap, limit, km, km_limit
    return "", gap, limit, km, km_limit


def day_limit(precision: int, other: int | None) -> int:
    """How many days apart two reports of these time precisions may be (the date gate)."""
    return DAYS_BY_PRECISION.get(max(precision, int(other or 1)), 1)


def _day_gap(report: Report, record: Mapping[str, Any]) -> int | None:
    other = record.get("event_date")
    if report.event_date is None or not other:
        return None
    other_date = other if isinstance(other, date) else date.fromisoformat(str(other)[:10])
    return abs((report.event_date - other_date).days)


def _distance(
    report: Report, record: Mapping[str, Any], options: MatchingSettings
) -> tuple[float, float]:
    """(km between the two places, the largest km that still counts as the same place)."""
    loc = report.location
    if loc is None and record.get("latitude") is None:
        # No place on either side: only the same words tell the same event (one headline
        # carried by many outlets), and then they are as close as can be.
        same = told_key(report.evidence) == told_key(str(record.get("evidence") or ""))
        return (0.0, 1.0) if same else (math.inf, 0.0)
    if loc is None or record.get("latitude") is None:
        return math.inf, 0.0
    if loc.geonameid is not None and loc.geonameid == record.get("geonameid"):
        return 0.0, options.max_km
    precision = max(loc.geo_precision or 1, int(record.get("geo_precision") or 1))
    km = great_circle_km(loc.latitude, loc.longitude, record["latitude"], record["longitude"])
    if precision >= 3:
        # Only the region is known: same first-level area is as close as it gets.
        same_area = loc.admin1 and loc.admin1.lower() == str(record.get("admin1") or "").lower()
        return (0.0, 1.0) if same_area else (km, 0.0)
    return km, options.max_km if precision == 1 else options.max_km_near


def _type_score(report: Report, record: Mapping[str, Any], options: MatchingSettings) -> float:
    etype, sub = record.get("event_type") or "", record.get("sub_event_type") or ""
    if report.sub_event_type == sub:
        return 1.0
    if "Strategic developments" in (report.event_type, etype):
        return 0.0
    if report.event_type == etype:
        return options.same_type
    if frozenset({report.event_type, etype}) in _COMPATIBLE_TYPES:
        return options.compatible_type
    return 0.0


def _actor_score(report: Report, record: Mapping[str, Any], options: MatchingSettings) -> float:
    """1 when a named actor is shared, `unnamed_actor` when one side names none, 0 when they
    differ."""
    ours = _actor_keys((report.actor1, report.actor2, report.assoc_actor_1, report.assoc_actor_2))
    theirs = _actor_keys(tuple(str(record.get(k) or "")
                               for k in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")))
    if not ours or not theirs:
        return options.unnamed_actor
    if ours & theirs:
        return 1.0
    return 1.0 if _distinctive_overlap(ours, theirs, options.actor_word_share) else 0.0


@lru_cache(maxsize=1 << 12)
def _actor_keys(actors: tuple[str, ...]) -> frozenset[str]:
    """`named_actors`, cached: the same few actor names come back in report after report."""
    return frozenset(named_actors(actors))


def named_actors(actors: Iterable[str]) -> set[str]:
    """Comparable keys for each specific actor: its lower-case names and acronyms.

    ACLED writes "RSF: Rapid Support Forces" or "Boko Haram - Jamatu ..."; each part is a
    key, and a multi-word name adds its acronym, so an outlet that writes "RSF" matches. A
    qualifier in brackets ("Military Forces of Sudan (2019-)") is dropped.
    """
    keys: set[str] = set()
    for actor in actors:
        for part in re.split(r";|:| - ", actor):
            name = re.sub(r"\(.*?\)", "", part).strip().lower().removeprefix("the ")
            if not name or name.startswith(_GENERIC_ACTORS[:-1]):
                continue
            keys.add(name)
            words = [w for w in _WORD.findall(name) if w not in {"of", "the", "and", "for"}]
            if len(words) > 1:
                keys.add("".join(w[0] for w in words))
    return keys


# Words in many actor names that do not tell one armed group from another.
_GENERIC_ACTOR_WORDS = frozenset(
    """military forces force police army armed group groups of the and for state militia
    movement front national people s liberation islamic defence defense unidentified gang
    rebels rebel fighters""".split()  # noqa: SIM905 (a word list reads better as text)
)


def _distinctive_overlap(ours: AbstractSet[str], theirs: AbstractSet[str], share: float) -> bool:
    """True when two names share at least `share` of the shorter one's distinctive words
    ("IS Sahel" ~ "Islamic State Sahel Province"; "Israeli military" ~ "Military Forces of
    Israel"), so the short form or demonym an outlet uses still matches the coded name."""
    for a in ours:
        wa = set(_WORD.findall(a)) - _GENERIC_ACTOR_WORDS
        for b in theirs:
            wb = set(_WORD.findall(b)) - _GENERIC_ACTOR_WORDS
            if not wa or not wb:
                continue
            shared = sum(1 for x in wa if any(_same_stem(x, y) for y in wb))
            if shared >= share * min(len(wa), len(wb)):
                return True
    return False


def _same_stem(a: str, b: str) -> bool:
    """Words that share a stem: equal, or a country and its demonym (Israel/Israeli,
    Kenya/Kenyan, Sudan/Sudanese), judged by a common prefix of at least four letters
    covering the shorter word but for its last letter."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    stem = short if len(short) <= 5 else short[:-1]
    return len(stem) >= 4 and long_.startswith(stem)


def _record_text(record: Mapping[str, Any]) -> str:
    return " ".join(str(record.get(k) or "") for k in ("evidence", "notes"))


# Keys of `told_key`: negative and beyond any grid cell's key (events.merge.grid_cell), so
# the store may keep them in a placeless report's cell column.
_TOLD_KEY_BASE = 1 << 40


@lru_cache(maxsize=1 << 14)
def told_key(text: str) -> int | None:
    """A key for what an evidence text says, the same for any text with the same content
    words whatever their order, case or punctuation ("143 killed yesterday" carried by many
    outlets); None for a text with none."""
    words = sorted(set(content_tokens(text)))
    if not words:
        return None
    digest = hashlib.sha256(" ".join(words).encode("utf-8")).digest()
    return -(_TOLD_KEY_BASE + int.from_bytes(digest[:5], "big"))


def content_tokens(text: str) -> list[str]:
    """Lower-case words of `text` without the words every conflict report uses."""
    return [w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS and len(w) > 1]


@lru_cache(maxsize=1 << 14)
def _shingles(text: str) -> frozenset[str]:
    """Content words and adjacent pairs of them (cached: an event's evidence is compared with
    every new report near it)."""
    tokens = content_tokens(text)
    return frozenset(tokens) | {f"{x} {y}" for x, y in zip(tokens, tokens[1:], strict=False)}


def evidence_similarity(a: str, b: str, *, same_story: float | None = None) -> float:
    """Similarity of two evidence texts in [0, 1]: Jaccard over content words and word pairs.

    Paraphrases by different outlets share names, numbers and key nouns more than phrasing,
    so single words count alongside pairs; a Jaccard of `same_story` (default: the packaged
    [matching] same_story_jaccard, 0.4) already means the same story.
    """
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return 0.0
    jaccard = len(sa & sb) / len(sa | sb)
    if same_story is None:
        same_story = packaged_settings().matching.same_story_jaccard
    return min(1.0, jaccard / same_story)
