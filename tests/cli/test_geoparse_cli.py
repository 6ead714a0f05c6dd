"""The `geoparse` and `gazetteer` commands: the JSON lines contract and clear errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import conflictwire.cli  # noqa: F401  (registers every command)
from conflictwire.cli.app import app
from conflictwire.errors import GazetteerError
from geo_fixture import PLACES, place_line, write_dump

FIELDS = {"start", "end", "text", "geonameid", "name", "latitude", "longitude", "country_code",
          "feature_code"}


@pytest.fixture(scope="module")
def gazetteer_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dump")
    places = write_dump(folder)
    out = folder / "small.sqlite"
    result = CliRunner().invoke(app, ["gazetteer", "build", str(places), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_geoparse_writes_one_line_per_article(gazetteer_file):
    lines = [{"id": "a1", "text": "Fighting in Mosul and near Tal Afar."},
             {"id": "a2", "text": "Nothing here."}]
    stdin = "".join(json.dumps(x) + "\n" for x in lines)
    result = CliRunner().invoke(app, ["geoparse", "--format", "jsonl", "--gazetteer",
                                      str(gazetteer_file)], input=stdin)
    assert result.exit_code == 0, result.output
    out = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert [o["article_id"] for o in out] == ["a1", "a2"]
    tops = out[0]["toponyms"]
    assert [t["text"] for t in tops] == ["Mosul", "Tal Afar"]
    assert all(set(t) == FIELDS for t in tops)
    assert tops[0]["geonameid"] == 99072 and tops[0]["country_code"] == "IQ"
    text = lines[0]["text"]
    assert all(text[t["start"]:t["end"]] == t["text"] for t in tops)
    assert out[1]["toponyms"] == []


def test_gazetteer_info(gazetteer_file):
    result = CliRunner().invoke(app, ["gazetteer", "info", "--gazetteer", str(gazetteer_file)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"] == "dump:XX.txt"


def test_build_from_a_corrupt_file_fails_cleanly(tmp_path):
    places = write_dump(tmp_path)
    places.write_text(place_line(PLACES[0]) + "\n" + "99\tcut off here\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["gazetteer", "build", str(places), "-o",
                                      str(tmp_path / "g.sqlite")])
    assert result.exit_code != 0
    assert isinstance(result.exception, GazetteerError)
    assert "line 2" in str(result.exception)
    assert not (tmp_path / "g.sqlite").exists()


def test_build_without_the_admin_file_fails_cleanly(tmp_path):
    places = write_dump(tmp_path)
    (tmp_path / "admin1CodesASCII.txt").unlink()
    result = CliRunner().invoke(app, ["gazetteer", "build", str(places), "-o",
                                      str(tmp_path / "g.sqlite")])
    assert isinstance(result.exception, GazetteerError)
    assert "admin1CodesASCII.txt" in str(result.exception)


def test_unknown_country_codes_are_kept_without_country_facts(tmp_path):
    row = (999001, "Nowhereville", "Nowhereville", "", 10.0, 10.0, "P", "PPL", "ZZ", "", "01",
           "", "", "", 5000)
    places = write_dump(tmp_path, [*PLACES, row])
    out = tmp_path / "g.sqlite"
    built = CliRunner().invoke(app, ["gazetteer", "build", str(places), "-o", str(out)])
    assert built.exit_code == 0
    stdin = json.dumps({"id": "z", "text": "Shots were fired in Nowhereville."}) + "\n"
    result = CliRunner().invoke(app, ["geoparse", "--gazetteer", str(out)], input=stdin)
    tops = json.loads(result.stdout)["toponyms"]
    assert [(t["name"], t["country_code"]) for t in tops] == [("Nowhereville", "ZZ")]
