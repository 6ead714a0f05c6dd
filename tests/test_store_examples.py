"""The example articles: readable, dated, each with expected events that quote it."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from _factories import keyword_coder
from conflictwire.geo.sphere import great_circle_km
from conflictwire.ingest.readers import read_named
from conflictwire.models import Article
from conflictwire.pipeline import run_pipeline
from conflictwire.store import open_store
from paths import EXAMPLES

# ACLED's event type of each sub-event type (from the ACLED codebook).
ACLED_TYPES = {
    "Armed clash": "Battles", "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians", "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests", "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots", "Mob violence": "Riots",
}


def _expected() -> list[dict]:
    """The expected events. CSV, not JSON lines, so `conflictwire run examples/` skips it."""
    with (EXAMPLES / "expected.csv").open(newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["latitude"], row["longitude"] = float(row["latitude"]), float(row["longitude"])
    return rows


def test_every_example_reads_cleanly_with_a_date():
    items = list(read_named([str(EXAMPLES)]))
    names = {Path(name).name for name, _ in items}
    assert all(isinstance(item, Article) and item.published for _, item in items), items
    files = {p.name for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html")}
    assert names == files and len(files) >= 5
    assert {p.rsplit(".", 1)[1] for p in files} == {"txt", "html"}


def test_expected_events_quote_their_article_and_use_acled_types():
    expected = _expected()
    files = {p.name for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html")}
    assert {e["file"] for e in expected} == files  # every example has an expected event
    assert len({e["country"] for e in expected}) >= 5
    for event in expected:
        text = (EXAMPLES / event["file"]).read_text()
        assert event["evidence"] in text, event["evidence"]
        assert ACLED_TYPES[event["sub_event_type"]] == event["event_type"]
        assert -90 <= event["latitude"] <= 90 and -180 <= event["longitude"] <= 180


def test_examples_run_through_the_pipeline_twice(tmp_path):
    with open_store(tmp_path / "ex.duckdb") as store:
        first = run_pipeline([str(EXAMPLES)], store=store, code=keyword_coder)
        second = run_pipeline([str(EXAMPLES)], store=store, code=keyword_coder)
    assert first.failures == 0 and first.articles_added == first.articles_read >= 5
    assert second.articles_skipped == first.articles_read and second.articles_added == 0


def _matches(found: dict, gold: dict) -> bool:
    """Same sub-event type, date within a day, place within 50 km."""
    if found["sub_event_type"] != gold["sub_event_type"] or not found["event_date"]:
        return False
    days = abs((date.fromisoformat(found["event_date"])
                - date.fromisoformat(gold["event_date"])).days)
    if days > 1 or found["latitude"] is None:
        return False
    km = great_circle_km(found["latitude"], found["longitude"], gold["latitude"], gold["longitude"])
    return km <= 50


def test_make_run_finds_most_expected_events(tmp_path):
    """`make run` end to end with the real coder: a floor, so quality never drops unseen."""
    from conflictwire.coding.resources import Resources

    resources = Resources.load()  # builds the default gazetteer on first use
    with open_store(tmp_path / "make-run.duckdb") as store:
        summary = run_pipeline([str(EXAMPLES)], store=store, resources=resources)
        assert summary.failures == 0
        # Each event with the articles of all its reports (an event may merge several).
        events = [(e, {r["article_id"] for r in store.event(e["event_id"])["reports"]})
                  for e in store.events(limit=None)]
    article_of = {Path(name).name: item.id for name, item in read_named([str(EXAMPLES)])}
    expected = _expected()
    found = [gold for gold in expected
             if any(article_of[gold["file"]] in articles and _matches(e, gold)
                    for e, articles in events)]
    # Measured 8 of 9 on the session's final coder (the Myanmar village is not in the default
    # gazetteer, so that strike lands at its region, 234 km off); 6 of 9 with the first one.
    assert len(found) >= 8, [g["file"] + ": " + g["sub_event_type"] for g in expected
                             if g not in found]
    # Who did what to whom: each expected event's actors, ACLED's names with the period of
    # the government in power, on the article's event of that type and day (place aside).
    wrong = []
    for gold in expected:
        same = [e for e, articles in events if article_of[gold["file"]] in articles
                and e["sub_event_type"] == gold["sub_event_type"]
                and e["event_date"] == gold["event_date"]]
        got = [(e["actor1"] or "", e["actor2"] or "", e["civilian_targeting"] or "")
               for e in same]
        want = (gold["actor1"], gold["actor2"], gold["civilian_targeting"])
        if want not in got:
            wrong.append((gold["file"], gold["sub_event_type"], want, got))
    assert not wrong, wrong
