"""Fatality and injury counts in a sentence, following ACLED's conventions for vague figures.

Numbers (digits, number words, vague quantities) are found by one regex; each is labelled
killed, wounded or neither from the words around it (the verb before it, or the first
casualty word after its noun phrase), and the killed figures are combined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from conflictwire.models import Mention

# ACLED's fatality methodology: "tens" -> 10, "dozens" -> 12, "hundreds" -> 100 ("and so
# on": "scores" -> 20, "thousands" -> 1000). Deaths reported without a number ("several",
# "many", "killing civilians") are estimated at 10 for a significant attack (an air strike
# on a building) and 3 for one of limited scope (a checkpoint bomb, communal violence).
TENS, DOZENS, SCORES, HUNDREDS, THOUSANDS = 10, 12, 20, 100, 1000
UNSPECIFIED_SIGNIFICANT, UNSPECIFIED_LIMITED = 10, 3
_UNSPECIFIED = -1  # stands for the caller's estimate of an unnumbered plural

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

# Vague quantities, longest first so "half a dozen" wins over "a dozen".
_VAGUE = {
    "half a dozen": 6, "a dozen": 12, "dozens": DOZENS, "dozen": 12, "scores": SCORES,
    "hundreds": HUNDREDS, "thousands": THOUSANDS, "tens": TENS, "several": _UNSPECIFIED,
    "many": _UNSPECIFIED, "numerous": _UNSPECIFIED, "a number of": _UNSPECIFIED,
    "a large number of": _UNSPECIFIED,
    "a couple of": 2, "a couple": 2, "a pair of": 2, "a few": 3, "a handful of": 3,
    "a score of": 20, "a hundred": 100, "a thousand": 1000,
}

_WORD = "|".join(sorted([*_UNITS, *_SCALES], key=len, reverse=True))
_VAGUE_RE = "|".join(
    re.escape(v).replace(r"\ ", r"\s+") for v in sorted(_VAGUE, key=len, reverse=True)
)
# A person noun after "a/an/one/another" makes a count of one ("a soldier was killed").
_PERSON = (
    r"(?:person|man|woman|child|boy|girl|baby|infant|toddler|teenager|youth|civilian|soldier|"
    r"officer|policeman|policewoman|police\s+officer|guard|fighter|militant|gunman|rebel|"
    r"insurgent|member|journalist|reporter|photographer|teacher|doctor|nurse|student|farmer|"
    r"worker|resident|villager|shepherd|driver|trader|bomber|attacker|assailant|commander|"
    r"leader|chief|cleric|imam|priest|pilot|activist|protester|demonstrator|passer-?by|"
    r"mother|father|son|daughter|brother|sister|wife|husband|grandfather|grandmother|grandson|"
    r"granddaughter|uncle|aunt|nephew|niece|cousin|elder|official|employee|"
    r"volunteer|paramedic|medic|contractor|tourist|refugee|prisoner|detainee|hostage|"
    r"jihadist|terrorist|gendarme|conscript|recruit|sniper|peacekeeper|mayor|chief)"
)
_NUMBER = re.compile(
    r"(?<![\w.,/-])(?:"
    rf"(?P<vague>{_VAGUE_RE})"
    r"|(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?![\w.,:/]\d)(?:\s+(?P<dscale>hundred|thousand|million)\b)?"
    rf"|(?P<words>(?:{_WORD})(?:(?:-|\s+|\s+and\s+)(?:{_WORD}))*)"
    rf"|(?P<single>(?:an?|one|another)\s+(?:[a-z-]+\s+){{0,2}}?{_PERSON})"
    r")(?![\w-]*\d)\b",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_AND_TAIL = re.compile(r"\s+and\s+(?:\d[\d,]*|(?:" + _WORD + r")\b)", re.IGNORECASE)
_RANGE_TAIL = re.compile(r"\s*(?:to|-|–|or)\s*(?:\d[\d,]*|(?:" + _WORD + r")\b)", re.IGNORECASE)

# Modifiers that may sit between a verb and its number ("killed at least 5").
_MODIFIER = (
    r"(?:at\s+least|at\s+most|more\s+than|less\s+than|fewer\s+than|over|some|about|around|"
    r"nearly|almost|roughly|approximately|an\s+estimated|up\s+to|as\s+many\s+as|another|"
    r"a\s+further|further|a\s+total\s+of|a\s+reported|no\s+fewer\s+than|no\s+less\s+than|"
    r"upwards\s+of|close\s+to|an?|the|of|his|her|their|its)"
)
_KILL_BEFORE = re.compile(
    r"(?:\b(?:kill(?:ed|ing|s)?(?:\s+(?:and\s+)?(?!injur|wound|hurt)[a-z]+(?:ed|es))?|"
    r"(?:execution|killing|murder|massacre|slaughter|assassination)s?\s+of|claim(?:ed|ing|s)?\s+the\s+lives\s+of|execut(?:e|ed|ing|es)|"
    r"massacr(?:e|ed|ing|es)|slaughter(?:ed|ing|s)?|behead(?:ed|ing|s)?|murder(?:ed|ing|s)?|"
    r"crucif(?:y|ied|ying|ies)|lynch(?:ed|ing)?|"
    r"assassinat(?:ed|ing|es)|shot\s+dead|shooting\s+dead|shoots\s+dead|gunned\s+down|"
    r"deaths?\s+of|bodies\s+of|(?:(?:death\s+|casualty\s+)?toll|number\s+of\s+(?:[\w-]+\s+){0,2}?"
    r"(?:killed|dead|deaths|fatalities|victims))\b[^.;\d]{0,60}?(?:\b(?:to|of|at|reached|"
    r"stands\s+at|stood\s+at|is|was|hit|rose\s+to|climbed\s+to)|(?=\s+(?:at\s+least|more\s+than|"
    r"over|nearly|almost|some|about|around|up\s+to)\s))|dead|died|martyred)"
    rf")(?:\s+{_MODIFIER})*\s*$",
    re.IGNORECASE,
)
_WOUND_BEFORE = re.compile(
    r"\b(?:wound(?:ed|ing|s)?|injur(?:e|ed|ing|es)|hurt(?:ing)?|maim(?:ed|ing)?)"
    rf"(?:\s+{_MODIFIER})*\s*$",
    re.IGNORECASE,
)
# "The number of civilians killed by the strike ... rose to 20": the toll's subject may lie
# further back than the window before the figure.
_RISE_SUBJECT = re.compile(
    r"\b(?:toll|number\s+of\s+[\w-]+(?:\s+[\w-]+)?|martyrs|deaths|killed|dead|died|casualties)\b",
    re.IGNORECASE,
)
# "A woman and her son were killed", "leave child and woman dead": two singular people.
_ONE = r"(?:(?:a|an|the|one|his|her|their|its)\s+)?(?:[a-z-]+\s+)?"
_TWO_PERSONS = re.compile(
    rf"\b{_ONE}{_PERSON}\s+and\s+{_ONE}{_PERSON}\s+(?:were\s+(?:\w+ly\s+)?)?(?:killed|dead|died|"
    r"shot\s+dead)\b(?!\s+(?:\d|an?\b|the\b|his\b|her\b|their\b))"
    rf"|\b(?:kill(?:ed|ing|s)?|shot\s+dead)\s+{_ONE}{_PERSON}\s+and\s+{_ONE}{_PERSON}\b(?!-|s\b)"
    rf"|\b(?:leav(?:e|es|ing)|left)\s+{_ONE}{_PERSON}\s+and\s+{_ONE}{_PERSON}\s+dead\b",
    re.IGNORECASE,
)
_THING_AFTER = re.compile(
    r"\s+(?:famil(?:y|ies)|households?|days?|sides?|times?|weeks?|months?|years?|hours?|houses?|homes?|"
    r"villages?|towns?|cars?|vehicles?|buildings?|ways?|rounds?|shells?|rockets?|missiles?|"
    r"bombs?|strikes?|raids?|attacks?|fronts?|axes|points?|checkpoints?)\b",
    re.IGNORECASE,
)
_TOLL_NAMED_AFTER = re.compile(
    r"\s*,?\s*the\s+number\s+of\s+(?:[\w-]+\s+){0,3}?(?:(?:who|that)\s+(?:were|have\s+been|"
    r"had\s+been)\s+)?(?:killed|dead|martyred|died)\b",
    re.IGNORECASE,
)
_DEATH_SUBJECT = re.compile(r"toll|martyrs|death|killed|dead|died|fatalities|victims",
                            re.IGNORECASE)
_RISE_BEFORE = re.compile(
    rf"\b(?:(?:rose|risen|rises|rising|climbed|climbs|jumped|increased|reached|reaches)(?:\s+to)?|"
    r"rais(?:e|es|ed|ing)\s+(?:(?:the\s+)?(?:death\s+)?(?:toll|number)(?:\s+of\s+\w+)?\s+)?to)"
    rf"(?:\s+{_MODIFIER})*\s*$",
    re.IGNORECASE,
)
_TOLL_BEFORE = re.compile(
    r"\b(?:toll|number\s+of\s+(?:[\w-]+\s+){0,2}?(?:killed|dead|deaths|fatalities|victims))\b"
    r"[^.;\d]{0,70}$",
    re.IGNORECASE,
)
_SUBSET_BEFORE = re.compile(
    r"\b(?:including|includes|include|among\s+them|among\s+whom|among\s+the\s+dead|"
    r"among\s+those\s+killed|among\s+the\s+victims|of\s+whom|of\s+them\s+were|namely|"
    rf"mostly|mainly)(?:\s+{_MODIFIER})*\s*$",
    re.IGNORECASE,
)
# A subset list inside a noun phrase, up to the verb ("including 84 children and 35 women").
_SUBSET_SPAN = re.compile(
    r"\b(?:including|among\s+them|mostly|mainly|of\s+whom|of\s+them)\b[^.;:]*?"
    r"(?=\b(?:were|was|have|has|had|are|is|died|killed|dead)\b|;|$)",
    re.IGNORECASE,
)
_SUBSET_AFTER = re.compile(r"^\s*(?:of\s+(?:them|whom|the\s+dead|those|the\s+victims)\b)",
                           re.IGNORECASE)
_UNIT_AFTER = re.compile(
    r"^\s*(?:%|percent|per\s+cent|km|kms|kilomet|miles?\b|met(?:er|re)s?\b|m\b|mm\b|"
    r"years?\b|-year|months?\b|weeks?\b|days?\b|hours?\b|minutes?\b|am\b|pm\b|a\.m|p\.m|"
    r"o'clock|dollars|usd|euros?\b|pounds\b|tons?\b|tonnes?\b|times\b|st\b|nd\b|rd\b|th\b|"
    r"decades?\b|centuries|century|jan(?:uary)?\b|feb(?:ruary)?\b|mar(?:ch)?\b|apr(?:il)?\b|"
    r"may\b|june?\b|july?\b|aug(?:ust)?\b|sep(?:t|tember)?\b|oct(?:ober)?\b|nov(?:ember)?\b|"
    r"dec(?:ember)?\b)",
    re.IGNORECASE,
)
_MONTH_BEFORE = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+$",
    re.IGNORECASE,
)
# Casualty words after a number's noun phrase; the first one found decides.
_AFTER_CUE = re.compile(
    r"\b(?P<both>killed\s+(?:or|and)\s+(?:wounded|injured)|dead\s+(?:or|and)\s+(?:wounded|injured)"
    r"|casualties|victims)\b"
    r"|\b(?P<kill>killed|kill|kills|dead|died|die|dies|deaths|death|slain|perished|fatalities|"
    r"lost\s+their\s+lives|lost\s+his\s+life|lost\s+her\s+life|lives\s+(?:were\s+)?lost|bodies|"
    r"corpses|executed|massacred|murdered|assassinated|beheaded|crucified|lynched|martyred|"
    r"martyrs|shot\s+dead|"
    r"gunned\s+down|was\s+among\s+the\s+dead|were\s+among\s+the\s+dead|blew\s+(?:him|her)self\s+up|"
    r"blew\s+themselves\s+up)\b"
    r"|\b(?P<wound>wounded|injured|hurt|injuries|wounds|maimed|hospitali[sz]ed)\b",
    re.IGNORECASE,
)
# An active "kill" right after the noun phrase makes the number the agent ("2 gunmen killed 5").
_ACTIVE_AFTER = re.compile(
    rf"^\s+(?:{_MODIFIER}\s+)*(?:\d|(?:{_WORD}|{_VAGUE_RE})\b|an?\s|the\s|his\s|her\s|their\s|"
    r"[A-Z]?[a-z]+\s+(?:and|,))",
    re.IGNORECASE,
)
# "7 killed, 20 injured": a second count after the verb is a list, not an object.
_LIST_AFTER = re.compile(
    rf"^\s*,?\s+(?:{_MODIFIER}\s+)*(?:\d[\d,]*|(?:{_WORD}|{_VAGUE_RE}))\s+(?:[\w-]+\s+)?"
    r"(?:others?\s+)?(?:were\s+)?(?:injured|wounded|hurt)\b",
    re.IGNORECASE,
)
# "23 fighters who were killed" is the figure's own clause, so "who" stops only other clauses.
_STOP = re.compile(
    r"[;:]|\b(?:while|whereas|but|although|though|which|since|with)\b"
    r"|\bwho\b(?!\s+(?:were|was|had\s+been|have\s+been)\s+killed|\s+died|\s+lost\s+their)",
    re.IGNORECASE,
)
_ZERO = re.compile(
    r"\b(?:no|without|zero)\s+(?:immediate\s+|reported\s+|human\s+)?(?:casualties|deaths|"
    r"fatalities|loss(?:es)?\s+of\s+life|one\s+was\s+(?:killed|hurt|injured)|injuries|victims)\b"
    r"|\bno\s+(?:one|body|people|person)\s+(?:was|were|has\s+been|had\s+been)\s+"
    r"(?:killed|hurt|injured|harmed|wounded)\b|\bnobody\s+(?:was\s+)?(?:killed|hurt|injured)\b",
    re.IGNORECASE,
)
# Between two list items: "15 civilians and 27", "3 soldiers, 2".
_CARRY = re.compile(
    r"^\s*(?:(?!and\b)[\w'-]+\s+){0,3}?(?:(?!and\b)[\w'-]+)?\s*(?:,\s*(?:and\s+)?|\band\s+)"
    r"(?:another\s+|other\s+|a\s+further\s+)?$",
    re.IGNORECASE,
)
_IMMEDIATE_WOUND = re.compile(
    r"^\s+(?:(?!(?:dead|killed|died|and|dozens|scores|hundreds|several|many)\b)[a-z-]+\s+){0,2}?"
    r"(?:others?\s+)?(?:were\s+|was\s+|have\s+been\s+)?"
    r"(?:injured|wounded|hurt)\b",
    re.IGNORECASE,
)
# A later item of an "including ..." list, after a longer noun phrase.
_SUBSET_CARRY = re.compile(r"^[^.;:\d]{0,80}?(?:,\s*(?:and\s+)?|\band\s+)$", re.IGNORECASE)
_ADDITIONAL = re.compile(r"\b(?:another|a\s+further|an\s+additional)\s+$", re.IGNORECASE)
_MORE_AFTER = re.compile(r"^\s+(?:others?|more)\b", re.IGNORECASE)
# "Zafar Iqbal (46)", "aged 46": an age, not a count.
_AGE = re.compile(r"\(\s*#\s*\)|\baged?\s+#", re.IGNORECASE)
_OWN_CLAUSE = re.compile(r"^\s+(?:others?|more)\b|^\s+(?:were|was|have|had)\b", re.IGNORECASE)
_SINGULAR_DEATH = re.compile(
    r"\b(?:was|has\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:killed|shot\s+dead|gunned\s+down|"
    r"beheaded|executed|murdered|assassinated|lynched|(?:stabbed|hacked|beaten|burned|burnt)\s+"
    r"to\s+death)\b|\b(?:succumbed|died)\s+(?:to|of|from)\s+(?:his|her)\s+(?:injuries|wounds)\b"
    r"|\b(?:blew|killed)\s+(?:him|her)self\b",
    re.IGNORECASE,
)
_ATTACKER_SELF = re.compile(
    r"\b(?:blew\s+(?:him|her)self\s+up|(?:the|a)\s+(?:suicide\s+)?(?:bomber|attacker|gunman|"
    r"assailant)\s+(?:was\s+(?:also\s+)?(?:killed|shot\s+dead)|(?:also\s+)?died))\b",
    re.IGNORECASE,
)
_COORDINATED = re.compile(r"(?:\band|,)\s*(?:and\s+|another\s+|other\s+)?$", re.IGNORECASE)
_PLURAL_VICTIMS = (
    r"(?:civilians|people|persons|soldiers|troops|fighters|militants|rebels|insurgents|"
    r"residents|villagers|members|policemen|police\s+officers|officers|children|women|men|"
    r"worshippers|passengers|protesters|demonstrators|students|farmers|refugees|jihadists|"
    r"terrorists|gunmen|attackers|guards|workers|family\s+members)"
)
_UNNUMBERED_DEATH = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|massacr(?:ed|ing)|execut(?:ed|ing|es)|behead(?:ed|ing|s)|"
    rf"shot\s+dead|shooting\s+dead|gunned\s+down)\s+(?:[a-z-]+\s+){{0,2}}?{_PLURAL_VICTIMS}\b"
    rf"|\b{_PLURAL_VICTIMS}\s+(?:(?:were|have\s+been|had\s+been)\s+(?:\w+ly\s+)?)?(?:killed|"
    r"shot\s+dead|massacred|executed|beheaded)\b(?!\s+(?:\d|an?\b|the\b|his\b|her\b|their\b|"
    r"two|three|four|five|six|seven|eight|nine|ten|dozens|scores|several|many|hundreds))"
    r"|\b(?:more|several|many|new|further)\s+martyrs\b|\bmartyrs\s+(?:and\s+(?:wounded|injured)|"
    r"were\s+reported|fell)\b"
    r"|\b(?:caus(?:ed|ing)|result(?:ed|ing)\s+in|left|leaving)\s+(?:several\s+|many\s+|"
    r"multiple\s+|a\s+number\s+of\s+)?(?:deaths|fatalities|dead)\b",
    re.IGNORECASE,
)
_VAGUE_ONLY = re.compile(r"several|many|numerous|a\s+(?:large\s+)?number\s+of", re.IGNORECASE)
_NO_BEFORE = re.compile(r"\bno\s+$", re.IGNORECASE)
_NOBODY = re.compile(r"\b(?:no\s*one|nobody|none|no\s+(?:person|civilian|soldier)\w*)\s*$",
                     re.IGNORECASE)
_SINGULAR_WOUND = re.compile(
    r"\b(?:was|has\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:injured|wounded|hurt|shot\s+and\s+"
    r"(?:injured|wounded)|shot\s+at\s+and\s+(?:\w+ly\s+)?(?:injured|wounded))\b",
    re.IGNORECASE,
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are|got)\s+$", re.IGNORECASE)
# A number right after another act's verb counts that act ("kidnapped 900, executed 18").
_OTHER_ACT_BEFORE = re.compile(
    r"\b(?:kidnapp?(?:ed|ing|s)?|abduct(?:ed|ing|s)?|arrest(?:ed|ing|s)?|detain(?:ed|ing|s)?|"
    r"captur(?:ed|ing|es?)|displac(?:ed|ing|es?)|rescu(?:ed|ing|es?)|evacuat(?:ed|ing|es?)|"
    r"freed|releas(?:ed|ing|es?)|seiz(?:ed|ing|es?)|destroy(?:ed|ing|s)?)"
    rf"(?:\s+{_MODIFIER})*\s*$",
    re.IGNORECASE,
)
# "killed 83 injured 100": a wound verb straight after the killed figure starts a new item
# of an unpunctuated list, it does not make the figure a wounded one.
_WOUND_VERB_AFTER = re.compile(r"^\s*,?\s+(?:and\s+)?(?:injur|wound|hurt)", re.IGNORECASE)
# Verbs that mean killing only with people as their object ("eliminated 60 terrorists",
# "claimed 9 lives").
_KILL_IF_PEOPLE_BEFORE = re.compile(
    r"\b(?:eliminat(?:ed|ing|es?)|destroy(?:ed|ing|s)?|took\s+out|take\s+out|taking\s+out|"
    rf"claim(?:ed|ing|s)?)(?:\s+{_MODIFIER})*\s*$",
    re.IGNORECASE,
)
_PEOPLE_AFTER = re.compile(
    rf"^\s+(?:[\w-]+\s+){{0,2}}?(?:{_PLURAL_VICTIMS}|lives|commanders|leaders|operatives|"
    r"mercenaries|extremists|jihadis)\b",
    re.IGNORECASE,
)
_KILLED_SOON = re.compile(r"[^.;:]{0,30}?\b(?:killed|dead|died)\b", re.IGNORECASE)
# "Casualties" are the dead and wounded together, unless the sentence counts the injured
# apart ("7 casualties and dozens of injuries") or tells of a massacre.
_DEATHS_APART = re.compile(
    r"\b(?:injur(?:ies|ed|ing)|wounded|wounding|wounds|massacres?)\b", re.IGNORECASE
)
# An unpunctuated list ("40 civilians 25 fighters killed"): the gap between two figures is a
# short noun phrase ending in a plural noun for people.
_BARE_LIST_GAP = re.compile(
    rf"^\s+(?:[\w'-]+\s+){{0,3}}?{_PLURAL_VICTIMS}\s+(?:{_MODIFIER}\s+)*$", re.IGNORECASE
)
# "15 civilians 3 children killed": children or women after civilians are among them.
_BARE_SUBSET = re.compile(
    rf"^\s+(?:[\w'-]+\s+){{0,2}}?(?:civilians|people|persons)\s+(?:{_MODIFIER}\s+)*$",
    re.IGNORECASE,
)
_SUBSET_NOUN_AFTER = re.compile(
    r"^\s+(?:[\w-]+\s+)?(?:children|kids|minors|women|babies|infants|girls|boys)\b", re.IGNORECASE
)
# A figure followed straight by a new sentence (text without full stops, "... URL 0 214 The
# number of ...") is not the subject of that sentence's verb.
_NEW_SENTENCE_AFTER = re.compile(r"^\s+(?:The|A|An|In|On|At|It|This|He|She|They)\s+[a-z]")
# A figure over a stretch of days ("killed 2,200 in the last 10 days") totals several events,
# which ACLED divides evenly between the days. Not after a superlative or an event noun
# ("the deadliest in two weeks", "a third attack in a month"): that compares.
_PERIOD = re.compile(
    r"\b(?:in|over|during|within|throughout)\s+(?:the\s+)?(?:last|past|previous|preceding|"
    rf"first)?\s*(?P<n>\d{{1,3}}|{_WORD}|an?|one)?\s*(?P<unit>hours|days?|weeks?|months?)\b",
    re.IGNORECASE,
)
_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30}
_COMPARISON = re.compile(
    r"\b(?:deadliest|worst|highest|biggest|largest|bloodiest|first|second|third|such|latest|"
    r"time|attack|strike|bombing|raid|incident)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
# "Civilian killed in ...", "kills top commander": a singular person noun with a killing verb
# and no figure (headline style, without an article) reports one death.
_BARE_SINGULAR_DEATH = re.compile(
    rf"\b{_PERSON}\s+(?:was\s+)?(?:killed|shot\s+dead|dies|died|executed|assassinated)\b"
    r"(?!\s+(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens|scores|several|many|"
    r"hundreds)\b(?!\s+(?:[\w-]+\s+)?(?:others?\s+)?(?:were\s+)?(?:injured|wounded|hurt)\b)|"
    r"an?\b|the\b|his\b|her\b|their\b))"
    r"|\b(?:kill(?:s|ed|ing)?|assassinat(?:es|ed|ing)|execut(?:es|ed|ing))\s+"
    rf"(?:[\w-]+\s+){{0,3}}?{_PERSON}(?=\s+(?:in|on|at|near|and|with|from|of|during|after|as|"
    r"who|outside|inside)\b|\s*[,.;:]|\s*$)",
    re.IGNORECASE,
)


# Every casualty expression above contains one of these stems (a substring test is far
# cheaper than a regex alternation).
_ANY_CUE = (
    "kill", "dead", "die", "death", "wound", "injur", "hurt", "casualt", "fatal", "bodies",
    "corpse", "execut", "massacr", "slain", "slaughter", "perish", "lives", "life", "martyr",
    "shot", "shoot", "gunned", "murder", "assassin", "behead", "toll", "maim", "hospitali", "blew",
    "crucif", "lynch", "claim", "eliminat", "destroy", "take out", "took out", "taking out",
)


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
    lower = sentence.lower()
    if not any(stem in lower for stem in _ANY_CUE):  # most sentences mention no casualties
        return Fatalities(0, 0, ())
    groups: list[list[int]] = []  # killed figures; a coordinated list is one group
    deaths_apart = bool(_DEATHS_APART.search(sentence))
    toll = 0
    wounded = 0
    mentions: list[Mention] = []
    pending: list[Mention] = []
    consumed = 0
    last_kind: str | None = None
    last_end = subset_end = prev_end = -1
    for m in _NUMBER.finditer(sentence):
        value = _value(m)
        if value is None or m.start() < consumed:
            continue
        if value == _UNSPECIFIED:
            value = unspecified
        start, end = m.start(), m.end()
        tail = _RANGE_TAIL.match(sentence, end)
        if tail:  # "5 to 7", "5-7": the lowest credible figure is the first one
            end = tail.end()
        # Start the window at a word boundary so that "\b" never sees half a word.
        before = sentence[sentence.rfind(" ", 0, max(0, start - 60)) + 1:start]
        after = sentence[end:end + 200]
        if m.group("digits") and (_UNIT_AFTER.match(after) or _MONTH_BEFORE.search(before)
                                  or _AGE.search(before[-8:] + "#" + after[:3])
                                  or (1900 <= value <= 2100 and "," not in m.group("digits")
                                      and not _KILL_BEFORE.search(before))):
            continue  # a measure, a day of the month or a year, not a count
        if _not_a_headcount(m, after):
            continue
        if _BETWEEN.search(before):
            tail = _AND_TAIL.match(sentence, end)
            if tail:  # "between 10 and 15": the lower bound
                end = tail.end()
                after = sentence[end:end + 200]
        consumed = end
        if _NO_BEFORE.search(before[-4:]):
            continue  # "no one was killed"
        # "including 84 children and 35 women": every item of the list is a subset.
        if _SUBSET_BEFORE.search(before) or (
            _SUBSET_AFTER.match(after) and not _KILL_BEFORE.search(before)) or (
            subset_end >= 0 and _SUBSET_CARRY.match(sentence[subset_end:start])
            and not _OWN_CLAUSE.match(after)
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
        if kind is None and _RISE_BEFORE.search(before) and _rises_a_toll(sentence, start, end):
            kind = "killed"
        gap = sentence[last_end:first]
        # "100 were killed and 500 others were affected": a figure after the first one's own
        # verb starts its own clause, it is not another item of the first one's list.
        if kind is None and last_kind and (_CARRY.match(gap) or _BARE_LIST_GAP.match(gap)) and (
                not _AFTER_CUE.search(gap)):
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
        if _TOLL_BEFORE.search(sentence[max(0, group[0].start - offset - 40):
                                        group[0].start - offset]):
            toll = max(toll, sum(x.value for x in group))
        elif (carried or _ADDITIONAL.search(before[-25:]) or _MORE_AFTER.match(after)) and groups:
            # "three others were killed", "another 5 died": added to the figure before
            groups[-1].extend(x.value for x in group)
        else:
            groups.append([x.value for x in group])
    # Separate figures in one sentence are usually restatements ("killed 18 ... at least 18
    # civilians"), so the largest group stands for the sentence, not their sum.
    killed = max([toll, *(sum(g) for g in groups)])
    if _ZERO.search(sentence) and not mentions:
        return Fatalities(0, 0, ())
    # ACLED counts every reported death, the attacker's too: "blew himself up, killing 12"
    # reports 13 unless the bomber is already among the figures.
    if (bomber := _ATTACKER_SELF.search(sentence)) and not any(
            m.start - offset < bomber.end() and bomber.start() < m.end - offset
            for m in mentions):
        killed += 1
        mentions.append(Mention(offset + bomber.start(), offset + bomber.end(), bomber.group(),
                                "number", 1, 1.0))
    # "Airstrikes killed civilians": deaths without a number get the caller's estimate.
    estimated = any(m.value == unspecified and _VAGUE_ONLY.fullmatch(m.text)
                    for m in mentions if m.score == 1.0)
    if not killed and not _ZERO.search(sentence) and (
            some := _UNNUMBERED_DEATH.search(sentence)) and not _NUMBER.search(some.group()):
        killed, estimated = unspecified, True
        mentions.append(Mention(offset + some.start(), offset + some.end(), some.group(),
                                "number", unspecified, 1.0))
    if killed <= 1 and not groups[1:] and (two := _TWO_PERSONS.search(sentence)):
        killed = 2
        mentions.append(Mention(offset + two.start(), offset + two.end(), two.group(),
                                "number", 2, 1.0))
    # "Zafar Iqbal was shot dead": a singular verb with no figure reports one person.
    if not killed and (one := _SINGULAR_DEATH.search(sentence)
                       or _BARE_SINGULAR_DEATH.search(sentence)) and not _NOBODY.search(
            sentence[max(0, one.start() - 20):one.start()]):
        killed = 1
        mentions.append(Mention(offset + one.start(), offset + one.end(), one.group(),
                                "number", 1, 1.0))
    if not wounded and (one := _SINGULAR_WOUND.search(sentence)) and not _NOBODY.search(
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


def parse_number(text: str, *, unspecified: int = UNSPECIFIED_LIMITED) -> int | None:
    """The integer a number expression stands for ("1,400", "twenty-five", "dozens");
    an unnumbered plural ("several") stands for `unspecified`."""
    m = _NUMBER.fullmatch(text.strip())
    value = _value(m) if m else None
    return unspecified if value == _UNSPECIFIED else value


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
    return bool(m.group("words") and _THING_AFTER.match(after))


def _rises_a_toll(sentence: str, start: int, end: int) -> bool:
    """The figure at `start`, after "rose to", is what a death count rose to: the nearest
    count named before it is of deaths ("the number of civilians killed ... rose to 20"), or
    it is named right after ("raise to 34, the number of people who were killed")."""
    if _TOLL_NAMED_AFTER.match(sentence, end):
        return True
    subjects = list(_RISE_SUBJECT.finditer(sentence, max(0, start - 160), start))
    return bool(subjects) and bool(_DEATH_SUBJECT.search(subjects[-1].group()))


def _bare_subset(gap: str, after: str) -> bool:
    """"15 civilians 3 children": the second figure (after `gap`) counts some of the first."""
    return bool(_BARE_SUBSET.match(gap) and _SUBSET_NOUN_AFTER.match(after))


def _period_days(sentence: str) -> int:
    """How many days a figure in `sentence` is totalled over ("in the past two weeks"): 1
    when it names no such stretch."""
    for m in _PERIOD.finditer(sentence):
        if _COMPARISON.search(sentence, max(0, m.start() - 40), m.start()):
            continue
        n = m.group("n")
        unit = m.group("unit").lower()
        if n is None and unit.endswith("s"):
            continue  # "in recent days": no length given
        count = 1 if n is None or n.lower() in ("a", "an", "one") else parse_number(n)
        if not count:
            continue
        days = round(count * _UNIT_DAYS[unit.rstrip("s")])
        if days > 1:
            return min(days, 366)
    return 1


def _scored(m: Mention, score: float) -> Mention:
    return Mention(m.start, m.end, m.text, m.kind, m.value, score)


def _value(m: re.Match[str]) -> int | None:
    if m.group("vague"):
        return _VAGUE[" ".join(m.group("vague").lower().split())]
    if m.group("digits"):
        if m.group("digits").startswith("0") and len(m.group("digits")) > 1:
            return None  # a clock time or code ("0914"), not a count
        n = int(m.group("digits").replace(",", ""))
        if m.group("dscale"):
            n *= _SCALES[m.group("dscale").lower()]
        return n
    if m.group("words"):
        return _words_value(m.group("words"))
    if m.group("single"):
        return 1
    return None


def _words_value(text: str) -> int | None:
    total = current = 0
    for word in re.split(r"[\s-]+", text.lower()):
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
    return total + current


def _classify(before: str, after: str, *, single: bool, vague: bool = False,
              first: bool = True, deaths_apart: bool = False) -> str | None:
    """'killed', 'wounded', 'pending' (coordinated with the next number) or None.

    `deaths_apart`: the sentence reports the injured apart or speaks of a massacre, so its
    "casualties" and "victims" are the dead."""
    kill_before = _KILL_BEFORE.search(before)
    if kill_before and first and _WOUND_VERB_AFTER.match(after):
        return "killed"
    if _IMMEDIATE_WOUND.match(after):
        return "wounded"
    if kill_before:
        return "killed"
    if _WOUND_BEFORE.search(before):
        return "wounded"
    if _KILL_IF_PEOPLE_BEFORE.search(before):
        return "killed" if _PEOPLE_AFTER.match(after) else None
    if _OTHER_ACT_BEFORE.search(before) or _NEW_SENTENCE_AFTER.match(after):
        return None
    stop = _STOP.search(after)
    window = _SUBSET_SPAN.sub(" ", after[:stop.start()] if stop else after)
    nxt = next((n for n in _NUMBER.finditer(window)
                if not _SUBSET_BEFORE.search(window[:n.start()])
                and not _not_a_headcount(n, window[n.end():])
                and not _bare_subset(window[:n.start()], window[n.end():])), None)
    cue = _AFTER_CUE.search(window)
    if nxt and (not cue or nxt.start() < cue.start()):
        # "5 soldiers and 3 civilians were killed": the first takes the second's verb.
        gap = window[:nxt.start()]
        if (_COORDINATED.search(gap) or _BARE_LIST_GAP.match(gap)) and len(gap) < 60:
            return "pending"
        return None
    if not cue:
        return None
    both = cue.group("both")
    if both and not (both.lower() in ("casualties", "victims") and (
            deaths_apart or _KILLED_SOON.match(window, cue.end()))):
        return None
    if cue.start() > (45 if vague else 70):  # a vague word needs its verb close by
        return None
    if both:
        return "killed"
    if cue.group("kill"):
        word = cue.group("kill").lower()
        rest = window[cue.end():]
        if word in ("killed", "kill", "kills") and not _PASSIVE_BEFORE.search(
            window[:cue.start()]
        ) and _ACTIVE_AFTER.match(rest) and not _LIST_AFTER.match(rest):
            return None  # the number is the agent, not the victims
        if single and word in ("kill", "kills", "die", "death", "deaths"):
            return None
        return "killed"
    return "wounded"
