"""Benchmark start-up: `conflictwire --help`, one short article coded end to end, and the first
build of the default gazetteer, each in a fresh process: wall time, CPU time and peak memory.

Targets (issue 21): --help under 0.3 s, one short article under 1 s warm (the gazetteer
built, the OS cache warm), the first gazetteer build under 1 GB with a progress bar. On a
shared machine wall time follows the load; CPU time (user + system) does not, so both are
given, with the load average.

    python benchmarks/bench_startup.py [--src DIR] [--runs N] [--gazetteer]

`--src` names another checkout's src/ (e.g. the main branch) to compare in the same run;
`--gazetteer` also times a first build into a temporary CONFLICTWIRE_HOME (about a minute).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
ARTICLE = {"id": "bench-1", "published": "2024-03-05",
           "text": "Gunmen killed five villagers near the market in Maiduguri on Tuesday, "
                   "police said."}
CLI = "import sys; sys.argv[0] = 'conflictwire'; from conflictwire.cli import main; main()"


def run(src: Path, args: list[str], env: dict[str, str] | None = None,
        stdin: str | None = None) -> dict[str, float]:
    """One fresh process: wall seconds, CPU seconds and peak resident MB."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CLI, *args], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(src), **(env or {})})
    assert proc.stdin is not None and proc.stderr is not None
    proc.stdin.write((stdin or "").encode())
    proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    error = proc.stderr.read().decode()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{args} failed ({proc.returncode}): {error[-500:]}")
    return {"wall_s": round(wall, 3), "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
            "peak_mb": round(usage.ru_maxrss / 1024)}


def median(results: list[dict[str, float]]) -> dict[str, float]:
    return {k: round(statistics.median(r[k] for r in results), 3) for k in results[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, action="append",
                        help="another src/ to measure too (repeatable)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--gazetteer", action="store_true", help="also time a first build")
    opts = parser.parse_args()
    sources = [SRC, *(opts.src or [])]
    report: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "one.jsonl"
        article.write_text(json.dumps(ARTICLE) + "\n")
        for src in sources:
            name = str(src)
            run(src, ["code", str(article)])  # warm: gazetteer built, files in the OS cache
            helps, codes = [], []
            for _ in range(opts.runs):  # interleaved, so load changes hit both alike
                helps.append(run(src, ["--help"]))
                codes.append(run(src, ["code", str(article)]))
            report[name] = {"help": median(helps), "one_article": median(codes)}
            if opts.gazetteer:
                home = Path(tmp) / f"home-{len(report)}"
                report[name]["first_gazetteer_build"] = run(
                    src, ["gazetteer", "build"], env={"CONFLICTWIRE_HOME": str(home)})
    report["load_average"] = dict(zip(("1m", "5m", "15m"), os.getloadavg(), strict=True))
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
