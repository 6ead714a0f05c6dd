"""Dask throughput: articles/s with 1 and 2 local workers, peak worker memory, resume after kill.

    python benchmarks/bench_dask.py [--coder real|simple] [--workers 1 2] [--limit N]
                                    [--partition-size 200] [--kill-test]

Codes every article of the JSON lines sets in ../shared/data (events, geoparse, extract:
about 17,900 articles, 181 of them HTML) into a fresh DuckDB store per run. `coding` is the
wall time from workers ready (resources loaded) to the last partition stored; `setup` is
starting the cluster and loading the resources. `load_cpu_s` is the CPU time of this process
while it loads results into the store; `client_cpu_s` all of its CPU time in the run (the
loader, and the scheduler, which a local cluster runs in this process); `cluster_cpu_s`
that of the worker processes (coding and Dask's own work), counted once they exit. `--kill-test`
starts a 2-worker run in a child process, kills it (kill -9, the whole process group) once
half the partitions are done, then times `--resume`. `--coder simple` uses the tests'
keyword coder (no models).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("CONFLICTWIRE_SHARED_DATA") or REPO.parent / "shared" / "data")
SETS = {
    "all": ("events/*.jsonl.gz", "geoparse/*.jsonl.gz", "extract/*.jsonl.gz"),
    # Whole articles only (no UCDP headline set): what a day of news looks like.
    "articles": ("events/fakes_*.jsonl.gz", "geoparse/*.jsonl.gz", "extract/*.jsonl.gz"),
}


def _inputs(limit: int | None, tmp: Path, sets: str = "all") -> list[str]:
    files = sorted(str(p) for pattern in SETS[sets] for p in DATA.glob(pattern))
    if not files:
        sys.exit(f"no dev data under {DATA}")
    if limit is None:
        return files
    import gzip

    out = tmp / "limited.jsonl"
    with out.open("w") as fh:
        n = 0
        for name in files:
            with gzip.open(name, "rt") as lines:
                for line in lines:
                    if n >= limit:
                        break
                    fh.write(line)
                    n += 1
    return [str(out)]


def _coder(kind: str):  # noqa: ANN202 - (code, load) pair
    if kind == "simple":
        sys.path.insert(0, str(REPO / "tests"))
        import cloudpickle

        import _simple_coder

        cloudpickle.register_pickle_by_value(_simple_coder)
        return _simple_coder.code, _simple_coder.load_gazetteer
    from conflictwire.scale.coding import code_article, load_resources

    return code_article, load_resources


def _run(inputs: list[str], workers: int, tmp: Path, kind: str, size: int,
         resume: bool = False, name: str = "", batch: int = 50) -> dict:
    from conflictwire.scale.dask_run import DaskOptions, run_dask
    from conflictwire.store.duckdb import DuckDBStore

    code, load = _coder(kind)
    store = DuckDBStore(tmp / f"{name or workers}.duckdb")
    done = []

    def progress(event) -> None:  # noqa: ANN001
        done.append(event.part.id)
        print(json.dumps({"partition": len(done)}), flush=True)

    opts = DaskOptions(workers=workers, work_dir=tmp / f"work-{name or workers}",
                       partition_size=size, resume=resume, batch_size=batch)
    t0, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    summary = run_dask(inputs, store=store, code=code, load_resources=load, options=opts,
                       progress=progress)
    total, cpu = time.perf_counter() - t0, time.process_time() - cpu
    children = _children_cpu() - children
    counts = store.counts()
    store.close()
    return {"workers": workers, "partitions": summary.partitions, "reused": summary.reused,
            "articles": summary.articles_coded, "coding_s": summary.coding_seconds,
            "setup_s": summary.setup_seconds, "total_s": round(total, 2),
            "articles_per_s": round(summary.articles_per_second, 1),
            "peak_worker_mb": summary.peak_worker_mb,
            "worker_cpu_s": summary.worker_cpu_seconds,
            "cpu_ms_per_article": round(1000 * summary.worker_cpu_seconds
                                        / max(1, summary.articles_coded), 2),
            "load_s": summary.load_seconds, "load_cpu_s": summary.load_cpu_seconds,
            "client_cpu_s": round(cpu, 2), "cluster_cpu_s": round(children, 2),
            "stored": counts}


def _children_cpu() -> float:
    """CPU seconds of this process's finished children (the cluster's nannies and workers)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _kill_test(args: argparse.Namespace, tmp: Path, inputs: list[str]) -> None:
    cmd = [sys.executable, __file__, "--child", "--coder", args.coder, "--partition-size",
           str(args.partition_size), "--tmp", str(tmp), "--sets", args.sets,
           *(["--limit", str(args.limit)] if args.limit else [])]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, start_new_session=True)
    assert proc.stdout is not None
    total = None
    seen = 0
    for line in proc.stdout:
        row = json.loads(line)
        if "planned" in row:
            total = row["planned"]
        elif "partition" in row:
            seen = row["partition"]
            if total and seen >= total // 2:
                break
    os.killpg(proc.pid, signal.SIGKILL)  # the client, its scheduler and its workers
    proc.wait()
    print(f"killed the run after {seen} of {total} partitions")
    resumed = _run(inputs, 2, tmp, args.coder, args.partition_size, resume=True, name="kill")
    print("resume:", json.dumps(resumed))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coder", choices=("real", "simple"), default="real")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--sets", choices=tuple(SETS), default="all")
    parser.add_argument("--partition-size", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=50, help="articles merged as one "
                        "batch when loading (50, as a single-process run)")
    parser.add_argument("--kill-test", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--tmp", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cw-bench-dask-") as scratch:
        tmp = args.tmp or Path(scratch)
        inputs = _inputs(args.limit, tmp, args.sets)
        if args.child:
            from conflictwire.scale.partitions import plan_partitions

            print(json.dumps({"planned": len(plan_partitions(inputs,
                                                             size=args.partition_size))}),
                  flush=True)
            _run(inputs, 2, tmp, args.coder, args.partition_size, name="kill")
            return
        results = [_run(inputs, n, tmp, args.coder, args.partition_size,
                        batch=args.batch_size) for n in args.workers]
        for row in results:
            print(json.dumps(row))
        if len(results) >= 2 and results[0]["coding_s"]:
            speedup = results[0]["coding_s"] / results[1]["coding_s"]
            print(f"speed-up {results[1]['workers']} vs {results[0]['workers']} workers: "
                  f"{speedup:.2f}x (coding wall time)")
        if args.kill_test:
            _kill_test(args, tmp, inputs)


if __name__ == "__main__":
    main()
