"""Merging the event mentions of one article into events, ACLED-style.

ACLED codes one event per location, day and pair of actors: repeated mentions of the same
event (headline, lead, a later detail sentence) become one event, and a follow-up sentence
can refine its type (a protest that police dispersed is a protest with intervention).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from .. import taxonomy as tx
from ..models import Location, Mention
from ..settings import CodingSettings, packaged_settings
from .coreference import claims_a_toll, names_who_did_it, revises_toll


@dataclass(frozen=True)
class Draft:
    """One event mention in an article, with its arguments, before merging."""

    sub_event_type: str
    confidence: float
    unit: int  # position in the article: 0 the title (if any), then sentences
    start: int
    end: int
    evidence: str
    trigger: Mention | None = None
    event_date: date | None = None
    time_precision: int = 1
    location: Location | None = None
    fatalities: int = 0
    roles: Any = None  # conflictwire.coding.actors.Roles
    tags: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    last_unit: int = -1
    generic: bool = False  # typed only by words like "killed", not by a weapon or act
    dated: bool = False  # the sentence itself gives the date (not the publication date)
    anaphoric: bool = False  # opens with "The strike ..."/"The attack ...": same event
    headline: bool = False  # from the article's title, or an event its title tells
    aggregate: bool = False  # a total over a period or an area, not one event
    detail: bool = False  # only tells more of an event told before: joins one or is dropped
    another: bool = False  # opens "In a separate incident": joins no event told before

    @property
    def event_type(self) -> str:
        return tx.event_type(self.sub_event_type)


# When two mentions are one event, which sub-event type the event gets (codebook
# precedence: a demonstration turned violent is a riot; police intervention or lethal
# force defines the protest type; a change of territory subsumes the clash).
_PROTEST_RANK = {
    tx.PEACEFUL_PROTEST: 0, tx.PROTEST_INTERVENTION: 1, tx.EXCESSIVE_FORCE: 3,
    tx.VIOLENT_DEMONSTRATION: 2, tx.ARRESTS: 1,
}
_SPECIFIC_OVER: dict[str, frozenset[str]] = {
    tx.SUICIDE_BOMB: frozenset({tx.REMOTE_EXPLOSIVE, tx.ATTACK, tx.ARMED_CLASH}),
    tx.CHEMICAL: frozenset({tx.SHELLING, tx.AIR_STRIKE, tx.ATTACK}),
    tx.GOV_REGAINS: frozenset({tx.ARMED_CLASH}),
    tx.NSA_OVERTAKES: frozenset({tx.ARMED_CLASH}),
    tx.NONVIOLENT_TRANSFER: frozenset({tx.ARMED_CLASH}),
    tx.EXCESSIVE_FORCE: frozenset({tx.ATTACK}),
}
_VIOLENT = frozenset({tx.BATTLES, tx.EXPLOSIONS, tx.VIOLENCE_AGAINST_CIVILIANS})
_VS_CIVILIANS = frozenset(tx.EVENT_TYPES[tx.VIOLENCE_AGAINST_CIVILIANS])


def merged_type(first: str, second: str) -> str | None:
    """The sub-event type of one event mentioned as `first` then `second`; None if these
    cannot be one event."""
    if first == second:
        return first
    for a, b in ((first, second), (second, first)):
        if b in _SPECIFIC_OVER.get(a, ()):
            return a
    if {first, second} <= _VS_CIVILIANS:
        return first  # killed and abducted in one raid: the first-told (headline) type
    if first in _PROTEST_RANK and second in _PROTEST_RANK:
        if tx.PEACEFUL_PROTEST not in (first, second) and tx.ARRESTS in (first, second):
            return None  # an arrest beside a riot is not what made the protest
        winner = max(first, second, key=_PROTEST_RANK.__getitem__)
        return tx.PROTEST_INTERVENTION if winner == tx.ARRESTS else winner
    return None


def merge(drafts: list[Draft], *, settings: CodingSettings | None = None) -> list[Draft]:
    """Drafts (in article order) merged into one draft per event, earliest mention first;
    `settings` (how many sentences apart mentions may join) default to the packaged
    [coding] settings.

    The headline is evidence for the event the body tells, not an event of its own: each
    headline draft joins the body's event at its place, else the lead event, adding its
    type, actors and place (see `_with_headline`); it stands alone only when the body
    tells no event it can be. Totals (`Draft.aggregate`) join nothing and nothing joins them;
    a detail (`Draft.detail`) joins the latest event it can be, or is dropped.
    """
    settings = settings or packaged_settings().coding
    events: list[Draft] = []
    for d in drafts:
        if d.headline or d.aggregate:
            continue
        for i in reversed(range(len(events))) if d.detail else range(len(events)):
            joined = _join(events[i], d, settings)
            if joined is not None:
                events[i] = joined
                break
        else:
            if not d.detail:
                events.append(replace(d, last_unit=d.unit))
    alone: list[Draft] = []
    for h in (d for d in drafts if d.headline and not d.aggregate):
        i = _headline_target(events, h, settings)
        if i is None:
            alone.append(replace(h, last_unit=h.unit))
        else:
            events[i] = _with_headline(events[i], h)
    totals = [replace(d, last_unit=d.unit) for d in drafts if d.aggregate]
    return alone + events + totals


def _headline_target(events: list[Draft], h: Draft, settings: CodingSettings) -> int | None:
    """Which body event a headline draft tells: the first at its place with a type it can
    be, else the first at its place, else the lead when the body tells it among its first
    [coding] headline_lead sentences in the headline's country (a headline's place is often
    vague: "northwest Syria", and a country it names is often the actor's: "strikes by
    Turkey"); None when it tells none of them."""
    placed = [i for i, e in enumerate(events)
              if h.location is not None and e.location is not None
              and _same_place(e.location, h.location, near=False)]
    typed = [i for i in placed if merged_type(events[i].sub_event_type, h.sub_event_type)
             is not None or (h.generic and events[i].event_type in _VIOLENT)]
    if typed or placed:
        return (typed or placed)[0]
    lead = min(range(len(events)), key=lambda i: events[i].unit, default=None)
    if lead is not None and events[lead].unit - h.unit <= settings.headline_lead and (
            _same_country(events[lead].location, h.location) or _a_country(h.location)):
        return lead
    return None


