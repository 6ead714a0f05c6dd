"""Implausible publication metadata (issue 16): refused with a warning naming the article,
never an event date; the article is still coded and stored without it."""

from __future__ import annotations

import json
from datetime import date

from _factories import keyword_coder
from conflictwire.models import Article
from conflictwire.pipeline import checked_publication, code_one, run_pipeline
from conflictwire.store import open_store


def test_dates_before_1990_or_in_the_future_are_refused() -> None:
    today = date(2024, 3, 5)
    for published, kept in ((date(1753, 1, 1), False), (date(2919, 6, 1), False),
                            (date(2024, 3, 7), False), (date(2024, 3, 6), True),
                            (date(1995, 5, 1), True)):
        article = Article(id="a", text="Jets struck Mosul.", published=published)
        checked, warning = checked_publication(article, "feed.jsonl:3", today=today)
        assert (checked.published == published) is kept
        assert (warning is None) is kept
        if warning:
            assert warning.input == "feed.jsonl:3" and published.isoformat() in warning.error


def test_an_article_with_a_placeholder_date_is_coded_without_it(tmp_path) -> None:
    coded = code_one(Article(id="a", text="Jets struck Mosul on Monday.",
                             published=date(1753, 1, 1)), "in.jsonl:1", keyword_coder)
    assert coded.article is not None and coded.article.published is None
    (warning,) = coded.failures
    assert warning.stage == "date" and "1753-01-01" in warning.error
    assert all(r.event_date != date(1753, 1, 1) for r in coded.reports)
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "published": "2109-01-01",
                               "text": "An air strike hit Mosul, officials said."}) + "\n")
    with open_store(tmp_path / "db.duckdb") as store:
        summary = run_pipeline([str(src)], store=store, code=keyword_coder)
        assert summary.articles_coded == 1 and summary.failures == 1
        assert all(e["event_date"] is None or e["event_date"][:4] != "2109"
                   for e in store.events())
