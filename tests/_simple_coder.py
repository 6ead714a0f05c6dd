"""A small real coder for scale tests: trigger words and a tiny gazetteer, no models.

`load_gazetteer()` plays the heavy resource a worker loads once (it records each load in
$CW_TEST_LOADS so tests can count them); `code(article, gazetteer)` makes one Report per
sentence that has a trigger word and a known place.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from conflictwire.models import Article, Location, Mention, Place, Report, stable_id

_TRIGGERS = {
    "killed": ("Violence against civilians", "Attack", "Political violence"),
    "strike": ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack",
                 "Political violence"),
    "clashes": ("Battles", "Armed clash", "Political violence"),
    "protest": ("Protests", "Peaceful protest", "Demonstrations"),
}
_PLACES = {
    "Aleppo": (36.2, 37.16, "Syria", "SY"), "Idlib": (35.93, 36.63, "Syria", "SY"),
    "Damascus": (33.51, 36.29, "Syria", "SY"), "Homs": (34.73, 36.71, "Syria", "SY"),
    "Douma": (33.57, 36.4, "Syria", "SY"), "Raqqa": (35.95, 39.01, "Syria", "SY"),
    "Mosul": (36.34, 43.12, "Iraq", "IQ"), "Baghdad": (33.34, 44.4, "Iraq", "IQ"),
    "Kabul": (34.53, 69.17, "Afghanistan", "AF"), "Gaza": (31.5, 34.47, "Palestine", "PS"),
    "Kharkiv": (49.98, 36.25, "Ukraine", "UA"), "Khartoum": (15.5, 32.56, "Sudan", "SD"),
    "London": (51.51, -0.13, "United Kingdom", "GB"), "Paris": (48.86, 2.35, "France", "FR"),
}
_SENTENCE = re.compile(r"[^.!?]+[.!?]?")


def load_gazetteer(_settings: object = None) -> dict[str, tuple[float, float, str, str]]:
    """The resource: a gazetteer (and a record of the load, to count loads per process); it
    takes, and ignores, the settings the project's loader takes."""
    record = os.environ.get("CW_TEST_LOADS")
    if record:
        with Path(record).open("a") as fh:
            fh.write(f"{os.getpid()}\n")
    return dict(_PLACES)


def code(article: Article, gazetteer: dict, kill_marker: str | None = None) -> list[Report]:
    """One report per sentence naming a trigger word and a known place.

    With `kill_marker`, the process kills itself (once: the marker file remembers) on an
    article containing KILLWORKER.
    """
    if "EXPLODE" in article.text:
        raise ValueError("the coder choked on this article")
    if kill_marker and "KILLWORKER" in article.text and not Path(kill_marker).exists():
        Path(kill_marker).write_text("killed")
        os.kill(os.getpid(), 9)  # a worker dying in the middle of a partition
    reports = []
    day = article.published  # undated articles give undated reports, which a run drops
    for n, match in enumerate(_SENTENCE.finditer(article.text)):
        sentence = match.group(0)
        lower = sentence.lower()
        trigger = next((t for t in _TRIGGERS if t in lower), None)
        place = next((p for p in gazetteer if p in sentence), None)
        if trigger is None or place is None:
            continue
        event_type, sub, disorder = _TRIGGERS[trigger]
        lat, lon, country, iso = gazetteer[place]
        # The spans a real coder stores with its report: the trigger word and the place.
        at = match.start() + lower.index(trigger)
        said = Mention(at, at + len(trigger), article.text[at:at + len(trigger)], "trigger",
                       sub, 1.0)
        at = match.start() + sentence.index(place)
        named = Mention(at, at + len(place), place, "place",
                        Place(len(place), place, lat, lon, iso, country=country), 0.9)
        reports.append(Report(
            report_id=stable_id(article.id, n), article_id=article.id, event_date=day,
            time_precision=1, disorder_type=disorder, event_type=event_type,
            sub_event_type=sub, actor1="", location=Location(place, lat, lon, 1,
                                                             country=country, iso=iso,
                                                             mention=named),
            fatalities=len(re.findall(r"\d+", sentence)) % 5, source=article.source or "",
            source_url=article.url or "", notes=sentence.strip()[:200],
            evidence=sentence.strip(), evidence_start=match.start(),
            evidence_end=match.end(), confidence=0.5 + (len(sentence) % 50) / 100,
            published=article.published, mentions=(said,),
        ))
    return reports
