"""End-to-end tests of the watcher with real parts on 127.0.0.1: an HTTP server serving feeds
(real ones from ../shared/data/raw/feeds and ones written for these tests) and article pages,
an SMTP server (aiosmtpd) receiving the alerts, a webhook receiver, and a DuckDB store."""

from __future__ import annotations

import gzip
import hmac
import json
import re
import threading
import time
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from _factories import keyword_coder
from conflictwire.models import Article, Report
from conflictwire.store import open_store
from conflictwire.watch.alerts.channels import sign
from conflictwire.watch.alerts.subscriptions import subscription_from_spec
from conflictwire.watch.config import config_from_dict
from conflictwire.watch.watcher import Watcher
from loopback_servers import Handler, free_port, http_server, smtp_server, static
from paths import SHARED_DATA, TEST_DATA, need_shared

HERE = TEST_DATA / "watch"
SHARED = SHARED_DATA / "raw"
_KILLED = re.compile(r"(\d+) people were killed")


def tiny_coder(art: Article, *, hint_countries: tuple[str, ...] = ()) -> list[Report]:
    """The store tests' keyword coder, plus a death count and "Monday" as the event day."""
    out = []
    for r in keyword_coder(art):
        m = _KILLED.search(art.text)
        day = date(2024, 3, 4) if "Monday" in art.text else r.event_date
        out.append(replace(r, fatalities=int(m[1]) if m else 0, event_date=day))
    return out


class Clock:
    """A settable clock for the watcher, so schedules can be skipped forward."""

    def __init__(self) -> None:
        self.now = datetime(2024, 3, 5, 10, 0)

    def __call__(self) -> datetime:
        return self.now


def _wire(srv, version: int) -> None:
    text = (HERE / f"wire_{version}.rss").read_text().replace("{base}", srv.base)
    etag = f'"wire-{version}"'

    def feed(h: Handler) -> None:
        if h.headers.get("If-None-Match") == etag:
            h.send(304)
        else:
            h.send(200, text.encode(), {"Content-Type": "application/rss+xml", "ETag": etag})

    srv.add("/wire.rss", feed)


def _serve_pages(srv) -> None:
    for name in ("mosul-strike.html", "mosul-toll.html"):
        srv.add(f"/wire/{name}", static((HERE / name).read_bytes()))


def _config(srv, box_port: int, feeds: list[dict], **extra):
    return config_from_dict({
        "app_url": "https://cw.example",
        "digest_hour": 7,
        "webhook_timeout": 1,
        "fetch": {"allow_private": True, "host_interval": 0, "retries": 1, "backoff": 0.01,
                  "timeout": 2, "max_bytes": 2 * 2**20, "max_redirects": 3},
        "smtp": {"host": "127.0.0.1", "port": box_port, "sender": "cw@example.org",
                 "timeout": 3},
        "feeds": feeds,
        **extra,
    })


def _watcher(tmp_path, config, clock=None):
    path = str(tmp_path / "events.duckdb")
    store = open_store(path)
    return Watcher(config, store=store, code=tiny_coder, clock=clock or Clock())


def _close(w: Watcher) -> None:
    w.fetcher.close()
    w.store.close()


def _subscribe(w: Watcher, **spec) -> None:
    sub = subscription_from_spec({"name": "Desk", "email": "desk@example.org", **spec})
    w.db.put_subscription(sub.subscription_id, sub.name, sub.spec())


@pytest.fixture
def served():
    with http_server() as srv:
        _wire(srv, 1)
        _serve_pages(srv)
        yield srv


