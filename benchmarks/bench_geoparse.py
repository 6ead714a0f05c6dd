"""Benchmark the geoparser alone: articles/s on one core, and the gazetteer's build time,
size and open time.

    python benchmarks/bench_geoparse.py [--data ../shared/data/geoparse/lgl.jsonl.gz]
        [--gazetteer PATH] [--build]

Target: >= 200 plain-text news articles/s per core for `geoparse` alone.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from conflictwire.geo.gazetteer import Gazetteer, default_path
from conflictwire.geo.gazetteer.build import build_default
from conflictwire.geo.geoparse import geoparse
from conflictwire.models import Article

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "geoparse"


def _articles(path: Path) -> list[Article]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [Article(id=str(r["id"]), text=r["text"]) for r in rows]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, action="append",
                    help="JSON lines articles (default: the LGL and GeoWebNews dev sets)")
    ap.add_argument("--gazetteer", type=Path, help="gazetteer file (default: the default one)")
    ap.add_argument("--build", action="store_true", help="also time a fresh default build")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    if a.build:
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            built = build_default(Path(tmp) / "g.sqlite")
            print(f"gazetteer build (PyPI data): {time.perf_counter() - t:.1f} s, "
                  f"{built.stat().st_size / 1e6:.0f} MB")
    path = a.gazetteer or default_path()
    Gazetteer.open(path).close()
    t = time.perf_counter()
    gaz = Gazetteer.open(path)
    print(f"gazetteer open: {(time.perf_counter() - t) * 1000:.2f} ms "
          f"({path}, {path.stat().st_size / 1e6:.0f} MB)")
    t = time.perf_counter()
    gaz.automaton  # noqa: B018 - loaded on first match; timed apart
    print(f"name automaton load: {time.perf_counter() - t:.2f} s")
    files = a.data or [p for p in (DATA / "lgl.jsonl.gz", DATA / "geowebnews.jsonl.gz")
                       if p.exists()]
    if not files:
        sys.exit("no articles: pass --data FILE")
    for f in files:
        arts = _articles(f)
        rates, cpu_rates = [], []
        for _ in range(a.repeat):
            t, c = time.perf_counter(), time.process_time()
            n = sum(len(geoparse(art, gazetteer=gaz)) for art in arts)
            rates.append(len(arts) / (time.perf_counter() - t))
            cpu_rates.append(len(arts) / max(1e-9, time.process_time() - c))
        chars = statistics.mean(len(x.text) for x in arts)
        # CPU time is what a core spends; wall time also counts other jobs on a shared box.
        print(f"{f.name}: {len(arts)} articles (mean {chars:.0f} chars), {n} toponyms, "
              f"{max(cpu_rates):.0f} articles per CPU-second, {max(rates):.0f} articles/s "
              f"wall clock (best of {a.repeat})")


if __name__ == "__main__":
    main()
