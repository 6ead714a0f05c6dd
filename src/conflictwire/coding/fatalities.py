"""Fatality and injury counts in a sentence, following ACLED's conventions for vague figures.

Numbers (digits, number words, vague quantities) are found by `numbers.py`; each is labelled
killed, wounded or neither from the words around it (the verb before it, or the first
casualty word after its noun phrase), and the killed figures are combined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .. import taxonomy as tx
from ..data import load_json
from ..models import Mention
from .fatality_patterns import fatality_patterns
from .numbers import (
    DOZENS,
    HUNDREDS,
    SCORES,
    TENS,
    THOUSANDS,
    UNSPECIFIED,
    UNSPECIFIED_LIMITED,
    UNSPECIFIED_SIGNIFICANT,
    number_value,
    number_words,
    parse_number,
)

# Text windows the patterns read around a number, in characters: part of the patterns'
# grammar (how far a phrase reaches), not tuned weights, so they stay beside the patterns.
_BEFORE = 60  # "the death toll rose to" before a figure
_AFTER = 200  # "... people were killed in the attack" after it
_RISE_SUBJECT = 160  # "the number of dead ... rose to N": the subject before the figure
_LIST_GAP = 60  # "5 soldiers and 3 civilians": the longest gap between two listed figures
_VERB_NEAR = 70  # how far after a figure its verb ("were killed") may come ...
_VERB_NEAR_VAGUE = 45  # ... and after a vague word ("dozens"), which needs it closer
_MAX_SPAN_DAYS = 366  # "in the last N days": a stretch longer than a year is still a year

__all__ = ["DOZENS", "HUNDREDS", "KILLED_SCORE", "SCORES", "TENS", "THOUSANDS",
           "UNSPECIFIED_LIMITED", "UNSPECIFIED_SIGNIFICANT", "WOUNDED_SCORE", "Fatalities",
           "count_fatalities", "parse_number", "split_total", "unspecified_fatalities"]

# The score of a figure's mention: it counts the dead, or only the wounded (the web's
# highlighter and the frames tell a toll from the wounded by it).
KILLED_SCORE, WOUNDED_SCORE = 1.0, 0.5


@dataclass(frozen=True, slots=True)
class Fatalities:
    """Killed and wounded counts for a sentence, with the number mentions they came from."""

    killed: int
    wounded: int
    mentions: tuple[Mention, ...] = field(default_factory=tuple)
    # True when `killed` is ACLED's estimate for deaths reported without any figure; an
    # explicit count of the same event elsewhere should win over it.
    estimated: bool = False
    # Days the figures are totalled over ("killed 90 in the past three days"): ACLED splits
    # such a total into one event a day, so `killed` is then one day's share of `total`.
    days: int = 1
    total: int = 0  # all deaths the sentence reports, before dividing between days


def count_fatalities(sentence: str, *, offset: int = 0,
                     unspecified: int = UNSPECIFIED_LIMITED) -> Fatalities:
    """Killed and wounded counts reported in `sentence` (lowest credible figures).

    `unspecified` is the estimate for deaths reported without a number ("several",
    "killing civilians"): see `unspecified_fatalities`. Mentions are kind "number" with
    value = the count and `text` = the span; their `score` is KILLED_SCORE (1.0) for killed,
    WOUNDED_SCORE (0.5) for wounded. Offsets are `offset` + index in sentence.
    """
    rx = fatality_patterns()
    lower = sentence.lower()
    # Most sentences mention no casualties ("body" is no casualty stem: see `_body_found`).
    if not any(stem in lower for stem in rx.any_cue) and "body" not in lower:
        return Fatalities(0, 0, ())
    groups: list[list[int]] = []  # killed figures; a coordinated list is one group
    sides: list[str | None] = []  # whose dead each group counts (`_side`)
    deaths_apart = bool(rx.deaths_apart.search(sentence))
    toll = 0
    wounded = 0
    mentions: list[Mention] = []
    pending: list[Mention] = []
    consumed = 0
    last_kind: str | None = None
    last_end = subset_end = prev_end = -1
    for m in rx.number.finditer(sentence):
        value = number_value(m)
        if value is None or m.start() < consumed:
            continue
        if value == UNSPECIFIED:
            value = unspecified
        start, end = m.start(), m.end()
        tail = rx.range_tail.match(sentence, end)
        if tail:  # "5 to 7", "5-7": the lowest credible figure is the first one
            end = tail.end()
        # Start the window at a word boundary so that "\b" never sees half a word.
        before = sentence[sentence.rfind(" ", 0, max(0, start - _BEFORE)) + 1:start]
        after = sentence[end:end + _AFTER]
        if m.group("digits") and (rx.unit_after.match(after) or rx.month_before.search(before)
                                  or rx.age.search(before[-8:] + "#" + after[:3])
                                  or (1900 <= value <= 2100 and "," not in m.group("digits")
                                      and not rx.kill_before.search(before))):
            continue  # a measure, a day of the month or a year, not a count
        if _not_a_headcount(m, after):
            continue
        if rx.between.search(before):
            tail = rx.and_tail.match(sentence, end)
            if tail:  # "between 10 and 15": the lower bound
                end = tail.end()
                after = sentence[end:end + _AFTER]
        consumed = end
        if rx.no_before.search(before[-4:]):
            continue  # "no one was killed"
        # "including 84 children and 35 women": every item of the list is a subset.
        if rx.subset_before.search(before) or (
            rx.subset_after.match(after) and not rx.kill_before.search(before)) or (
            subset_end >= 0 and rx.subset_carry.match(sentence[subset_end:start])
            and not rx.own_clause.match(after)
        ) or (prev_end >= 0 and _bare_subset(sentence[prev_end:start], after)):
            subset_end = end
            continue
        subset_end = -1
        prev_end = end
        mention = Mention(offset + start, offset + end, sentence[start:end], "number", value)
        kind = _classify(before, after, single=m.group("single") is not None,
                         vague=m.group("vague") is not None, first=last_kind is None,
                         deaths_apart=deaths_apart)
        carried = False
        first = pending[0].start - offset if pending else start
        if kind is None and rx.rise_before.search(before) and _rises_a_toll(sentence, start, end):
            kind = "killed"
        gap = sentence[last_end:first]
        # "100 were killed and 500 others were affected": a figure after the first one's own
        # verb starts its own clause, it is not another item of the first one's list.
        if kind is None and last_kind and (rx.carry.match(gap) or rx.bare_list_gap.match(gap)) and (
                not rx.after_cue.search(gap)):
            kind, carried = last_kind, True  # "killed 15 civilians and 27 fighters"
        if kind == "pending":
            pending.append(mention)
            continue
        group, pending = [*pending, mention], []
        last_kind, last_end = kind, end
        if kind is None:
            continue
        if kind == "wounded":
            wounded += sum(x.value for x in group)
            mentions.extend(_scored(x, WOUNDED_SCORE) for x in group)
            continue
        mentions.extend(_scored(x, KILLED_SCORE) for x in group)
        if rx.toll_before.search(sentence[max(0, group[0].start - offset - 40):
                                        group[0].start - offset]):
            toll = max(toll, sum(x.value for x in group))
        elif groups and (carried or rx.additional.search(before[-25:])
                         or rx.more_after.match(after)):
            # "three others were killed", "another 5 died": added to the figure before
            groups[-1].extend(x.value for x in group)
        else:
            groups.append([x.value for x in group])
            sides.append(_side(after))
    # Separate figures in one sentence are usually restatements ("killed 18 ... at least 18
    # civilians"), so the largest group stands for the sentence, not their sum; but the dead
    # of each side are added ("five soldiers were killed and 12 militants died").
    killed = max([toll, *(sum(g) for g in groups), _both_sides(groups, sides)])
    if rx.zero.search(sentence) and not mentions:
        return Fatalities(0, 0, ())
    # ACLED counts every reported death, the attacker's too: "blew himself up, killing 12"
    # reports 13 unless the bomber is already among the figures.
    if (bomber := rx.attacker_self.search(sentence)) and not any(
            m.start - offset < bomber.end() and bomber.start() < m.end - offset
            for m in mentions):
        killed += 1
        mentions.append(Mention(offset + bomber.start(), offset + bomber.end(), bomber.group(),
                                "number", 1, KILLED_SCORE))
    # "Airstrikes killed civilians": deaths without a number get the caller's estimate.
    estimated = any(m.value == unspecified and rx.vague_only.fullmatch(m.text)
                    for m in mentions if m.score == KILLED_SCORE)
    if not killed and not rx.zero.search(sentence) and (
            some := rx.unnumbered_death.search(sentence)) and not rx.number.search(some.group()):
        killed, estimated = unspecified, True
        mentions.append(Mention(offset + some.start(), offset + some.end(), some.group(),
                                "number", unspecified, KILLED_SCORE))
    if killed <= 1 and not groups[1:] and (two := rx.two_persons.search(sentence)):
        killed = 2
        mentions.append(Mention(offset + two.start(), offset + two.end(), two.group(),
                                "number", 2, KILLED_SCORE))
    # "Zafar Iqbal was shot dead": a singular verb with no figure reports one person.
    if not killed and (one := rx.singular_death.search(sentence)
                       or rx.bare_singular_death.search(sentence)) and not rx.nobody.search(
            sentence[max(0, one.start() - 20):one.start()]):
        killed = 1
        mentions.append(Mention(offset + one.start(), offset + one.end(), one.group(),
                                "number", 1, KILLED_SCORE))
    # "The body of a farmer was found", "a body was recovered": one dead, with no figure.
    if not killed and (one := _body_found().search(sentence)):
        killed = 1
        mentions.append(Mention(offset + one.start(), offset + one.end(), one.group(),
                                "number", 1, KILLED_SCORE))
    if not wounded and (one := rx.singular_wound.search(sentence)) and not rx.nobody.search(
            sentence[max(0, one.start() - 20):one.start()]):
        wounded = 1
        mentions.append(Mention(offset + one.start(), offset + one.end(), one.group(),
                                "number", 1, WOUNDED_SCORE))
    # A total over several days is divided between them as ACLED does: `killed` is the
    # first day's share, `total` and `days` let a caller code the other days' events.
    days = _period_days(sentence) if killed else 1
    return Fatalities(split_total(killed, days)[0], wounded, tuple(mentions),
                      estimated and killed == unspecified, days, killed)


@cache
def _body_found() -> re.Pattern[str]:
    person = number_words().person
    return re.compile(
        rf"\b(?:(?:the|a)\s+(?:dead\s+)?body\s+of\s+(?:an?|one|another)\s+(?:[\w-]+\s+){{0,2}}?"
        rf"{person}|\ba\s+(?:dead\s+)?body)\b(?=[^.;]{{0,80}}?\b(?:found|discovered|"
        r"recovered|retrieved|dumped|pulled|lying)\b)"
        r"|\b(?:found|discovered|recovered|retrieved|pulled\s+out)\s+(?:the\s+|a\s+)"
        rf"(?:dead\s+)?body\s+of\s+(?:an?|one|another)\s+(?:[\w-]+\s+){{0,2}}?{person}\b",
        re.IGNORECASE)


def _side(after: str) -> str | None:
    """Whose dead a figure counts, from the noun after it ("12 militants"): a key of
    fatalities.json's sides, or None when it does not say ("12 people")."""
    m = _NOUN_PHRASE.match(after)
    words = m.group().lower().split() if m else []
    return next((_sides()[w] for w in words if w in _sides()), None)


