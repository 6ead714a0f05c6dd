"""Totals and placeless reports across articles (issue 16): one headline carried by many
outlets is one event even with no place; a total never joins an event; the store keeps
totals out of its lists, counts and exports unless asked."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from typer.testing import CliRunner

import conflictwire.cli  # noqa: F401  (registers every command)
from _factories import article, report
from conflictwire.cli.app import app
from conflictwire.events.matching import told_key
from conflictwire.events.merge import merge
from conflictwire.store import EventFilter, open_store

HEADLINE = "143 were killed yesterday in clashes and shelling, including 51 soldiers"


def _placeless(n: int, text: str = HEADLINE, **kw: object):
    art = article(f"{text} ({n})", source=f"Outlet {n}")
    return replace(report(art, place="", n=n, **kw), evidence=text)


def test_the_same_words_with_no_place_are_one_event() -> None:
    reports = [_placeless(n, fatalities=143) for n in range(5)]
    (event,) = merge(reports)
    assert len(event.report_ids) == 5 and event.record["fatalities"] == 143
    # Punctuation and case are no other words; other words are another story.
    assert told_key(HEADLINE.upper() + "!") == told_key(HEADLINE)
    other = _placeless(9, "Clashes and shelling went on in the old city yesterday")
    assert len(merge([reports[0], other])) == 2


def test_a_total_never_joins_the_event_at_its_place() -> None:
    strike = report(article("Jets struck Mosul."), fatalities=4)
    total = replace(report(article("400 killed in Mosul in May."), fatalities=400, n=1),
                    tags="aggregate")
    assert len(merge([strike, total])) == 2


@pytest.fixture
def stored(tmp_path):
    path = tmp_path / "t.duckdb"
    with open_store(path) as store:
        for n in range(4):  # one batch each: found again in the store, not only in memory
            r = _placeless(n, fatalities=143)
            store.add_batch([article(f"{HEADLINE} ({n})", source=f"Outlet {n}")], [r])
        strike = article("Jets struck Mosul.")
        monthly = article("More than 400 were killed in Mosul in May.")
        store.add_batch([strike, monthly], [
            report(strike, fatalities=4),
            replace(report(monthly, fatalities=400, n=1), tags="aggregate"),
        ])
    return path


def test_the_store_merges_placeless_duplicates_across_batches(stored) -> None:
    with open_store(stored, read_only=True) as store:
        placeless = [e for e in store.events() if not e["location"]]
        assert len(placeless) == 1 and placeless[0]["fatalities"] == 143


def test_totals_are_left_out_of_lists_counts_and_exports_unless_asked(stored) -> None:
    with open_store(stored, read_only=True) as store:
        assert store.count() == 2
        assert sum(e["fatalities"] for e in store.events()) == 147
        everything = store.events(EventFilter(aggregates=True))
        assert len(everything) == 3
        assert [e["fatalities"] for e in everything if "aggregate" in e["tags"]] == [400]
    runner = CliRunner()
    plain = runner.invoke(app, ["export", "--format", "jsonl", "--db", str(stored)])
    with_totals = runner.invoke(app, ["export", "--format", "jsonl", "--db", str(stored),
                                      "--aggregates"])
    assert plain.exit_code == with_totals.exit_code == 0
    rows = [json.loads(line) for line in plain.stdout.splitlines() if line.startswith("{")]
    assert sorted(r["fatalities"] for r in rows) == [4, 143]
    assert "aggregate" in with_totals.stdout
