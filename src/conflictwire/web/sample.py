"""Synthetic, plausible-looking articles and reports for load tests, benchmarks and demos of
the web app: real town coordinates, ACLED types, an evidence sentence that names each field.

Seeded, so the same call always gives the same data. Not for evaluating the coder.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

from ..geo.acled_countries import numeric
from ..models import Article, Location, Mention, MentionKind, Report, stable_id
from ..taxonomy import EVENT_TYPES

# (town, admin1, country, iso, region, latitude, longitude)
TOWNS: tuple[tuple[str, str, str, str, str, float, float], ...] = (
    ("Goma", "North Kivu", "Democratic Republic of Congo", "CD", "Middle Africa", -1.68, 29.22),
    ("Bunia", "Ituri", "Democratic Republic of Congo", "CD", "Middle Africa", 1.56, 30.25),
    ("El Fasher", "North Darfur", "Sudan", "SD", "Northern Africa", 13.63, 25.35),
    ("Omdurman", "Khartoum", "Sudan", "SD", "Northern Africa", 15.64, 32.48),
    ("Maiduguri", "Borno", "Nigeria", "NG", "Western Africa", 11.85, 13.16),
    ("Mogadishu", "Banadir", "Somalia", "SO", "Eastern Africa", 2.04, 45.34),
    ("Gao", "Gao", "Mali", "ML", "Western Africa", 16.27, -0.04),
    ("Djibo", "Sahel", "Burkina Faso", "BF", "Western Africa", 14.10, -1.63),
    ("Kharkiv", "Kharkiv", "Ukraine", "UA", "Europe", 49.99, 36.23),
    ("Kherson", "Kherson", "Ukraine", "UA", "Europe", 46.64, 32.62),
    ("Aleppo", "Aleppo", "Syria", "SY", "Middle East", 36.20, 37.16),
    ("Marib", "Marib", "Yemen", "YE", "Middle East", 15.46, 45.33),
    ("Khan Younis", "Khan Younis", "Palestine", "PS", "Middle East", 31.34, 34.31),
    ("Lashio", "Shan-North", "Myanmar", "MM", "Southeast Asia", 22.93, 97.75),
    ("Peshawar", "Khyber Pakhtunkhwa", "Pakistan", "PK", "South Asia", 34.01, 71.58),
    ("Port-au-Prince", "Ouest", "Haiti", "HT", "Caribbean", 18.54, -72.34),
    ("Culiacan", "Sinaloa", "Mexico", "MX", "Central America", 24.80, -107.39),
    ("Cauca", "Cauca", "Colombia", "CO", "South America", 2.44, -76.61),
    ("Nairobi", "Nairobi", "Kenya", "KE", "Eastern Africa", -1.29, 36.82),
    ("Dhaka", "Dhaka", "Bangladesh", "BD", "South Asia", 23.81, 90.41),
)
STATE = ("Military Forces", 1)
ARMED = (("Rebel Group A", 2), ("Communal Militia", 4), ("Unidentified Armed Group", 3))
# One sentence template per event type; {n} is the fatality count.
TEMPLATES = {
    "Battles": "{a1} clashed with {a2} in {place} on {day}, leaving {n} fighters dead.",
    "Violence against civilians": "{a1} attacked villagers in {place} on {day}, "
                                  "killing {n} civilians.",
    "Explosions/Remote violence": "An air strike hit a market in {place} on {day}; "
                                  "{n} people were killed.",
    "Protests": "Hundreds of residents protested in {place} on {day} over fuel prices.",
    "Riots": "Rioters clashed with police in {place} on {day}; {n} people died.",
    "Strategic developments": "{a1} arrested a local leader in {place} on {day}.",
}


def synthetic_reports(
    n: int, *, seed: int = 7, start: date = date(2024, 1, 1), days: int = 365
) -> tuple[list[Article], list[Report]]:
    """`n` articles with one report each, spread over `days` days from `start`."""
    rng = random.Random(seed)
    types = list(EVENT_TYPES)
    articles, reports = [], []
    for i in range(n):
        town = rng.choice(TOWNS)
        name, admin1, country, iso, region, lat, lon = town
        event_type = rng.choices(types, weights=(30, 20, 25, 12, 5, 8))[0]
        sub = EVENT_TYPES[event_type][0] if event_type != "Explosions/Remote violence" else \
            EVENT_TYPES[event_type][1]
        day = start + timedelta(days=rng.randrange(days))
        a1, inter1 = STATE if rng.random() < 0.5 else rng.choice(ARMED)
        a2, inter2 = rng.choice(ARMED)
        deadly = event_type not in ("Protests", "Strategic developments")
        deaths = int(rng.expovariate(1 / 6)) + 1 if deadly else 0
        text = TEMPLATES[event_type].format(a1=a1, a2=a2, place=name, day=day.strftime("%A"),
                                            n=deaths)
        article = Article(
            id=stable_id("synthetic", seed, i), text=text, title=f"Report from {name}",
            published=day + timedelta(days=1), source="Synthetic Wire",
            url=f"https://example.org/news/{seed}/{i}",
        )
        location = Location(
            name=name, latitude=round(lat + rng.gauss(0, 0.3), 4),
            longitude=round(lon + rng.gauss(0, 0.3), 4),
            geo_precision=rng.choice((1, 1, 1, 2, 3)), country=country,
            iso=str(numeric(iso)),  # stored as the coder stores it: ISO numeric
            admin1=admin1, region=region,
        )
        reports.append(Report(
            report_id=stable_id("synthetic-report", seed, i), article_id=article.id,
            event_date=day, time_precision=1,
            disorder_type="Demonstrations" if event_type in ("Protests", "Riots") else
            "Strategic developments" if event_type == "Strategic developments" else
            "Political violence",
            event_type=event_type, sub_event_type=sub, actor1=a1, inter1=inter1,
            actor2=a2 if event_type == "Battles" else "",
            inter2=inter2 if event_type == "Battles" else None,
            location=location, fatalities=deaths, notes=text, source="Synthetic Wire",
            source_scale="International", source_url=article.url or "", evidence=text,
            evidence_start=0, evidence_end=len(text), confidence=round(rng.uniform(0.5, 1), 3),
            mentions=_spans(text, [(name, "place", name), (a1, "actor", a1), (a2, "actor", a2),
                                   (str(deaths), "number", deaths)]),
        ))
        articles.append(article)
    return articles, reports


def _spans(text: str, wanted: list[tuple[str, MentionKind, object]]) -> tuple[Mention, ...]:
    """The mentions a coder would keep for the words of `wanted` found in `text`."""
    found = []
    for words, kind, value in wanted:
        match = re.search(rf"\b{re.escape(words)}\b", text)
        if match:
            found.append(Mention(match.start(), match.end(), words, kind, value, 1.0))
    return tuple(found)
