"""The fatality counter's patterns (coding/fatalities.py), built once from its word lists:
data/fatalities.json for the counting words, data/event_words.json for the casualty words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, partial

from ..data import alternation, load_json
from .numbers import number_words


@dataclass(frozen=True, slots=True)
class FatalityPatterns:
    """The counter's patterns and word sets (see `fatality_patterns`)."""

    number: re.Pattern[str]
    any_cue: tuple[str, ...]
    between: re.Pattern[str]
    and_tail: re.Pattern[str]
    range_tail: re.Pattern[str]
    kill_before: re.Pattern[str]
    wound_before: re.Pattern[str]
    rise_subject: re.Pattern[str]
    two_persons: re.Pattern[str]
    thing_after: re.Pattern[str]
    toll_named_after: re.Pattern[str]
    death_subject: re.Pattern[str]
    rise_before: re.Pattern[str]
    toll_before: re.Pattern[str]
    subset_before: re.Pattern[str]
    subset_span: re.Pattern[str]
    subset_after: re.Pattern[str]
    unit_after: re.Pattern[str]
    month_before: re.Pattern[str]
    after_cue: re.Pattern[str]
    active_after: re.Pattern[str]
    list_after: re.Pattern[str]
    stop: re.Pattern[str]
    zero: re.Pattern[str]
    carry: re.Pattern[str]
    immediate_wound: re.Pattern[str]
    subset_carry: re.Pattern[str]
    additional: re.Pattern[str]
    more_after: re.Pattern[str]
    age: re.Pattern[str]
    own_clause: re.Pattern[str]
    singular_death: re.Pattern[str]
    attacker_self: re.Pattern[str]
    coordinated: re.Pattern[str]
    unnumbered_death: re.Pattern[str]
    vague_only: re.Pattern[str]
    no_before: re.Pattern[str]
    nobody: re.Pattern[str]
    singular_wound: re.Pattern[str]
    passive_before: re.Pattern[str]
    other_act_before: re.Pattern[str]
    wound_verb_after: re.Pattern[str]
    kill_if_people_before: re.Pattern[str]
    people_after: re.Pattern[str]
    killed_soon: re.Pattern[str]
    deaths_apart: re.Pattern[str]
    bare_list_gap: re.Pattern[str]
    bare_subset: re.Pattern[str]
    subset_noun_after: re.Pattern[str]
    new_sentence_after: re.Pattern[str]
    period: re.Pattern[str]
    unit_days: dict[str, float]
    comparison: re.Pattern[str]
    bare_singular_death: re.Pattern[str]
    large_scale: re.Pattern[str]


