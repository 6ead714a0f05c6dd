"""Fatality and injury counts in a sentence, following ACLED's conventions for vague figures.

Numbers (digits, number words, vague quantities) are found by `numbers.py`; each is labelled
killed, wounded or neither from the words around it (the verb before it, or the first
casualty word after its noun phrase), and the killed figures are combined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from types import SimpleNamespace

from conflictwire.data import alternation, load_json
from conflictwire.models import Mention

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

__all__ = ["DOZENS", "HUNDREDS", "SCORES", "TENS", "THOUSANDS", "UNSPECIFIED_LIMITED",
           "UNSPECIFIED_SIGNIFICANT", "Fatalities", "count_fatalities", "parse_number",
           "split_total", "unspecified_fatalities"]


@cache
def _patterns() -> SimpleNamespace:
    """The counter's patterns, built once from its word lists (data/fatalities.json for the
    counting words, data/event_words.json for the casualty verbs and nouns)."""
    words = load_json("fatalities.json")
    nums = number_words()
    person, word, vague_re, number = nums.person, nums.word, nums.vague_re, nums.number

    def ev(key: str) -> str:  # a list of the event vocabulary
        return alternation("event_words.json", key)

    def fa(key: str) -> str:  # a list of the counting words
        return alternation("fatalities.json", key)

    modifier = "(?:" + fa("modifiers") + ")"
    plural_victims = "(?:" + fa("plural_victims") + ")"
    # Every casualty expression below contains one of these stems (a substring test is far
    # cheaper than a regex alternation).
    any_cue = tuple(words["casualty_stems"]["words"])
    between = re.compile(r"\bbetween\s+$", re.IGNORECASE)
    and_tail = re.compile(r"\s+and\s+(?:\d[\d,]*|(?:" + word + r")\b)", re.IGNORECASE)
    range_tail = re.compile(r"\s*(?:to|-|–|or)\s*(?:\d[\d,]*|(?:" + word + r")\b)", re.IGNORECASE)

    kill_before = re.compile(
        rf"(?:\b(?:{ev('kill_verbs.fatalities_before')}))(?:\s+{modifier})*\s*$", re.IGNORECASE)
    wound_before = re.compile(
        rf"\b(?:{ev('wound_verbs.fatalities_before')})(?:\s+{modifier})*\s*$", re.IGNORECASE)
    # "The number of civilians killed by the strike ... rose to 20": the toll's subject may lie
    # further back than the window before the figure.
    rise_subject = re.compile(
        r"\b(?:toll|number\s+of\s+[\w-]+(?:\s+[\w-]+)?|martyrs|deaths|killed|dead|died|casualties)\b",
        re.IGNORECASE,
    )
    # "A woman and her son were killed", "leave child and woman dead": two singular people.
    one = r"(?:(?:a|an|the|one|his|her|their|its)\s+)?(?:[a-z-]+\s+)?"
    two_persons = re.compile(
        rf"\b{one}{person}\s+and\s+{one}{person}\s+(?:were\s+(?:\w+ly\s+)?)?(?:killed|dead|died|"
        r"shot\s+dead)\b(?!\s+(?:\d|an?\b|the\b|his\b|her\b|their\b))"
        rf"|\b(?:kill(?:ed|ing|s)?|shot\s+dead)\s+{one}{person}\s+and\s+{one}{person}\b(?!-|s\b)"
        rf"|\b(?:leav(?:e|es|ing)|left)\s+{one}{person}\s+and\s+{one}{person}\s+dead\b",
        re.IGNORECASE,
    )
    thing_after = re.compile(rf"\s+(?:{fa('counted_things')})\b", re.IGNORECASE)
    toll_named_after = re.compile(
        r"\s*,?\s*the\s+number\s+of\s+(?:[\w-]+\s+){0,3}?(?:(?:who|that)\s+(?:were|have\s+been|"
        r"had\s+been)\s+)?(?:killed|dead|martyred|died)\b",
        re.IGNORECASE,
    )
    death_subject = re.compile(r"toll|martyrs|death|killed|dead|died|fatalities|victims",
                                re.IGNORECASE)
    rise_before = re.compile(
        rf"\b(?:(?:rose|risen|rises|rising|climbed|climbs|jumped|increased|reached|reaches)(?:\s+to)?|"
        r"rais(?:e|es|ed|ing)\s+(?:(?:the\s+)?(?:death\s+)?(?:toll|number)(?:\s+of\s+\w+)?\s+)?to)"
        rf"(?:\s+{modifier})*\s*$",
        re.IGNORECASE,
    )
    toll_before = re.compile(
        r"\b(?:toll|number\s+of\s+(?:[\w-]+\s+){0,2}?(?:killed|dead|deaths|fatalities|victims))\b"
        r"[^.;\d]{0,70}$",
        re.IGNORECASE,
    )
    subset_before = re.compile(
        rf"\b(?:{fa('subset_cues')})(?:\s+{modifier})*\s*$", re.IGNORECASE)
    # A subset list inside a noun phrase, up to the verb ("including 84 children and 35 women").
    subset_span = re.compile(
        r"\b(?:including|among\s+them|mostly|mainly|of\s+whom|of\s+them)\b[^.;:]*?"
        r"(?=\b(?:were|was|have|has|had|are|is|died|killed|dead)\b|;|$)",
        re.IGNORECASE,
    )
    subset_after = re.compile(r"^\s*(?:of\s+(?:them|whom|the\s+dead|those|the\s+victims)\b)",
                               re.IGNORECASE)
    # Month names are units too, as whole words.
    months_b = "|".join(month + r"\b" for month in words["months"]["patterns"])
    unit_after = re.compile(rf"^\s*(?:{fa('units_of_measure')}|{months_b})", re.IGNORECASE)
    month_before = re.compile(rf"\b(?:{fa('months')})\.?\s+$", re.IGNORECASE)
    # Casualty words after a number's noun phrase; the first one found decides.
    after_cue = re.compile(
        rf"\b(?P<both>{ev('casualty_words.fatalities_both')})\b"
        rf"|\b(?P<kill>{ev('casualty_words.fatalities_killed')})\b"
        rf"|\b(?P<wound>{ev('casualty_words.fatalities_wounded')})\b",
        re.IGNORECASE,
    )
    # An active "kill" right after the noun phrase makes the number the agent ("2 gunmen killed 5").
    active_after = re.compile(
        rf"^\s+(?:{modifier}\s+)*(?:\d|(?:{word}|{vague_re})\b|an?\s|the\s|his\s|her\s|their\s|"
        r"[A-Z]?[a-z]+\s+(?:and|,))",
        re.IGNORECASE,
    )
    # "7 killed, 20 injured": a second count after the verb is a list, not an object.
    list_after = re.compile(
        rf"^\s*,?\s+(?:{modifier}\s+)*(?:\d[\d,]*|(?:{word}|{vague_re}))\s+(?:[\w-]+\s+)?"
        r"(?:others?\s+)?(?:were\s+)?(?:injured|wounded|hurt)\b",
        re.IGNORECASE,
    )
    # "23 fighters who were killed" is the figure's own clause, so "who" stops only other clauses.
    stop = re.compile(
        r"[;:]|\b(?:while|whereas|but|although|though|which|since|with)\b"
        r"|\bwho\b(?!\s+(?:were|was|had\s+been|have\s+been)\s+killed|\s+died|\s+lost\s+their)",
        re.IGNORECASE,
    )
    zero = re.compile(
        r"\b(?:no|without|zero)\s+(?:immediate\s+|reported\s+|human\s+)?(?:casualties|deaths|"
        r"fatalities|loss(?:es)?\s+of\s+life|one\s+was\s+(?:killed|hurt|injured)|injuries|victims)\b"
        r"|\bno\s+(?:one|body|people|person)\s+(?:was|were|has\s+been|had\s+been)\s+"
        r"(?:killed|hurt|injured|harmed|wounded)\b|\bnobody\s+(?:was\s+)?(?:killed|hurt|injured)\b",
        re.IGNORECASE,
    )
    # Between two list items: "15 civilians and 27", "3 soldiers, 2".
    carry = re.compile(
        r"^\s*(?:(?!and\b)[\w'-]+\s+){0,3}?(?:(?!and\b)[\w'-]+)?\s*(?:,\s*(?:and\s+)?|\band\s+)"
        r"(?:another\s+|other\s+|a\s+further\s+)?$",
        re.IGNORECASE,
    )
    immediate_wound = re.compile(
        r"^\s+(?:(?!(?:dead|killed|died|and|dozens|scores|hundreds|several|many)\b)[a-z-]+\s+){0,2}?"
        r"(?:others?\s+)?(?:were\s+|was\s+|have\s+been\s+)?"
        r"(?:injured|wounded|hurt)\b",
        re.IGNORECASE,
    )
    # A later item of an "including ..." list, after a longer noun phrase.
    subset_carry = re.compile(r"^[^.;:\d]{0,80}?(?:,\s*(?:and\s+)?|\band\s+)$", re.IGNORECASE)
    additional = re.compile(r"\b(?:another|a\s+further|an\s+additional)\s+$", re.IGNORECASE)
    more_after = re.compile(r"^\s+(?:others?|more)\b", re.IGNORECASE)
    # "Zafar Iqbal (46)", "aged 46": an age, not a count.
    age = re.compile(r"\(\s*#\s*\)|\baged?\s+#", re.IGNORECASE)
    own_clause = re.compile(r"^\s+(?:others?|more)\b|^\s+(?:were|was|have|had)\b", re.IGNORECASE)
    singular_death = re.compile(
        r"\b(?:was|has\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:killed|shot\s+dead|gunned\s+down|"
        r"beheaded|executed|murdered|assassinated|lynched|(?:stabbed|hacked|beaten|burned|burnt)\s+"
        r"to\s+death)\b|\b(?:succumbed|died)\s+(?:to|of|from)\s+(?:his|her)\s+(?:injuries|wounds)\b"
        r"|\b(?:blew|killed)\s+(?:him|her)self\b",
        re.IGNORECASE,
    )
    attacker_self = re.compile(
        r"\b(?:blew\s+(?:him|her)self\s+up|(?:the|a)\s+(?:suicide\s+)?(?:bomber|attacker|gunman|"
        r"assailant)\s+(?:was\s+(?:also\s+)?(?:killed|shot\s+dead)|(?:also\s+)?died))\b",
        re.IGNORECASE,
    )
    coordinated = re.compile(r"(?:\band|,)\s*(?:and\s+|another\s+|other\s+)?$", re.IGNORECASE)
    unnumbered_death = re.compile(
        r"\b(?:kill(?:ed|ing|s)?|massacr(?:ed|ing)|execut(?:ed|ing|es)|behead(?:ed|ing|s)|"
        rf"shot\s+dead|shooting\s+dead|gunned\s+down)\s+(?:[a-z-]+\s+){{0,2}}?{plural_victims}\b"
        rf"|\b{plural_victims}\s+(?:(?:were|have\s+been|had\s+been)\s+(?:\w+ly\s+)?)?(?:killed|"
        r"shot\s+dead|massacred|executed|beheaded)\b(?!\s+(?:\d|an?\b|the\b|his\b|her\b|their\b|"
        r"two|three|four|five|six|seven|eight|nine|ten|dozens|scores|several|many|hundreds))"
        r"|\b(?:more|several|many|new|further)\s+martyrs\b|\bmartyrs\s+(?:and\s+(?:wounded|injured)|"
        r"were\s+reported|fell)\b"
        r"|\b(?:caus(?:ed|ing)|result(?:ed|ing)\s+in|left|leaving)\s+(?:several\s+|many\s+|"
        r"multiple\s+|a\s+number\s+of\s+)?(?:deaths|fatalities|dead)\b",
        re.IGNORECASE,
    )
    vague_only = re.compile(r"several|many|numerous|a\s+(?:large\s+)?number\s+of", re.IGNORECASE)
    no_before = re.compile(r"\bno\s+$", re.IGNORECASE)
    nobody = re.compile(r"\b(?:no\s*one|nobody|none|no\s+(?:person|civilian|soldier)\w*)\s*$",
                         re.IGNORECASE)
    singular_wound = re.compile(
        r"\b(?:was|has\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:injured|wounded|hurt|shot\s+and\s+"
        r"(?:injured|wounded)|shot\s+at\s+and\s+(?:\w+ly\s+)?(?:injured|wounded))\b",
        re.IGNORECASE,
    )
    passive_before = re.compile(r"\b(?:was|were|been|being|be|is|are|got)\s+$", re.IGNORECASE)
    # A number right after another act's verb counts that act ("kidnapped 900, executed 18").
    other_act_before = re.compile(
        rf"\b(?:{ev('other_act_verbs.fatalities_before')})(?:\s+{modifier})*\s*$", re.IGNORECASE)
    # "killed 83 injured 100": a wound verb straight after the killed figure starts a new item
    # of an unpunctuated list, it does not make the figure a wounded one.
    wound_verb_after = re.compile(r"^\s*,?\s+(?:and\s+)?(?:injur|wound|hurt)", re.IGNORECASE)
    # Verbs that mean killing only with people as their object ("eliminated 60 terrorists",
    # "claimed 9 lives").
    kill_if_people_before = re.compile(
        rf"\b(?:{ev('kill_if_people_verbs.fatalities_before')})(?:\s+{modifier})*\s*$",
        re.IGNORECASE)
    people_after = re.compile(
        rf"^\s+(?:[\w-]+\s+){{0,2}}?(?:{plural_victims}|lives|commanders|leaders|operatives|"
        r"mercenaries|extremists|jihadis)\b",
        re.IGNORECASE,
    )
    killed_soon = re.compile(r"[^.;:]{0,30}?\b(?:killed|dead|died)\b", re.IGNORECASE)
    # "Casualties" are the dead and wounded together, unless the sentence counts the injured
    # apart ("7 casualties and dozens of injuries") or tells of a massacre.
    deaths_apart = re.compile(rf"\b(?:{ev('wound_words.fatalities_apart')})\b", re.IGNORECASE)
    # An unpunctuated list ("40 civilians 25 fighters killed"): the gap between two figures is a
    # short noun phrase ending in a plural noun for people.
    bare_list_gap = re.compile(
        rf"^\s+(?:[\w'-]+\s+){{0,3}}?{plural_victims}\s+(?:{modifier}\s+)*$", re.IGNORECASE
    )
    # "15 civilians 3 children killed": children or women after civilians are among them.
    bare_subset = re.compile(
        rf"^\s+(?:[\w'-]+\s+){{0,2}}?(?:civilians|people|persons)\s+(?:{modifier}\s+)*$",
        re.IGNORECASE,
    )
    subset_noun_after = re.compile(rf"^\s+(?:[\w-]+\s+)?(?:{fa('subset_nouns')})\b",
                                   re.IGNORECASE)
    # A figure followed straight by a new sentence (text without full stops, "... URL 0 214 The
    # number of ...") is not the subject of that sentence's verb.
    new_sentence_after = re.compile(r"^\s+(?:The|A|An|In|On|At|It|This|He|She|They)\s+[a-z]")
    # A figure over a stretch of days ("killed 2,200 in the last 10 days") totals several events,
    # which ACLED divides evenly between the days. Not after a superlative or an event noun
    # ("the deadliest in two weeks", "a third attack in a month"): that compares.
    period = re.compile(
        r"\b(?:in|over|during|within|throughout)\s+(?:the\s+)?(?:last|past|previous|preceding|"
        rf"first)?\s*(?P<n>\d{{1,3}}|{word}|an?|one)?\s*(?P<unit>hours|days?|weeks?|months?)\b",
        re.IGNORECASE,
    )
    unit_days = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30}
    comparison = re.compile(rf"\b(?:{fa('comparison')})\s+(?:\w+\s+)?$", re.IGNORECASE)
    # "Civilian killed in ...", "kills top commander": a singular person noun with a killing verb
    # and no figure (headline style, without an article) reports one death.
    bare_singular_death = re.compile(
        rf"\b{person}\s+(?:was\s+)?(?:killed|shot\s+dead|dies|died|executed|assassinated)\b"
        r"(?!\s+(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens|scores|several|many|"
        r"hundreds)\b(?!\s+(?:[\w-]+\s+)?(?:others?\s+)?(?:were\s+)?(?:injured|wounded|hurt)\b)|"
        r"an?\b|the\b|his\b|her\b|their\b))"
        r"|\b(?:kill(?:s|ed|ing)?|assassinat(?:es|ed|ing)|execut(?:es|ed|ing))\s+"
        rf"(?:[\w-]+\s+){{0,3}}?{person}(?=\s+(?:in|on|at|near|and|with|from|of|during|after|as|"
        r"who|outside|inside)\b|\s*[,.;:]|\s*$)",
        re.IGNORECASE,
    )
    del words, nums, ev, fa
    return SimpleNamespace(**locals())


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
    value = the count and `text` = the span; their `score` is 1.0 for killed, 0.5 for
    wounded. Offsets are `offset` + index in sentence.
    """
    rx = _patterns()
    lower = sentence.lower()
    if not any(stem in lower for stem in rx.any_cue):  # most sentences mention no casualties
        return Fatalities(0, 0, ())
    groups: list[list[int]] = []  # killed figures; a coordinated list is one group
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
            mentions.extend(_scored(x, 0.5) for x in group)
            continue
        mentions.extend(_scored(x, 1.0) for x in group)
        if rx.toll_before.search(sentence[max(0, group[0].start - offset - 40):
                                        group[0].start - offset]):
            toll = max(toll, sum(x.value for x in group))
        elif groups and (carried or rx.additional.search(before[-25:])
                         or rx.more_after.match(after)):
            # "three others were killed", "another 5 died": added to the figure before
            groups[-1].extend(x.value for x in group)
        else:
            groups.append([x.value for x in group])
    # Separate figures in one sentence are usually restatements ("killed 18 ... at least 18
    # civilians"), so the largest group stands for the sentence, not their sum.
    killed = max([toll, *(sum(g) for g in groups)])
    if rx.zero.search(sentence) and not mentions:
        return Fatalities(0, 0, ())
    # ACLED counts every reported death, the attacker's too: "blew himself up, killing 12"
    # reports 13 unless the bomber is already among the figures.
    if (bomber := rx.attacker_self.search(sentence)) and not any(
            m.start - offset < bomber.end() and bomber.start() < m.end - offset
            for m in mentions):
        killed += 1
        mentions.append(Mention(offset + bomber.start(), offset + bomber.end(), bomber.group(),
                                "number", 1, 1.0))
    # "Airstrikes killed civilians": deaths without a number get the caller's estimate.
    estimated = any(m.value == unspecified and rx.vague_only.fullmatch(m.text)
                    for m in mentions if m.score == 1.0)
    if not killed and not rx.zero.search(sentence) and (
            some := rx.unnumbered_death.search(sentence)) and not rx.number.search(some.group()):
        killed, estimated = unspecified, True
        mentions.append(Mention(offset + some.start(), offset + some.end(), some.group(),
                                "number", unspecified, 1.0))
    if killed <= 1 and not groups[1:] and (two := rx.two_persons.search(sentence)):
        killed = 2
        mentions.append(Mention(offset + two.start(), offset + two.end(), two.group(),
                                "number", 2, 1.0))
    # "Zafar Iqbal was shot dead": a singular verb with no figure reports one person.
    if not killed and (one := rx.singular_death.search(sentence)
                       or rx.bare_singular_death.search(sentence)) and not rx.nobody.search(
            sentence[max(0, one.start() - 20):one.start()]):
        killed = 1
        mentions.append(Mention(offset + one.start(), offset + one.end(), one.group(),
                                "number", 1, 1.0))
    if not wounded and (one := rx.singular_wound.search(sentence)) and not rx.nobody.search(
            sentence[max(0, one.start() - 20):one.start()]):
        wounded = 1
        mentions.append(Mention(offset + one.start(), offset + one.end(), one.group(),
                                "number", 1, 0.5))
    # A total over several days is divided between them as ACLED does: `killed` is the
    # first day's share, `total` and `days` let a caller code the other days' events.
    days = _period_days(sentence) if killed else 1
    return Fatalities(split_total(killed, days)[0], wounded, tuple(mentions),
                      estimated and killed == unspecified, days, killed)