def _a_country(loc: Location | None) -> bool:
    """A place that is a whole country: in a headline often the actor's ("... by Turkey")."""
    return loc is not None and loc.geo_precision == 3 and bool(loc.country) and \
        _fold(loc.name) == _fold(loc.country)


def _with_headline(e: Draft, h: Draft) -> Draft:
    """Event `e` of the body with what its headline `h` says. The type the two can share
    wins; where they differ within one event type, a headline that names its weapon or act
    (not only "killed") and is as sure as the body types the event ("coalition air strike"
    over the "car-bomb workshop" it hit). A headline that names the actor attributes it."""
    kind = merged_type(h.sub_event_type, e.sub_event_type)  # the headline is told first
    if kind is None or tx.event_type(kind) != e.event_type:
        # The body's event type stands ("protesters march" is no riot because a headline
        # of two events was typed by its clash); within it, the headline may say more.
        headline_types = (not h.generic and h.event_type == e.event_type
                          and h.confidence >= e.confidence)
        kind = h.sub_event_type if headline_types else e.sub_event_type
    # The headline says who did it in the fewest words; the body's sentence often names a
    # source too ("Iraqi officials said"), which role assignment may take for the actor.
    # Its actors are for its own type ("protesters" are no side of a clash).
    roles = e.roles
    if h.event_type == e.event_type and (_has_actor(h.roles) or not _has_actor(e.roles)):
        roles = h.roles
    placed = _same_place(e.location, h.location, near=False)
    return replace(
        e,
        sub_event_type=kind,
        confidence=max(e.confidence, h.confidence),
        location=_finer(e.location, h.location) if placed else e.location or h.location,
        fatalities=max(e.fatalities, h.fatalities),
        roles=roles,
        tags=tuple(dict.fromkeys(e.tags + h.tags)),
        mentions=h.mentions + e.mentions,
        generic=e.generic and h.generic,
        event_date=e.event_date if e.dated or not h.dated else h.event_date,
        time_precision=e.time_precision if e.dated or not h.dated else h.time_precision,
        dated=e.dated or h.dated,
        headline=True,
    )


