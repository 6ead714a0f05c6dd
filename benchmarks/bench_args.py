"""Time the argument extractors per sentence on dev-set text (run by hand).

    python benchmarks/bench_args.py [--sentences N]

Prints microseconds per sentence for each of find_actors, assign_roles, resolve_date,
count_fatalities, assess and write_note, and their total (target: under 1 ms together).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import time
from datetime import date
from pathlib import Path

from conflictwire.coding.actors import ActorLexicon, assign_roles, find_actors
from conflictwire.coding.dates import resolve_date
from conflictwire.coding.factuality import assess
from conflictwire.coding.fatalities import count_fatalities
from conflictwire.coding.notes import write_note
from conflictwire.coding.sentences import split_sentences
from conflictwire.models import Location, Report

DATA = Path(os.environ.get("CONFLICTWIRE_SHARED_DATA")
            or Path(__file__).resolve().parents[1].parent / "shared" / "data") / "events"


def sentences(limit: int) -> list[str]:
    out: list[str] = []
    with gzip.open(DATA / "fakes_syria_dev.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            out.extend(text[s:e] for s, e in split_sentences(text))
            if len(out) >= limit:
                break
    return out[:limit]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sentences", type=int, default=5000)
    args = ap.parse_args()
    t = time.perf_counter()
    lexicon = ActorLexicon.load()
    print(f"ActorLexicon.load: {1000 * (time.perf_counter() - t):.1f} ms")
    texts = sentences(args.sentences)
    published = date(2017, 4, 6)
    found = [find_actors(s, lexicon=lexicon) for s in texts]
    report = Report("r", "a", published, 1, "Political violence", "Battles", "Armed clash",
                    actor1="Military Forces of Syria (2000-2024)", actor2="Islamic State (Syria)",
                    location=Location("Palmyra", 34.56, 38.27, 1, admin1="Homs"), fatalities=4)
    steps = {
        "find_actors": lambda s, i: find_actors(s, lexicon=lexicon),
        "assign_roles": lambda s, i: assign_roles(s, found[i], None, sub_event_type="Armed clash",
                                                  country_code="SY", lexicon=lexicon,
                                                  event_date=published),
        "resolve_date": lambda s, i: resolve_date(s, published=published),
        "count_fatalities": lambda s, i: count_fatalities(s),
        "assess": lambda s, i: assess(s),
        "write_note": lambda s, i: write_note(report),
    }
    total = 0.0
    for name, step in steps.items():
        t = time.perf_counter()
        for i, s in enumerate(texts):
            step(s, i)
        us = 1e6 * (time.perf_counter() - t) / len(texts)
        total += us
        print(f"{name:>16}: {us:7.1f} us/sentence")
    print(f"{'total':>16}: {total:7.1f} us/sentence over {len(texts)} sentences")


if __name__ == "__main__":
    main()
