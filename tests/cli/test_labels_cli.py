"""The `labels export` and `labels stats` commands: score.py rows, counts, the defaults for
the two folders, and clear errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import conflictwire.cli  # noqa: F401  (registers every command)
import labels_fixture as fx
from conflictwire.cli.app import app
from conflictwire.errors import LabelDataMissing


def _roots(tmp_path):
    return fx.write_labels(tmp_path / "labels"), fx.write_data(tmp_path / "data")


def test_export_writes_score_rows_of_one_split(tmp_path):
    labels, data = _roots(tmp_path)
    out = tmp_path / "rows.jsonl"
    result = CliRunner().invoke(app, ["labels", "export", "--split", "dev", "--labels",
                                      str(labels), "--data", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [r["item"] for r, _ in fx.DEV_LABELS]
    assert all(set(r) == {"id", "text", "sub_event_type"} for r in rows)
    assert rows[4] == {"id": "d-05", "text": "ambushed an army patrol",
                       "sub_event_type": "Armed clash"}


def test_export_defaults_to_labels_here_and_the_data_variable(tmp_path, monkeypatch):
    labels, data = _roots(tmp_path)
    (tmp_path / "labels" / "events").mkdir()
    for path in labels.glob("*.jsonl"):
        path.rename(tmp_path / "labels" / "events" / path.name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CONFLICTWIRE_DATA", str(data))
    result = CliRunner().invoke(app, ["labels", "export"])
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert len(ids) == len(fx.TRAIN_LABELS) + len(fx.DEV_LABELS)


def test_export_refuses_an_unknown_split(tmp_path):
    labels, data = _roots(tmp_path)
    result = CliRunner().invoke(app, ["labels", "export", "--split", "test", "--labels",
                                      str(labels), "--data", str(data)])
    assert result.exit_code == 2
    assert "--split" in result.output


def test_stats_prints_counts_per_set_split_and_type(tmp_path):
    labels, data = _roots(tmp_path)
    result = CliRunner().invoke(app, ["labels", "stats", "--labels", str(labels), "--data",
                                      str(data)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert next(x for x in lines if x.startswith(fx.TRAIN_SET)).split()[1:] == ["7", "3", "4",
                                                                              "1"]
    assert next(x for x in lines if x.startswith("dev ")).split()[1:] == ["6", "2", "4", "0"]
    assert next(x for x in lines if x.startswith("Attack")).split()[1:] == ["1", "1"]


def test_a_missing_data_folder_is_a_clear_error(tmp_path):
    labels, _ = _roots(tmp_path)
    result = CliRunner().invoke(app, ["labels", "stats", "--labels", str(labels), "--data",
                                      str(tmp_path / "nowhere")])
    assert result.exit_code != 0
    assert isinstance(result.exception, LabelDataMissing)
    assert "nowhere" in str(result.exception)
