"""ACLED taxonomy: the 25 sub-event types, their event and disorder types, interaction codes."""

from __future__ import annotations

import pytest

from conflictwire import taxonomy as tx


def test_six_event_types_and_twenty_five_sub_event_types() -> None:
    assert len(tx.EVENT_TYPES) == 6
    assert len(tx.SUB_EVENT_TYPES) == 25
    assert len(set(tx.SUB_EVENT_TYPES)) == 25


@pytest.mark.parametrize(
    ("sub", "event", "disorder"),
    [
        ("Armed clash", "Battles", "Political violence"),
        ("Air/drone strike", "Explosions/Remote violence", "Political violence"),
        ("Abduction/forced disappearance", "Violence against civilians", "Political violence"),
        ("Peaceful protest", "Protests", "Demonstrations"),
        ("Excessive force against protesters", "Protests", "Political violence; Demonstrations"),
        ("Violent demonstration", "Riots", "Demonstrations"),
        ("Mob violence", "Riots", "Political violence"),
        ("Looting/property destruction", "Strategic developments", "Strategic developments"),
    ],
)
def test_event_and_disorder_type_of_a_sub_event_type(sub: str, event: str, disorder: str) -> None:
    assert tx.event_type(sub) == event
    assert tx.disorder_type(sub) == disorder


def test_unknown_sub_event_type_raises() -> None:
    with pytest.raises(tx.UnknownSubEventType):
        tx.event_type("Skirmish")


def test_eight_actor_categories() -> None:
    assert sorted(tx.INTER_CODES) == list(range(1, 9))
    assert tx.INTER_CODES[tx.CIVILIANS] == "Civilians"


@pytest.mark.parametrize(
    ("inter1", "inter2", "code"),
    [(1, 7, 17), (7, 1, 17), (2, 1, 12), (6, None, 60), (None, 3, 30), (1, 1, 11),
     (None, None, None)],
)
def test_interaction_code(inter1: int | None, inter2: int | None, code: int | None) -> None:
    assert tx.interaction(inter1, inter2) == code
