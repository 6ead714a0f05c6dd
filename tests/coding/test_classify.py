"""Sentence classification: trigger lexicon, codebook constraints, the packaged model."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from conflictwire import taxonomy as tx
from conflictwire.coding.classify import Classifier, find_triggers
from conflictwire.coding.classify.examples import CODES, NO_EVENT, load_examples, training_dir
from conflictwire.coding.classify.rules import constrain
from conflictwire.coding.classify.train import LABELS
from conflictwire.errors import ModelError
from conflictwire.settings import packaged_settings


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier.load()


def test_triggers_name_their_type_and_offsets() -> None:
    sentence = "Militants fired mortars at the base, then a roadside bomb exploded."
    hits = find_triggers(sentence, offset=100)
    kinds = {m.value for m in hits.triggers}
    assert tx.SHELLING in kinds and tx.REMOTE_EXPLOSIVE in kinds
    for m in hits.triggers:
        assert sentence[m.start - 100:m.end - 100] == m.text
        assert m.kind == "trigger"
    assert [m.start for m in hits.triggers] == sorted(m.start for m in hits.triggers)


def test_cues_describe_arguments() -> None:
    assert "civilian" in find_triggers("Gunmen shot two farmers.").cues
    assert "disaster" in find_triggers("The flood killed twelve people.").cues


def test_no_trigger_no_event(classifier: Classifier) -> None:
    label = classifier.classify("The weather was mild and the shops were open.")
    assert label.sub_event_type is None and label.trigger is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Jets belonging to the air force bombed a rebel training camp near the lake.",
         tx.AIR_STRIKE),
        ("A bomber wearing an explosive belt blew himself up outside the police academy.",
         tx.SUICIDE_BOMB),
        ("Insurgents lobbed a grenade into the checkpoint, wounding a guard.", tx.GRENADE),
        ("Dozens of nurses marched to the health ministry to demand overdue pay.",
         tx.PEACEFUL_PROTEST),
        ("Officers fired tear gas to scatter the students blocking the avenue.",
         tx.PROTEST_INTERVENTION),
        ("Kidnappers seized four engineers from their camp and asked for a ransom.",
         tx.ABDUCTION),
        ("The army and the rebels fought for hours near the river crossing.", tx.ARMED_CLASH),
        ("Police officers detained the spokesman of the separatist movement.", tx.ARRESTS),
    ],
)
def test_clear_sentences_get_their_type(classifier: Classifier, sentence: str,
                                         expected: str) -> None:
    label = classifier.classify(sentence)
    assert label.sub_event_type == expected
    assert 0.0 < label.confidence <= 1.0
    assert label.trigger is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "A landslide after the storm killed nine villagers in the hills.",
        "The visitors attacked down the left wing and scored twice before half-time.",
        "The finance minister will present the budget to parliament on Tuesday.",
    ],
)
def test_non_events_give_no_event(classifier: Classifier, sentence: str) -> None:
    assert classifier.classify(sentence).sub_event_type is None


def test_confidences_are_probabilities(classifier: Classifier) -> None:
    label = classifier.classify("Rebels shelled the town centre, killing a shopkeeper.")
    assert sum(p for _, p in label.ranked) <= 1.0 + 1e-6
    assert label.event_probability >= label.confidence


def test_constraints_damp_types_whose_trigger_is_absent() -> None:
    labels = (NO_EVENT, tx.CHEMICAL, tx.SHELLING)
    hits = find_triggers("Shells hit the market.")
    out = constrain(np.array([0.1, 0.45, 0.45]), labels, hits)
    assert out[2] > out[1] and abs(out.sum() - 1.0) < 1e-9


def test_training_examples_cover_every_type() -> None:
    examples = load_examples(training_dir())
    labels = {label for _, label, _ in examples}
    assert labels == set(CODES.values())
    assert set(LABELS) == labels


def test_broken_model_file_raises(tmp_path: Path) -> None:
    bad = tmp_path / "model.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(ModelError):
        Classifier.load(bad)


def test_thresholds_and_damping_come_from_the_classify_settings(classifier: Classifier) -> None:
    packaged = packaged_settings().classify
    sentence = "Rebels shelled the town centre, killing a shopkeeper."
    assert classifier.classify(sentence).sub_event_type is not None
    never = replace(packaged, threshold=1.01)  # no probability of an event reaches it
    assert classifier.classify(sentence, settings=never).sub_event_type is None
    labels = (NO_EVENT, tx.CHEMICAL, tx.SHELLING)
    hits = find_triggers("Shells hit the market.")
    probs = np.array([0.1, 0.45, 0.45])
    undamped = constrain(probs, labels, hits, settings=replace(packaged, damping=1.0))
    assert undamped[1] == undamped[2] and constrain(probs, labels, hits)[1] < undamped[1]
