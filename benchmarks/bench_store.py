"""Store throughput: synthetic articles and reports through add_batch, then queries and exports.

    python benchmarks/bench_store.py [--articles 20000] [--batch 200] [--db PATH]

Prints articles/s stored (with merging), query and export times, and the file size. The
reports are spread over 40 places and a year, with a third of them repeating an earlier
event from another source, so merging has real work to do.
"""

from __future__ import annotations

import argparse
import io
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from conflictwire.export import export
from conflictwire.models import Article, Location, Report, stable_id
from conflictwire.store import EventFilter, open_store

_SUBS = [("Armed clash", "Battles"), ("Air/drone strike", "Explosions/Remote violence"),
         ("Attack", "Violence against civilians"), ("Peaceful protest", "Protests")]


def _places(rng: random.Random) -> list[Location]:
    return [Location(f"Place {i}", rng.uniform(-30, 50), rng.uniform(-20, 100), 1,
                     country=f"Country {i % 12}", iso="IQ", admin1=f"Region {i}",
                     geonameid=1000 + i) for i in range(40)]


def _item(i: int, rng: random.Random, places: list[Location]) -> tuple[Article, Report]:
    # One article in three re-reports an earlier event (same day, place, type).
    seed = rng.randrange(max(1, i)) if i and rng.random() < 0.33 else i
    srng = random.Random(seed)
    day = date(2024, 1, 1) + timedelta(days=srng.randrange(365))
    place = places[srng.randrange(len(places))]
    sub, event_type = _SUBS[srng.randrange(len(_SUBS))]
    text = f"Article {i}: {sub} at {place.name} on {day}. " + "Background sentence. " * 40
    art = Article(id=stable_id("bench", i), text=text, published=day, source=f"Wire {i % 9}")
    rep = Report(report_id=stable_id(art.id, sub), article_id=art.id, event_date=day,
                 time_precision=1, disorder_type="Political violence", event_type=event_type,
                 sub_event_type=sub, actor1=f"Actor {srng.randrange(5)}", location=place,
                 fatalities=rng.randrange(6), source=art.source or "", evidence=text[:120],
                 confidence=0.7)
    return art, rep


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    rng = random.Random(7)
    places = _places(rng)
    items = [_item(i, rng, places) for i in range(args.articles)]
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.duckdb"
        store = open_store(path)
        t0 = time.perf_counter()
        for k in range(0, len(items), args.batch):
            chunk = items[k:k + args.batch]
            store.add_batch([a for a, _ in chunk], [r for _, r in chunk])
        stored = time.perf_counter() - t0
        counts = store.counts()
        t1 = time.perf_counter()
        store.add_batch([a for a, _ in items[:args.batch]], [r for _, r in items[:args.batch]])
        rerun = time.perf_counter() - t1
        timings = {}
        for name, call in {
            "events(limit=100)": lambda: store.events(),
            "events(country, month)": lambda: store.events(EventFilter(
                countries=("Country 3",), date_from=date(2024, 3, 1),
                date_to=date(2024, 3, 31))),
            "stats(month)": lambda: store.stats("month"),
            "count()": lambda: store.count(),
        }.items():
            t = time.perf_counter()
            call()
            timings[name] = time.perf_counter() - t
        for fmt in ("acled-csv", "geojson", "parquet"):
            t = time.perf_counter()
            export(store, fmt, io.BytesIO())
            timings[f"export {fmt}"] = time.perf_counter() - t
        store.close()
        size = path.stat().st_size
    print(f"stored {args.articles} articles in batches of {args.batch}: {stored:.1f} s "
          f"({args.articles / stored:.0f} articles/s, merging included)")
    print(f"rows: {counts}")
    print(f"re-adding one stored batch: {rerun * 1000:.0f} ms (adds nothing)")
    for name, seconds in timings.items():
        print(f"{name}: {seconds * 1000:.0f} ms")
    print(f"database file: {size / 2**20:.1f} MB")


if __name__ == "__main__":
    main()
