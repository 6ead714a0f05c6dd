"""Which words of a report's evidence sentence support which field, for the map's event panel.

The spans are the ones the coder found and the store kept with the report (`mentions`); a
span's offsets and `evidence_start` index the same source text (the body, or the headline
for a headline's event), and that is all this relies on; nothing is looked for again here.
A report stored before reports kept their spans has none, so it shows no highlights.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..coding.fatalities import KILLED_SCORE

_KIND_FIELD = {"place": "location", "date": "event_date", "number": "fatalities",
               "trigger": "sub_event_type"}
# Each side's field, then its associated actors (a "; "-separated list).
_ACTOR_FIELDS = (("actor1", "assoc_actor_1"), ("actor2", "assoc_actor_2"))


def highlights(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Spans {start, end, field, text} into `report["evidence"]`, in order, not overlapping."""
    evidence = report.get("evidence") or ""
    if not evidence:
        return []
    return _without_overlaps(list(_from_mentions(report, evidence)), evidence)


def _from_mentions(report: dict[str, Any], evidence: str) -> Iterable[tuple[int, int, str]]:
    offset = report.get("evidence_start") or 0
    for m in report.get("mentions") or ():
        start, end = m["start"] - offset, m["end"] - offset
        if not (0 <= start < end <= len(evidence)):
            continue  # a span of another sentence of the article
        if m.get("text") is not None and evidence[start:end] != m["text"]:
            continue  # a span of the other text (the headline's, for body evidence)
        field = _field(m, report)
        if field:
            yield start, end, field


def _field(mention: dict[str, Any], report: dict[str, Any]) -> str | None:
    """The report field `mention` supports, or None (an actor not of this event, a wounded
    figure)."""
    kind = mention.get("kind")
    if kind == "actor":
        return _actor_field(str(mention.get("value") or mention.get("text") or ""), report)
    if kind == "number" and mention.get("score", KILLED_SCORE) < KILLED_SCORE:
        return None
    return _KIND_FIELD.get(kind or "")


def _actor_field(name: str, report: dict[str, Any]) -> str | None:
    """actor1 or actor2 when the report's actor (or associated actor) of that side is the
    mention's canonical actor: ACLED names add a country or years ("Police Forces" ->
    "Police Forces of Iraq (2022-)")."""
    name = name.strip().lower()
    if not name:
        return None
    for keys in _ACTOR_FIELDS:
        names = [n.strip().lower() for k in keys for n in (report.get(k) or "").split(";")]
        if any(n.startswith(name) for n in names):
            return keys[0]
    return None


def _without_overlaps(spans: list[tuple[int, int, str]], text: str) -> list[dict[str, Any]]:
    """Longest spans win where two overlap, but a trigger (the classifier's cue, often a
    phrase such as "killed three protesters") gives way to the actors, places and figures
    inside it and keeps its first free words; the result is in text order."""
    kept: list[tuple[int, int, str]] = []
    ordered = sorted(spans, key=lambda s: (s[2] == "sub_event_type", s[0] - s[1], s[0]))
    for start, end, field in ordered:
        if field == "sub_event_type":
            start, end = _first_free(text, start, end, kept)
        if start < end and all(end <= a or start >= b for a, b, _ in kept):
            kept.append((start, end, field))
    return [{"start": s, "end": e, "field": f, "text": text[s:e]} for s, e, f in sorted(kept)]


def _first_free(text: str, start: int, end: int, kept: list[tuple[int, int, str]]
                ) -> tuple[int, int]:
    """The first stretch of [start, end) that no kept span covers and that holds a word,
    without its surrounding spaces; (0, 0) when there is none."""
    cuts = sorted((max(a, start), min(b, end)) for a, b, _ in kept if a < end and b > start)
    pos = start
    for a, b in [*cuts, (end, end)]:
        piece = text[pos:a]
        if any(ch.isalnum() for ch in piece):
            lead = len(piece) - len(piece.lstrip())
            return pos + lead, pos + len(piece.rstrip())
        pos = max(pos, b)
    return 0, 0