def test_new_entries_are_coded_stored_and_alerted_by_email_and_webhook(tmp_path, served):
    hooks: list[tuple[dict, bytes]] = []
    served.add("/hook", lambda h: (hooks.append((dict(h.headers), b"")), h.send(200)))
    with smtp_server() as box:
        config = _config(served, box.port, [{"name": "wire", "url": f"{served.base}/wire.rss"}])
        w = _watcher(tmp_path, config)
        _subscribe(w, webhook_url=f"{served.base}/hook", webhook_secret="k3y")
        try:
            (result,) = w.run_once()
            mails = box.wait_for(2)
        finally:
            _close(w)
    assert (result.status, result.entries, result.new, result.coded) == ("ok", 2, 2, 2)
    assert "poll feed='wire' status=ok entries=2 new=2" in result.line()
    assert served.hits("/wire/mosul-strike.html") == 1  # the linked page was fetched
    subjects = sorted(m["Subject"] for m in mails)
    assert len(mails) == 2
    assert any("Mosul" in s for s in subjects) and any("Idlib" in s for s in subjects)
    assert all("https://cw.example/?event=" in m.get_body(("plain",)).get_content()
               for m in mails)
    # The webhook got one signed POST per alert.
    posts = [(h, b) for m, p, h, b in served.requests if p == "/hook"]
    assert len(posts) == 2
    for headers, body in posts:
        expected = sign(body, "k3y", headers["X-Conflictwire-Timestamp"])
        assert hmac.compare_digest(expected, headers["X-Conflictwire-Signature"])
        assert json.loads(body)["type"] == "alert"


def test_a_restarted_watcher_neither_recodes_nor_resends(tmp_path, served):
    clock = Clock()
    coded: list[str] = []
    with smtp_server() as box:
        config = _config(served, box.port, [{"name": "wire", "url": f"{served.base}/wire.rss",
                                             "interval": "10m"}])
        w = _watcher(tmp_path, config, clock)
        _subscribe(w)
        w.run_once()
        _close(w)
        assert len(box.wait_for(2)) == 2

        clock.now += timedelta(minutes=11)
        w = _watcher(tmp_path, config, clock)
        w.code = lambda art, **_: coded.append(art.id) or tiny_coder(art)
        try:
            (again,) = w.run_once()
            assert w.run_once() == []  # not due again before its interval
        finally:
            _close(w)
        time.sleep(0.2)
        assert len(box.messages) == 2
    assert again.status == "not-modified" and coded == []
    conditional = [h for m, p, h, b in served.requests if p == "/wire.rss"]
    assert conditional[1].get("If-None-Match") == '"wire-1"'


def test_each_feed_passes_its_country_focus_to_the_coder(tmp_path, served):
    served.add("/world.rss", static(
        b'<rss version="2.0"><channel><title>W</title><item><title>Air strike in Kassala'
        b'</title><guid>w-1</guid><pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate><description>'
        b'An air strike hit Kassala on Monday.</description></item></channel></rss>',
        "application/rss+xml"))
    seen: dict[str, tuple[str, ...]] = {}

    def coder(art: Article, *, hint_countries: tuple[str, ...] = ()) -> list[Report]:
        seen[art.source or ""] = hint_countries
        return tiny_coder(art)

    config = _config(served, free_port(), [
        {"name": "iraq desk", "url": f"{served.base}/wire.rss", "country": "IQ, Syria"},
        {"name": "world", "url": f"{served.base}/world.rss"}])
    w = _watcher(tmp_path, config)
    w.code = coder
    try:
        w.run_once()
    finally:
        _close(w)
    assert seen == {"iraq desk": ("IQ", "Syria"), "world": ()}


def test_a_later_report_updates_the_toll_keeps_the_history_and_alerts_an_update(
        tmp_path, served):
    clock = Clock()
    with smtp_server() as box:
        config = _config(served, box.port, [{"name": "wire", "url": f"{served.base}/wire.rss",
                                             "interval": 60}])
        w = _watcher(tmp_path, config, clock)
        _subscribe(w, min_fatalities=1)
        try:
            w.run_once()
            served.routes.pop("/wire.rss")
            _wire(served, 2)
            clock.now += timedelta(minutes=2)
            (result,) = w.run_once()
            events = w.store.events(limit=10)
            mosul = next(e for e in events if e["location"] == "Mosul")
            history = w.db.fatality_history(mosul["event_id"])
        finally:
            _close(w)
        mails = box.wait_for(3)
    assert result.new == 1 and result.coded == 1
    assert mosul["fatalities"] == 9 and mosul["n_reports"] == 2
    assert sorted(h["fatalities"] for h in history) == [4, 9]
    subjects = [m["Subject"] for m in mails]
    assert any(s.startswith("conflictwire update") and "9 fatalities" in s for s in subjects)


