"""The geoparser's public entry points: find and resolve every place in an article
(`geoparse`) and place one event described in it (`locate_event`)."""

from __future__ import annotations

from .gazetteer import Gazetteer
from .models import Article, Location, Mention
from .resolve import resolve
from .toponyms import recognise


def geoparse(article: Article, *, gazetteer: Gazetteer) -> list[Mention]:
    """Place mentions in `article.text`, left to right, each with its resolved Place.

    Mention.value is None when no gazetteer entry could be chosen; Mention.score is the
    recognition evidence. Demonyms ("Iraqi") are returned too, resolved to their country.
    """
    text = article.text
    toponyms = recognise(text, gazetteer)
    places = resolve(toponyms, text, neighbours_of=_neighbours(gazetteer))
    return [Mention(t.start, t.end, t.text, "place", p, round(t.evidence, 3))
            for t, p in zip(toponyms, places, strict=True)]


def _neighbours(gazetteer: Gazetteer):
    def neighbours_of(iso2: str) -> tuple[str, ...]:
        info = gazetteer.country(iso2)
        return info.neighbours if info else ()
    return neighbours_of


def locate_event(article: Article, span: tuple[int, int], toponyms: list[Mention], *,
                 gazetteer: Gazetteer) -> Location | None:
    """Where the event told in `article.text[span[0]:span[1]]` happened (None if unknown)."""
    from .event_location import locate

    return locate(article, span, toponyms, gazetteer=gazetteer)
