"""Name matching without the automaton: a short text's keys looked up in the gazetteer's key
table give exactly what the automaton gives, and the automaton loads only when it pays."""

from __future__ import annotations

import pytest

from conflictwire.geo.gazetteer import Gazetteer
from conflictwire.geo.gazetteer import index as gazetteer_index
from conflictwire.geo.gazetteer.normalise import fold_text
from geo_fixture import small_gazetteer

TEXTS = [
    "Jets struck Mosul and Tal Afar; the Baghdad government said Mosul was calm.",
    "Fighting near Tall 'Afar, west of Mosul, in Nineveh province (Iraq).",
    "Cambridge, Massachusetts: students marched from Cambridge to Boston.",
    "A convoy left Ar Raqqah for Aleppo, Syria, on Monday.",
    "Nothing here names a place at all.",
    "MOSUL, Iraq (Reuters) - Aleppo Aleppo Aleppo.",
]


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory):
    return small_gazetteer(tmp_path_factory.mktemp("gaz"))


@pytest.mark.parametrize("text", TEXTS)
def test_key_lookups_match_the_automaton(gazetteer, text):
    folded = fold_text(text).folded
    fresh = Gazetteer.open(gazetteer.path)
    by_lookup = fresh.matches(folded)
    assert fresh._automaton is None  # answered without loading it
    by_automaton = sorted(gazetteer.automaton.iter(folded))
    assert by_lookup == by_automaton
    if "Mosul" in text:
        assert by_lookup  # the comparison is not between two empty lists


def test_the_automaton_loads_for_long_texts_and_after_many_short_ones(gazetteer, monkeypatch):
    fresh = Gazetteer.open(gazetteer.path)
    long_text = fold_text(" ".join(["Mosul"] * (gazetteer_index.SQL_MATCH_WORDS + 1))).folded
    assert len(fresh.matches(long_text)) == gazetteer_index.SQL_MATCH_WORDS + 1
    assert fresh._automaton is not None
    monkeypatch.setattr(gazetteer_index, "SQL_MATCH_TEXTS", 3)
    fresh = Gazetteer.open(gazetteer.path)
    for _ in range(3):
        fresh.matches(fold_text(TEXTS[0]).folded)
    assert fresh._automaton is None
    fresh.matches(fold_text(TEXTS[0]).folded)
    assert fresh._automaton is not None
