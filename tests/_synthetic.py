"""A synthetic, deterministic news workload for store and scale tests and benchmarks.

`workload(n_events, reports_per_event)` makes real-looking Articles and Reports: each event
happens at a random place and day and is reported by several articles (so merging has work to
do); places are spread over the globe.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from conflictwire.models import Article, Location, Report, stable_id

_TYPES = (
    ("Battles", "Armed clash", "Political violence"),
    ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence"),
    ("Violence against civilians", "Attack", "Political violence"),
    ("Protests", "Peaceful protest", "Demonstrations"),
    ("Riots", "Violent demonstration", "Demonstrations"),
)
_COUNTRIES = (("Iraq", "IQ"), ("Syria", "SY"), ("Nigeria", "NG"), ("Ukraine", "UA"),
              ("Sudan", "SD"), ("Mali", "ML"), ("Yemen", "YE"), ("Myanmar", "MM"))


def workload(
    n_events: int, reports_per_event: int = 2, *, seed: int = 7, tag: str = ""
) -> tuple[list[Article], list[Report]]:
    """Articles and their reports: `n_events` events, each told by `reports_per_event` articles.

    `tag` changes every id, so separate writers can make disjoint workloads.
    """
    rng = random.Random(f"{seed}:{tag}")
    articles: list[Article] = []
    reports: list[Report] = []
    start = date(2024, 1, 1)
    for e in range(n_events):
        event_type, sub, disorder = rng.choice(_TYPES)
        country, iso = rng.choice(_COUNTRIES)
        lat, lon = rng.uniform(-60, 70), rng.uniform(-179.5, 179.5)
        day = start + timedelta(days=rng.randrange(366))
        place = Location(f"Town {tag}{e}", round(lat, 5), round(lon, 5), 1, country=country,
                         iso=iso, admin1=f"Province {e % 17}", region="Test",
                         geonameid=10_000_000 + e if not tag else None)
        actor = f"Armed group {e % 23}"
        deaths = rng.choice((0, 0, 1, 2, 5, 12))
        for k in range(reports_per_event):
            text = f"{tag}Report {k} of event {e}: {sub.lower()} near {place.name}."
            art = Article(id=stable_id(tag, "article", e, k), text=text, title=text[:40],
                          published=day + timedelta(days=1), source=f"Wire {k % 3}",
                          url=f"https://news.example/{tag}{e}/{k}")
            articles.append(art)
            reports.append(Report(
                report_id=stable_id(tag, "report", e, k), article_id=art.id, event_date=day,
                time_precision=1, disorder_type=disorder, event_type=event_type,
                sub_event_type=sub, actor1=actor, location=place,
                fatalities=max(0, deaths - k), source=art.source or "",
                source_url=art.url or "", notes=text, evidence=text, evidence_end=len(text),
                confidence=0.5 + 0.1 * (k % 4), published=art.published,
            ))
    return articles, reports
