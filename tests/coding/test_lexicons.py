"""The packaged word lists (src/conflictwire/data/*.json): each file says what it is and
which version it is, every list loads and compiles, and every module's patterns build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conflictwire.coding import dates, factuality, fatality_patterns, frames, numbers
from conflictwire.coding.actors import roles
from conflictwire.coding.classify import precedence, triggers
from conflictwire.data import DATA_DIR, alternation, load_json
from conflictwire.geo import event_location, toponyms

DATA_FILES = sorted(p.name for p in DATA_DIR.glob("*.json"))
CODING = Path(factuality.__file__).parent
# Files whose entries are named lists ({"about": ..., "patterns" or "words": ...}), at the
# top level or in named groups of lists (toponyms.json: "recognise", "event_location").
LIST_FILES = ("event_words.json", "fatalities.json", "toponyms.json", "precedence.json")


def test_the_data_files_are_found() -> None:
    assert {"event_words.json", "fatalities.json", "triggers.json"} <= set(DATA_FILES)


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_data_file_has_a_version_and_an_about(name: str) -> None:
    data = load_json(name)
    assert isinstance(data, dict)
    assert isinstance(data.get("version"), int) and data["version"] >= 1
    assert isinstance(data.get("about"), str) and data["about"].strip()


def _named_lists(node: dict, where: str = "") -> dict[str, dict]:
    """The named lists of a list file, keyed by their path ("event_location.origin")."""
    found = {}
    for key, entry in node.items():
        if key in ("version", "about"):
            continue
        path = f"{where}.{key}" if where else key
        if "patterns" in entry or "words" in entry:
            found[path] = entry
        else:  # a group of lists, which the file's about describes
            found.update(_named_lists(entry, path))
    return found


def _regex_lists(node: object, where: str = "") -> list[tuple[str, list]]:
    """Every list of strings in a data file that is read as regex alternatives: the
    "patterns" lists, and dates.json's anchor words (joined into the anchor pattern)."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            path = f"{where}.{key}" if where else key
            if key in ("patterns", "anchor_words") and isinstance(value, list):
                found.append((path, value))
            else:
                found.extend(_regex_lists(value, path))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.extend(_regex_lists(value, f"{where}[{i}]"))
    return found


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_regex_alternative_compiles_alone(name: str) -> None:
    # An entry must be a whole alternative: one split out of a bigger regex at a "|" inside
    # its parentheses ("visit(?:ed", "ing)? to") only works while joined back in order.
    for where, alternatives in _regex_lists(load_json(name)):
        for alternative in alternatives:
            assert isinstance(alternative, str) and alternative, where
            try:
                re.compile(alternative)
            except re.error as e:
                pytest.fail(f"{name} {where}: {alternative!r} is no regex alone ({e})")


@pytest.mark.parametrize("name", LIST_FILES)
def test_every_list_loads_and_each_alternative_compiles(name: str) -> None:
    lists = _named_lists(load_json(name))
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
    # "frames.py: ..." for one reader, "frames.py, ../geo/event_location.py: ..." for a list
    # several readers share (its key ends in ".shared").
    for key, entry in load_json("event_words.json").items():
        if key in ("version", "about"):
            continue
        modules = entry["about"].split(":", 1)[0].split(", ")
        for module in modules:
            assert (CODING / module).is_file(), (key, module)
        if len(modules) > 1:
            assert key.endswith(".shared"), key
        else:
            assert modules[0].removesuffix(".py").split("/")[-1] in key, key


# Lists read after a shared list ("extras") and the shared list they extend: an extra that
# is already in the shared list is no extra.
EXTENDED = {
    ("event_words.json", "reporting_verbs.roles_clause_extras"):
        ("event_words.json", "reporting_verbs.roles_source"),
    ("event_words.json", "reporting_verbs.frames_speaker_extras"):
        ("event_words.json", "reporting_verbs.shared"),
    ("toponyms.json", "event_location.speech_extras"):
        ("event_words.json", "reporting_verbs.shared"),
    ("event_words.json", "origin.frames_extras"): ("event_words.json", "origin.shared"),
    ("toponyms.json", "event_location.origin_extras"): ("event_words.json", "origin.shared"),
    ("event_words.json", "harm_verbs.fatalities_zero_extras"):
        ("event_words.json", "harm_verbs.fatalities_zero"),
}


@pytest.mark.parametrize(("extras", "shared"), EXTENDED.items())
def test_extras_add_to_their_shared_list(extras: tuple[str, str],
                                         shared: tuple[str, str]) -> None:
    own = _named_lists(load_json(extras[0]))[extras[1]]
    base = _named_lists(load_json(shared[0]))[shared[1]]
    assert shared[1] in own["about"]  # the extras say which list they extend
    assert not set(own["patterns"]) & set(base["patterns"])


def test_every_extras_list_is_known() -> None:
    for name in LIST_FILES:
        for key in _named_lists(load_json(name)):
            assert not key.endswith("_extras") or (name, key) in EXTENDED, (name, key)


@pytest.mark.parametrize("key", ["vague_plurals", "vague_multiples", "vague_counts"])
def test_vague_word_lists_take_their_words_from_vague(key: str) -> None:
    fatalities = load_json("fatalities.json")
    assert set(fatalities[key]["patterns"]) <= set(fatalities["vague"]["words"])


def test_unspecified_is_the_vague_words_valued_null() -> None:
    fatalities = load_json("fatalities.json")
    unspecified = re.compile(alternation("fatalities.json", "unspecified"))
    for word, value in fatalities["vague"]["words"].items():
        assert bool(unspecified.fullmatch(word)) == (value is None), word


def test_two_to_ten_are_the_number_words_in_order() -> None:
    assert numbers.number_words().two_to_ten == "two|three|four|five|six|seven|eight|nine|ten"


BUILDERS = {
    "factuality": factuality._cues,
    "frames": frames._words,
    "roles": roles._words,
    "fatalities": fatality_patterns.fatality_patterns,
    "numbers": numbers.number_words,
    "dates": dates._calendar,
    "triggers": triggers._matchers,
    "precedence": precedence._patterns,
    "toponyms": toponyms._lexicon,
    "event_location": event_location._patterns,
}


@pytest.mark.parametrize("module", BUILDERS)
def test_each_modules_patterns_build(module: str) -> None:
    build = BUILDERS[module]
    build.cache_clear()
    assert build() is not None


def test_every_precedence_list_names_its_reader() -> None:
    # precedence.json is read by one module; each list says so, as event_words.json's do.
    for key, entry in load_json("precedence.json").items():
        if key in ("version", "about"):
            continue
        assert entry["about"].startswith("precedence.py: "), key