def test_bad_feeds_and_pages_are_logged_and_never_stop_the_watcher(tmp_path, served, caplog):
    def forever(h: Handler) -> None:
        h.send(302, b"", {"Location": "/loop"})

    def huge(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        for _ in range(400 * 16):  # 400 MB in 64 KB chunks, unless the client hangs up
            h.wfile.write(b"<p>" + b"x" * 65530 + b"</p>")

    links = {"loop": "/loop", "huge": "/huge"}
    bad_items = "".join(
        f"<item><title>Air strike in Mosul ({k})</title><link>{served.base}{v}</link>"
        f"<guid>bad-{k}</guid><pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate>"
        f"<description>An air strike hit Mosul ({k}).</description></item>"
        for k, v in links.items()
    )
    served.add("/loop", forever)
    served.add("/huge", huge)
    served.add("/links.rss", static(
        f'<rss version="2.0"><channel><title>L</title>{bad_items}</channel></rss>'.encode(),
        "application/rss+xml"))
    served.add("/notxml.rss", static(b"this is not XML at all", "application/rss+xml"))
    served.add("/trunc.rss", static(gzip.compress((HERE / "wire_1.rss").read_bytes())[:200],
                                    "application/gzip"))
    served.add("/500.rss", static(b"", status=500))
    latin1 = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>P'
              "</title><item><title>Ataque a\u00e9reo em Mosul</title><guid>pt-1</guid>"
              "<pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate><description>Uma air strike "
              "atingiu Mosul.</description></item></channel></rss>").encode("latin-1")
    served.add("/latin1.rss", static(latin1, "application/rss+xml"))
    feeds = [
        {"name": "latin1", "url": f"{served.base}/latin1.rss"},
        {"name": "notxml", "url": f"{served.base}/notxml.rss"},
        {"name": "trunc", "url": f"{served.base}/trunc.rss"},
        {"name": "down", "url": f"{served.base}/500.rss"},
        {"name": "missing", "url": f"{served.base}/nothing-here.rss"},
        {"name": "links", "url": f"{served.base}/links.rss"},
        {"name": "wire", "url": f"{served.base}/wire.rss"},
    ]
    config = _config(served, free_port(), feeds)
    w = _watcher(tmp_path, config)
    try:
        with caplog.at_level("INFO", logger="conflictwire"):
            results = {r.feed: r for r in w.run_once()}
        stored = w.store.counts()
        states = {f["feed_name"]: f for f in w.db.feeds()}
    finally:
        _close(w)
    assert results["notxml"].status == "error" and "not an RSS" in results["notxml"].error
    assert results["trunc"].status == "error" and "gzip" in results["trunc"].error
    assert results["down"].status == "error" and "HTTP 500" in results["down"].error
    assert results["missing"].status == "error" and "HTTP 404" in results["missing"].error
    # Pages that redirect forever or are too big fall back to the feed's own text.
    assert results["links"].status == "ok" and results["links"].coded == 2
    # A feed that lies about its encoding is still read.
    assert results["latin1"].status == "ok" and results["latin1"].coded == 1
    assert results["wire"].status == "ok" and results["wire"].coded == 2
    assert served.hits("/loop") == 4  # the first request and three redirects
    assert stored["articles"] >= 4
    assert states["notxml"]["failures"] == 1 and states["wire"]["failures"] == 0
    poll_lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("poll ")]
    assert len(poll_lines) == len(feeds)
    # A failed feed is tried again sooner than its interval.
    assert states["notxml"]["next_poll"] - states["notxml"]["last_polled"] <= timedelta(
        minutes=5)