# The words after a figure up to its noun: "12 militants", "3 of the gunmen", "5 army soldiers".
_NOUN_PHRASE = re.compile(r"(?:\s+[\w-]+){1,4}")


@cache
def _sides() -> dict[str, str]:
    sides = load_json("fatalities.json")["sides"]["words"]
    return {word: side for side, words in sides.items() for word in words}


def _both_sides(groups: list[list[int]], sides: list[str | None]) -> int:
    """The dead of every side the sentence counts apart, added: the largest figure of each
    side ("killed 5 soldiers and 12 militants"); 0 unless two sides are named."""
    best: dict[str, int] = {}
    for group, side in zip(groups, sides, strict=True):
        if side is not None:
            best[side] = max(best.get(side, 0), sum(group))
    return sum(best.values()) if len(best) > 1 else 0


def split_total(total: int, n: int) -> list[int]:
    """A total divided between `n` events as ACLED does: equal shares, remainder to the first."""
    if n <= 0:
        return []
    share, rest = divmod(max(total, 0), n)
    return [share + (1 if i < rest else 0) for i in range(n)]


# Attacks whose unnumbered deaths ACLED estimates at 10 rather than 3.
_SIGNIFICANT_TYPES = frozenset({tx.AIR_STRIKE, tx.SHELLING, tx.CHEMICAL, tx.SUICIDE_BOMB})


