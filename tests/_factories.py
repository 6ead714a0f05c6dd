"""Small Articles and Reports for store, merge, pipeline and export tests (written for them)."""

from __future__ import annotations

from datetime import date

from conflictwire.models import Article, Location, Report, stable_id

PLACES = {
    "Mosul": Location("Mosul", 36.335, 43.119, 1, country="Iraq", iso="368", admin1="Nineveh",
                      region="Middle East", geonameid=99072),
    "Mosul outskirts": Location("Mosul", 36.36, 43.16, 2, country="Iraq", iso="368",
                                admin1="Nineveh", region="Middle East"),
    "Idlib": Location("Idlib", 35.93, 36.63, 1, country="Syria", iso="760", admin1="Idlib",
                      region="Middle East", geonameid=169389),
    "Maiduguri": Location("Maiduguri", 11.846, 13.160, 1, country="Nigeria", iso="566",
                          admin1="Borno", region="Western Africa", geonameid=2331447),
    "Kharkiv": Location("Kharkiv", 49.98, 36.25, 1, country="Ukraine", iso="804",
                        admin1="Kharkiv", region="Europe", geonameid=706483),
}
SUB_TO_TYPE = {
    "Armed clash": "Battles",
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Attack": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Violent demonstration": "Riots",
    "Arrests": "Strategic developments",
}


def article(text: str, *, published: date | None = date(2024, 3, 5),
            source: str = "Test Wire") -> Article:
    return Article(id=stable_id(text), text=text, title=text[:30], published=published,
                   source=source, url=f"https://news.example/{stable_id(text)}")


def report(art: Article, *, day: date | None = date(2024, 3, 4), place: str = "Mosul",
           sub: str = "Air/drone strike", actor1: str = "Military Forces of Iraq (2022-)",
           actor2: str = "", fatalities: int = 0, confidence: float = 0.8,
           precision: int = 1, n: int = 0) -> Report:
    event_type = SUB_TO_TYPE[sub]
    disorder = {"Protests": "Demonstrations", "Riots": "Demonstrations",
                "Strategic developments": "Strategic developments"}.get(event_type,
                                                                       "Political violence")
    return Report(
        report_id=stable_id(art.id, n, day, place, sub),
        article_id=art.id,
        event_date=day,
        time_precision=precision,
        disorder_type=disorder,
        event_type=event_type,
        sub_event_type=sub,
        actor1=actor1,
        actor2=actor2,
        location=PLACES[place] if place else None,
        fatalities=fatalities,
        source=art.source or "",
        source_url=art.url or "",
        notes=f"{sub} in {place}",
        evidence=art.text[:80],
        evidence_start=0,
        evidence_end=min(80, len(art.text)),
        confidence=confidence,
        published=art.published,
    )


_KEYWORDS = (("strike", "Air/drone strike"), ("shell", "Shelling/artillery/missile attack"),
             ("attack", "Attack"), ("clash", "Armed clash"), ("protest", "Peaceful protest"))


def keyword_coder(art: Article) -> list[Report]:
    """A stand-in for the real coder: one report for the first known place and keyword.

    Raises on the word EXPLODE so tests can check that a coding error fails one article only.
    """
    if "EXPLODE" in art.text:
        raise ValueError("the coder choked on this article")
    lower = art.text.lower()
    place = next((p for p in PLACES if " " not in p and p in art.text), None)
    sub = next((s for k, s in _KEYWORDS if k in lower), None)
    if place is None or sub is None:
        return []
    day = art.published
    return [report(art, day=day, place=place, sub=sub, actor1="")]
