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
from .roles import CIVILIAN_TARGETING, Roles, assign_roles, interaction_code

__all__ = [
    "CIVILIAN_TARGETING", "COUNTRY_GENERIC", "DATA_FILE", "STATE_GENERIC", "Actor",
    "ActorDataError", "ActorLexicon", "Roles", "assign_roles", "find_actors", "interaction_code",
]
