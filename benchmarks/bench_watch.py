"""Measure the watcher: merge quality on the multi-outlet set, feed-entry-to-alert latency on
loopback, and memory after 10,000 polled entries.

    python benchmarks/bench_watch.py [--entries 10000] [--feeds 100] [--only merge|latency|memory]

Everything runs on 127.0.0.1 (an HTTP server in a thread serving generated feeds, aiosmtpd
receiving the alerts) against a DuckDB store in a temporary folder. The coder is
`conflictwire.coding.runner` when it is installed, else a small keyword coder defined here (then the
figures measure the watcher, fetcher, store and alerting, not the coder). Resident memory
includes DuckDB's buffer cache, which grows with the database; Python's allocated blocks
show the watcher's own memory.
"""

from __future__ import annotations

import argparse
import gc
import re
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime
from email.utils import format_datetime
from pathlib import Path

from conflictwire.events.evaluation import evaluate
from conflictwire.models import Article, Location, Report, stable_id
from conflictwire.store import open_store
from conflictwire.store.watch_tables import WatchDB
from conflictwire.watch.alerts.subscriptions import subscription_from_spec
from conflictwire.watch.config import config_from_dict
from conflictwire.watch.watcher import Watcher

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from loopback_servers import free_port, http_server, smtp_server, static  # noqa: E402

TOWNS = {
    "Mosul": (36.335, 43.119, "Iraq", "IQ"), "Kharkiv": (49.98, 36.25, "Ukraine", "UA"),
    "Maiduguri": (11.846, 13.160, "Nigeria", "NG"), "Idlib": (35.93, 36.63, "Syria", "SY"),
    "Goma": (-1.679, 29.222, "Democratic Republic of Congo", "CD"),
}
_KILLED = re.compile(r"(\d+) people were killed")


def keyword_coder(art: Article) -> list[Report]:
    """One report when the text names a known town and an air strike (a stand-in coder)."""
    town = next((t for t in TOWNS if t in art.text), None)
    if town is None or "strike" not in art.text.lower():
        return []
    lat, lon, country, iso = TOWNS[town]
    m = _KILLED.search(art.text)
    return [Report(
        report_id=stable_id("r", art.id), article_id=art.id, event_date=art.published,
        time_precision=1, disorder_type="Political violence",
        event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
        location=Location(town, lat, lon, 1, country=country, iso=iso),
        fatalities=int(m[1]) if m else 0, source=art.source or "", evidence=art.text[:200],
        confidence=0.5,
    )]


def _coder():
    try:
        from conflictwire.coding.resources import Resources
        from conflictwire.coding.runner import code
    except ImportError:
        return keyword_coder, "keyword stand-in"
    resources = Resources.load()
    return (lambda art: code(art, resources=resources)), "conflictwire.coding.runner"


def _rss(items: list[tuple[str, str, str]]) -> bytes:
    body = "".join(
        f"<item><title>{t}</title><guid>{g}</guid><pubDate>{p}</pubDate>"
        f"<description>{t}.</description></item>" for g, t, p in items
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>{body}'
            "</channel></rss>").encode()


def _config(base: str, smtp_port: int, feeds: list[dict]) -> object:
    return config_from_dict({
        "app_url": "http://localhost:8000",
        "fetch": {"allow_private": True, "host_interval": 0, "retries": 1, "backoff": 0.05,
                  "timeout": 5, "respect_robots": True},
        "smtp": {"host": "127.0.0.1", "port": smtp_port, "timeout": 5},
        "feeds": feeds,
    })


def bench_merge() -> None:
    for via_merge in (False, True):
        scores = evaluate(ROOT / "tests" / "data" / "multi_outlet", via_merge=via_merge)
        how = "merge.merge, one report at a time" if via_merge else "matching.match"
        print(f"merge ({how}): {scores.gold_events} events, {scores.reports} reports, "
              f"{scores.predicted_events} predicted events")
        _print_scores(scores)


def _print_scores(scores) -> None:
    print(f"  duplicate rate {scores.duplicate_rate:.3f}, wrong-merge rate "
          f"{scores.wrong_merge_rate:.3f}, pairwise recall {scores.pair_recall:.3f}, "
          f"precision {scores.pair_precision:.3f}, near misses merged "
          f"{scores.near_miss_merged}/{scores.near_miss_pairs}")


