"""The labelled-passage loader: every source format the labels use, the checks that refuse a
label whose passage is gone or changed, the splits, and the real labels in ../shared/data."""

from __future__ import annotations

import hashlib
import json

import pytest

import labels_fixture as fx
from conflictwire.coding.classify import labelled
from conflictwire.coding.classify.labelled import (
    SPLITS,
    LabelledPassage,
    label_sets,
    load_labels,
    score_rows,
    split,
    tally,
)
from conflictwire.errors import (
    ConflictwireError,
    LabelDataMissing,
    LabelError,
    LabelRecordMissing,
    LabelSourceMissing,
    LabelTextMismatch,
)
from paths import REPO, need_shared


@pytest.fixture()
def roots(tmp_path):
    return fx.write_labels(tmp_path / "labels"), fx.write_data(tmp_path / "data")


def test_every_format_gives_the_labelled_passage(roots):
    passages = load_labels(*roots)
    # Sets in name order, items in file order.
    assert sorted([fx.DEV_SET, fx.TRAIN_SET]) == [fx.DEV_SET, fx.TRAIN_SET]
    expected = fx.DEV_LABELS + fx.TRAIN_LABELS
    assert [p.item for p in passages] == [row["item"] for row, _ in expected]
    assert {p.item: p.text for p in passages} == {row["item"]: text for row, text in expected}


def test_the_label_fields_are_carried(roots):
    by_item = {p.item: p for p in load_labels(*roots)}
    assert by_item["t-01"] == LabelledPassage(
        item="t-01", set_name=fx.TRAIN_SET, text="Two houses burned.",
        sub_event_type="Shelling/artillery/missile attack",
        other_types=("Looting/property destruction",), negative_kind=None, hard_negative=False,
        tags=("alleged",), actor1="Militia (Testland)", assoc_actor_1="", actor2="",
        assoc_actor_2="", reason="", file="wire.jsonl.gz", record="w-1")
    assert by_item["t-04"].record == "17" and by_item["t-04"].hard_negative
    assert by_item["t-04"].sub_event_type is None and by_item["t-04"].negative_kind == "other"
    assert by_item["d-01"].split == "dev" and by_item["t-01"].split == "train"


def test_each_source_file_is_read_once(roots, monkeypatch):
    calls = []
    real = labelled._read_text
    monkeypatch.setattr(labelled, "_read_text", lambda path: calls.append(path) or real(path))
    load_labels(*roots)
    assert len(calls) == len(set(calls)) == len(fx.FILES)


def test_sets_selects_label_files(roots):
    dev_only = load_labels(*roots, sets=[fx.DEV_SET])
    assert {p.set_name for p in dev_only} == {fx.DEV_SET}
    assert len(dev_only) == len(fx.DEV_LABELS)
    with pytest.raises(LabelError, match="no label set nothing"):
        load_labels(*roots, sets=["nothing"])


def _one(tmp_path, row: dict) -> tuple:
    labels = fx.write_labels(tmp_path / "labels", {fx.TRAIN_SET: [row]})
    return labels, fx.write_data(tmp_path / "data")


def _row(item: str) -> dict:
    return dict(next(r for r, _ in fx.TRAIN_LABELS + fx.DEV_LABELS if r["item"] == item))


def test_a_changed_text_fails_on_its_sha1(tmp_path):
    row = _row("t-01") | {"sha1": fx.sha1("Two houses burnt.")}
    with pytest.raises(LabelTextMismatch) as exc:
        load_labels(*_one(tmp_path, row))
    assert "t-01" in str(exc.value) and "wire.jsonl.gz" in str(exc.value)
    assert "w-1" in str(exc.value)


def test_offsets_past_the_text_fail(tmp_path):
    row = _row("t-04") | {"end": 10_000}
    with pytest.raises(LabelTextMismatch, match="t-04.*docs.jsonl.gz record 17"):
        load_labels(*_one(tmp_path, row))


def test_a_missing_record_fails_naming_item_file_and_record(tmp_path):
    row = _row("t-05") | {"record": "RPT-9999"}
    with pytest.raises(LabelRecordMissing, match="t-05.*reports.json.gz record RPT-9999"):
        load_labels(*_one(tmp_path, row))


