"""The trigger lexicon: words that signal each ACLED sub-event type, and argument cues.

A trigger names the kind of event ("shelled", "abducted"); a cue says something about its
arguments (the target is civilian, the actor is the state, police intervened). Both become
features of the linear model and constrain the final type in `rules.py`. The words are
data (data/triggers.json); this module compiles them into fast matchers on first use.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from re import _constants as _C  # noqa: PLC2701 (first-character analysis of patterns)
from re import _parser as _P

from ... import taxonomy as tx
from ...data import load_json
from ...errors import ConflictwireError
from ...models import Mention
from ..dates import month_may

_Entries = tuple[tuple[str, tuple[str, ...]], ...]


class TriggerDataError(ConflictwireError):
    """The trigger lexicon (triggers.json) names a sub-event type ACLED does not have."""


def _first_chars(items: list) -> set[str] | None:
    """The characters a parsed regex can start with; None when any character could."""
    out: set[str] = set()
    for op, av in items:
        if op is _C.LITERAL:
            return out | {chr(av)}
        if op is _C.IN:
            for o, a in av:
                if o is _C.LITERAL:
                    out.add(chr(a))
                elif o is _C.RANGE:
                    out.update(chr(x) for x in range(a[0], a[1] + 1))
                else:
                    return None
            return out
        if op is _C.SUBPATTERN or op is _C.BRANCH:
            subs = [av[3]] if op is _C.SUBPATTERN else av[1]
            for sub in subs:
                first = _first_chars(list(sub))
                if first is None:
                    return None
                out |= first
            return out
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
            first = _first_chars(list(av[2]))
            if first is None:
                return None
            out |= first
            if av[0] > 0:
                return out
            continue
        if op is not _C.AT:
            return None
    return None


class _Matcher:
    """All entries' alternatives as one pattern per first character.

    A sentence is scanned word start by word start and only the alternatives that can
    begin with that word's first letter are tried: about ten times faster than searching
    one big alternation, with the same result (leftmost match; at one position the
    earlier entry wins; matches do not overlap).
    """

    def __init__(self, entries: _Entries) -> None:
        self.names = {f"g{i}": name for i, (name, _) in enumerate(entries)}
        by_char: dict[str, list[tuple[int, str]]] = {}
        for i, (_, alts) in enumerate(entries):
            for alt in alts:
                first = _first_chars(list(_P.parse(alt)))
                chars = first if first is not None else set(string.ascii_lowercase + "0123456789")
                for c in chars:
                    by_char.setdefault(c, []).append((i, alt))
        self.patterns: dict[str, re.Pattern[str]] = {}
        for c, pairs in by_char.items():
            groups: dict[int, list[str]] = {}
            for i, alt in pairs:
                groups.setdefault(i, []).append(alt)
            body = "|".join(f"(?P<g{i}>{'|'.join(alts)})" for i, alts in sorted(groups.items()))
            self.patterns[c] = re.compile(body)

    def finditer(self, lower: str) -> Iterator[tuple[str, int, int]]:
        end = 0
        patterns = self.patterns
        for w in _WORD_START.finditer(lower):
            pos = w.start()
            if pos < end:
                continue
            pattern = patterns.get(lower[pos])
            if pattern is None:
                continue
            m = pattern.match(lower, pos)
            if m is not None:
                end = m.end()
                yield self.names[m.lastgroup or ""], pos, end


_WORD_START = re.compile(r"\b\w")


def _entries(items: list[dict], key: str) -> _Entries:
    return tuple((item[key], tuple(item["patterns"])) for item in items)


@cache
def _matchers() -> tuple[_Matcher, _Matcher]:
    """The trigger and cue matchers, compiled from triggers.json on first use."""
    data = load_json("triggers.json")
    triggers = _entries(data["triggers"], "type")
    unknown = [name for name, _ in triggers if name not in tx.SUB_EVENT_TYPES]
    if unknown:
        raise TriggerDataError(f"triggers.json: unknown sub-event types {unknown}")
    return _Matcher(triggers), _Matcher(_entries(data["cues"], "cue"))


@dataclass(frozen=True, slots=True)
class LexiconHits:
    """What the lexicon found in one sentence: triggers (first first) and cue names."""

    triggers: tuple[Mention, ...]
    cues: frozenset[str]

    def types(self) -> frozenset[str]:
        return frozenset(m.value for m in self.triggers)


def find_triggers(sentence: str, *, offset: int = 0) -> LexiconHits:
    """Trigger mentions (kind "trigger", value a sub-event type) and argument cues.

    Only the first trigger of each type is kept; triggers are in text order. The month May
    is no modal: it gives no "future" cue.
    """
    lower = sentence.lower()
    triggers, cues_matcher = _matchers()
    found: list[Mention] = []
    seen: set[str] = set()
    for label, start, end in triggers.finditer(lower):
        if label not in seen:
            seen.add(label)
            found.append(Mention(
                start=offset + start, end=offset + end, text=sentence[start:end],
                kind="trigger", value=label,
            ))
    cues = frozenset(name for name, start, end in cues_matcher.finditer(lower)
                     if not (lower[start:end] == "may" and month_may(sentence, start)))
    return LexiconHits(tuple(found), cues)
