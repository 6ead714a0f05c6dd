"""The coder as components over a Doc: each runs alone on a hand-made Doc, the order is
checked, and the runner is a loop over the declared order."""

from __future__ import annotations

from datetime import date

import pytest

from conflictwire import taxonomy as tx
from conflictwire.coding.classify import SentenceLabel
from conflictwire.coding.components import (
    REGISTRY,
    dates,
    factuality,
    sentences,
    tolls,
    within_article,
)
from conflictwire.coding.document import Candidate, Doc
from conflictwire.coding.resources import Resources
from conflictwire.coding.runner import code, pipeline, run
from conflictwire.coding.within_article import Draft
from conflictwire.errors import ConfigError
from conflictwire.models import Article, Mention
from conflictwire.settings import CodingSettings, Settings, packaged_settings
from geo_fixture import coder_resources

OPTIONS = packaged_settings()
# geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, admin1, population
_PLACES = [(170654, "Douma", "Douma", "Duma", 33.57175, 36.4027, "P", "PPL", "SY", "08", 110000)]
_ADMIN1 = [("SY.08", "Rif Dimashq", "Rif Dimashq", 170652)]


@pytest.fixture(scope="module")
def resources(tmp_path_factory: pytest.TempPathFactory) -> Resources:
    return coder_resources(tmp_path_factory.mktemp("gaz"), _PLACES, _ADMIN1)


def _candidate(doc: Doc, index: int, sub: str, trigger: str) -> Candidate:
    unit = doc.units[index]
    at = unit.text.index(trigger)
    mention = Mention(unit.start + at, unit.start + at + len(trigger), trigger, "trigger", sub)
    return Candidate(unit, SentenceLabel(sub, 0.9, 0.9, mention, ((sub, 0.9),)))


def test_the_default_order_is_valid_and_names_every_registered_component() -> None:
    steps = pipeline(OPTIONS.coding.components)
    assert [s.name for s in steps] == list(OPTIONS.coding.components)
    assert set(REGISTRY) == set(OPTIONS.coding.components)


def test_an_unknown_component_is_an_error_that_lists_the_registered_ones() -> None:
    with pytest.raises(ConfigError, match=r"E001.*'sentiment'.*registered: sentences"):
        pipeline(("sentences", "sentiment"))


def test_a_component_before_the_layers_it_reads_is_an_error_naming_them() -> None:
    order = ("sentences", "triggers", "factuality", "actors", "places", "dates", "frames")
    with pytest.raises(ConfigError, match=r"E002.*'frames' needs candidates\.fatalities"):
        pipeline(order)


def test_sentences_keeps_a_headline_apart_from_the_body() -> None:
    article = Article(id="a", title="Shelling hits Douma",
                      text="Shells hit Douma on Monday. Two people died.")
    doc = sentences(Doc(article), None, OPTIONS)  # type: ignore[arg-type]
    assert [(u.text, u.is_title) for u in doc.units] == [
        ("Shelling hits Douma", True), ("Shells hit Douma on Monday.", False),
        ("Two people died.", False)]
    # A body that opens with its headline does not give it twice.
    doc = sentences(Doc(Article(id="b", title="Shells hit Douma", text=article.text)),
                    None, OPTIONS)  # type: ignore[arg-type]
    assert not any(u.is_title for u in doc.units)


def test_factuality_drops_a_planned_attack_and_keeps_a_past_one() -> None:
    text = "Rebels will attack the base tomorrow. Rebels attacked the base on Monday."
    doc = sentences(Doc(Article(id="a", text=text)), None, OPTIONS)  # type: ignore[arg-type]
    doc.candidates = [_candidate(doc, 0, tx.ARMED_CLASH, "attack"),
                      _candidate(doc, 1, tx.ARMED_CLASH, "attacked")]
    doc = factuality(doc, None, OPTIONS)  # type: ignore[arg-type]
    assert [c.unit.index for c in doc.candidates] == [1]


def test_dates_resolve_against_publication_and_drop_old_background() -> None:
    text = "Shells hit the town on Monday. Shells hit the town on 3 March 2016."
    article = Article(id="a", text=text, published=date(2017, 11, 2))
    doc = sentences(Doc(article), None, OPTIONS)  # type: ignore[arg-type]
    doc.candidates = [_candidate(doc, 0, tx.SHELLING, "Shells"),
                      _candidate(doc, 1, tx.SHELLING, "Shells")]
    doc = dates(doc, None, OPTIONS)  # type: ignore[arg-type]
    assert [(c.unit.index, c.event_date, c.dated) for c in doc.candidates] == [
        (0, date(2017, 10, 30), True)]


def test_tolls_count_the_dead_of_each_event_sentence() -> None:
    doc = sentences(Doc(Article(id="a", text="An airstrike killed 12 civilians in the town.")),
                    None, OPTIONS)  # type: ignore[arg-type]
    doc.candidates = [_candidate(doc, 0, tx.AIR_STRIKE, "airstrike")]
    doc = tolls(doc, None, OPTIONS)  # type: ignore[arg-type]
    assert doc.candidates[0].fatalities is not None
    assert doc.candidates[0].fatalities.killed == 12


def test_within_article_merges_mentions_of_one_event_most_salient_first() -> None:
    doc = Doc(Article(id="a", text="x"))
    doc.drafts = [
        Draft(tx.AIR_STRIKE, 0.6, 1, 0, 10, "An airstrike hit the town.", fatalities=3),
        Draft(tx.AIR_STRIKE, 0.9, 2, 11, 30, "The airstrike killed three.", fatalities=3),
        Draft(tx.PEACEFUL_PROTEST, 0.95, 5, 31, 60, "Hundreds protested."),
    ]
    doc = within_article(doc, None, OPTIONS)  # type: ignore[arg-type]
    assert [(e.sub_event_type, e.unit, e.last_unit) for e in doc.events] == [
        (tx.AIR_STRIKE, 1, 2), (tx.PEACEFUL_PROTEST, 5, 5)]


def test_the_runner_runs_only_the_components_it_is_given(resources: Resources) -> None:
    article = Article(id="a", text="Government forces shelled Douma on Monday, killing 3.",
                      published=date(2017, 11, 2))
    partial = run(Doc(article), resources=resources,
                  settings=Settings(coding=CodingSettings(components=("sentences", "triggers"))))
    assert [c.label.sub_event_type for c in partial.candidates] == [tx.SHELLING]
    assert partial.toponyms == [] and partial.reports == []
    whole = code(article, resources=resources)
    assert [(r.sub_event_type, r.fatalities, r.location.name) for r in whole] == [
        (tx.SHELLING, 3, "Douma")]
