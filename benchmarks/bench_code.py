"""Benchmark the event coder: articles/s on one core and peak memory, by component.

Codes the FA-KES dev articles (full news articles) and the UCDP headlines from
../shared/data/events, in-process and single-threaded, after loading the resources once.
Targets (issue 15, with the encoder as the default learner): >= 50 full articles and >= 500
headlines per second per core, peak memory under 1.5 GB; the learner's own share is reported.

    python benchmarks/bench_code.py [--limit N] [--model encoder|linear|PATH] [--data DIR]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "events"
SETS = ("fakes_syria_dev.jsonl.gz", "ucdp_ged_syria_headlines.jsonl.gz")


def _articles(path: Path, limit: int | None) -> list[Any]:
    from conflictwire.ingest.readers import read_inputs
    from conflictwire.models import Article

    lines = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            keep = ("id", "text", "title", "published", "source")
            lines.append(json.dumps({k: row[k] for k in keep if row.get(k)}))
            if limit and len(lines) >= limit:
                break
    items = read_inputs(["-"], stdin=io.StringIO("\n".join(lines) + "\n"))
    return [a for a in items if isinstance(a, Article)]


def _timed(stages: Counter[str]) -> None:
    """Wrap each registered coder component so the time spent in it is added to
    stages[name]: the per-stage profile is the pipeline's own order."""
    from dataclasses import replace

    from conflictwire.coding import components, runner

    def timed(name: str, inner: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                stages[name] += time.perf_counter() - t
        return wrapper

    for name, step in list(components.REGISTRY.items()):
        components.REGISTRY[name] = replace(step, run=timed(name, step.run))
    runner.pipeline.cache_clear()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, help="articles per set")
    ap.add_argument("--model", default=None, help="encoder (default), linear, or a model path")
    ap.add_argument("--config", type=Path, default=None, help="settings file (as --config)")
    ap.add_argument("--data", type=Path, default=DATA, help=f"event sets folder ({DATA})")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"no dev data at {args.data}", file=sys.stderr)
        return 1
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    from conflictwire.coding.resources import Resources
    from conflictwire.coding.runner import code
    from conflictwire.settings import load_settings

    settings = load_settings(args.config)

    t = time.perf_counter()
    resources = Resources.load(model_path=args.model)
    learner = resources.classifier.learner
    proba_many = learner.proba_many

    def timed_learner(texts, hits):  # the learner's own share of the time
        t = time.perf_counter()
        try:
            return proba_many(texts, hits)
        finally:
            stages["(learner)"] += time.perf_counter() - t
            sentences["(learner)"] += len(texts)

    object.__setattr__(learner, "proba_many", timed_learner)
    sentences: Counter[str] = Counter()
    print(f"resources loaded in {time.perf_counter() - t:.1f} s, peak {_peak_mb():.0f} MB")
    stages: Counter[str] = Counter()
    _timed(stages)

    for name in SETS:
        articles = _articles(args.data / name, args.limit)
        if articles:  # warm lazily loaded parts (gazetteer automaton) outside the timing
            code(articles[0], resources=resources, settings=settings)
        stages.clear()
        sentences.clear()
        cpu0, t0 = time.process_time(), time.perf_counter()
        events = sum(len(code(a, resources=resources, settings=settings)) for a in articles)
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - t0
        chars = sum(len(a.text) for a in articles) / max(1, len(articles))
        print(f"{name}: {len(articles)} articles (mean {chars:.0f} chars), {events} events, "
              f"{len(articles) / cpu:.1f} articles/s/core (cpu), "
              f"{len(articles) / wall:.1f} articles/s (wall), peak {_peak_mb():.0f} MB")
        for stage, seconds in stages.most_common():
            print(f"    {stage:18s} {1000 * seconds / max(1, len(articles)):7.2f} ms/article")
        print(f"    the learner typed {sentences['(learner)']} candidate sentences "
              f"({sentences['(learner)'] / max(1, len(articles)):.1f} an article)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