def _join(e: Draft, d: Draft, settings: CodingSettings) -> Draft | None:
    if d.another and d.unit > e.last_unit:
        return None
    near = d.unit - e.last_unit <= settings.join_window
    kind = merged_type(e.sub_event_type, d.sub_event_type)
    follow_up = False  # a casualty sentence typed only by "killed" that details the event
    if kind is None and d.generic and near and e.event_type in _VIOLENT:
        kind, follow_up = e.sub_event_type, True
    if kind is None and e.generic and near and d.event_type in _VIOLENT:
        kind, follow_up = d.sub_event_type, True
    continues = (d.anaphoric or d.detail) and d.unit - e.last_unit <= settings.continue_window
    if kind is None and continues and d.event_type == e.event_type:
        kind = e.sub_event_type  # "The strike targeted ...": told first, told best
    if kind is None:
        return None
    if not continues and not _same_place(e.location, d.location, near):
        return None
    if e.dated and d.dated and e.event_date != d.event_date and not d.detail:
        return None  # a detail told with the day its toll was revised is the same event
    if not follow_up and not _same_actors(e.roles, d.roles):
        return None
    return replace(
        e,
        sub_event_type=kind,
        confidence=max(e.confidence, d.confidence),
        location=e.location if continues else _finer(e.location, d.location),
        fatalities=_toll(e, d),
        roles=_roles(e, d),
        tags=tuple(dict.fromkeys(e.tags + d.tags)),
        mentions=e.mentions + d.mentions,
        last_unit=max(e.last_unit, d.unit),
        generic=e.generic and d.generic,
        event_date=e.event_date if e.dated or not d.dated else d.event_date,
        time_precision=e.time_precision if e.dated or not d.dated else d.time_precision,
        dated=e.dated or d.dated,
    )


def _toll(e: Draft, d: Draft) -> int:
    """The toll of event `e` told again in `d`: the larger (a later sentence tells more of
    the dead, or revises the toll); but the perpetrator's claim ("the group's statement said
    nearly 50 died") only fills a missing toll, since ACLED takes the lowest credible one."""
    if claims_a_toll(d.evidence) and not revises_toll(d.evidence):
        return e.fatalities or d.fatalities
    return max(e.fatalities, d.fatalities)


def _roles(e: Draft, d: Draft) -> Any:
    """The actors of event `e` told again in `d`: the first named. A detail sentence names
    the actor only when it says who did it ("X claimed responsibility"), not when it names
    its source ("a police colonel said")."""
    if _has_actor(e.roles) or (d.detail and not names_who_did_it(d.evidence)):
        return e.roles
    return d.roles


def _same_place(a: Location | None, b: Location | None, near: bool) -> bool:
    if a is None or b is None:
        return near or a is b
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if a.name == b.name:
        return True
    # "Idlib" (the city, or the province it names) and a town in Idlib province.
    if a.iso == b.iso and (_inside(a, b) or _inside(b, a)):
        return True
    # A country- or region-level place contains the precise one in the same country, but a
    # province does not contain another province or its towns ("shelling hit Homs province
    # and Deir ez-Zor governorate" is two events).
    if not (a.iso and a.iso == b.iso):
        return False
    return any(outer.geo_precision == 3 and _same_admin1(outer, inner)
               for outer, inner in ((a, b), (b, a)))


def _same_admin1(region: Location, other: Location) -> bool:
    """Whether `other` may lie in the admin1 area `region` is in (yes when either one's
    admin1 is unknown, or `region` is a whole country)."""
    keys = [_admin1_key(region), _admin1_key(other)]
    if None not in keys:
        return keys[0] == keys[1]
    names = [_fold(region.admin1), _fold(other.admin1)]
    return "" in names or names[0] == names[1]


def _admin1_key(loc: Location) -> tuple[str, str] | None:
    place = loc.mention.value if loc.mention is not None else None
    code = getattr(place, "admin1_code", "")
    if not code or getattr(place, "feature_code", "").startswith("PCL"):
        return None
    return place.country_code, code


def _same_country(a: Location | None, b: Location | None) -> bool:
    return a is None or b is None or (bool(a.iso) and a.iso == b.iso)


def _finer(a: Location | None, b: Location | None) -> Location | None:
    if a is None or b is None:
        return a or b
    if _inside(a, b) and _fold(a.name) != _fold(b.name):
        return b  # a town in the province that `a` names
    return b if b.geo_precision < a.geo_precision else a


def _fold(name: str) -> str:
    """Lower case without accents: "Baghdād" and "Baghdad" are one name."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower())
                   if not unicodedata.combining(c))


def _inside(outer: Location, inner: Location) -> bool:
    """`outer` names the province or district `inner` lies in."""
    return _fold(outer.name) in {_fold(inner.admin1), _fold(inner.admin2)} - {""}


def _has_actor(roles: Any) -> bool:
    # "Unidentified Armed Group (Syria)" is the coder's default, not a named actor.
    return bool(roles is not None and roles.actor1
                and not roles.actor1.startswith("Unidentified"))


def _same_actors(a: Any, b: Any) -> bool:
    if not (_has_actor(a) and _has_actor(b)):
        return True
    return bool(a.actor1 == b.actor1 or {a.actor1, a.actor2} & {b.actor1, b.actor2} - {""})
