"""Actors in event sentences: the dictionary and its matching, and their ACLED roles."""

from .lexicon import (
    COUNTRY_GENERIC,
    DATA_FILE,
    STATE_GENERIC,
    Actor,
    ActorDataError,
    ActorLexicon,
    find_actors,
)
from .roles import (
    CIVILIAN_TARGETING,
    Roles,
    Sides,
    assign_roles,
    attributes,
    carry,
    claimed_by,
    home_country,
    interaction_code,
    read_sides,
    resolve,
)

__all__ = [
    "CIVILIAN_TARGETING", "COUNTRY_GENERIC", "DATA_FILE", "STATE_GENERIC", "Actor",
    "ActorDataError", "ActorLexicon", "Roles", "Sides", "assign_roles", "attributes", "carry",
    "claimed_by", "find_actors", "home_country", "interaction_code", "read_sides", "resolve",
]
