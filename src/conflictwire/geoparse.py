"""The geoparser's public entry points: find and resolve every place in an article
(`geoparse`) and place one event described in it (`locate_event`)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from .event_location import locate
from .gazetteer import Gazetteer
from .models import Article, Location, Mention
from .resolve import drop_alternates, drop_stray, localise, resolve
from .toponyms import recognise

# Country-code top-level domains that differ from the ISO code of their country.
_TLD_TO_ISO = {"uk": "GB"}
# Country-code domains sold worldwide as generic names (.tv, .io, .co): no country signal.
_GENERIC_TLDS = frozenset({"tv", "io", "co", "me", "ai", "fm", "am", "ly", "to", "cc", "ws",
                           "gg", "la", "nu", "eu"})


def geoparse(article: Article, *, gazetteer: Gazetteer,
             hint_countries: tuple[str, ...] = (), abstain: bool = False) -> list[Mention]:
    """Place mentions in `article.text`, left to right, each with its resolved Place.

    Mention.value is None when no gazetteer entry could be chosen; Mention.score is the
    recognition evidence. Demonyms ("Iraqi") are returned too, resolved to their country.
    The source's country (from a country-code domain in `article.url`) is a resolution hint,
    and so are `hint_countries` (ISO2 codes the caller knows the article is about, e.g. the
    home country of a domestic armed group it names). With `abstain`, a small town read
    with little margin over a far-away homonym is left unresolved rather than guessed.
    """
    text = article.text
    toponyms = recognise(text, gazetteer)
    hints = (*source_countries(article, gazetteer), *hint_countries)
    places = resolve(toponyms, text, hint_countries=hints,
                     neighbours_of=_neighbours(gazetteer), abstain=abstain)
    places = localise(toponyms, places, text)
    places = drop_stray(toponyms, places, neighbours_of=_neighbours(gazetteer))
    places = drop_alternates(toponyms, places)
    return [Mention(t.start, t.end, t.text, "place", p, round(t.evidence, 3))
            for t, p in zip(toponyms, places, strict=True)]


def source_countries(article: Article, gazetteer: Gazetteer) -> tuple[str, ...]:
    """The country a source publishes from, when its domain says so (bbc.co.uk -> GB)."""
    if not article.url:
        return ()
    host = urlsplit(article.url if "//" in article.url else f"//{article.url}").hostname or ""
    tld = host.rsplit(".", 1)[-1].lower()
    if len(tld) != 2 or tld in _GENERIC_TLDS:
        return ()
    iso = _TLD_TO_ISO.get(tld, tld.upper())
    return (iso,) if gazetteer.country(iso) else ()


def _neighbours(gazetteer: Gazetteer) -> Callable[[str], tuple[str, ...]]:
    def neighbours_of(iso2: str) -> tuple[str, ...]:
        info = gazetteer.country(iso2)
        return info.neighbours if info else ()
    return neighbours_of


def locate_event(article: Article, span: tuple[int, int], toponyms: list[Mention], *,
                 gazetteer: Gazetteer) -> Location | None:
    """Where the event told in `article.text[span[0]:span[1]]` happened (None if unknown).

    Uses the places named in or near the sentence first (with spatial expressions: "near X"
    is X at geo_precision 2, "30 km west of X" an offset point), then the article's
    dateline and dominant place at a coarser precision (3 for a country or region).
    """
    return locate(article, span, toponyms, gazetteer=gazetteer)
