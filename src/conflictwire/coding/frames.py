"""Clause-level event frames: each event sentence cut into the events it tells (ACLED codes
one event per location, day and pair of actors), each with its place, type, toll and
actor roles, as Drafts for the article-level components."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache, partial

from .. import taxonomy as tx
from ..data import alternation, load_json
from ..geo.geoparse import locate_event
from ..models import Article, Location, Mention
from ..settings import Settings
from . import actors as actor_roles
from .document import Candidate, Doc
from .fatalities import KILLED_SCORE, count_fatalities, split_total
from .resources import Resources
from .sentences import DATELINE
from .within_article import Draft

# How many sentences after an event a claim of responsibility or a blame may attribute it.
_CLAIM_WINDOW = 3
# Text windows the patterns read, in characters (part of their grammar, not tuned weights):
# a dateline is looked for only at a sentence's start ("MOSUL, Iraq (Reuters) -"), and the
# locative that puts a second event at a place only just before its name ("... in B").
_DATELINE_WINDOW = 250
_LOCATIVE_WINDOW = 40

# Places listed one after another, also where scraping lost the commas ("Damascus Aleppo").
_LISTED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*|)(?:the\s+)?$")
# "A and B" lists two places whatever their kinds ("Daraa and Quneitra governorates"),
# where "A, B" may be one place and the area it is in ("Tal Afar, Nineveh").
_AND_LISTED = re.compile(r"\s*,?\s*(?:and|&)\s+(?:the\s+)?$")
# A place that situates the one before it ("the A clashes north of B"), with no "and"
# between them.
_RELATIVE = re.compile(
    r"(?:(?!\band\b)[^,;&])*?\s+(?:\d+\s*(?:km|kilometers|kilometres|miles)\s+)?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?$",
    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Words:
    """The patterns over event words, built from data/event_words.json."""

    new_event: re.Pattern[str]
    and_at: re.Pattern[str]
    locative_before: re.Pattern[str]
    origin_before: re.Pattern[str]
    not_event_after: re.Pattern[str]
    anaphor: re.Pattern[str]
    definite_event: re.Pattern[str]
    generic_trigger: re.Pattern[str]


@cache
def _words() -> _Words:
    """The patterns over event words, built on first use from data/event_words.json."""
    words = partial(alternation, "event_words.json")
    # Between two places, the words that start a second event ("... and raids on B").
    new_event = re.compile(rf"\b(?:{words('event_words.frames_new_event')})\b", re.IGNORECASE)
    # "clashes in A and in B", "shelling A countryside and the city of B": the same kind of
    # event at a second place.
    places = load_json("toponyms.json")["event_clauses"]
    place_kinds, area_of = ("|".join(places[k]["patterns"]) for k in ("place_kinds", "area_of"))
    and_at = re.compile(
        rf"\W*(?:(?:{place_kinds})\b\W*)?(?:and|&)\s+"
        r"(?:(?:in|at|on|near|around|inside|outside)\s+)?(?:the\s+)?(?:(?:\w+ern\s+)?"
        rf"(?:{area_of})\s+(?:of\s+)?)?$",
        re.IGNORECASE)
    # What puts the event at a place: "clashes in A", "raids on the outskirts of A", "shelled A".
    locative_before = re.compile(
        r"\b(?:in|at|near|outside|on|into|around|inside|of|across|towards?|"
        rf"{words('event_verbs.frames_locative')})"
        r"\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
    # A place that is where someone comes from ("fighters from A", "A-born") is no event place.
    origin_before = re.compile(rf"\b(?:{words('origin.shared')}|{words('origin.frames_extras')})"
                               r"\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)
    # ... nor where the speaker is ("A-based", "an official in A said").
    not_event_after = re.compile(
        rf"(?:-based|\s*,?\s+(?:{words('reporting_verbs.shared')}"
        rf"|{words('reporting_verbs.frames_speaker_extras')}))", re.IGNORECASE)
    anaphor = re.compile(
        r"\s*(?:the|this|that|these|those)\s+(?:\w+\s+)?"
        rf"(?:{words('event_nouns.frames_anaphor')})\b", re.IGNORECASE)
    # "... confirmed the abduction": a definite event noun points back to an event told before.
    definite_event = re.compile(
        rf"\bthe (?:{words('event_nouns.frames_definite')})\b", re.IGNORECASE)
    generic_trigger = re.compile(f"(?:{words('event_stems.frames_generic')})", re.IGNORECASE)
    return _Words(new_event=new_event, and_at=and_at, locative_before=locative_before,
                  origin_before=origin_before, not_event_after=not_event_after,
                  anaphor=anaphor, definite_event=definite_event,
                  generic_trigger=generic_trigger)


def frame(doc: Doc, candidate: Candidate, resources: Resources,
          settings: Settings) -> list[Draft]:
    """The drafts one event sentence gives: one, or one per place it puts an event in.

    Reads the layers set before it: the sentence's actors, date and toll, and the places of
    the body (or of the headline, for the headline's own event).
    """
    u, label = candidate.unit, candidate.label
    if u.is_title and doc.title_places is not None:
        source, places = doc.title_places
        span, offset = (0, len(u.text)), 0
    else:
        source, places, span, offset = doc.article, doc.toponyms, (u.start, u.end), u.start
    dateline = DATELINE.search(source.text, span[0], min(span[1], span[0] + _DATELINE_WINDOW))
    if dateline:  # where the reporter files from is no event's place
        places = [t for t in places if not dateline.start() <= t.start < dateline.end()]
    found_actors = candidate.actors
    clauses = _clauses(source.text, span, places, found_actors)
    anaphoric = bool(_words().anaphor.match(u.text)) or (
        not candidate.dated and bool(_words().definite_event.search(u.text)))
    fatalities = candidate.fatalities
    assert fatalities is not None, "the tolls component runs before frames"
    events = _clause_events(source, clauses, places, label, fatalities, resources, settings)
    drafts = []
    for location, kind, trigger, killed in events:
        generic = kind in (tx.ATTACK, tx.ARMED_CLASH) and (
            trigger is None or bool(_words().generic_trigger.search(trigger.text))
        )
        mentions = (tuple(found_actors) + tuple(fatalities.mentions)
                    + ((trigger,) if trigger else ()))
        # An unplaced event's actors are named for the country its groups come from, else
        # the one the article's places are in (a fact of the text, not a placement guess).
        country = (_country_code(location) or actor_roles.home_country(found_actors)
                   or _article_country(places)
                   or actor_roles.home_country(found_actors, states=True))
        casualties = bool(fatalities.killed or fatalities.wounded)
        roles = actor_roles.assign_roles(
            u.text, found_actors, trigger, sub_event_type=kind, country_code=country,
            offset=offset, lexicon=resources.actors, event_date=candidate.event_date,
            casualties=casualties,
        )
        coded = _armed_target_rule(kind, roles)
        if coded != kind:
            roles = actor_roles.assign_roles(
                u.text, found_actors, trigger, sub_event_type=coded, country_code=country,
                offset=offset, lexicon=resources.actors, event_date=candidate.event_date,
                casualties=casualties,
            )
        # A pairing a codebook rule had to complete is kept, but trusted less.
        confidence = label.confidence * (
            1 - settings.coding.role_repair_penalty if roles.repaired else 1)
        drafts.append(Draft(
            sub_event_type=coded, confidence=confidence, unit=u.index, start=u.start,
            end=u.end, evidence=u.text, trigger=trigger, event_date=candidate.event_date,
            time_precision=candidate.time_precision, location=location, fatalities=killed,
            roles=roles, tags=candidate.tags, mentions=mentions, generic=generic,
            dated=candidate.dated, anaphoric=anaphoric, headline=u.is_title,
        ))
    return drafts


def carry_actors(drafts: list[Draft]) -> list[Draft]:
    """Drafts (in text order) whose sentence names no one on a side, with that side taken
    from the latest earlier mention of the same event (same sub-event type, same place or
    none given) that names it, the headline's included: "Syrian jets bombed Douma. The
    strikes killed four." The strikes are the jets'."""
    out: list[Draft] = []
    for d in drafts:
        roles = d.roles
        if roles is not None and (not roles.actor1 or not roles.actor2 or roles.defaulted):
            for e in reversed(out):
                if e.roles is not None and e.sub_event_type == d.sub_event_type and \
                        e.unit < d.unit and _same_place_or_none(e.location, d.location):
                    roles = actor_roles.carry(roles, e.roles)
                    if roles is not d.roles:
                        d = replace(d, roles=roles)
                        break
        out.append(d)
    return out


def _article_country(places: list[Mention]) -> str | None:
    """The country most of the article's resolved places are in, when it holds more than
    half of them (None otherwise): the country an unplaced event is told in."""
    counts = Counter(_country(t) for t in places if _country(t))
    if not counts:
        return None
    code, n = counts.most_common(1)[0]
    return code if 2 * n > sum(counts.values()) else None


def attribute_claims(drafts: list[Draft], doc: Doc, resources: Resources) -> list[Draft]:
    """Drafts whose perpetrator is unnamed, or named only as unidentified, given the actor a
    sentence at or after them claims or is blamed for it ("IS claimed responsibility", "It
    blamed Russian aircraft"): the nearest such event up to `_CLAIM_WINDOW` sentences before."""
    claims: list[tuple[int, Mention]] = []
    for u in doc.units:
        if actor_roles.attributes(u.text):
            found = actor_roles.find_actors(u.text, lexicon=resources.actors)
            claimant = actor_roles.claimed_by(u.text, found)
            if claimant is not None:
                claims.append((u.index, claimant))
    out = list(drafts)
    for unit, claimant in claims:
        open_ = [i for i, d in enumerate(out)
                 if unit - _CLAIM_WINDOW <= d.unit <= unit and d.roles is not None
                 and tx.disorder_type(d.sub_event_type) == tx.POLITICAL_VIOLENCE
                 and (not d.roles.actor1 or "actor1" in d.roles.defaulted
                      or d.roles.actor1.startswith("Unidentified"))]
        if not open_:
            continue
        i = max(open_, key=lambda j: out[j].unit)
        d = out[i]
        actor = actor_roles.resolve(claimant.value, _country_code(d.location), resources.actors,
                                    d.event_date)
        if actor is None or actor.name == d.roles.actor2:
            continue
        claimed = actor_roles.Roles(actor1=actor.name, inter1=actor.inter)
        roles = replace(d.roles, defaulted=tuple({*d.roles.defaulted, "actor1"}))
        out[i] = replace(d, roles=actor_roles.carry(roles, claimed))
    return out


def _same_place_or_none(a: Location | None, b: Location | None) -> bool:
    return a is None or b is None or a.name == b.name or (
        a.geonameid is not None and a.geonameid == b.geonameid)


def _clause_events(source: Article, clauses: list[_Clause], toponyms: list[Mention], label,
                   fatalities, resources: Resources, settings: Settings) -> list[tuple]:
    """(location, sub-event type, trigger, fatalities) of each event the clauses tell.

    A clause without the sentence's trigger is typed by its own words when they name an
    event ("shells hit A and clashes go on around B"). Tolls: see `_told_per_clause`;
    a clause's toll is shared by its listed places (`split_total`).
    """
    trigger = label.trigger
    typed = []
    for c in clauses:
        kind, cue = label.sub_event_type, trigger
        if len(clauses) > 1 and not (trigger and c.start <= trigger.start < c.end):
            # The sentence was read whole already: its clauses only need the lexicon's word.
            own = resources.classifier.classify(source.text[c.start:c.end], offset=c.start,
                                                settings=settings.classify, lexical_only=True)
            if own.sub_event_type is not None and own.trigger is not None:
                kind, cue = own.sub_event_type, own.trigger
        typed.append((c, kind, cue))
    # The sentence's own event (its trigger's clause) leads: the first event is its label.
    main = [t for t in typed if trigger and t[0].start <= trigger.start < t[0].end]
    typed = main + [t for t in typed if t not in main]
    places = [p for c, _, _ in typed for p in c.places]
    if _told_per_clause(clauses, fatalities.mentions):
        shares = [killed for c, _, _ in typed for killed in split_total(
            count_fatalities(source.text[c.start:c.end], offset=c.start).killed, len(c.places))]
    else:
        shares = split_total(fatalities.killed, len(places))
    out: dict[str | None, list] = {}
    spans = ((p, kind, cue) for c, kind, cue in typed for p in c.places)
    for (span, kind, cue), killed in zip(spans, shares, strict=True):
        location = locate_event(source, span, toponyms, gazetteer=resources.gazetteer,
                                settings=settings.geoparse)
        key = location.name if location else None
        if key in out:  # two clauses, one place: one event told twice, as `merge` has it
            out[key][3] = max(out[key][3], killed)
        else:
            out[key] = [location, kind, cue, killed]
    return [tuple(e) for e in out.values()]


def _told_per_clause(clauses: list[_Clause], tolls: tuple[Mention, ...]) -> bool:
    """Whether a toll is told in a clause ("shelling killed 3 in A, while clashes went on in
    B"): each clause then has its own. One told only after all the places ("..., killing
    27") counts the events of all the clauses."""
    last = clauses[-1].last_place_end
    return len(clauses) > 1 and any(
        m.start < last for m in tolls if m.score >= KILLED_SCORE)  # killed, not wounded


def _armed_target_rule(sub: str, roles: actor_roles.Roles) -> str:
    """ACLED's test between an attack and an armed clash: was the target armed?

    "Attack" is violence against civilians only, so an attack whose target the actor
    lexicon names as an armed organised group (soldiers, police, a militia) is a clash.
    The reverse (a "clash" with civilians) is left to the model: role assignment mistakes
    armed villagers for civilians too often.
    """
    armed = tx.ARMED_INTER_CODES
    if sub == tx.ATTACK and roles.inter1 in armed and roles.inter2 in armed:
        return tx.ARMED_CLASH
    return sub


@dataclass(frozen=True, slots=True)
class _Clause:
    """One clause of an event sentence and the spans of the places it puts events in."""

    start: int
    end: int
    places: tuple[tuple[int, int], ...]
    last_place_end: int  # where its last event place's name ends


def _clauses(text: str, span: tuple[int, int], toponyms: list[Mention],
             actors: list[Mention]) -> list[_Clause]:
    """`span` cut into clauses, one per place that has an event of its own, since ACLED
    codes one event per location: a list of places ("shelled Douma, Harasta and Arbin"),
    or clauses with their own event words ("clashes in A and raids on B", "shells hit A
    while fighting goes on around B"). A place named as an actor's origin, in an actor's
    name ("Fateh al-Sham") or as a speaker's location, a country, a place abroad among
    places at home, or one that only situates another ("A in the B countryside") adds no
    event. Gives one clause holding [span] when there is nothing to split."""
    inside = [t for t in toponyms if span[0] <= t.start and t.end <= span[1]
              and _event_place(text, t)
              and not any(a.start < t.end and t.start < a.end for a in actors)]
    home = _main_country(inside)
    inside = [t for t in inside if _country(t) == home]
    groups: list[list[Mention]] = []  # per clause: its event places in order
    for t in inside:
        prev = groups[-1][-1] if groups else None
        if prev is None:
            groups.append([t])
        elif any(
                t.value == e.value for g in groups for e in g):
            continue  # a place named again, or abroad: no second event
        elif _RELATIVE.match(text, prev.end, t.start):
            continue  # "clashes at A north of B": B only says where A is
        elif _LISTED.match(text, prev.end, t.start) and (
                _same_level(prev, t) or _AND_LISTED.match(text, prev.end, t.start)):
            groups[-1].append(t)
        elif _words().and_at.match(text, prev.end, t.start) or (
                _words().new_event.search(text, prev.end, t.start)
                and _words().locative_before.search(
                    text, max(prev.end, t.start - _LOCATIVE_WINDOW), t.start)):
            groups.append([t])
    if sum(len(g) for g in groups) < 2:
        return [_Clause(span[0], span[1], (span,), span[1])]
    bounds = [span[0]] + [g[-1].end for g in groups[:-1]] + [span[1]]
    clauses = []
    for i, group in enumerate(groups):
        start, end = bounds[i], bounds[i + 1]
        if len(group) == 1:
            places = ((start, end),)
        else:
            starts = [start] + [t.end for t in group[:-1]]
            ends = [t.end for t in group[:-1]] + [end]
            places = tuple(zip(starts, ends, strict=True))
        clauses.append(_Clause(start, end, places, group[-1].end))
    return clauses


def _main_country(places: list[Mention]) -> str:
    """The country most of a sentence's places are in (the first's on a tie): a lone
    homonym abroad among them is a misreading, not a second event."""
    counts = Counter(_country(t) for t in places)
    return max(counts, key=lambda c: (counts[c], -places.index(
        next(t for t in places if _country(t) == c))), default="")


def _country(m: Mention) -> str:
    return getattr(m.value, "country_code", "") or ""


def _event_place(text: str, m: Mention) -> bool:
    place = m.value
    if place is None or getattr(place, "feature_code", "").startswith(("PCL", "CONT")):
        return False
    before = text[max(0, m.start - 30):m.start]
    words = _words()
    return not (words.origin_before.search(before) or words.not_event_after.match(text, m.end))


def _same_level(a: Mention, b: Mention) -> bool:
    # "Aleppo, Syria" names one place and its country, not two places.
    pa, pb = a.value, b.value
    if getattr(pa, "geonameid", None) == getattr(pb, "geonameid", None):
        return False
    if getattr(pa, "feature_class", "") == getattr(pb, "feature_class", "") == "P":
        return True
    return getattr(pa, "feature_code", "") == getattr(pb, "feature_code", "")


def _country_code(location: Location | None) -> str | None:
    if location is None:
        return None
    place = location.mention.value if location.mention is not None else None
    return getattr(place, "country_code", None) or None