@pytest.mark.parametrize("record", ["line:9", "w-2#3"])
def test_a_line_or_occurrence_beyond_the_file_fails(tmp_path, record):
    base = _row("d-05") if record.startswith("line") else _row("t-03")
    with pytest.raises(LabelRecordMissing, match=record):
        load_labels(*_one(tmp_path, base | {"record": record}))


def test_a_repeated_id_with_different_texts_must_say_which(tmp_path):
    row = _row("t-03") | {"record": "w-2"}
    with pytest.raises(LabelRecordMissing, match="w-2#N"):
        load_labels(*_one(tmp_path, row))


def test_a_missing_source_file_fails(tmp_path):
    row = _row("t-05") | {"file": "reports_v2.json.gz"}
    with pytest.raises(LabelSourceMissing, match="reports_v2.json.gz.*t-05"):
        load_labels(*_one(tmp_path, row))


def test_an_unknown_field_fails(tmp_path):
    row = _row("t-05") | {"field": "body"}
    with pytest.raises(LabelError, match="no text field 'body'"):
        load_labels(*_one(tmp_path, row))


def test_a_missing_data_root_fails_clearly(tmp_path):
    labels = fx.write_labels(tmp_path / "labels")
    with pytest.raises(LabelDataMissing, match="CONFLICTWIRE_DATA") as exc:
        load_labels(labels, tmp_path / "absent")
    assert isinstance(exc.value, ConflictwireError)


def test_a_broken_label_line_fails_with_its_line(tmp_path):
    labels = fx.write_labels(tmp_path / "labels")
    with (labels / f"{fx.DEV_SET}.jsonl").open("a") as f:
        f.write('{"item": "d-99", "file": "x"}\n')
    with pytest.raises(LabelError, match=f"{fx.DEV_SET}.jsonl line {len(fx.DEV_LABELS) + 1}"):
        load_labels(labels, fx.write_data(tmp_path / "data"))


def test_split_and_score_rows(roots):
    passages = load_labels(*roots)
    dev = split(passages, "dev")
    assert [p.item for p in dev] == [r["item"] for r, _ in fx.DEV_LABELS]
    assert len(split(passages, "train")) == len(fx.TRAIN_LABELS)
    with pytest.raises(LabelError, match="no split 'test'"):
        split(passages, "test")
    rows = score_rows(dev)
    assert rows[1] == {"id": "d-02", "text": fx.GOLD[0]["text"], "sub_event_type": "Attack"}
    assert rows[0]["sub_event_type"] is None


def test_tally_counts_sets_splits_and_types(roots):
    counts = tally(load_labels(*roots))
    assert counts["sets"][fx.TRAIN_SET] == {"items": 7, "events": 3, "negatives": 4, "hard": 1}
    assert counts["splits"]["dev"] == {"items": 6, "events": 2, "negatives": 4, "hard": 0}
    assert counts["types"]["Attack"] == {"train": 1, "dev": 1}
    assert counts["types"]["no event"] == {"train": 4, "dev": 4}


def test_the_splits_cover_every_real_set_once():
    named = [s for sets in SPLITS.values() for s in sets]
    assert sorted(named) == label_sets(REPO / "labels" / "events")
    assert len(named) == len(set(named))


def test_every_real_label_finds_its_passage():
    data = need_shared()
    folder = REPO / "labels" / "events"
    rows = [json.loads(line) for path in sorted(folder.glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    passages = load_labels(folder, data)
    assert len(passages) == len(rows) >= 6110
    text = {p.item: p.text for p in passages}
    with_sha1 = [r for r in rows if r.get("sha1")]
    assert len(with_sha1) > 4000
    wrong = [r["item"] for r in with_sha1
             if not hashlib.sha1(text[r["item"]].encode("utf-8")).hexdigest().startswith(r["sha1"])]
    assert not wrong
    assert all(p.text.strip() for p in passages)
    assert len(split(passages, "dev")) + len(split(passages, "train")) == len(passages)
