"""ACLED's event taxonomy: event types, sub-event types, disorder types and interaction codes.

The strings are exactly ACLED's (codebook, 2019 onwards); every stage that names an event
type imports it from here so a typo cannot create a 26th sub-event type.
"""

from __future__ import annotations

from .errors import ConflictwireError

# Event types.
BATTLES = "Battles"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
EXPLOSIONS = "Explosions/Remote violence"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

# Sub-event types, grouped under their event type in ACLED's order.
ARMED_CLASH = "Armed clash"
GOV_REGAINS = "Government regains territory"
NSA_OVERTAKES = "Non-state actor overtakes territory"
SEXUAL_VIOLENCE = "Sexual violence"
ATTACK = "Attack"
ABDUCTION = "Abduction/forced disappearance"
CHEMICAL = "Chemical weapon"
AIR_STRIKE = "Air/drone strike"
SUICIDE_BOMB = "Suicide bomb"
SHELLING = "Shelling/artillery/missile attack"
REMOTE_EXPLOSIVE = "Remote explosive/landmine/IED"
GRENADE = "Grenade"
PEACEFUL_PROTEST = "Peaceful protest"
PROTEST_INTERVENTION = "Protest with intervention"
EXCESSIVE_FORCE = "Excessive force against protesters"
VIOLENT_DEMONSTRATION = "Violent demonstration"
MOB_VIOLENCE = "Mob violence"
AGREEMENT = "Agreement"
ARRESTS = "Arrests"
CHANGE_TO_GROUP = "Change to group/activity"
DISRUPTED_WEAPONS = "Disrupted weapons use"
HQ_ESTABLISHED = "Headquarters or base established"
LOOTING = "Looting/property destruction"
NONVIOLENT_TRANSFER = "Non-violent transfer of territory"
OTHER = "Other"

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    BATTLES: (ARMED_CLASH, GOV_REGAINS, NSA_OVERTAKES),
    VIOLENCE_AGAINST_CIVILIANS: (SEXUAL_VIOLENCE, ATTACK, ABDUCTION),
    EXPLOSIONS: (CHEMICAL, AIR_STRIKE, SUICIDE_BOMB, SHELLING, REMOTE_EXPLOSIVE, GRENADE),
    PROTESTS: (PEACEFUL_PROTEST, PROTEST_INTERVENTION, EXCESSIVE_FORCE),
    RIOTS: (VIOLENT_DEMONSTRATION, MOB_VIOLENCE),
    STRATEGIC: (
        AGREEMENT, ARRESTS, CHANGE_TO_GROUP, DISRUPTED_WEAPONS, HQ_ESTABLISHED, LOOTING,
        NONVIOLENT_TRANSFER, OTHER,
    ),
}

SUB_EVENT_TYPES: tuple[str, ...] = tuple(s for subs in EVENT_TYPES.values() for s in subs)
EVENT_TYPE_OF: dict[str, str] = {s: e for e, subs in EVENT_TYPES.items() for s in subs}

# Disorder types (ACLED, 2022 onwards).
POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
STRATEGIC_DEVELOPMENTS = "Strategic developments"
POLITICAL_VIOLENCE_DEMONSTRATIONS = "Political violence; Demonstrations"
DISORDER_TYPES: tuple[str, ...] = (
    POLITICAL_VIOLENCE, DEMONSTRATIONS, POLITICAL_VIOLENCE_DEMONSTRATIONS, STRATEGIC_DEVELOPMENTS,
)

_DISORDER_OF_EVENT_TYPE = {
    BATTLES: POLITICAL_VIOLENCE,
    VIOLENCE_AGAINST_CIVILIANS: POLITICAL_VIOLENCE,
    EXPLOSIONS: POLITICAL_VIOLENCE,
    PROTESTS: DEMONSTRATIONS,
    RIOTS: DEMONSTRATIONS,
    STRATEGIC: STRATEGIC_DEVELOPMENTS,
}
# Mob violence is political violence, not a demonstration; excessive force against
# protesters is both (ACLED codebook, "disorder type").
_DISORDER_OF_SUB_EVENT = {
    MOB_VIOLENCE: POLITICAL_VIOLENCE,
    EXCESSIVE_FORCE: POLITICAL_VIOLENCE_DEMONSTRATIONS,
}

# ACLED's eight actor categories (the inter codes) and the "no second actor" code 0.
INTER_CODES: dict[int, str] = {
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}
STATE, REBEL, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = (
    range(1, 9)
)

CIVILIAN_TARGETING = "Civilian targeting"  # the value of ACLED's civilian_targeting column
ARMED_INTER_CODES = frozenset({STATE, REBEL, POLITICAL_MILITIA, IDENTITY_MILITIA, EXTERNAL})


class UnknownSubEventType(ConflictwireError):
    """Not one of ACLED's 25 sub-event types."""


def event_type(sub_event_type: str) -> str:
    """The ACLED event type of a sub-event type; raises UnknownSubEventType."""
    try:
        return EVENT_TYPE_OF[sub_event_type]
    except KeyError:
        raise UnknownSubEventType(sub_event_type) from None


def disorder_type(sub_event_type: str) -> str:
    """The ACLED disorder type of a sub-event type; raises UnknownSubEventType."""
    return _DISORDER_OF_SUB_EVENT.get(
        sub_event_type, _DISORDER_OF_EVENT_TYPE[event_type(sub_event_type)]
    )


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, smaller first (17, 12, 66).

    An event with one actor gets its code times ten (10 for state forces alone, 60 for a
    protest without a counterpart); no actor at all gives None.
    """
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]
