"""The watcher: poll feeds on their schedules, code what is new, store it, send due alerts.

All state lives in the store's watcher tables (`store.watch`), so a restarted watcher
picks up where it stopped: entries already handled are not coded again, planned deliveries
are sent (again, recognisably, if a crash hit between sending and recording), and a batch
that was stored but not yet noted for alerting is recovered at start. One bad feed, page or
mail server is logged and retried later; it never stops the loop.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from ..ingest.decode import TooLarge, gunzip, html_text
from ..ingest.extract import extract
from ..ingest.feeds import FeedEntry, entry_article, parse_feed
from ..ingest.fetch import Fetcher, FetchError
from ..ingest.readers import article_files
from ..ingest.warc import read_warc
from ..models import Article, Failure, Report, stable_id
from ..pipeline import code_one
from ..store.base import Store
from ..store.watch_tables import utcnow
from .alerts.basemap import load_land
from .alerts.deliver import (
    DeliveryOptions,
    SendSummary,
    load_subscriptions,
    plan_alerts,
    plan_digests,
    send_due,
)
from .config import ArchiveConfig, FeedConfig, WatchConfig

log = logging.getLogger(__name__)


class CodeFn(Protocol):
    """The event coder the watcher calls: an article and the countries its feed is about
    (ISO codes or names, a resolution hint) in, the article's reports out."""

    def __call__(self, article: Article, *,
                 hint_countries: tuple[str, ...] = ()) -> Sequence[Report]: ...


# One handled entry: (entry_id, link, article, status, detail).
Handled = tuple[str, str | None, Article | None, str, str]
STORING, CODED, FAILED, SKIPPED = "storing", "coded", "failed", "skipped"
_RETRY_FAILED_FEED = 300.0  # seconds: a feed that failed is tried again sooner than its interval
_ARCHIVE_SUFFIXES = {".warc", ".arc"}  # gzipped or not
_ARCHIVE_BATCH = 50  # records stored per transaction


@dataclass(frozen=True, slots=True)
class PollResult:
    """What one poll of one feed did (the watcher logs one line of it)."""

    feed: str
    status: str  # ok, not-modified, error
    entries: int = 0
    new: int = 0
    coded: int = 0
    failed: int = 0
    events: int = 0  # events added or updated
    seconds: float = 0.0
    error: str = ""

    def line(self) -> str:
        text = (
            f"poll feed={self.feed!r} status={self.status} entries={self.entries} "
            f"new={self.new} coded={self.coded} failed={self.failed} events={self.events} "
            f"in {self.seconds:.2f}s"
        )
        return f"{text} error={self.error!r}" if self.error else text