def test_a_real_feed_is_read_and_its_entries_coded(tmp_path, served):
    # Apart from the bad feeds above, so that they run without the dev data and this, under
    # CI, fails rather than skips when the data is missing.
    feed = need_shared(SHARED / "feeds/rss_reader_bbc/bbc_world_2017-01-20_3items.rss")
    served.add("/bbc.rss", static(feed.read_bytes(), "application/rss+xml"))
    feeds = [{"name": "bbc", "url": f"{served.base}/bbc.rss", "fetch_pages": False}]
    w = _watcher(tmp_path, _config(served, free_port(), feeds))
    try:
        results = {r.feed: r for r in w.run_once()}
    finally:
        _close(w)
    assert results["bbc"].status == "ok" and results["bbc"].coded == 3


def test_real_feed_entries_link_to_real_pages_that_are_fetched_and_extracted(tmp_path):
    feed = SHARED / "feeds/rss_reader_bbc/bbc_world_2017-01-20_3items.rss"
    pages = SHARED / "mozilla_readability_testpages/test-pages"
    need_shared(feed), need_shared(pages)
    with http_server() as srv:
        text = feed.read_text(encoding="utf-8")
        for i, name in enumerate(("bbc-1", "guardian-1", "nytimes-1")):
            html = gzip.decompress((pages / name / "source.html.gz").read_bytes())
            srv.add(f"/page/{i}", static(html))
            text = re.sub(r"<link>http://www\.bbc\.co\.uk/news/world-[^<]+</link>",
                          f"<link>{srv.base}/page/{i}</link>", text, count=1)
        srv.add("/bbc.rss", static(text.encode(), "application/rss+xml"))
        w = _watcher(tmp_path, _config(srv, free_port(), [{"name": "bbc",
                                                           "url": f"{srv.base}/bbc.rss"}]))
        try:
            (result,) = w.run_once()
            texts = [r[0] for r in w.db._rows("SELECT text FROM articles")]
        finally:
            _close(w)
        assert [srv.hits(f"/page/{i}") for i in range(3)] == [1, 1, 1]
    assert result.status == "ok" and result.coded == 3
    # Full page text was stored, not just the one-line feed summary.
    assert all(len(t) > 1000 for t in texts)


def test_smtp_down_keeps_alerts_until_it_returns(tmp_path, served):
    config = _config(served, free_port(), [{"name": "wire", "url": f"{served.base}/wire.rss"}])
    w = _watcher(tmp_path, config)
    _subscribe(w)
    try:
        w.run_once()
        pending = [d for d in w.db.deliveries() if d.status == "pending"]
    finally:
        _close(w)
    assert len(pending) == 2 and all(d.attempts == 1 for d in pending)
    with smtp_server() as box:
        config = replace(config, smtp=replace(config.smtp, port=box.port))
        clock = Clock()
        clock.now = datetime.now() + timedelta(hours=2)  # past the retry backoff
        w = _watcher(tmp_path, config, clock)
        try:
            w.deliver()
        finally:
            _close(w)
        assert len(box.wait_for(2)) == 2


def test_a_webhook_that_times_out_is_retried_not_lost(tmp_path, served):
    calls = {"n": 0}

    def slow_then_ok(h: Handler) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            time.sleep(1.5)
        h.send(200)

    served.add("/hook", slow_then_ok)
    with smtp_server() as box:
        config = _config(served, box.port, [{"name": "wire", "url": f"{served.base}/wire.rss"}])
        w = _watcher(tmp_path, config)
        sub = subscription_from_spec({"name": "hook", "webhook_url": f"{served.base}/hook",
                                      "webhook_secret": "s", "countries": ["Iraq"]})
        w.db.put_subscription(sub.subscription_id, sub.name, sub.spec())
        try:
            w.run_once()
            first = {d.status for d in w.db.deliveries()}
            w.clock.now = datetime.now() + timedelta(hours=2)
            w.deliver()
            final = {d.status for d in w.db.deliveries()}
        finally:
            _close(w)
    assert "pending" in first and final == {"sent"}


