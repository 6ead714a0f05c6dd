"""Bad input through `conflictwire run`: each bad input gets a one-line message naming it, is
recorded in the failures table, and the rest of the batch is stored; the exit status is
non-zero only when nothing could be processed."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import conflictwire.cli  # noqa: F401  (registers every command)
from _factories import keyword_coder
from conflictwire import pipeline
from conflictwire.cli.app import app
from conflictwire.store import open_store

GOOD = "Title: Strike\nPublished: 2024-03-04\nSource: Test Wire\n\nAn air strike hit Mosul.\n"
BROKEN_HTML = (
    "<html><head><title>Clash near Idlib</title><meta name='date' content='2024-03-05'>"
    "<body><div><p>Fighters clashed with troops near Idlib on Tuesday, killing three people, "
    "a monitoring group said. Residents fled north as the shelling went on for hours."
    "<div><p>More text <b>never closed <i>tags <table><tr><td>cell"
)


def _bad_files(folder):
    """Name -> (bytes, expected stage) for every kind of bad input the issue lists."""
    return {
        "empty.txt": (b"", "ingest"),
        "blank.txt": (b"   \n\n  \t\n", "ingest"),
        "binary.txt": (bytes(range(256)) * 40, "ingest"),
        "latin1.txt": ("Un caf\u00e9 attaqu\u00e9 \u00e0 Mosul".encode("latin-1"), "ingest"),
        "markup.html": (b"<<<>>></div></div><html><!-- never closed", "extract"),
        "nodate.txt": (b"Title: No date\n\nAn air strike hit Kharkiv overnight.", "date"),
    }


@pytest.fixture
def coder(monkeypatch):
    """The real coder is another stage's; these tests use a small stand-in for it."""
    monkeypatch.setattr(pipeline, "default_coder", lambda resources, settings: keyword_coder)


def _run(*args):
    return CliRunner().invoke(app, ["run", *map(str, args)])


def _write_batch(folder):
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / "broken.html").write_text(BROKEN_HTML)
    for name, (data, _) in _bad_files(folder).items():
        (folder / name).write_bytes(data)
    with (folder / "huge.txt").open("wb") as f:
        f.truncate(50 * 2**20)  # 50 MB: refused by size before it is read
    lines = [
        json.dumps({"id": "j1", "text": "A protest in Kharkiv.", "published": "2024-03-01"}),
        '{"id": "j2", "text": "unterminated',
        json.dumps({"id": "j3", "text": "Clashes in Idlib.", "published": "2024-03-02"}),
    ]
    (folder / "mixed.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def test_a_batch_with_every_kind_of_bad_input(tmp_path, coder):
    folder = _write_batch(tmp_path / "in")
    db = tmp_path / "db.duckdb"
    missing = tmp_path / "no-such-folder"
    result = _run(folder, missing, "--db", db)
    assert result.exit_code == 0, result.output
    lines = result.stderr.strip().splitlines()
    expected = {**{n: s for n, (_, s) in _bad_files(folder).items()},
                "huge.txt": "ingest", "mixed.jsonl:2": "ingest"}
    for name, stage in expected.items():
        hits = [line for line in lines if f"{folder / name}:" in line]
        assert len(hits) == 1, (name, lines)
        assert hits[0].startswith("conflictwire: ")
        assert ("warning" in hits[0]) if stage == "date" else (f"({stage})" in hits[0])
    assert any(str(missing) in line and "no such file" in line for line in lines)
    assert len(lines) == len(expected) + 1  # one line per bad input, nothing else

    with open_store(db, read_only=True) as store:
        failures = {f["input"]: f for f in store.failures(limit=100)}
        assert set(failures) == {str(folder / n) for n in expected if n != "mixed.jsonl:2"} | {
            f"{folder / 'mixed.jsonl'}:2", str(missing)}
        assert "over the 20.0 MB limit" in failures[str(folder / "huge.txt")]["error"]
        assert "binary" in failures[str(folder / "binary.txt")]["error"]
        assert "UTF-8" in failures[str(folder / "latin1.txt")]["error"]
        assert "malformed JSON" in failures[f"{folder / 'mixed.jsonl'}:2"]["error"]
        # Stored: good.txt, the recoverable broken HTML, two good JSON lines, the undated one.
        assert store.counts()["articles"] == 5
        countries = {r["key"] for r in store.stats("country")}
        assert countries == {"Iraq", "Syria", "Ukraine"}

    again = _run(folder, missing, "--db", db)
    assert again.exit_code == 0
    with open_store(db, read_only=True) as store:
        assert store.counts()["articles"] == 5
        assert len(store.failures(limit=100)) == len(failures)  # nothing recorded twice
    assert "5 already stored" in again.stdout


@pytest.mark.parametrize("name", ["empty.txt", "blank.txt", "binary.txt", "latin1.txt",
                                  "markup.html", "huge.txt", "missing.txt"])
def test_nothing_processable_exits_non_zero(tmp_path, coder, name):
    path = tmp_path / name
    if name == "huge.txt":
        with path.open("wb") as f:
            f.truncate(50 * 2**20)
    elif name != "missing.txt":
        path.write_bytes(_bad_files(tmp_path)[name][0])
    result = _run(path, "--db", tmp_path / "db.duckdb")
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert str(path) in line
    with open_store(tmp_path / "db.duckdb", read_only=True) as store:
        assert [f["input"] for f in store.failures()] == [str(path)]


def test_an_undated_article_is_stored_with_a_warning(tmp_path, coder):
    path = tmp_path / "nodate.txt"
    path.write_bytes(_bad_files(tmp_path)["nodate.txt"][0])
    result = _run(path, "--db", tmp_path / "db.duckdb")
    assert result.exit_code == 0
    assert f"warning: {path}: no publication date" in result.stderr
    with open_store(tmp_path / "db.duckdb", read_only=True) as store:
        assert store.counts()["articles"] == 1
        assert store.failures()[0]["stage"] == "date"


def test_malformed_json_line_among_good_ones_from_stdin(tmp_path, coder):
    text = "\n".join([
        json.dumps({"id": "s1", "text": "An air strike hit Mosul.", "published": "2024-03-04"}),
        "{not json",
        json.dumps({"id": "s2", "text": "Clashes in Idlib.", "published": "2024-03-04"}),
    ])
    result = CliRunner().invoke(app, ["run", "-", "--db", str(tmp_path / "db.duckdb")],
                                input=text)
    assert result.exit_code == 0
    assert "skipped <stdin>:2: malformed JSON line" in result.stderr
    with open_store(tmp_path / "db.duckdb", read_only=True) as store:
        assert store.known_articles(["s1", "s2"]) == {"s1", "s2"}
