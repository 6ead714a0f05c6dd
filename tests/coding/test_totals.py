"""Totals are not events (issue 16): deaths over a period or an area are tagged aggregate."""

from __future__ import annotations

import pytest

from conflictwire.coding.fatalities import count_fatalities
from conflictwire.coding.totals import is_total


def _total(sentence: str, *, places: tuple[str, ...] = ()) -> bool:
    local = tuple(sentence.index(p) for p in places)
    return is_total(sentence, count_fatalities(sentence), local_places=local)


@pytest.mark.parametrize("sentence", [
    "About 4,000 civilians were killed by warplanes in 2016.",
    "The monitor said 3,116 people were killed during the second month of the truce.",
    "More than 500 people have been killed so far this year.",
    "At least 60 civilians were killed in February, the monitor said.",
    "Some 1,200 fighters have been killed since the offensive began.",
    "The group said 90 people were killed in the past three weeks.",
])
def test_a_figure_over_a_period_is_a_total(sentence: str) -> None:
    assert _total(sentence, places=())
    # A place named makes no difference: a month of deaths in a town is still a total.
    assert _total(sentence + " in Aleppo", places=("Aleppo",))


@pytest.mark.parametrize("sentence", [
    "143 people were killed yesterday, including 51 soldiers and 28 civilians.",
    "230 killed yesterday 23/01/2016",
    "Forty people were killed in air strikes in several areas of the country.",
    "Clashes killed 35 fighters across the province on Monday.",
])
def test_a_day_s_count_over_an_area_is_a_total(sentence: str) -> None:
    assert _total(sentence)


@pytest.mark.parametrize(("sentence", "places"), [
    ("An air strike in May killed 12 people in Douma.", ("Douma",)),
    ("Four civilians were killed in Douma, which has been besieged since 2013.", ("Douma",)),
    ("At least 20 people were killed yesterday in Aleppo, including five children.",
     ("Aleppo",)),
    ("Gunmen killed three soldiers at a checkpoint on Monday.", ()),
    ("Ten people were killed in shelling on the town over two days.", ("town",)),
    ("24 militants killed, including 3 commanders, in intensive air strikes on Raqqa",
     ("Raqqa",)),
    ("5 security personnel killed", ()),
])
def test_one_event_s_toll_is_no_total(sentence: str, places: tuple[str, ...]) -> None:
    assert not _total(sentence, places=places)


def test_a_sentence_without_deaths_is_no_total() -> None:
    assert not _total("Rebels shelled the city throughout February.")


@pytest.mark.parametrize("sentence", [
    "The body of a farmer was found in his field on Tuesday.",
    "Police recovered the body of a young woman from the river.",
    "A body was found near the checkpoint.",
])
def test_a_body_found_is_one_dead(sentence: str) -> None:
    assert count_fatalities(sentence).killed == 1
    assert count_fatalities("The body of work was found wanting.").killed == 0


@pytest.mark.parametrize(("sentence", "killed"), [
    ("Five soldiers were killed and 12 militants died in the fighting.", 17),
    ("Troops killed 11 militants; two soldiers also died.", 13),
    ("Gunmen killed 7 villagers, and troops later killed 3 of the gunmen.", 10),
    # One side counted twice, or people whose side is not said: the largest figure stands.
    ("Airstrikes killed 18 people, at least 18 civilians, the monitor said.", 18),
    ("Three gunmen attacked the village, killing five people.", 5),
])
def test_the_dead_of_both_sides_are_added(sentence: str, killed: int) -> None:
    assert count_fatalities(sentence).killed == killed