def split_total(total: int, n: int) -> list[int]:
    """A total divided between `n` events as ACLED does: equal shares, remainder to the first."""
    if n <= 0:
        return []
    share, rest = divmod(max(total, 0), n)
    return [share + (1 if i < rest else 0) for i in range(n)]


# Attacks whose unnumbered deaths ACLED estimates at 10 rather than 3.
_SIGNIFICANT_TYPES = frozenset({"Air/drone strike", "Shelling/artillery/missile attack",
                                "Chemical weapon", "Suicide bomb"})
_LARGE_SCALE = re.compile(
    r"\b(?:massacre|large-scale|major|massive|heavy|fierce|intense|wave\s+of|"
    r"dozens\s+of\s+(?:gunmen|fighters|militants|attackers))\b",
    re.IGNORECASE,
)


def unspecified_fatalities(sub_event_type: str, sentence: str = "") -> int:
    """ACLED's estimate for deaths reported without a number: 10 for a significant attack
    (air strikes, shelling, suicide bombs, or an attack described as large-scale), else 3."""
    if sub_event_type in _SIGNIFICANT_TYPES or _LARGE_SCALE.search(sentence):
        return UNSPECIFIED_SIGNIFICANT
    return UNSPECIFIED_LIMITED


def _not_a_headcount(m: re.Match[str], after: str) -> bool:
    """ "one family", "two sides", "three times": a number word counting things, not people."""
    rx = _patterns()
    return bool(m.group("words") and rx.thing_after.match(after))


def _rises_a_toll(sentence: str, start: int, end: int) -> bool:
    """The figure at `start`, after "rose to", is what a death count rose to: the nearest
    count named before it is of deaths ("the number of civilians killed ... rose to 20"), or
    it is named right after ("raise to 34, the number of people who were killed")."""
    rx = _patterns()
    if rx.toll_named_after.match(sentence, end):
        return True
    subjects = list(rx.rise_subject.finditer(sentence, max(0, start - _RISE_SUBJECT), start))
    return bool(subjects) and bool(rx.death_subject.search(subjects[-1].group()))


def _bare_subset(gap: str, after: str) -> bool:
    """"15 civilians 3 children": the second figure (after `gap`) counts some of the first."""
    rx = _patterns()
    return bool(rx.bare_subset.match(gap) and rx.subset_noun_after.match(after))


def _period_days(sentence: str) -> int:
    """How many days a figure in `sentence` is totalled over ("in the past two weeks"): 1
    when it names no such stretch."""
    rx = _patterns()
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
    rx = _patterns()
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