def test_a_crash_after_storing_is_recovered_at_restart(tmp_path, served):
    with smtp_server() as box:
        config = _config(served, box.port, [{"name": "wire", "url": f"{served.base}/wire.rss"}])
        w = _watcher(tmp_path, config)
        _subscribe(w)

        def crash(event_ids):
            raise RuntimeError("killed between storing and noting")

        w._note_changes = crash
        try:
            (result,) = w.run_once()
        finally:
            _close(w)
        assert result.status == "error" and not box.messages

        w = _watcher(tmp_path, config)
        try:
            w.recover()
            w.deliver()
            counts = w.db.entry_counts()
        finally:
            _close(w)
        assert len(box.wait_for(2)) == 2
    assert counts == {"coded": 2}


def test_the_loop_stops_cleanly_when_asked(tmp_path, served):
    config = _config(served, free_port(), [{"name": "wire", "url": f"{served.base}/wire.rss",
                                            "interval": 3600}])
    w = _watcher(tmp_path, config, clock=datetime.now)
    stop = threading.Event()
    thread = threading.Thread(target=w.run, args=(stop,), kwargs={"max_sleep": 30})
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while served.hits("/wire.rss") == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        started = time.monotonic()
        stop.set()
        thread.join(5)
        assert not thread.is_alive() and time.monotonic() - started < 2
    finally:
        _close(w)


def test_the_watch_command_logs_each_poll_and_stops_on_sigterm(tmp_path):
    import signal
    import subprocess
    import sys

    feed = HERE / "wire_1.rss"
    config = tmp_path / "watch.toml"
    config.write_text(f'db = "{tmp_path / "cli.duckdb"}"\n[[feeds]]\nname = "wire"\n'
                      f'url = "file://{feed}"\ninterval = "1h"\n')
    cli = Path(sys.executable).parent / "conflictwire"
    proc = subprocess.Popen([str(cli), "watch", str(config)], stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True)
    reader.start()
    deadline = time.monotonic() + 60
    while not any("poll feed='wire'" in x for x in lines) and time.monotonic() < deadline:
        time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(10) == 0
    reader.join(5)
    polls = [x for x in lines if "poll feed='wire' status=ok entries=2 new=2" in x]
    assert len(polls) == 1 and any("watcher stopped" in x for x in lines)


def test_the_morning_digest_arrives_with_a_map_and_links(tmp_path, served):
    clock = Clock()  # 2024-03-05 10:00
    with smtp_server() as box:
        config = _config(served, box.port, [{"name": "wire", "url": f"{served.base}/wire.rss"}])
        w = _watcher(tmp_path, config, clock)
        _subscribe(w, immediate=False)
        try:
            w.run_once()
            assert not box.messages  # no immediate alerts asked for, digest not yet due
            clock.now = datetime(2024, 3, 6, 7, 30)
            w.deliver()
            w.deliver()  # a second round the same morning sends nothing more
        finally:
            _close(w)
        (digest,) = box.wait_for(1)
        time.sleep(0.2)
        assert len(box.messages) == 1
    assert digest["Subject"].startswith("conflictwire digest 2024-03-05 (Desk): 2 events")
    types = [p.get_content_type() for p in digest.walk()]
    assert "image/png" in types and "text/html" in types
    html = digest.get_body(("html",)).get_content()
    assert html.count("https://cw.example/?event=") == 2 and "cid:map" in html


def test_warc_files_dropped_in_a_folder_are_read_once(tmp_path):
    source = SHARED / "warc" / "resiliparse_tests" / "warcfile.warc.gz"
    need_shared(source)
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "a.warc.gz").write_bytes(source.read_bytes())
    config = config_from_dict({"archives": [{"name": "crawl", "path": str(drop),
                                             "interval": 60}]})
    clock = Clock()
    w = _watcher(tmp_path, config, clock)
    try:
        (first,) = w.run_once()
        data = source.read_bytes()
        (drop / "b.warc.gz").write_bytes(data[: len(data) // 2])  # a truncated crawl
        clock.now += timedelta(minutes=2)
        (second,) = w.run_once()
        articles = w.store.counts()["articles"]
    finally:
        _close(w)
    assert first.status == "ok" and first.new == 1 and first.coded == 16
    # The second file repeats the first one's pages (not coded again) and is cut off.
    assert second.new == 1 and second.coded == 0 and second.failed == 1
    assert articles == 16
