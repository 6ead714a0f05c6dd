"""A dense workload for merge and store tests: many reports of few places, dates and types.

A few nearby places around Aleppo (one known only as "near", one only as the governorate),
dates over seven weeks at day, week and month precision, types and actors that sometimes
agree, so reports of later batches join events founded by earlier ones and merge decisions
depend on what each batch could see. Batches repeat articles and failures now and then.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from conflictwire.models import Article, Failure, Location, Report, stable_id
from conflictwire.store.base import Batch

PLACES = [  # name, lat, lon, geonameid: Aleppo and towns around it, one only "near" it
    ("Aleppo", 36.2021, 37.1343, 170063, 1), ("Anadan", 36.2937, 37.0444, 172349, 1),
    ("Al-Bab", 36.3705, 37.5157, 172408, 1), ("near Aleppo", 36.25, 37.2, None, 2),
    ("Aleppo Governorate", 36.15, 37.3, None, 3),
]
_TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
          ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
          ("Violence against civilians", "Attack")]
_ACTORS = ["Military Forces of Syria", "HTS: Hayat Tahrir al-Sham", "Unidentified Armed Group",
           "SDF: Syrian Democratic Forces", ""]


def dense_batches(n: int, seed: int = 3, days: int = 50) -> list[Batch]:
    """Batches of 1-6 articles, each with 0-3 reports, plus repeats and failures."""
    rng = random.Random(seed)
    start = date(2024, 3, 1)
    articles: list[tuple[Article, list[Report]]] = []
    for i in range(n):
        published = start + timedelta(days=rng.randrange(days))
        art = Article(id=stable_id("a", i), text=f"Article {i}.", title=f"Article {i}",
                      published=published, source=f"Wire {i % 4}", url=f"https://x.example/{i}")
        reports = []
        for k in range(rng.choice((0, 1, 1, 2, 3))):
            name, lat, lon, gid, precision = rng.choice(PLACES)
            etype, sub = rng.choice(_TYPES)
            time_precision = rng.choice((1, 1, 1, 2, 3))
            words = rng.sample(["shelling", "hit", "the", "market", "district", "killing",
                                "two", "children", "clashes", "erupted", "overnight",
                                "checkpoint", "drone", "struck", "vehicle"], 6)
            evidence = f"{' '.join(words)} in {name}."
            reports.append(Report(
                report_id=stable_id("r", i, k), article_id=art.id,
                event_date=published - timedelta(days=rng.randrange(3)),
                time_precision=time_precision, disorder_type="Political violence",
                event_type=etype, sub_event_type=sub, actor1=rng.choice(_ACTORS),
                actor2=rng.choice(_ACTORS),
                location=Location(name, lat, lon, precision, country="Syria", iso="SY",
                                  admin1="Aleppo", region="Middle East", geonameid=gid),
                fatalities=rng.choice((0, 0, 1, 2, 5)), source=art.source or "",
                source_url=art.url or "", evidence=evidence, notes=evidence,
                confidence=rng.random(), published=published, evidence_end=len(evidence),
            ))
        articles.append((art, reports))
    batches, i = [], 0
    while i < len(articles):
        size = rng.randint(1, 6)
        chunk = articles[i:i + size]
        if batches and rng.random() < 0.2:
            chunk = chunk + [articles[rng.randrange(i)]]  # an article seen in an earlier batch
        failures = [Failure(f"in{i}.html", "ingest", "empty page")] if rng.random() < 0.3 else []
        if rng.random() < 0.1:
            failures.append(Failure("in0.html", "ingest", "empty page"))  # recorded already
        batches.append(Batch([a for a, _ in chunk], [r for _, rs in chunk for r in rs],
                             failures))
        i += size
    return batches
