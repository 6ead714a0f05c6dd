"""ACLED's precedence rules, applied after the model: where the sentence's own words decide the
sub-event type (an armed target, who took the place, what protesters did), they overrule it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property

from ... import taxonomy as tx
from ...data import load_json
from ...models import Mention
from ..actors import ActorLexicon, find_actors
from .triggers import LexiconHits, find_triggers

_I = re.IGNORECASE
_DATA = "precedence.json"
# How far a rule reads from the word that anchors it, in words or characters: part of each
# rule's grammar ("ambushed [an army] convoy", "[the protesters] who threw"), not weights.
_OBJECT_WORDS = 6  # words after a verb to its object's head noun
_AGENT_CHARS = 90  # characters before a verb to its subject, within the clause
_NEAR_CHARS = 40  # characters between a weapon and what disrupted it
_REASON_CHARS = 60  # characters before a killing to what makes it the protest's cause

_WEAPON_TYPES = frozenset({tx.CHEMICAL, tx.AIR_STRIKE, tx.SUICIDE_BOMB, tx.SHELLING,
                           tx.REMOTE_EXPLOSIVE, tx.GRENADE})
_TERRITORY = frozenset({tx.GOV_REGAINS, tx.NSA_OVERTAKES})
_PROTEST_FAMILY = frozenset({tx.PEACEFUL_PROTEST, tx.PROTEST_INTERVENTION, tx.EXCESSIVE_FORCE,
                             tx.VIOLENT_DEMONSTRATION})
_ARMED = frozenset({tx.STATE, tx.REBEL, tx.POLITICAL_MILITIA, tx.IDENTITY_MILITIA, tx.EXTERNAL})
_NON_STATE = frozenset({tx.REBEL, tx.POLITICAL_MILITIA, tx.IDENTITY_MILITIA})
# A clause boundary: the subject of a verb is not looked for across one.
_CLAUSE = re.compile(r"[;:.!?]|,\s+(?:but|while|as|after|before|when|and|which)\b|"
                     r"\b(?:but|while|whereas|after|before|when|as)\b", _I)
_KILLED = re.compile(r"\b(?:kill(?:ed|ing|s)?|dead|died|deaths?|fatalit\w+|lost\s+their\s+lives|"
                     r"slain|bodies)\b", _I)
_HURT = re.compile(r"\b(?:wound(?:ed|ing|s)?|injur(?:ed|ing|ies|y)|hurt|casualt\w+|"
                   r"hospitali[sz]ed)\b", _I)
_ZERO_HARM = re.compile(r"\b(?:no|without|zero)\s+(?:\w+\s+)?(?:injur\w*|casualt\w*|deaths?|"
                        r"damage|victims|fatalit\w*|one\s+(?:was|being)\s+(?:hurt|injured|killed))"
                        r"|\bnobody\s+was\b|\bno\s+one\s+was\b|\bcontrolled\s+(?:explosion|"
                        r"detonation)", _I)


@dataclass(frozen=True, slots=True)
class Decision:
    """The final sub-event type of a sentence (None: no event), its confidence, the rules
    that changed the model's choice (empty when it stands) with why, and the words that
    decided, as a trigger mention for the components after the classifier."""

    sub_event_type: str | None
    confidence: float
    rules: tuple[str, ...] = ()
    reason: str = ""
    trigger: Mention | None = None


@dataclass(frozen=True, slots=True)
class _Verdict:
    label: str | None
    rule: str
    reason: str
    span: tuple[int, int] | None = None


def decide(sentence: str, hits: LexiconHits, ranked: Sequence[tuple[str, float]], *,
           offset: int = 0, skip: frozenset[str] | tuple[str, ...] = ()) -> Decision:
    """The sub-event type ACLED's precedence rules give `sentence`, starting from the
    model's `ranked` event types (best first, with their probabilities; no "no event").

    Each rule reads the sentence, its lexicon `hits` and the type chosen so far, and may
    replace it (or veto the event) where the codebook lets the words decide; the rules run
    in a fixed order, each once. `offset` places the deciding words' mention in the article;
    rules named in `skip` are left out ([classify] precedence_skip).
    """
    if not ranked:
        return Decision(None, 1.0)
    probs = dict(ranked)
    s = _Sentence(sentence, hits, tuple(ranked), offset)
    rules: list[str] = []
    reasons: list[str] = []
    span = None
    for rule in _RULES:
        verdict = rule(s)
        if verdict is None or verdict.label == s.best or verdict.rule in skip:
            continue
        rules.append(verdict.rule)
        reasons.append(verdict.reason)
        span = verdict.span or span
        if verdict.label is None:
            return Decision(None, 1.0 - sum(probs.values()), tuple(rules), "; ".join(reasons))
        s.best = verdict.label
    best = s.best
    first = ranked[0][0]
    confidence = probs[first] if best == first else min(1.0, probs[first] + probs.get(best, 0.0))
    trigger = None
    if rules and span is not None:
        a, b = span
        trigger = Mention(offset + a, offset + b, sentence[a:b], "trigger", best)
    return Decision(best, confidence, tuple(rules), "; ".join(reasons), trigger)


# --- the words ---------------------------------------------------------------------------

def _required(pattern: str) -> list[str] | None:
    """Literals one of which every match of `pattern` contains ("leak" for "gas\\s+leak",
    "torch" or "burn" for "(?:torch|burn)ed"), read left to right past optional or
    unreadable parts; None when there is none to read (then the pattern is always tried)."""
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "(":
            j = _close(pattern, i)
            quant = pattern[j + 1:j + 2]
            if pattern.startswith(("(?<", "(?=", "(?!"), i) or quant in ("?", "*") \
                    or pattern.startswith("{0", j + 1):
                i = j + 1 + (quant in ("?", "*"))
                continue
            inner = pattern[i + (3 if pattern.startswith("(?:", i) else 1):j]
            found = [_required(alt) for alt in _top_level(inner)]
            if all(found):
                return [lit for lits in found for lit in lits]  # type: ignore[union-attr]
            i = j + 1
        elif c == "\\" or c == "[":
            i = (pattern.index("]", i + 1) + 1) if c == "[" else i + 2
        elif c in ".^$*+?{}|)":
            i += 1
        else:
            run = re.match(r"[\w' -]+", pattern[i:])
            literal = run.group(0) if run else c
            end = i + len(literal)
            if pattern[end:end + 1] in ("?", "*", "{"):
                literal = literal[:-1]
            if len(literal.strip()) >= 2:
                return [literal.lower()]
            i = end
    return None


def _close(pattern: str, i: int) -> int:
    """The index of the parenthesis that closes the one at `i`."""
    depth = 0
    j = i
    while j < len(pattern):
        if pattern[j] == "\\":
            j += 2
            continue
        if pattern[j] == "[":
            j = pattern.index("]", j + 1) + 1
            continue
        depth += {"(": 1, ")": -1}.get(pattern[j], 0)
        if depth == 0:
            return j
        j += 1
    raise ValueError(f"unbalanced pattern: {pattern!r}")


def _top_level(pattern: str) -> list[str]:
    """`pattern` split at its top-level "|"."""
    parts, depth, start, j = [], 0, 0, 0
    while j < len(pattern):
        c = pattern[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = pattern.index("]", j + 1) + 1
            continue
        depth += {"(": 1, ")": -1}.get(c, 0)
        if c == "|" and depth == 0:
            parts.append(pattern[start:j])
            start = j + 1
        j += 1
    return [*parts, pattern[start:]]


class _Scan:
    """Whole-word alternatives as one pattern, tried only when the sentence holds one of
    their literal starts (a substring test far cheaper than the regex, which then gives the
    same answer): most rules' words are absent from most sentences."""

    def __init__(self, alternatives: list[str], suffix: str = r"\b") -> None:
        self._pattern = re.compile(r"\b(?:" + "|".join(alternatives) + ")" + suffix, _I)
        found = [_required(alt) for alt in alternatives]
        self._heads = None if any(f is None for f in found) else tuple(
            {lit for lits in found for lit in lits or ()})

    def _absent(self, text: str, pos: int, endpos: int | None) -> bool:
        if self._heads is None:
            return False
        lower = text[pos:endpos].lower()
        return not any(h in lower for h in self._heads)

    def finditer(self, text: str, pos: int = 0,
                 endpos: int | None = None) -> Iterator[re.Match[str]]:
        if self._absent(text, pos, endpos):
            return iter(())
        return self._pattern.finditer(text, pos, len(text) if endpos is None else endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        if self._absent(text, pos, endpos):
            return None
        return self._pattern.search(text, pos, len(text) if endpos is None else endpos)


class _Words:
    """The rule vocabularies of data/precedence.json, compiled on first use."""

    def __init__(self) -> None:
        data = load_json(_DATA)
        self.patterns = {k: v["patterns"] for k, v in data.items() if isinstance(v, dict)}
        civilian = next(c for c in load_json("triggers.json")["cues"] if c["cue"] == "civilian")
        self.patterns["civilian"] = civilian["patterns"]
        self.alt = {k: "|".join(v) for k, v in self.patterns.items()}

    def any(self, *keys: str, suffix: str = r"\b") -> _Scan:
        """Any word of the lists `keys`, as whole words (then `suffix`)."""
        return _Scan([alt for k in keys for alt in self.patterns[k]], suffix)

    def at(self, *keys: str) -> re.Pattern[str]:
        """A word of the lists `keys` starting right here (for `match`)."""
        return re.compile(r"(?:" + "|".join(self.alt[k] for k in keys) + r")\b", _I)


@dataclass(frozen=True)
class _Patterns:
    """Every pattern the rules read (a `_Scan` for whole-word lists, searched often)."""

    claim: _Scan
    accident: _Scan
    attack_cause: _Scan
    disaster: _Scan
    test_or_sanction: _Scan
    civilian: _Scan
    contraband: _Scan
    trafficking: _Scan
    weapons: _Scan
    weapon_at: re.Pattern[str]
    disrupt: _Scan
    disrupt_verb: _Scan
    stock_word: _Scan
    disrupted_passive: _Scan
    stock_after: re.Pattern[str]
    protest: _Scan
    protester_agent: _Scan
    armed_agent: _Scan
    protester_violence: _Scan
    riot: _Scan
    lethal: _Scan
    nonlethal: _Scan
    peaceful_end: re.Pattern[str]
    reason_marker: _Scan
    arrest_at_protest: _Scan
    leader_arrest: _Scan
    arrest: re.Pattern[str]
    take: _Scan
    passive_take: _Scan
    without_fight: _Scan
    fight: _Scan
    place_at: re.Pattern[str]
    people_at: re.Pattern[str]
    goods_at: re.Pattern[str]
    not_territory_at: re.Pattern[str]
    filler_at: re.Pattern[str]
    withdrawal: _Scan
    new_holder: _Scan
    deployment: _Scan
    surrender: _Scan
    not_surrender_before: re.Pattern[str]
    attack_verb: _Scan
    armed_target_at: re.Pattern[str]
    civilian_at: re.Pattern[str]
    unarmed_before: re.Pattern[str]
    unarmed_after_at: re.Pattern[str]
    object_stop_at: re.Pattern[str]
    armed_victim_passive: _Scan
    captive_harm: _Scan
    aerial: _Scan
    strike: _Scan
    labour_strike: _Scan
    counted_explosions: _Scan
    front: _Scan
    crowd_agent: _Scan
    mob_harm: _Scan
    agent_words: re.Pattern[str]
    execution: re.Pattern[str]
    chemical: _Scan
    not_chemical: _Scan
    establish: _Scan
    consequence: re.Pattern[str]
    flight: re.Pattern[str]
    coup: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    """The rules' patterns, built on first use from data/precedence.json."""
    w = _Words()
    a = w.alt
    # The words that may stand between a verb and its object's head noun ("an army", "two
    # off-duty", "the 23rd").
    filler = (r"(?:an?|the|its|their|his|her|some|several|two|three|four|five|six|seven|eight|"
              r"nine|ten|dozens|scores|hundreds|of|at\s+least|more\s+than|over|about|nearly|"
              r"\d[\d,]*(?:st|nd|rd|th)?|[\w'-]+)\s+")
    return _Patterns(
        claim=w.any("claim", suffix=rf"\s+(?:(?:{a['earlier_event']})\s+)(?:[\w'-]+\s+){{0,3}}?"
                                     rf"(?:{a['claimed_events']})\b"),
        accident=w.any("accident"),
        attack_cause=w.any("attack_cause"),
        disaster=w.any("disaster"),
        test_or_sanction=w.any("test_or_sanction"),
        civilian=w.any("civilian"),
        contraband=w.any("contraband"),
        trafficking=w.any("trafficking_context"),
        weapons=w.any("weapons"),
        weapon_at=w.at("weapons"),
        disrupt=w.any("disrupt_verbs", suffix=rf"\b(?:\s+and\s+\w+)?\s+(?:[\w'-]+\s+){{0,6}}?"
                                              rf"(?:{a['weapons']})\b"),
        disrupt_verb=w.any("disrupt_verbs"),
        stock_word=w.any("weapon_stock"),
        disrupted_passive=w.any(
            "weapons",
            suffix=rf"\b[^.;]{{0,{_NEAR_CHARS}}}?\b(?:was|were|had\s+been|have\s+been|has\s+been|"
                   r"being)\s+(?:\w+\s+)?(?:found|discovered|recovered|seized|confiscated|"
                   r"unearthed|defused|dismantled|intercepted|shot\s+down|downed|neutrali[sz]ed|"
                   r"disarmed|impounded|destroyed\s+in\s+(?:the\s+)?(?:air|flight))\b"),
        stock_after=re.compile(rf"[\s-]+(?:[\w-]+\s+)?(?:{a['weapon_stock']})\b", _I),
        protest=w.any("protest"),
        protester_agent=w.any("protester_agents"),
        armed_agent=w.any("armed_agents"),
        protester_violence=w.any("protester_violence"),
        riot=w.any("riot_nouns"),
        lethal=w.any("lethal_force"),
        nonlethal=w.any("nonlethal_force"),
        peaceful_end=re.compile(r"\b(?:dispersed|ended|broke\s+up)\s+(?:peacefully|without\s+"
                                r"incident|calmly|on\s+(?:their|its)\s+own|later)\b", _I),
        reason_marker=w.any("protest_cause"),
        arrest_at_protest=w.any("arrest_at_protest"),
        leader_arrest=w.any("leader_arrest"),
        arrest=re.compile(r"\b(?:arrest\w*|detain\w*|rounded\s+up|detention|custody)\b", _I),
        take=w.any("take_verbs"),
        passive_take=w.any("passive_take"),
        without_fight=w.any("without_fight"),
        fight=w.any("fight_words"),
        place_at=w.at("place_words"),
        people_at=w.at("seized_people"),
        goods_at=w.at("seized_goods"),
        not_territory_at=w.at("not_territory"),
        filler_at=re.compile(filler, _I),
        withdrawal=w.any("withdrawal"),
        new_holder=w.any("new_holder"),
        deployment=w.any("deployment"),
        surrender=w.any("surrender"),
        not_surrender_before=re.compile(rf"\b(?:{a['not_surrender']})\s+(?:\w+\s+){{0,2}}$", _I),
        attack_verb=w.any("attack_verbs"),
        armed_target_at=w.at("armed_targets"),
        civilian_at=w.at("civilian", "seized_people"),
        unarmed_before=re.compile(rf"\b(?:{a['unarmed_before']})\s*(?:[\w-]+\s+)?$", _I),
        unarmed_after_at=re.compile(rf"\s*(?:'s\s+)?(?:{a['unarmed_after']})\b", _I),
        object_stop_at=re.compile(r"(?:[,;:.()]|(?:and|or|in|near|at|on|outside|inside|"
                                  r"around|from|with|by|after|before|while|during|who|which|"
                                  r"that|as|to|for|into|against|over|under)\b)", _I),
        armed_victim_passive=w.any("armed_targets",
                                   suffix=rf"\b\s+(?:{a['harm_passive']})\b"),
        captive_harm=w.any("captive_harm"),
        aerial=w.any("aerial_actor"),
        strike=w.any("strike_words"),
        labour_strike=w.any("labour_strike"),
        counted_explosions=w.any("counted_explosions"),
        front=w.any("front_context"),
        crowd_agent=w.any("crowd_agents"),
        mob_harm=w.any("mob_harm"),
        execution=re.compile(r"\b(?:execut(?:ed|es|e|ing|ions?)|behead(?:ed|s|ing)?|"
                             r"crucif(?:ied|ies|y)|summary\s+killings?)\b(?!\s+(?:an?|the|its|"
                             r"their)\s+(?:\w+\s+)?(?:attack|operation|raid|plan|strike|order|"
                             r"mission|assault|offensive))", _I),
        chemical=w.any("chemical_agents"),
        not_chemical=w.any("not_chemical_use"),
        establish=w.any("establish_verbs"),
        consequence=re.compile(rf"\b(?:{a['consequence_before']})\b(?:\s+[\w'-]+){{0,4}}\s*$",
                               _I),
        flight=re.compile(r"\b(?:fled|flee(?:ing|s)?|displac(?:ed|ing|ement)|exodus)\b", _I),
        coup=re.compile(r"\b(?:coup|putsch|mutin\w+|seized\s+power|took\s+power)\b", _I),
        agent_words=re.compile(rf"\b(?:(?P<state>{a['state_nouns']})|{a['nonstate_nouns']})\b",
                               _I),
    )


# --- the sentence as the rules read it ---------------------------------------------------

class _Sentence:
    """One sentence, what the lexicons found in it, and the type chosen so far."""

    def __init__(self, text: str, hits: LexiconHits, ranked: tuple[tuple[str, float], ...],
                 offset: int) -> None:
        self.text = text
        self.hits = hits
        self.ranked = ranked
        self.best = ranked[0][0]
        self.offset = offset  # where the hits' offsets start

    @cached_property
    def p(self) -> _Patterns:
        return _patterns()

    @cached_property
    def actors(self) -> list[_Agent]:
        """The actors named, in text order: the actor dictionary's, an unknown named group
        ("the Kokang Alliance Army", which the dictionary reads as the generic "army"),
        and armed groups named by common nouns the dictionary left out."""
        text = self.text
        found = []
        lexicon = _actor_lexicon()
        for m in find_actors(text, lexicon=lexicon):
            actor = m.value
            inter = actor.inter
            if actor.country_code is None and _MODIFIER_AFTER.match(text, m.end):
                continue  # "the military base", "an army spokesman": no actor acting
            if m.text == "Army" and _NAME_BEFORE.search(text, max(0, m.start - 30), m.start) \
                    and not _names_country(text[:m.start].split()[-1], lexicon):
                inter = tx.REBEL  # a named army the dictionary does not know: not a state's
            found.append(_Agent(m.start, m.end, inter, actor.country_code))
        for m in self.p.agent_words.finditer(text):
            if not any(a.start < m.end() and m.start() < a.end for a in found):
                inter = tx.STATE if m.group("state") else tx.REBEL
                found.append(_Agent(m.start(), m.end(), inter, None))
        return sorted(found, key=lambda a: a.start)

    @cached_property
    def types(self) -> frozenset[str]:
        return self.hits.types()

    @cached_property
    def harmed(self) -> bool:
        """Someone was killed or hurt, not 'no one was hurt'."""
        if _ZERO_HARM.search(self.text):
            return bool(_KILLED.search(self.text)) and not re.search(
                r"\bno\s+(?:\w+\s+)?(?:deaths|fatalit\w*|casualt\w*)|no\s+one\s+was\s+killed",
                self.text, _I)
        return bool(_KILLED.search(self.text) or _HURT.search(self.text))

    def clause_start(self, pos: int) -> int:
        start = 0
        for m in _CLAUSE.finditer(self.text, 0, pos):
            start = m.end()
        return start

    def subject(self, pos: int) -> _Agent | None:
        """The actor whose act the verb at `pos` tells: the nearest one before it in its
        clause, or the first of several joined to it ("X and Y captured", "X backed by Y
        took back" are X's acts); None when no actor is named there."""
        start = max(self.clause_start(pos), pos - _AGENT_CHARS)
        before = [a for a in self.actors if start <= a.start and a.end <= pos
                  and not _OBJECT_BEFORE.search(self.text, max(start, a.start - 30), a.start)]
        if not before:
            return None
        i = len(before) - 1
        while i > 0 and _JOINED.fullmatch(self.text, before[i - 1].end, before[i].start):
            i -= 1
        return before[i]

    def agent(self, pos: int) -> int | None:
        """The inter code of the subject before `pos` (see `subject`)."""
        found = self.subject(pos)
        return found.inter if found else None

    def after_actor(self, pos: int) -> int | None:
        """The inter code of the first actor named after `pos` (the taker after 'fell to')."""
        after = [a for a in self.actors if a.start >= pos and a.start - pos < _AGENT_CHARS]
        return after[0].inter if after else None


@dataclass(frozen=True, slots=True)
class _Agent:
    """An actor named in the sentence: its span, ACLED inter code and home country."""

    start: int
    end: int
    inter: int
    country_code: str | None


# Between two actors, words that make them one side ("X and Y", "X backed by Y").
_JOINED = re.compile(r"\s*(?:[\w'-]+\s+){0,2}?(?:,\s*)?(?:and|&|as\s+well\s+as|alongside|"
                     r"together\s+with|with|(?:backed|supported|assisted|helped|joined)\s+by)"
                     r"\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?", _I)
# A capitalised word right before a capitalised generic "Army": a group's own name.
_NAME_BEFORE = re.compile(
    r"(?<![.!?]\s)\b(?!(?:The|A|An|National|Royal|Defen[cs]e|Armed|Regular)\b)[A-Z][\w'-]*\s+$")
# After a generic state word, a noun it only modifies ("the military base").
_MODIFIER_AFTER = re.compile(
    r"\s+(?:bases?|camps?|posts?|outposts?|checkpoints?|convoys?|vehicles?|barracks|academy|"
    r"hospitals?|courts?|positions?|equipment|installations?|stations?|headquarters|"
    r"spokesm[ae]n|sources?|officials?|statement|operations?|units?\s+(?:said|reported))\b", _I)
# Before an actor, a verb or preposition that makes it an object, not the subject.
_OBJECT_BEFORE = re.compile(
    r"\b(?:at|on|against|into|from|of|to|by|with|for|toward|towards|upon|"
    r"[a-z]+ed|beat|hit|shot|struck|took|seized|overran|killed|attacked|fought)\s+"
    r"(?:the\s+|a\s+|an\s+|some\s+|several\s+|\d[\d,]*\s+|\w+\s+of\s+)?$", _I)


def _names_country(word: str, lexicon: ActorLexicon) -> bool:
    return any(name.split()[-1] == word for name in lexicon.country_names.values() if name)


@cache
def _actor_lexicon() -> ActorLexicon:
    return ActorLexicon.load()


def _object_kind(s: _Sentence, pos: int) -> tuple[str, int, int] | None:
    """What the object starting at `pos` is ("armed", "civilian", "place", "people",
    "goods", "weapon", "none") and its head's span, read over at most _OBJECT_WORDS words
    of determiners, numbers and modifiers; None at a clause break or when nothing is known."""
    p, text = s.p, s.text
    for _ in range(_OBJECT_WORDS):
        while pos < len(text) and text[pos] in " \t\"'“”":
            pos += 1
        if pos >= len(text):
            return None
        for kind, pattern in (("none", p.not_territory_at), ("weapon", p.weapon_at),
                              ("armed", p.armed_target_at), ("people", p.people_at),
                              ("civilian", p.civilian_at), ("goods", p.goods_at),
                              ("place", p.place_at)):
            m = pattern.match(text, pos)
            if m:
                return kind, m.start(), m.end()
        actor = next((a for a in s.actors if a.start == pos), None)
        if actor is not None:
            kind = "armed" if actor.inter in _ARMED else "civilian"
            return kind, actor.start, actor.end
        if p.object_stop_at.match(text, pos):
            return None
        if text[pos].isupper() and pos > 0:
            return "named", pos, pos + len(text[pos:].split(None, 1)[0])
        m = p.filler_at.match(text, pos)
        if not m:
            return None
        pos = m.end()
    return None


# --- the rules, in the order they run ----------------------------------------------------

def _claim(s: _Sentence) -> _Verdict | None:
    """A claim of responsibility for an attack told before is no new event (ACLED codes the
    attack, once) unless the sentence tells an act before the claim."""
    m = s.p.claim.search(s.text)
    if m is None:
        return None
    earlier = [t for t in s.hits.triggers if t.start - s.offset < m.start()]
    if earlier:
        return None
    return _Verdict(None, "claim", "a claim of responsibility for an earlier attack", m.span())


def _accident(s: _Sentence) -> _Verdict | None:
    """Industrial and household blasts, leaks and fires are accidents, not attacks."""
    m = s.p.accident.search(s.text)
    if m is None or s.p.attack_cause.search(s.text):
        return None
    return _Verdict(None, "accident", f"an accident ({m.group(0)!r}), no attacker", m.span())


def _disaster(s: _Sentence) -> _Verdict | None:
    """Deaths and damage from a natural disaster or an epidemic are no political violence."""
    m = s.p.disaster.search(s.text)
    if m is None or s.p.attack_cause.search(s.text) or s.types & _WEAPON_TYPES - {
            tx.REMOTE_EXPLOSIVE} or any(a.inter in _ARMED for a in s.actors):
        return None
    if s.best in _PROTEST_FAMILY or s.best in {tx.MOB_VIOLENCE, tx.ARRESTS, tx.AGREEMENT}:
        return None  # a protest over flood relief is a protest
    return _Verdict(None, "disaster", f"a natural disaster ({m.group(0)!r})", m.span())


def _test_or_sanction(s: _Sentence) -> _Verdict | None:
    """A weapons test, drill or display, or sanctions and condemnations over one: no attack
    was made (ACLED's sanctions and statements are no events)."""
    if s.best not in _WEAPON_TYPES | {tx.DISRUPTED_WEAPONS, tx.OTHER, tx.CHANGE_TO_GROUP}:
        return None
    m = s.p.test_or_sanction.search(s.text)
    if m is None or s.harmed or re.search(r"\b(?:hit|struck|killed|wounded|landed\s+(?:in|on)"
                                          r"\s+(?!the\s+sea|waters))", s.text, _I):
        return None
    return _Verdict(None, "test_or_sanction", f"a test, drill or sanction ({m.group(0)!r})",
                    m.span())


def _trafficking(s: _Sentence) -> _Verdict | None:
    """An interception of drugs, migrants or goods (no weapons) is law enforcement."""
    if s.best not in {tx.DISRUPTED_WEAPONS, tx.NSA_OVERTAKES, tx.GOV_REGAINS, tx.LOOTING,
                      tx.NONVIOLENT_TRANSFER, tx.OTHER, tx.ABDUCTION}:
        return None
    m = s.p.contraband.search(s.text)
    if m is None or s.p.weapons.search(s.text) or s.harmed \
            or not s.p.trafficking.search(s.text):
        return None
    return _Verdict(None, "trafficking", f"a trafficking interception ({m.group(0)!r})",
                    m.span())


def _disrupted_weapons(s: _Sentence) -> _Verdict | None:
    """Weapons found, seized, defused or intercepted are a disrupted weapons use, unless
    one went off or someone was hurt (then the attack is the event)."""
    p = s.p
    if not p.disrupt_verb.search(s.text):
        return None  # no word of finding or stopping: neither pattern can match
    m = p.disrupt.search(s.text) or p.disrupted_passive.search(s.text)
    if m is None:
        return None
    used = s.harmed or re.search(r"\b(?:exploded|went\s+off|blew\s+up)\b", s.text, _I)
    if used and s.best not in {tx.NSA_OVERTAKES, tx.GOV_REGAINS, tx.LOOTING,
                               tx.NONVIOLENT_TRANSFER}:
        return None  # a toll is told: the weapon was used (only a taking verb misread)
    if s.best == tx.ARRESTS:
        return None  # "arrested two men and seized weapons": the arrests are told first
    return _Verdict(tx.DISRUPTED_WEAPONS, "disrupted_weapons",
                    f"a weapon found, seized or intercepted ({m.group(0)!r})", m.span())


def _weapon_as_product(s: _Sentence) -> _Verdict | None:
    """A weapon named as a factory's product or a stock's content ('a car-bomb factory', 'an
    ammunition depot') is not the weapon used: the type comes from the other words."""
    if s.best not in _WEAPON_TYPES or not s.p.stock_word.search(s.text):
        return None
    masked, spans = _mask_stocks(s)
    if not spans:
        return None
    left = find_triggers(masked).types()
    if s.best in left:
        return None  # the type has a trigger of its own outside the stock's name
    if re.search(r"\b(?:found|discovered|seized|raided|dismantled|uncovered|busted)\b",
                 s.text, _I):
        return _Verdict(tx.DISRUPTED_WEAPONS, "weapon_as_product",
                        "a weapons factory or stock found or raided", spans[0])
    ranked = [label for label, _ in s.ranked if label in left]
    chosen = ranked[0] if ranked else next(
        (t.value for t in find_triggers(masked).triggers if t.value in _WEAPON_TYPES), None)
    if chosen is not None:
        return _Verdict(chosen, "weapon_as_product",
                        f"the weapon only names a factory or stock; {chosen} from the other "
                        "words", spans[0])
    if not left:
        return _Verdict(None, "weapon_as_product", "a weapon named only as a product or stock",
                        spans[0])
    return None


def _mask_stocks(s: _Sentence) -> tuple[str, list[tuple[int, int]]]:
    text, spans = s.text, []
    for m in s.p.weapons.finditer(text):
        after = s.p.stock_after.match(text, m.end())
        if after:
            spans.append((m.start(), after.end()))
    masked = text
    for a, b in spans:
        masked = masked[:a] + " " * (b - a) + masked[b:]
    return masked, spans


def _protest(s: _Sentence) -> _Verdict | None:
    """Protest types by what happened: violence by demonstrators makes a violent
    demonstration even when police also used force; lethal or live fire on peaceful ones is
    excessive force; tear gas, water cannon, batons or arrests alone a protest with
    intervention; an arrest of demonstrators at their protest is that, not ACLED's arrests."""
    p, text, best = s.p, s.text, s.best
    if best not in _PROTEST_FAMILY | {tx.MOB_VIOLENCE, tx.LOOTING, tx.ARRESTS, tx.ATTACK,
                                      tx.ARMED_CLASH}:
        return None
    context = p.protest.search(text)
    if context is None and best == tx.PROTEST_INTERVENTION and p.arrest.search(text) \
            and not p.nonlethal.search(_blank(text, p.arrest.search(text).span())):
        arrest = p.arrest.search(text)
        return _Verdict(tx.ARRESTS, "arrest_without_protest",
                        "an arrest with no demonstration told", arrest.span())
    if context is None and not s.types & _PROTEST_FAMILY:
        return None
    violent = _protester_violence(s, context is not None)
    if violent is not None:
        return _Verdict(tx.VIOLENT_DEMONSTRATION, "protester_violence",
                        f"violence by demonstrators ({violent.group(0)!r})", violent.span())
    if context is None:
        return None
    lethal = _lethal_on_protest(s)
    if lethal is not None:
        if best in {tx.ARMED_CLASH, tx.LOOTING} or best == tx.MOB_VIOLENCE and \
                s.agent(lethal.start()) not in _ARMED:
            return None  # a crowd's killing, or a fight, near a protest
        return _Verdict(tx.EXCESSIVE_FORCE, "lethal_force",
                        f"lethal force on demonstrators ({lethal.group(0)!r})", lethal.span())
    if best == tx.ARRESTS:
        at = p.arrest_at_protest.search(text)
        if at is not None:
            return _Verdict(tx.PROTEST_INTERVENTION, "arrest_at_protest",
                            f"demonstrators arrested at their protest ({at.group(0)!r})",
                            at.span())
        return None
    force = [m for m in p.nonlethal.finditer(text) if not p.peaceful_end.match(text, m.start())]
    if best == tx.PROTEST_INTERVENTION and force and all(p.arrest.fullmatch(m.group(0))
                                                         for m in force):
        if not p.arrest_at_protest.search(text) and p.leader_arrest.search(text):
            return _Verdict(tx.ARRESTS, "leader_arrest",
                            "a political figure arrested on charges, not at a protest",
                            force[0].span())
        return None
    if force and best in {tx.EXCESSIVE_FORCE, tx.PEACEFUL_PROTEST, tx.ATTACK}:
        if best == tx.PEACEFUL_PROTEST and not _intervener(s, force[0].start()):
            return None
        return _Verdict(tx.PROTEST_INTERVENTION, "nonlethal_force",
                        f"non-lethal force on demonstrators ({force[0].group(0)!r})",
                        force[0].span())
    return None


def _protester_violence(s: _Sentence, demonstration: bool) -> re.Match[str] | None:
    """A noun that says the demonstration was violent, or, in a sentence that tells of a
    `demonstration`, violence whose subject is a demonstrator (the nearest agent before
    the verb): a crowd's violence with no demonstration is the model's to type."""
    p, text = s.p, s.text
    riot = p.riot.search(text)
    if riot:
        return riot
    if not demonstration:
        return None
    for v in p.protester_violence.finditer(text):
        start = max(s.clause_start(v.start()) if not _relative_before(text, v.start()) else 0,
                    v.start() - _AGENT_CHARS)
        # Nearest by where the agent ends; an armed one wins a tie ("armed men" over "men").
        agents = [("protester", m.end(), 0) for m in p.protester_agent.finditer(
            text, start, v.start())]
        agents += [("armed", m.end(), 1) for m in p.armed_agent.finditer(text, start, v.start())]
        if re.search(r"\b(?:was|were|been|being)\s+(?:\w+\s+)?$", text[start:v.start()], _I) \
                and not re.match(r"\w+ing\b", v.group(0)):
            continue  # "protesters were pelted": the demonstrators are the target
        if agents and max(agents, key=lambda a: (a[1], a[2]))[0] == "protester":
            return v
    return None


def _relative_before(text: str, pos: int) -> bool:
    # "... at protesters who threw stones": the relative clause's subject is just before it.
    return bool(re.search(r"\b(?:who|which|that)\s+(?:had\s+|have\s+|were\s+|then\s+)?$",
                          text[max(0, pos - 20):pos], _I))


def _lethal_on_protest(s: _Sentence) -> re.Match[str] | None:
    """Lethal force used at the demonstration, not a killing the protest is about
    ('protested after police killed a man', 'relatives of soldiers killed in Kidal'), nor
    tear gas 'fired at' the crowd."""
    p, text = s.p, s.text
    for m in p.lethal.finditer(text):
        if p.reason_marker.search(text, max(0, m.start() - _REASON_CHARS), m.start()):
            continue
        if p.nonlethal.search(text, max(0, m.start() - 25), m.start()) and re.match(
                r"fir", m.group(0), _I):
            continue  # "tear gas was fired at demonstrators"
        return m
    return None


def _intervener(s: _Sentence, pos: int) -> bool:
    """Whether someone intervened: a state or armed actor named, or a passive force verb."""
    return any(a.inter in _ARMED for a in s.actors) or bool(
        s.p.armed_agent.search(s.text)) or bool(re.search(
            r"\b(?:were|was|being)\s+(?:\w+\s+)?(?:dispersed|arrested|detained|tear-?gassed|"
            r"broken\s+up|beaten|charged)", s.text, _I)) or bool(re.search(
                r"tear\s*gas|water\s+cannon|rubber\s+bullets|batons?", s.text, _I))


def _territory(s: _Sentence) -> _Verdict | None:
    """Who takes the place decides the territory type, not the verb ('troops captured the
    town' is the government regaining it); a taking without a fight is a non-violent
    transfer; a seizure of people or goods is an abduction or looting, not territory. A
    change of territory outranks the fight for it."""
    p, text, best = s.p, s.text, s.best
    allowed = _TERRITORY | {tx.NONVIOLENT_TRANSFER, tx.ARMED_CLASH, tx.ATTACK, tx.OTHER,
                            tx.AGREEMENT, tx.CHANGE_TO_GROUP, tx.ABDUCTION, tx.LOOTING,
                            tx.ARRESTS}
    if best not in allowed:
        return None
    for m in p.take.finditer(text):
        if _ADJECTIVE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "the seized ship", "a liberated area": no taking told
        passive = next((q for q in p.passive_take.finditer(text, max(0, m.start() - 25))
                        if q.start() <= m.start() < q.end()), None)
        kind = None if passive else _object_kind(s, m.end())
        label = kind[0] if kind else None
        if label == "people" and best in _TERRITORY | {tx.NONVIOLENT_TRANSFER, tx.ATTACK}:
            if re.match(r"(?:captur|seiz|t(?:ook|aken?))", m.group(0), _I):
                return _Verdict(tx.ABDUCTION, "seized_people",
                                f"people seized ({text[kind[1]:kind[2]]!r}), not a place",
                                m.span())
            continue
        if label == "goods" and best in _TERRITORY | {tx.NONVIOLENT_TRANSFER}:
            return _Verdict(tx.LOOTING, "seized_goods",
                            f"property seized ({text[kind[1]:kind[2]]!r}), not a place",
                            m.span())
        if label == "armed" and p.place_at.match(text, kind[1]):
            label = "place"  # "overran a military base": the base is the place taken
        if label in {"none", "weapon", "civilian", "armed"}:
            continue
        if passive is None and label not in {"place", "named"} and not re.search(
                r"control", m.group(0), _I):
            continue
        if best in {tx.ABDUCTION, tx.LOOTING, tx.ARRESTS}:
            continue  # a place is named, but the model read another act: keep it
        taker = s.after_actor(passive.end()) if passive else s.agent(m.start())
        no_fight = p.without_fight.search(text) or _left_before(s, m.start())
        if no_fight and not p.fight.search(_blank(text, no_fight.span())):
            return _Verdict(tx.NONVIOLENT_TRANSFER, "no_fight",
                            f"taken without a fight ({no_fight.group(0)!r})", m.span())
        if taker == tx.STATE and _foreign(s, m.start()):
            return _Verdict(tx.NSA_OVERTAKES, "taker",
                            "foreign state forces took the place from another state's",
                            m.span())
        if taker == tx.STATE:
            return _Verdict(tx.GOV_REGAINS, "taker",
                            f"state forces took the place ({m.group(0)!r})", m.span())
        if taker in _NON_STATE:
            return _Verdict(tx.NSA_OVERTAKES, "taker",
                            f"a non-state group took the place ({m.group(0)!r})", m.span())
        return None
    return None


_ADJECTIVE_BEFORE = re.compile(r"\b(?:a|an|the|newly|recently|its|their|his|her)\s+$", _I)


def _foreign(s: _Sentence, pos: int) -> bool:
    """Whether the state forces taking a place fight another country's state forces (its
    territory, then: ACLED codes a foreign state's gain as a non-state actor's)."""
    taker = s.subject(pos)
    country = taker.country_code if taker else None
    return country is not None and any(
        a.inter == tx.STATE and a.country_code not in (None, country)
        and not _JOINED.fullmatch(s.text, taker.end, a.start) for a in s.actors
        if a.start > taker.end)


def _left_before(s: _Sentence, pos: int) -> re.Match[str] | None:
    """A side leaving the place told before the taking ("troops abandoned the town, which
    the rebels then occupied"): the other side moved in without a fight."""
    return _LEFT.search(s.text, 0, pos)


_LEFT = re.compile(r"\b(?:withdrew\s+from|abandoned|pulled\s+out\s+of|retreated\s+from|vacated|"
                   r"evacuated|fled|left)\b", _I)


def _blank(text: str, span: tuple[int, int]) -> str:
    """`text` with `span` blanked out (offsets kept), so the other words are read alone."""
    a, b = span
    return text[:a] + " " * (b - a) + text[b:]


def _surrender(s: _Sentence) -> _Verdict | None:
    """A surrender of fighters is an agreement in ACLED's codebook."""
    if s.best not in {tx.CHANGE_TO_GROUP, tx.ARRESTS, tx.ABDUCTION, tx.OTHER,
                      tx.DISRUPTED_WEAPONS, tx.HQ_ESTABLISHED} | _TERRITORY:
        return None
    for m in s.p.surrender.finditer(s.text):
        if s.p.not_surrender_before.search(s.text, max(0, m.start() - 40), m.start()):
            continue
        kind = _object_kind(s, m.end())
        if kind and kind[0] in {"place", "named", "armed"} or re.match(
                r"\s+(?:agreement|deal|terms|talks|negotiations)", s.text[m.end():], _I):
            continue  # a place surrendered is a transfer; a surrender deal is the deal's
        return _Verdict(tx.AGREEMENT, "surrender", f"a surrender ({m.group(0)!r})", m.span())
    return None


def _withdrawal(s: _Sentence) -> _Verdict | None:
    """A withdrawal with no one taking the place is a change to the group's activity; a
    non-violent transfer needs the other side to move in."""
    if s.best != tx.NONVIOLENT_TRANSFER:
        return None
    m = s.p.withdrawal.search(s.text)
    if m is None or s.p.new_holder.search(s.text) or s.p.without_fight.search(s.text):
        return None
    return _Verdict(tx.CHANGE_TO_GROUP, "withdrawal",
                    f"a withdrawal with no one taking over ({m.group(0)!r})", m.span())


def _deployment(s: _Sentence) -> _Verdict | None:
    """Troops and reinforcements sent are a change to the group's activity, and weapons
    sent with them are not used."""
    if s.best not in _WEAPON_TYPES | {tx.HQ_ESTABLISHED, tx.ARMED_CLASH, tx.OTHER}:
        return None
    m = s.p.deployment.search(s.text)
    if m is None or s.harmed:
        return None
    end = m.end()
    while cargo := _CARGO.match(s.text, end):  # "... battalions and heavy artillery"
        end = cargo.end()
    masked = _blank(s.text, (m.start(), end))
    left = find_triggers(masked).types()
    violent = left & (_WEAPON_TYPES | {tx.ATTACK, tx.ARMED_CLASH}) - {tx.ARMED_CLASH} \
        if s.best != tx.ARMED_CLASH else left & (_WEAPON_TYPES | {tx.ATTACK})
    if violent or (s.best == tx.ARMED_CLASH and re.search(
            r"\b(?:clash\w*|fought|fighting|battl\w+|attack\w*)\b", masked, _I)):
        return None
    return _Verdict(tx.CHANGE_TO_GROUP, "deployment", f"a deployment ({m.group(0)!r})",
                    m.span())


# What is sent with troops, after them in a deployment.
_CARGO = re.compile(r"(?:\s*,\s*|\s+and\s+|\s+with\s+)(?:[\w-]+\s+){0,2}?(?:artillery|tanks|"
                    r"armou?red\s+vehicles|rocket\s+launchers|air\s+defen[cs]e\s+systems|"
                    r"equipment|weapons|helicopters|drones|jets|missiles|howitzers)\b", _I)


def _armed_target(s: _Sentence) -> _Verdict | None:
    """An attack whose target is armed (soldiers, police, a militia, a base, a checkpoint, a
    convoy) is an armed clash: ACLED's violence against civilians is one-sided."""
    if s.best != tx.ATTACK:
        return None
    p, text = s.p, s.text
    if p.captive_harm.search(text):
        return None
    for m in p.attack_verb.finditer(text):
        start = max(s.clause_start(m.start()), m.start() - _AGENT_CHARS)
        if p.crowd_agent.search(text, start, m.start()) and not p.armed_agent.search(
                text, start, m.start()):
            return None  # a crowd's act on police is a riot or a mob's, not a battle
        kind = _object_kind(s, m.end())
        if kind is None:
            continue
        label, a, b = kind
        if label == "armed" and not p.unarmed_before.search(text, max(0, a - 30), a) \
                and not p.unarmed_after_at.match(text, b):
            return _Verdict(tx.ARMED_CLASH, "armed_target",
                            f"the target is armed ({text[a:b]!r})", (m.start(), b))
        if label in {"civilian", "people"}:
            return None  # the first target told is a civilian one
    victim = p.armed_victim_passive.search(text)
    if victim and not p.civilian.search(text, 0, victim.start()) \
            and not p.unarmed_before.search(text, max(0, victim.start() - 30), victim.start()):
        return _Verdict(tx.ARMED_CLASH, "armed_target",
                        f"the victims are armed ({victim.group(0)!r})", victim.span())
    return None


def _aerial_strike(s: _Sentence) -> _Verdict | None:
    """A bare 'strike' or 'raid' by an aerial actor (a coalition, an air force, jets,
    drones) is an air strike."""
    if s.best not in {tx.ATTACK, tx.ARMED_CLASH, tx.LOOTING, tx.OTHER,
                      tx.REMOTE_EXPLOSIVE}:
        return None
    p = s.p
    aerial = p.aerial.search(s.text)
    strike = p.strike.search(s.text)
    if aerial is None or strike is None or p.labour_strike.search(s.text):
        return None
    if s.best == tx.REMOTE_EXPLOSIVE and re.search(r"\b(?:roadside|planted|ied|landmine|mine|"
                                                   r"car\s+bomb|booby)", s.text, _I):
        return None
    if s.best == tx.ARMED_CLASH and re.search(r"\b(?:clash\w*|fought|fighting|battl\w+|"
                                              r"exchange\w*\s+(?:of\s+)?fire)\b", s.text, _I):
        return None
    return _Verdict(tx.AIR_STRIKE, "aerial_strike",
                    f"a strike by an aerial actor ({aerial.group(0)!r}, {strike.group(0)!r})",
                    strike.span())


def _counted_explosions(s: _Sentence) -> _Verdict | None:
    """Front-line reporting of counted explosions near a place is shelling."""
    if s.best not in {tx.REMOTE_EXPLOSIVE, tx.ATTACK, tx.ARMED_CLASH}:
        return None
    m = s.p.counted_explosions.search(s.text)
    if m is None:
        return None
    rest = s.text[:m.start()] + " " * (m.end() - m.start()) + s.text[m.end():]
    if not s.p.front.search(rest) and not re.search(r"recorded|registered|counted|observed",
                                                     m.group(0), _I):
        return None
    return _Verdict(tx.SHELLING, "counted_explosions",
                    f"counted explosions on a front ({m.group(0)!r})", m.span())


def _mob_or_attack(s: _Sentence) -> _Verdict | None:
    """Who did it decides between mob violence and an attack: an organised armed group's
    beating or burning of civilians is an attack; a crowd's, with no armed group named
    before the act, is mob violence."""
    p, text = s.p, s.text
    if s.best not in {tx.MOB_VIOLENCE, tx.ATTACK}:
        return None
    harm = p.mob_harm.search(text)
    if harm is None or re.match(r"\s+by\b", text[harm.end():], _I) or re.search(
            r"\b(?:was|were|been|found|discovered)\b", text[:harm.start()], _I):
        return None  # "killed by bandits", "villagers found the bodies": no crowd's act
    start = max(s.clause_start(harm.start()), harm.start() - _AGENT_CHARS)
    inter = s.agent(harm.start())
    armed_word = p.armed_agent.search(text, start, harm.start())
    crowd = p.crowd_agent.search(text, start, harm.start())
    if s.best == tx.MOB_VIOLENCE and (inter in _ARMED or (armed_word and not crowd)):
        return _Verdict(tx.ATTACK, "organised_perpetrator",
                        "an organised armed group did it, not a crowd", harm.span())
    if s.best == tx.ATTACK and crowd and inter not in _ARMED and not armed_word \
            and not p.protest.search(text):
        return _Verdict(tx.MOB_VIOLENCE, "crowd_perpetrator",
                        f"a crowd did it ({crowd.group(0)!r})", harm.span())
    return None


def _chemical(s: _Sentence) -> _Verdict | None:
    """A chemical agent used is a chemical weapon, whatever delivered it (an aircraft, a
    shell, a rocket, a grenade): the agent decides, unless it is only a stock or a past."""
    if s.best not in _WEAPON_TYPES - {tx.CHEMICAL} | {tx.ATTACK}:
        return None
    m = s.p.chemical.search(s.text)
    if m is None or s.p.not_chemical.search(s.text) or _stock_only_span(s, m):
        return None
    return _Verdict(tx.CHEMICAL, "chemical_agent", f"a chemical agent used ({m.group(0)!r})",
                    m.span())


def _stock_only_span(s: _Sentence, m: re.Match[str]) -> bool:
    return bool(s.p.stock_after.match(s.text, m.end()))


def _headquarters_named(s: _Sentence) -> _Verdict | None:
    """A headquarters or base named as a target or a place is no base established: with no
    verb of setting one up, the type the sentence tells of next."""
    if s.best != tx.HQ_ESTABLISHED or s.p.establish.search(s.text):
        return None
    told = next((label for label, _ in s.ranked if label in s.types
                 and label not in {tx.HQ_ESTABLISHED}), None)
    if told is None:
        return None
    return _Verdict(told, "headquarters_named",
                    f"a headquarters named with no base set up; {told.lower()} is told",
                    _first_trigger(s, told))


def _displacement_as_consequence(s: _Sentence) -> _Verdict | None:
    """People fleeing after an act (or made to flee by it) are the act's consequence: the
    act is the event, not ACLED's other."""
    if s.best != tx.OTHER:
        return None
    flight = s.p.flight.search(s.text)
    if flight is None or s.p.coup.search(s.text):
        return None
    start = max(s.clause_start(flight.start()) - 12, flight.start() - 60)
    marker = s.p.consequence.search(s.text, start, flight.start())
    if marker is None:
        return None
    told = _told(s, exclude=tx.OTHER, before=marker.start())
    if told is None:
        return None
    return _Verdict(told, "displacement_as_consequence",
                    f"flight after the act ({flight.group(0)!r}); {told.lower()} is the event",
                    _first_trigger(s, told))


def _harm_is_no_looting(s: _Sentence) -> _Verdict | None:
    """Property destruction is ACLED's type only when no one was harmed: with a toll and a
    weapon or an attack told, that is the event."""
    if s.best != tx.LOOTING or not s.harmed:
        return None
    # The weapon is the means and "killing" only the toll: a weapon named outranks an attack.
    told = next((label for label, _ in s.ranked if label in s.types & _WEAPON_TYPES), None) \
        or next((label for label, _ in s.ranked
                 if label in s.types & {tx.ATTACK, tx.ARMED_CLASH}), None)
    if told is None:
        return None
    return _Verdict(told, "harm_is_no_looting",
                    f"people were harmed; {told.lower()} is told", _first_trigger(s, told))


def _foiled_coup(s: _Sentence) -> _Verdict | None:
    """A coup foiled is ACLED's other, not a disrupted weapons use (no weapon was stopped)."""
    if s.best != tx.DISRUPTED_WEAPONS or s.p.weapons.search(s.text):
        return None
    m = s.p.coup.search(s.text)
    if m is None:
        return None
    return _Verdict(tx.OTHER, "foiled_coup", f"a coup foiled ({m.group(0)!r})", m.span())


# Types whose trigger words tell of each other: burning by armed men is property
# destruction, by demonstrators a riot (rules.py moves the model's belief between them).
_KIN = {tx.LOOTING: tx.VIOLENT_DEMONSTRATION, tx.VIOLENT_DEMONSTRATION: tx.LOOTING}


def _told(s: _Sentence, *, exclude: str, before: int | None = None) -> str | None:
    """The best-ranked type other than `exclude` whose words the sentence has (before
    `before`, when given)."""
    told = {t.value for t in s.hits.triggers
            if before is None or t.start - s.offset < before}
    label = next((label for label, _ in s.ranked if label != exclude
                  and (label in told or _KIN.get(label) in told)), None)
    if label in _KIN:  # who burned decides, as rules.py has it for the model
        end = len(s.text) if before is None else before
        armed = any(a.inter in _ARMED for a in s.actors if a.start < end)
        crowd = s.p.protester_agent.search(s.text, 0, end)
        if armed and not crowd:
            label = tx.LOOTING
        elif crowd and not armed:
            label = tx.VIOLENT_DEMONSTRATION
    return label


def _first_trigger(s: _Sentence, label: str) -> tuple[int, int] | None:
    t = next((t for t in s.hits.triggers if t.value in (label, _KIN.get(label))), None)
    return (t.start - s.offset, t.end - s.offset) if t else None


def _execution(s: _Sentence) -> _Verdict | None:
    """An execution or beheading of people in the killers' hands is an attack (violence
    against civilians), not a clash, unless fighting is told with it."""
    if s.best not in {tx.ARMED_CLASH, tx.CHANGE_TO_GROUP, tx.OTHER}:
        return None
    m = s.p.execution.search(s.text)
    if m is None or s.p.fight.search(s.text):
        return None
    return _Verdict(tx.ATTACK, "execution", f"an execution ({m.group(0)!r})", m.span())


def _untold_development(s: _Sentence) -> _Verdict | None:
    """A change to a group needs words of its own: when none is in the sentence and the
    model ranks a type the sentence does name, that type. (ACLED's other is left alone:
    a coup or a mass grave is told in too many ways.)"""
    if s.best != tx.CHANGE_TO_GROUP or s.best in s.types:
        return None
    told = next((label for label, p in s.ranked if label in s.types and p > 0), None)
    if told is None:
        return None
    return _Verdict(told, "untold_development",
                    f"no words of a {s.best.lower()}; the sentence names {told.lower()}",
                    _first_trigger(s, told))


_RULES: tuple[Callable[[_Sentence], _Verdict | None], ...] = (
    _claim, _accident, _disaster, _test_or_sanction, _trafficking, _untold_development,
    _headquarters_named, _displacement_as_consequence, _foiled_coup, _disrupted_weapons,
    _weapon_as_product, _chemical, _harm_is_no_looting, _protest, _territory, _surrender,
    _withdrawal, _deployment, _execution, _armed_target, _aerial_strike,
    _counted_explosions, _mob_or_attack,
)