class Watcher:
    """Polls the feeds of a `WatchConfig` into `store`, with its state in `store.watch`."""

    def __init__(
        self,
        config: WatchConfig,
        *,
        store: Store,
        code: CodeFn,
        fetcher: Fetcher | None = None,
        delivery: DeliveryOptions | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        """`fetcher` and `delivery` default to ones built from `config` (the delivery options
        with the web app's country outlines for digest maps, loaded once here)."""
        self.config = config
        self.store = store
        self.db = store.watch  # feeds, entries, subscriptions: the store's watcher tables
        self.code = code
        self.fetcher = fetcher or Fetcher(config.fetch, cache=self.db)
        self.clock = clock
        self.delivery = delivery or DeliveryOptions(
            app_url=config.app_url,
            smtp=config.smtp,
            webhook_timeout=config.webhook_timeout,
            allow_private=config.fetch.allow_private,
            digest_hour=config.digest_hour,
            land=load_land(),
        )

    # -- the loop -------------------------------------------------------------------------------

    def run(self, stop: threading.Event, *, max_sleep: float = 30.0) -> None:
        """Poll, alert and sleep until `stop` is set (by SIGINT/SIGTERM in the CLI)."""
        self.recover()
        while not stop.is_set():
            self.run_once(stop=stop)
            stop.wait(self.seconds_to_next_poll(max_sleep))
        log.info("watcher stopped")

    def run_once(self, *, stop: threading.Event | None = None) -> list[PollResult]:
        """Poll every feed that is due, then plan and send alerts and digests."""
        results = []
        for feed in self.config.feeds:
            if stop is not None and stop.is_set():
                break
            if self.db.feed_due(feed.name, self.clock()):
                results.append(self.poll(feed))
        for archive in self.config.archives:
            if stop is not None and stop.is_set():
                break
            if self.db.feed_due(archive.name, self.clock()):
                results.append(self.poll_archive(archive, stop=stop))
        self.deliver()
        return results

    def seconds_to_next_poll(self, cap: float) -> float:
        now = self.clock()
        waits = [
            (due - now).total_seconds()
            for due in (self.db.next_poll(name) for name in self._source_names())
            if due is not None
        ]
        return max(0.05, min([cap, *waits]))

    def _source_names(self) -> list[str]:
        return [f.name for f in self.config.feeds] + [a.name for a in self.config.archives]

    # -- one feed -------------------------------------------------------------------------------

    def poll(self, feed: FeedConfig) -> PollResult:
        """Fetch, parse and handle one feed; never raises for a bad feed (the result says)."""
        started = time.monotonic()
        now = self.clock()
        try:
            result = self._poll(feed)
        except FetchError as exc:
            result = PollResult(feed.name, "error", error=str(exc))
        except Exception as exc:  # a bug in one feed's handling must not stop the watcher
            log.exception("unexpected error polling %s", feed.name)
            result = PollResult(feed.name, "error", error=f"{type(exc).__name__}: {exc}")
        result = replace(result, seconds=time.monotonic() - started)
        ok = result.status != "error"
        wait = feed.interval if ok else min(feed.interval, _RETRY_FAILED_FEED)
        self.db.record_poll(feed.name, feed.url, at=now, next_poll=now + timedelta(seconds=wait),
                            status=result.error or result.status, ok=ok)
        (log.info if ok else log.warning)(result.line())
        return result

    def _poll(self, feed: FeedConfig) -> PollResult:
        data = self._feed_bytes(feed)
        if data is None:
            return PollResult(feed.name, "not-modified")
        parsed = parse_feed(data)
        if parsed.error:
            return PollResult(feed.name, "error", error=parsed.error)
        if parsed.warning:
            log.info("feed %s read despite: %s", feed.name, parsed.warning)
        ids = {self._entry_id(feed, e): e for e in parsed.entries}
        known = self.db.known_entries(list(ids))
        fresh = [(i, e) for i, e in ids.items() if i not in known]
        articles: list[Article] = []
        reports: list[Report] = []
        failures: list[Failure] = []
        handled: list[Handled] = []
        batch_ids: set[str] = set()
        for entry_id, entry in fresh:
            article, problem = self._article(feed, entry, parsed.title)
            if article is None:
                failures.append(Failure(entry.link or entry_id, "watch", problem))
                handled.append((entry_id, entry.link, None, FAILED, problem))
                continue
            if article.id in batch_ids or self.store.has_article(article.id):
                handled.append((entry_id, entry.link, article, SKIPPED, "article already stored"))
                continue
            # The watcher keeps no warning for an undated article (only its undated reports
            # are dropped): its entries table says what became of each entry instead.
            coded = code_one(article, article.url or entry_id,
                             partial(self.code, hint_countries=feed.countries))
            if not coded.coded:  # one article the coder chokes on must not stop the poll
                failure = coded.failures[0]
                detail = f"coder failed: {failure.error}"
                failures.append(replace(failure, error=detail))
                handled.append((entry_id, entry.link, article, FAILED, detail))
                continue
            batch_ids.add(article.id)
            articles.append(coded.article or article)  # without a date it cannot have
            reports.extend(coded.reports)
            handled.append((entry_id, entry.link, article, STORING, problem))
        events = self._store(feed.name, handled, articles, reports, failures)
        return PollResult(
            feed.name, "ok", entries=len(ids), new=len(fresh),
            coded=len(articles), failed=sum(1 for h in handled if h[3] == FAILED), events=events,
        )

    def poll_archive(
        self, archive: ArchiveConfig, *, stop: threading.Event | None = None
    ) -> PollResult:
        """Read the WARC files of `archive` not read before, in batches; never raises."""
        started = time.monotonic()
        now = self.clock()
        try:
            result = self._poll_archive(archive, stop)
        except FetchError as exc:
            result = PollResult(archive.name, "error", error=str(exc))
        except Exception as exc:  # one bad archive must not stop the watcher
            log.exception("unexpected error reading archive %s", archive.name)
            result = PollResult(archive.name, "error", error=f"{type(exc).__name__}: {exc}")
        result = replace(result, seconds=time.monotonic() - started)
        ok = result.status != "error"
        self.db.record_poll(archive.name, archive.path, at=now,
                            next_poll=now + timedelta(seconds=archive.interval),
                            status=result.error or result.status, ok=ok)
        (log.info if ok else log.warning)(result.line())
        return result

    def _poll_archive(self, archive: ArchiveConfig, stop: threading.Event | None) -> PollResult:
        root = Path(archive.path)
        if root.is_dir():
            files = article_files(root, suffixes=_ARCHIVE_SUFFIXES)
        elif root.is_file():
            files = [root]
        else:
            raise FetchError(f"{root}: no such WARC file or folder")
        # A file is known by its path, size and modification time: a rewritten one is read again.
        ids = {stable_id("archive", archive.name, str(f), f.stat().st_size,
                         f.stat().st_mtime_ns): f for f in files}
        known = self.db.known_entries(list(ids))
        totals = {"entries": 0, "coded": 0, "failed": 0, "events": 0}
        for file_id, path in ids.items():
            if file_id in known or (stop is not None and stop.is_set()):
                continue
            self._read_archive_file(archive, path, totals)
            self.db.record_entries([(file_id, archive.name, str(path), None, CODED, "")])
        return PollResult(archive.name, "ok", entries=totals["entries"],
                          new=sum(1 for i in ids if i not in known), coded=totals["coded"],
                          failed=totals["failed"], events=totals["events"])

    def _read_archive_file(self, archive: ArchiveConfig, path: Path, totals: dict) -> None:
        batch: tuple[list[Handled], list[Article], list[Report], list[Failure]] = ([], [], [],
                                                                                   [])
        for item in read_warc(path, max_bytes=self.config.fetch.max_bytes):
            totals["entries"] += 1
            handled, articles, reports, failures = batch
            if isinstance(item, Failure):
                failures.append(item)
                totals["failed"] += 1
            else:
                entry_id = stable_id("archive", archive.name, item.id)
                if self.db.known_entries([entry_id]) or self.store.has_article(item.id):
                    continue
                coded = code_one(item, item.url or entry_id, self.code)
                if not coded.coded:  # one record the coder chokes on is one failure
                    failures.extend(coded.failures)
                    totals["failed"] += 1
                    continue
                item = replace(coded.article or item, source=item.source or archive.name)
                handled.append((entry_id, item.url, item, STORING, ""))
                articles.append(item)
                reports.extend(coded.reports)
                totals["coded"] += 1
            if len(articles) + len(failures) >= _ARCHIVE_BATCH:
                totals["events"] += self._store(archive.name, *batch)
                batch = ([], [], [], [])
        if any(batch):
            totals["events"] += self._store(archive.name, *batch)

    def _entry_id(self, feed: FeedConfig, entry: FeedEntry) -> str:
        return stable_id("entry", feed.name, entry.key)

    def _feed_bytes(self, feed: FeedConfig) -> bytes | None:
        """The feed document (gunzipped if gzip), or None when unchanged since the last poll."""
        limit = self.config.fetch.max_bytes
        if feed.url.startswith("file://"):
            path = Path(unquote(urlsplit(feed.url).path))
            try:
                if path.stat().st_size > limit:
                    raise FetchError(f"{path}: file is over the {limit}-byte limit")
                data = path.read_bytes()
            except OSError as exc:
                raise FetchError(f"{path}: {exc.strerror or exc}") from exc
        else:
            got = self.fetcher.get(feed.url)
            if got.not_modified:
                return None
            data = got.content
        if data[:2] == b"\x1f\x8b":
            data = _gunzip(data, limit, feed.url)
        return data

    def _article(
        self, feed: FeedConfig, entry: FeedEntry, feed_title: str
    ) -> tuple[Article | None, str]:
        """The entry's article (its page when fetched, else its own text) and any problem."""
        source = feed.name or feed_title
        problem = ""
        if entry.link and feed.fetch_pages and entry.link.startswith(("http://", "https://")):
            try:
                page = self.fetcher.get(entry.link, conditional=False)
                article = extract(html_text(page.content), url=entry.link)
                if article is not None:
                    return replace(
                        article,
                        title=article.title or entry.title or None,
                        published=entry.published or article.published,
                        source=source,
                    ), ""
                problem = "no article text on the linked page; used the feed's text"
            except FetchError as exc:
                problem = f"page not fetched ({exc}); used the feed's text"
            except Exception as exc:  # trafilatura/lxml raise many types on broken markup
                problem = f"page not readable ({type(exc).__name__}); used the feed's text"
            log.info("%s: %s", entry.link, problem)
        if not (entry.title or entry.summary):
            return None, problem or "entry has no link, title or text"
        return entry_article(entry, source=source), problem

    def _store(
        self,
        source: str,
        handled: list[Handled],
        articles: list[Article],
        reports: list[Report],
        failures: list[Failure],
    ) -> int:
        """Store the batch and note its changed events, crash-safely (see `recover`)."""
        self.db.record_entries([
            (entry_id, source, link, article.id if article else None, status, detail)
            for entry_id, link, article, status, detail in handled
        ])
        if not articles and not failures:
            return 0
        storing = [h[0] for h in handled if h[3] == STORING]
        try:
            result = self.store.add_batch(articles, reports, failures)
        except Exception:
            self.db.forget_entries(storing)  # not stored: the next poll tries them again
            raise
        self._note_changes(list(result.event_ids), {r.report_id for r in reports})
        self.db.set_entry_status(storing, CODED)
        return len(result.event_ids)

    def _note_changes(self, event_ids: list[str], report_ids: set[str] | None = None) -> None:
        """Record the events a batch touched (for alerts and digests) and the fatality figure
        of each of its reports (all reports of those events when `report_ids` is None)."""
        now = self.clock()
        changes = []
        history = []
        for event_id in event_ids:
            event = self._event(event_id)
            if event is None:
                continue
            changes.append((event_id, int(event.get("fatalities") or 0)))
            for report in event.get("reports") or []:
                if report_ids is not None and report["report_id"] not in report_ids:
                    continue
                article = report.get("article") or {}
                reported = str(article.get("published") or report.get("added_at") or now)[:19]
                history.append((event_id, report["report_id"], reported,
                                int(report.get("fatalities") or 0),
                                str(report.get("source") or "")))
        self.db.record_fatalities(history)
        self.db.record_changes(changes, now)

    def _event(self, event_id: str) -> dict[str, Any] | None:
        """An event as the watcher and its alerts read it: without the coder's spans, which
        only the API shows (so they are neither read nor parsed once per batch)."""
        return self.store.event(event_id, spans=False)

    def recover(self) -> None:
        """Finish what a crash interrupted: batches stored but not noted, or never stored."""
        pending = self.db.entries_with_status(STORING)
        if not pending:
            return
        stored = [(e, a) for e, a in pending if a and self.store.has_article(a)]
        lost = [e for e, a in pending if not (a and self.store.has_article(a))]
        if stored:
            self._note_changes(self.db.events_of_articles([a for _, a in stored]))
            self.db.set_entry_status([e for e, _ in stored], CODED)
        if lost:
            self.db.forget_entries(lost)
        log.info("recovered %d stored and %d unstored entries after an interruption",
                 len(stored), len(lost))

    # -- alerts ---------------------------------------------------------------------------------

    def deliver(self) -> SendSummary:
        """Plan alerts for changed events and today's digest, then send what is due."""
        try:
            subs = load_subscriptions(self.db)
            now = self.clock()
            plan_alerts(self.db, subs, self._event, now)
            plan_digests(self.db, subs, now, self.config.digest_hour, self._event)
            return send_due(self.db, subs, self._event, self.delivery, now=now)
        except Exception:  # alerting must never stop polling; what is planned stays pending
            log.exception("delivering alerts failed; will retry")
            return SendSummary()


def _gunzip(data: bytes, limit: int, name: str) -> bytes:
    try:
        return gunzip(data, limit)
    except TooLarge as exc:
        raise FetchError(f"{name}: uncompressed feed is over the {limit}-byte limit") from exc
    except (OSError, EOFError) as exc:
        raise FetchError(f"{name}: not a readable gzip file: {exc}") from exc


