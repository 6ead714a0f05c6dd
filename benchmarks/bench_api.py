"""API latency and map time-to-first-render at 10,000 and 100,000 stored events.

Starts `conflictwire serve` on loopback over a synthetic database, sends a bounded number of
requests per endpoint (a few client threads), and prints median and p99 latency; then loads
the map page in Debian's headless chromium and reports when the points were first drawn.

    python benchmarks/bench_api.py                 # 10k and 100k, ~5 minutes the first time
    python benchmarks/bench_api.py --sizes 10000 --requests 50

The databases are cached in bench-out/ (the 10k one is made through Store.add_batch; the
100k one repeats it ten times, shifted in time and space, with SQL, since merging 100k
reports one batch at a time would take most of an hour).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import httpx

from conflictwire.store import open_store
from conflictwire.web.sample import synthetic_reports

OUT = Path(__file__).resolve().parents[1] / "bench-out"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
    "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
]


def database(size: int) -> Path:
    """A cached DuckDB file holding `size` events (10,000 or a multiple of it)."""
    OUT.mkdir(exist_ok=True)
    path = OUT / f"api-{size}.duckdb"
    if path.exists():
        return path
    base = OUT / "api-10000.duckdb"
    if not base.exists():
        store = open_store(base)
        articles, reports = synthetic_reports(10_000, seed=11)
        started = time.perf_counter()
        for i in range(0, len(articles), 1000):
            store.add_batch(articles[i:i + 1000], reports[i:i + 1000])
        n = store.count()
        store.close()
        print(f"made {base.name}: {n} events via add_batch in "
              f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
        # Merging joins a few reports; top up so the file holds 10,000 events exactly.
        if n < 10_000:
            _repeat(base, base, 10_000 - n, copies=1, fill_only=True)
    if size == 10_000:
        return base
    shutil.copy(base, path)
    _repeat(base, path, size, copies=size // 10_000 - 1)
    return path


def _repeat(base: Path, path: Path, size: int, *, copies: int, fill_only: bool = False) -> None:
    """Add shifted copies of the base events with SQL (new ids, dates +k weeks, points moved)."""
    con = duckdb.connect(str(path))
    try:
        if fill_only:
            con.execute(
                "INSERT INTO events SELECT * REPLACE (event_id || 'f' AS event_id, "
                "latitude + 0.01 AS latitude) FROM events ORDER BY event_id LIMIT ?", [size])
        else:
            for k in range(1, copies + 1):
                con.execute(
                    "INSERT INTO events SELECT * REPLACE (event_id || ? AS event_id, "
                    "event_date + CAST(? AS INTEGER) AS event_date, "
                    "latitude + ? AS latitude, longitude + ? AS longitude) FROM events "
                    "WHERE length(event_id) <= 17",
                    [f"k{k}", 7 * k, 0.05 * (k - 5), 0.04 * (k - 5)])
        n = con.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    finally:
        con.close()
    print(f"{path.name}: {n} events", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    exe = Path(sys.executable).with_name("conflictwire")
    proc = subprocess.Popen([str(exe), "serve", "--db", str(db), "--port", str(port),
                             "--log-level", "warning", "--read-only"])
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(f"{base}/api/health", timeout=1).read()
            return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("conflictwire serve did not start")


def latencies(base: str, path: str, n: int, threads: int, gzip: bool) -> dict[str, float]:
    """n GETs of `path` from `threads` client threads: median and p99 milliseconds, and the
    bytes sent. Each request opens its own connection, as a browser's first visit would."""
    headers = {"Accept-Encoding": "gzip" if gzip else "identity"}
    sizes: list[int] = []

    def one(_: int) -> float:
        with httpx.Client(base_url=base, timeout=120, headers=headers) as client:
            start = time.perf_counter()
            response = client.get(path)
            response.read()
            elapsed = time.perf_counter() - start
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
        sizes.append(response.num_bytes_downloaded)  # on the wire (compressed if gzip)
        return elapsed

    with ThreadPoolExecutor(threads) as pool:
        times = sorted(pool.map(one, range(n)))
    p99 = times[min(len(times) - 1, int(round(0.99 * (len(times) - 1))))]
    return {"median_ms": statistics.median(times) * 1000, "p99_ms": p99 * 1000,
            "bytes": statistics.median(sizes), "n": n}


def first_render(base: str) -> dict[str, float]:
    """Milliseconds from navigation to the points drawn, in headless chromium (software
    WebGL), then to redraw after a filter change; and the longest main-thread task (how long
    the page was frozen at worst)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or
                                    "/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        page.goto(f"{base}/#view=1.6/15/20")
        page.wait_for_function("window.cw && cw.ready", timeout=180_000)
        first = page.evaluate("cw.firstRenderMs")
        longest = page.evaluate("cw.longestTaskMs")
        # Then a filter change: how long until the map shows the new points.
        page.locator(".type[data-type='Battles'] input").uncheck()
        page.wait_for_function("cw.ready && cw.loads >= 2", timeout=180_000)
        refilter = page.evaluate("cw.lastLoadMs")
        browser.close()
    return {"first_render_ms": first, "refilter_ms": refilter, "longest_task_ms": longest}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--requests", type=int, default=200, help="requests for a page of events")
    ap.add_argument("--exports", type=int, default=10, help="requests for a full export")
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    os.environ.pop("CONFLICTWIRE_API_TOKEN", None)
    results = []
    for size in args.sizes:
        db = database(size)
        proc, base = start_server(db)
        try:
            cases = [
                ("page: Battles in Sudan, 100", "/api/events?event_type=Battles&country=Sudan"
                 "&limit=100", args.requests, True),
                ("page: 2024-06, >=5 deaths, text", "/api/events?date_from=2024-06-01"
                 "&date_to=2024-06-30&min_fatalities=5&q=killing&limit=100", args.requests, True),
                ("stats (map timeline)", "/api/stats", args.requests // 2, True),
                ("geojson: all, full properties", "/api/events.geojson", args.exports, False),
                ("geojson: all, full, gzip", "/api/events.geojson", args.exports, True),
                ("geojson: all, map properties, gzip", "/api/events.geojson?properties=map",
                 args.exports, True),
                ("csv: all", "/api/events.csv", args.exports, False),
            ]
            for name, path, n, gz in cases:
                # Small answers: one client (latency), then several at once (under load).
                for threads in ((1, args.threads) if n > 20 else (1,)):
                    r = latencies(base, path, n, threads, gz)
                    row = {"events": size, "case": name, "threads": threads, **r}
                    results.append(row)
                    print(f"{size:>7} {name:<38} median {r['median_ms']:8.1f} ms  p99 "
                          f"{r['p99_ms']:8.1f} ms  {r['bytes'] / 1e6:7.2f} MB  (n={n}, "
                          f"{threads} clients)", flush=True)
            if not args.no_browser:
                r = first_render(base)
                results.append({"events": size, "case": "map", **r})
                print(f"{size:>7} map first render {r['first_render_ms']:.0f} ms, "
                      f"after a filter change {r['refilter_ms']:.0f} ms, longest main-thread "
                      f"task {r['longest_task_ms']:.0f} ms", flush=True)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    (OUT / "bench_api.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