def unspecified_fatalities(sub_event_type: str, sentence: str = "") -> int:
    """ACLED's estimate for deaths reported without a number: 10 for a significant attack
    (air strikes, shelling, suicide bombs, or an attack described as large-scale), else 3."""
    if sub_event_type in _SIGNIFICANT_TYPES or fatality_patterns().large_scale.search(sentence):
        return UNSPECIFIED_SIGNIFICANT
    return UNSPECIFIED_LIMITED


def _not_a_headcount(m: re.Match[str], after: str) -> bool:
    """ "one family", "two sides", "three times": a number word counting things, not people."""
    rx = fatality_patterns()
    return bool(m.group("words") and rx.thing_after.match(after))


def _rises_a_toll(sentence: str, start: int, end: int) -> bool:
    """The figure at `start`, after "rose to", is what a death count rose to: the nearest
    count named before it is of deaths ("the number of civilians killed ... rose to 20"), or
    it is named right after ("raise to 34, the number of people who were killed")."""
    rx = fatality_patterns()
    if rx.toll_named_after.match(sentence, end):
        return True
    subjects = list(rx.rise_subject.finditer(sentence, max(0, start - _RISE_SUBJECT), start))
    return bool(subjects) and bool(rx.death_subject.search(subjects[-1].group()))