def bench_latency(code, rounds: int = 10, interval: float = 1.0) -> None:
    """Seconds from a new entry appearing in a feed to its alert arriving by SMTP."""
    stamp = format_datetime(datetime.now(UTC))
    with tempfile.TemporaryDirectory() as tmp, http_server() as srv, smtp_server() as box:
        items: list[tuple[str, str, str]] = []
        srv.add("/feed.rss", lambda h: h.send(200, _rss(items), {"Content-Type": "text/xml"}))
        config = _config(srv.base, box.port, [{"name": "bench", "url": f"{srv.base}/feed.rss",
                                               "interval": interval, "fetch_pages": False}])
        path = str(Path(tmp) / "bench.duckdb")
        store, db = open_store(path), WatchDB(path)
        sub = subscription_from_spec({"name": "all", "email": "a@example.org"})
        db.put_subscription(sub.subscription_id, sub.name, sub.spec())
        watcher = Watcher(config, store=store, db=db, code=code)
        stop = threading.Event()
        thread = threading.Thread(target=watcher.run, args=(stop,), kwargs={"max_sleep": 0.05})
        thread.start()
        latencies = []
        try:
            for i in range(rounds):
                town = list(TOWNS)[i % len(TOWNS)]
                before = len(box.messages)
                t0 = time.perf_counter()
                items.insert(0, (f"lat-{i}", f"Air strike in {town}: {i + 2} people were killed",
                                 stamp))
                while len(box.messages) == before and time.perf_counter() - t0 < 30:
                    time.sleep(0.005)
                latencies.append(time.perf_counter() - t0)
                time.sleep(0.3)
        finally:
            stop.set()
            thread.join()
            watcher.fetcher.close()
            db.close()
            store.close()
    latencies.sort()
    print(f"latency (feed polled every {interval:g}s, {rounds} new entries): median "
          f"{latencies[len(latencies) // 2]:.2f}s, max {latencies[-1]:.2f}s "
          f"(includes waiting for the next poll: at most {interval:g}s)")


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def bench_memory(code, entries: int, feeds: int) -> None:
    """Resident memory while the watcher polls `entries` new entries spread over `feeds`."""
    per_feed = entries // feeds
    first = date(2024, 1, 1).toordinal()

    def day(n: int) -> str:  # entries spread over a year: about five reports an event
        return date.fromordinal(first + n % 365).strftime("%a, %d %b %Y 08:00:00 GMT")

    with tempfile.TemporaryDirectory() as tmp, http_server() as srv:
        for f in range(feeds):
            items = [(f"f{f}-e{e}", f"Air strike in {list(TOWNS)[(f + e) % 5]} number "
                      f"{f}-{e}: {e % 7} people were killed", day(f * per_feed + e))
                     for e in range(per_feed)]
            srv.add(f"/f{f}.rss", static(_rss(items), "application/rss+xml"))
        config = _config(srv.base, free_port(), [
            {"name": f"f{f}", "url": f"{srv.base}/f{f}.rss", "fetch_pages": False}
            for f in range(feeds)])
        path = str(Path(tmp) / "mem.duckdb")
        store, db = open_store(path), WatchDB(path)
        watcher = Watcher(config, store=store, db=db, code=code)
        start = _rss_mb()
        marks = []
        t0 = time.perf_counter()
        try:
            for f, feed in enumerate(config.feeds):
                watcher.poll(feed)
                if f + 1 in (feeds // 10, feeds // 2, feeds):
                    gc.collect()
                    marks.append(((f + 1) * per_feed, _rss_mb(), sys.getallocatedblocks()))
        finally:
            watcher.fetcher.close()
            counts = store.counts()
            db.close()
            store.close()
        seconds = time.perf_counter() - t0
    print(f"memory: {start:.0f} MB before; " + ", ".join(
        f"{n} entries: {mb:.0f} MB RSS, {blocks / 1000:.0f}k Python blocks"
        for n, mb, blocks in marks) +
        f"; {counts['articles']} articles, {counts['events']} events stored in {seconds:.0f}s "
        f"({entries / seconds:.0f} entries/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--only", choices=("merge", "latency", "memory"))
    args = parser.parse_args()
    code, name = _coder()
    print(f"coder: {name}")
    if args.only in (None, "merge"):
        bench_merge()
    if args.only in (None, "latency"):
        bench_latency(code)
    if args.only in (None, "memory"):
        bench_memory(code, args.entries, args.feeds)


if __name__ == "__main__":
    main()