@cache
def fatality_patterns() -> FatalityPatterns:
    """The counter's patterns, built once from its word lists (data/fatalities.json for the
    counting words, data/event_words.json for the casualty verbs and nouns)."""
    words = load_json("fatalities.json")
    nums = number_words()
    person, word, vague_re, number = nums.person, nums.word, nums.vague_re, nums.number

    ev = partial(alternation, "event_words.json")  # a list of the event vocabulary
    fa = partial(alternation, "fatalities.json")  # a list of the counting words

    modifier = "(?:" + fa("modifiers") + ")"
    plural_victims = "(?:" + fa("plural_victims") + ")"
    # Vague figures after a death verb ("killed dozens"), and words that stop a figure from
    # being read as a count of the wounded ("5 dead, 7 injured").
    vague_counts = f"{nums.two_to_ten}|{fa('vague_counts')}"
    not_wounded = (f"{ev('death_words.fatalities_not_wound')}|and|{fa('vague_multiples')}"
                   f"|{fa('vague_plurals')}")
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
        rf"\b(?:(?:{ev('rise_verbs.fatalities_before')})(?:\s+to)?|"
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
    # Month names and abbreviations (the date resolver's, longest first): a number after one
    # is a day of the month, not a count; after a number they are a unit, as whole words.
    months = "|".join(sorted(load_json("dates.json")["months"], key=len, reverse=True))
    unit_after = re.compile(rf"^\s*(?:{fa('units_of_measure')}|(?:{months})\b)", re.IGNORECASE)
    month_before = re.compile(rf"\b(?:{months})\.?\s+$", re.IGNORECASE)
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
    harm = ev("harm_verbs.fatalities_zero")
    zero = re.compile(
        r"\b(?:no|without|zero)\s+(?:immediate\s+|reported\s+|human\s+)?"
        rf"(?:{ev('casualty_nouns.fatalities_zero')})\b"
        r"|\bno\s+(?:one|body|people|person)\s+(?:was|were|has\s+been|had\s+been)\s+"
        rf"(?:{harm}|{ev('harm_verbs.fatalities_zero_extras')})\b"
        rf"|\bnobody\s+(?:was\s+)?(?:{harm})\b",
        re.IGNORECASE,
    )
    # Between two list items: "15 civilians and 27", "3 soldiers, 2".
    carry = re.compile(
        r"^\s*(?:(?!and\b)[\w'-]+\s+){0,3}?(?:(?!and\b)[\w'-]+)?\s*(?:,\s*(?:and\s+)?|\band\s+)"
        r"(?:another\s+|other\s+|a\s+further\s+)?$",
        re.IGNORECASE,
    )
    immediate_wound = re.compile(
        rf"^\s+(?:(?!(?:{not_wounded})\b)[a-z-]+\s+){{0,2}}?"
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
        r"\b(?:was|has\s+been|had\s+been)\s+(?:\w+ly\s+)?"
        rf"(?:{ev('death_verbs.fatalities_singular')})\b|\b(?:succumbed|died)\s+(?:to|of|from)\s+(?:his|her)\s+(?:injuries|wounds)\b"
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
        rf"\b(?:{ev('kill_verbs.fatalities_unnumbered')})\s+(?:[a-z-]+\s+){{0,2}}?"
        rf"{plural_victims}\b"
        rf"|\b{plural_victims}\s+(?:(?:were|have\s+been|had\s+been)\s+(?:\w+ly\s+)?)?"
        rf"(?:{ev('death_verbs.fatalities_unnumbered')})\b"
        rf"(?!\s+(?:\d|an?\b|the\b|his\b|her\b|their\b|{vague_counts}))"
        r"|\b(?:more|several|many|new|further)\s+martyrs\b|\bmartyrs\s+(?:and\s+(?:wounded|injured)|"
        r"were\s+reported|fell)\b"
        r"|\b(?:caus(?:ed|ing)|result(?:ed|ing)\s+in|left|leaving)\s+(?:several\s+|many\s+|"
        r"multiple\s+|a\s+number\s+of\s+)?(?:deaths|fatalities|dead)\b",
        re.IGNORECASE,
    )
    vague_only = re.compile(fa("unspecified"), re.IGNORECASE)
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
        rf"^\s+(?:[\w-]+\s+){{0,2}}?(?:{plural_victims}|{fa('people_objects')})\b",
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
    # Attacks described as large-scale, whose unnumbered deaths ACLED estimates at 10.
    large_scale = re.compile(rf"\b(?:{ev('scale_words.fatalities_large')})\b", re.IGNORECASE)
    comparison = re.compile(rf"\b(?:{fa('comparison')})\s+(?:\w+\s+)?$", re.IGNORECASE)
    # "Civilian killed in ...", "kills top commander": a singular person noun with a killing verb
    # and no figure (headline style, without an article) reports one death.
    bare_singular_death = re.compile(
        rf"\b{person}\s+(?:was\s+)?(?:{ev('death_verbs.fatalities_bare_singular')})\b"
        rf"(?!\s+(?:(?:\d+|{vague_counts})\b"
        r"(?!\s+(?:[\w-]+\s+)?(?:others?\s+)?(?:were\s+)?(?:injured|wounded|hurt)\b)|"
        r"an?\b|the\b|his\b|her\b|their\b))"
        rf"|\b(?:{ev('kill_verbs.fatalities_bare_singular')})\s+"
        rf"(?:[\w-]+\s+){{0,3}}?{person}(?=\s+(?:in|on|at|near|and|with|from|of|during|after|as|"
        r"who|outside|inside)\b|\s*[,.;:]|\s*$)",
        re.IGNORECASE,
    )
    return FatalityPatterns(
        number=number, any_cue=any_cue, between=between, and_tail=and_tail, range_tail=range_tail,
        kill_before=kill_before, wound_before=wound_before, rise_subject=rise_subject,
        two_persons=two_persons, thing_after=thing_after, toll_named_after=toll_named_after,
        death_subject=death_subject, rise_before=rise_before, toll_before=toll_before,
        subset_before=subset_before, subset_span=subset_span, subset_after=subset_after,
        unit_after=unit_after, month_before=month_before, after_cue=after_cue,
        active_after=active_after, list_after=list_after, stop=stop, zero=zero, carry=carry,
        immediate_wound=immediate_wound, subset_carry=subset_carry, additional=additional,
        more_after=more_after, age=age, own_clause=own_clause, singular_death=singular_death,
        attacker_self=attacker_self, coordinated=coordinated, unnumbered_death=unnumbered_death,
        vague_only=vague_only, no_before=no_before, nobody=nobody, singular_wound=singular_wound,
        passive_before=passive_before, other_act_before=other_act_before,
        wound_verb_after=wound_verb_after, kill_if_people_before=kill_if_people_before,
        people_after=people_after, killed_soon=killed_soon, deaths_apart=deaths_apart,
        bare_list_gap=bare_list_gap, bare_subset=bare_subset, subset_noun_after=subset_noun_after,
        new_sentence_after=new_sentence_after, period=period, unit_days=unit_days,
        comparison=comparison, bare_singular_death=bare_singular_death, large_scale=large_scale,
    )
