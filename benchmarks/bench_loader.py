"""The Dask loader alone: CPU seconds the client spends loading coded partitions into the store.

    python benchmarks/bench_loader.py [--work DIR] [--limit N] [--profile] [--db pg-url]

Codes every JSON lines set in ../shared/data once with 2 workers into `--work` (kept, so
later runs reuse it), then times a `--resume` run that finds every partition done: that run
is only the loader (read Parquet, skip known articles, batch, merge, commit) into a fresh
store. Prints the loader's CPU seconds (`time.process_time()` of this process while it
loads, which the machine's other jobs do not inflate) and wall seconds, the same for the
whole run (which also checks every partition's files, as a resume does), and what it
stored; `--profile` adds the top of a cProfile listing.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_dask import _coder, _inputs  # noqa: E402 (the benchmarks folder is not a package)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "cw-loader")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--coder", choices=("real", "simple"), default="real")
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument("--commit-size", type=int, default=2000,
                        help="articles per transaction (default 2,000, as a Dask run)")
    parser.add_argument("--db", default=None, help="a postgresql:// URL (default: DuckDB)")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--dump", type=Path, default=None,
                        help="write the stored events and report->event pairs here (JSON)")
    args = parser.parse_args()

    from conflictwire.scale.dask_run import DaskOptions, run_dask

    args.work.mkdir(parents=True, exist_ok=True)
    inputs = _inputs(args.limit, args.work)
    code, load = _coder(args.coder)
    opts = DaskOptions(workers=2, work_dir=args.work / "dask", resume=True,
                       batch_size=args.batch_size, commit_size=args.commit_size)
    with tempfile.TemporaryDirectory(prefix="cw-bench-loader-") as tmp:
        warm = _store(args.db, Path(tmp) / "warm.duckdb")
        run_dask(inputs, store=warm, code=code, load_resources=load, options=opts)
        warm.close()
        for i in range(args.repeat):
            store = _store(args.db, Path(tmp) / f"load{i}.duckdb")
            profiler = cProfile.Profile() if args.profile else None
            cpu, wall = time.process_time(), time.perf_counter()
            if profiler:
                profiler.enable()
            summary = run_dask(inputs, store=store, code=code, load_resources=load,
                               options=opts)
            if profiler:
                profiler.disable()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            print(json.dumps({"loader_cpu_s": summary.load_cpu_seconds,
                              "loader_wall_s": summary.load_seconds,
                              "run_cpu_s": round(cpu, 2), "run_wall_s": round(wall, 2),
                              "articles": summary.articles_total,
                              "reused": summary.reused, "stored": store.counts()}))
            if args.dump:
                _dump(store, args.dump)
            store.close()
            if profiler:
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
                pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


def _dump(store, path: Path) -> None:  # noqa: ANN001 - a Store
    """Events (without their timestamps) and report->event pairs, to compare runs."""
    events = [{k: v for k, v in row.items() if k != "timestamp"}
              for row in store.iter_events()]
    _, pairs = store._run("SELECT report_id, event_id FROM reports ORDER BY 1")
    path.write_text(json.dumps({"events": sorted(events, key=lambda e: e["event_id"]),
                                "reports": [list(p) for p in pairs]}, default=str))


def _store(db: str | None, path: Path):  # noqa: ANN202 - a Store
    if db:
        from conflictwire.store.postgres import PostgresStore

        store = PostgresStore(db)
        for table in ("reports", "events", "articles", "failures"):
            store._run(f"DELETE FROM {table}")
        return store
    from conflictwire.store.duckdb import DuckDBStore

    return DuckDBStore(path)


if __name__ == "__main__":
    main()
