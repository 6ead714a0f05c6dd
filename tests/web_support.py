"""Shared pieces of the web tests: a small stored data set and a stand-in coder."""

from __future__ import annotations

from datetime import date

from conflictwire.models import Article, Location, Mention, Report, stable_id
from conflictwire.web.sample import synthetic_reports

N_SYNTHETIC = 80


def hand_reports() -> tuple[list[Article], list[Report]]:
    """Two events written for these tests, with values the filters can pick out exactly."""
    text_a = ("Fighters of the Example Liberation Front ambushed a convoy near Port Example "
              "on Monday, killing 12 soldiers, officials said.")
    text_b = "Police arrested 40% of the protesters_ in Sampleville on 3 March."
    a = Article(id="hand-a", text=text_a, title="Convoy ambushed", published=date(2023, 6, 6),
                source="Test Gazette", url="https://example.org/a")
    b = Article(id="hand-b", text=text_b, title="Arrests", published=date(2023, 3, 4),
                source="Test Gazette", url="https://example.org/b")
    loc_a = Location(name="Port Example", latitude=-33.5, longitude=151.2, geo_precision=2,
                     country="Exampleland", iso="EX", admin1="Coast Province",
                     mention=_span(text_a, "Port Example", "place", "Port Example"))
    loc_b = Location(name="Sampleville", latitude=60.1, longitude=-170.0, geo_precision=1,
                     country="Sampleland", iso="XS", admin1="North",
                     mention=_span(text_b, "Sampleville", "place", "Sampleville"))
    # The spans the coder keeps with each report: its actors, figures and trigger.
    spans_a = (_span(text_a, "Example Liberation Front", "actor", "Example Liberation Front"),
               _span(text_a, "ambushed", "trigger", "Armed clash"),
               _span(text_a, "12", "number", 12),
               _span(text_a, "soldiers", "actor", "Military Forces"))
    spans_b = (_span(text_b, "Police", "actor", "Police Forces"),
               _span(text_b, "arrested", "trigger", "Arrests"))
    reports = [
        Report(report_id=stable_id("hand", "a"), article_id=a.id, event_date=date(2023, 6, 5),
               time_precision=1, disorder_type="Political violence", event_type="Battles",
               sub_event_type="Armed clash", actor1="Example Liberation Front",
               actor2="Military Forces of Exampleland (2020-)", location=loc_a, fatalities=12,
               notes=text_a, source="Test Gazette", source_url=a.url or "", evidence=text_a,
               evidence_start=0, evidence_end=len(text_a), confidence=0.9, mentions=spans_a),
        Report(report_id=stable_id("hand", "b"), article_id=b.id, event_date=date(2023, 3, 3),
               time_precision=1, disorder_type="Strategic developments",
               event_type="Strategic developments", sub_event_type="Arrests",
               actor1="Police Forces of Sampleland", location=loc_b, fatalities=0,
               notes=text_b, source="Test Gazette", source_url=b.url or "", evidence=text_b,
               evidence_start=0, evidence_end=len(text_b), confidence=0.8, mentions=spans_b),
    ]
    return [a, b], reports


def _span(text: str, words: str, kind, value) -> Mention:  # type: ignore[no-untyped-def]
    start = text.index(words)
    return Mention(start, start + len(words), words, kind, value, 1.0)


def fill(store) -> None:  # type: ignore[no-untyped-def]
    """Store the synthetic events and the two hand-written ones."""
    articles, reports = synthetic_reports(N_SYNTHETIC, seed=3)
    store.add_batch(articles, reports)
    articles, reports = hand_reports()
    store.add_batch(articles, reports)


def stand_in_coder(article: Article) -> list[Report]:
    """One report per article that mentions "attack", at a fixed place: enough to check that
    POST /api/articles codes and stores, without loading the real coder."""
    if "attack" not in article.text.lower():
        return []
    if "explode" in article.text:
        raise ValueError("this article breaks the coder")
    loc = Location(name="Testtown", latitude=10.0, longitude=20.0, geo_precision=1,
                   country="Testland", iso="XT")
    return [Report(
        report_id=stable_id("stand-in", article.id), article_id=article.id,
        event_date=article.published, time_precision=1, disorder_type="Political violence",
        event_type="Violence against civilians", sub_event_type="Attack", actor1="Gunmen",
        location=loc, fatalities=1, evidence=article.text, evidence_end=len(article.text),
        confidence=0.5,
    )]
