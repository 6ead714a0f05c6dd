"""The packaged word lists (src/conflictwire/data/*.json): each file says what it is and
which version it is, every list loads and compiles, and every module's patterns build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conflictwire.coding import components, dates, factuality, fatalities, frames, numbers
from conflictwire.coding.actors import roles
from conflictwire.coding.classify import triggers
from conflictwire.data import DATA_DIR, load_json
from conflictwire.geo import toponyms

DATA_FILES = sorted(p.name for p in DATA_DIR.glob("*.json"))
CODING = Path(components.__file__).parent
# Files whose entries are named lists ({"about": ..., "patterns" or "words": ...}).
LIST_FILES = ("event_words.json", "fatalities.json")


def test_the_data_files_are_found() -> None:
    assert {"event_words.json", "fatalities.json", "triggers.json"} <= set(DATA_FILES)


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_data_file_has_a_version_and_an_about(name: str) -> None:
    data = load_json(name)
    assert isinstance(data, dict)
    assert isinstance(data.get("version"), int) and data["version"] >= 1
    assert isinstance(data.get("about"), str) and data["about"].strip()


@pytest.mark.parametrize("name", LIST_FILES)
def test_every_list_loads_and_each_alternative_compiles(name: str) -> None:
    lists = {k: v for k, v in load_json(name).items() if k not in ("version", "about")}
    assert lists
    for key, entry in lists.items():
        assert isinstance(entry.get("about"), str) and entry["about"].strip(), key
        items = entry.get("patterns", entry.get("words"))
        assert items, key
        if "patterns" in entry:
            for alternative in entry["patterns"]:
                assert isinstance(alternative, str) and alternative, key
                re.compile(alternative)  # each alternative is a regex on its own


def test_every_event_word_list_names_the_module_that_reads_it() -> None:
    for key, entry in load_json("event_words.json").items():
        if key in ("version", "about"):
            continue
        module = entry["about"].split(":", 1)[0]
        assert (CODING / module).is_file(), (key, module)
        assert module.removesuffix(".py").split("/")[-1] in key, key


BUILDERS = {
    "factuality": factuality._cues,
    "frames": frames._words,
    "components": components._since_perfect,
    "roles": roles._words,
    "fatalities": fatalities._patterns,
    "numbers": numbers.number_words,
    "dates": dates._calendar,
    "triggers": triggers._matchers,
    "toponyms": toponyms._lexicon,
}


@pytest.mark.parametrize("module", BUILDERS)
def test_each_modules_patterns_build(module: str) -> None:
    build = BUILDERS[module]
    build.cache_clear()
    assert build() is not None
