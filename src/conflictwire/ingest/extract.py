"""HTML page to Article: main text, title, date and site name, by trafilatura."""

from __future__ import annotations

import warnings
from datetime import date

import trafilatura

from ..models import Article, stable_id
from .pubdate import parse_published


def extract(html: str, *, url: str | None = None, article_id: str | None = None) -> Article | None:
    """The article in `html`, or None when the page has no extractable main text.

    Metadata (title, publication date, site name) comes from the page itself; `url` helps
    trafilatura and becomes the article's url. The id is `article_id` or a hash of url/text.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
        )
    if doc is None:
        return None
    text = (doc.text or "").strip()
    if not text:
        return None
    published = parse_published(doc.date) if doc.date else None
    return Article(
        id=article_id or stable_id(url or text),
        text=text,
        title=doc.title or None,
        published=published if isinstance(published, date) else None,
        source=doc.sitename or doc.hostname or None,
        url=url or doc.url or None,
        language=doc.language or "en",
    )
