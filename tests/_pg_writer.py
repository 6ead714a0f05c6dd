"""A writer process for the concurrency tests and benchmark: adds a workload to a store.

python _pg_writer.py DB --events N --per-event K [--tag T] [--shuffle SEED] [--batch B]
    [--start-at UNIX_TIME] [--same-event WRITER]
Prints one JSON line with what it added. `--same-event W` writes K reports, from writer W, of
the same few real-world events that every other writer also reports, all at `--start-at`.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _synthetic import workload  # noqa: E402
from conflictwire.models import Article, Location, Report, stable_id  # noqa: E402


def same_events(writer: int, n_events: int) -> tuple[list[Article], list[Report]]:
    """One article by `writer` about each of `n_events` shared events."""
    articles, reports = [], []
    for e in range(n_events):
        place = Location(f"Shared town {e}", 10.0 + e, 20.0 + e, 1, country="Mali", iso="ML",
                         geonameid=None)
        text = f"Writer {writer} reports clash {e} in shared town {e}."
        art = Article(id=stable_id("same", writer, e), text=text, published=date(2024, 5, 2))
        articles.append(art)
        reports.append(Report(
            report_id=stable_id("same", writer, e), article_id=art.id,
            event_date=date(2024, 5, 1), time_precision=1, disorder_type="Political violence",
            event_type="Battles", sub_event_type="Armed clash", actor1="Armed group A",
            location=place, fatalities=3 + writer, evidence=text, confidence=0.7,
            published=art.published,
        ))
    return articles, reports


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--events", type=int, default=10)
    parser.add_argument("--per-event", type=int, default=2)
    parser.add_argument("--tag", default="")
    parser.add_argument("--shuffle", type=int, default=None)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--start-at", type=float, default=0.0)
    parser.add_argument("--same-event", type=int, default=None)
    args = parser.parse_args()

    from conflictwire.store.postgres import PostgresStore

    if args.same_event is not None:
        articles, reports = same_events(args.same_event, args.events)
    else:
        articles, reports = workload(args.events, args.per_event, tag=args.tag)
    pairs = list(zip(articles, reports, strict=True))
    if args.shuffle is not None:
        random.Random(args.shuffle).shuffle(pairs)
    store = PostgresStore(args.db)
    time.sleep(max(0.0, args.start_at - time.time()))
    started = time.perf_counter()
    added = 0
    for i in range(0, len(pairs), args.batch):
        chunk = pairs[i:i + args.batch]
        result = store.add_batch([a for a, _ in chunk], [r for _, r in chunk])
        added += result.reports_added
        print(json.dumps({"batch": i // args.batch, "reports_added": result.reports_added}),
              flush=True)
    store.close()
    print(json.dumps({"done": True, "reports_added": added,
                      "seconds": round(time.perf_counter() - started, 3)}), flush=True)


if __name__ == "__main__":
    main()