def _bare_subset(gap: str, after: str) -> bool:
    """"15 civilians 3 children": the second figure (after `gap`) counts some of the first."""
    rx = fatality_patterns()
    return bool(rx.bare_subset.match(gap) and rx.subset_noun_after.match(after))


def _period_days(sentence: str) -> int:
    """How many days a figure in `sentence` is totalled over ("in the past two weeks"): 1
    when it names no such stretch."""
    rx = fatality_patterns()
    for m in rx.period.finditer(sentence):
        if rx.comparison.search(sentence, max(0, m.start() - 40), m.start()):
            continue
        n = m.group("n")
        unit = m.group("unit").lower()
        if n is None and unit.endswith("s"):
            continue  # "in recent days": no length given
        count = 1 if n is None or n.lower() in ("a", "an", "one") else parse_number(n)
        if not count:
            continue
        days = round(count * rx.unit_days[unit.rstrip("s")])
        if days > 1:
            return min(days, _MAX_SPAN_DAYS)
    return 1


def _scored(m: Mention, score: float) -> Mention:
    return Mention(m.start, m.end, m.text, m.kind, m.value, score)


def _classify(before: str, after: str, *, single: bool, vague: bool = False,
              first: bool = True, deaths_apart: bool = False) -> str | None:
    """'killed', 'wounded', 'pending' (coordinated with the next number) or None.

    `deaths_apart`: the sentence reports the injured apart or speaks of a massacre, so its
    "casualties" and "victims" are the dead."""
    rx = fatality_patterns()
    kill_before = rx.kill_before.search(before)
    if kill_before and first and rx.wound_verb_after.match(after):
        return "killed"
    if rx.immediate_wound.match(after):
        return "wounded"
    if kill_before:
        return "killed"
    if rx.wound_before.search(before):
        return "wounded"
    if rx.kill_if_people_before.search(before):
        return "killed" if rx.people_after.match(after) else None
    if rx.other_act_before.search(before) or rx.new_sentence_after.match(after):
        return None
    stop = rx.stop.search(after)
    window = rx.subset_span.sub(" ", after[:stop.start()] if stop else after)
    nxt = next((n for n in rx.number.finditer(window)
                if not rx.subset_before.search(window[:n.start()])
                and not _not_a_headcount(n, window[n.end():])
                and not _bare_subset(window[:n.start()], window[n.end():])), None)
    cue = rx.after_cue.search(window)
    if nxt and (not cue or nxt.start() < cue.start()):
        # "5 soldiers and 3 civilians were killed": the first takes the second's verb.
        gap = window[:nxt.start()]
        if (rx.coordinated.search(gap) or rx.bare_list_gap.match(gap)) and len(gap) < _LIST_GAP:
            return "pending"
        return None
    if not cue:
        return None
    both = cue.group("both")
    if both and not (both.lower() in ("casualties", "victims") and (
            deaths_apart or rx.killed_soon.match(window, cue.end()))):
        return None
    if cue.start() > (_VERB_NEAR_VAGUE if vague else _VERB_NEAR):
        return None
    if both:
        return "killed"
    if cue.group("kill"):
        word = cue.group("kill").lower()
        rest = window[cue.end():]
        if word in ("killed", "kill", "kills") and not rx.passive_before.search(
            window[:cue.start()]
        ) and rx.active_after.match(rest) and not rx.list_after.match(rest):
            return None  # the number is the agent, not the victims
        if single and word in ("kill", "kills", "die", "death", "deaths"):
            return None
        return "killed"
    return "wounded"
