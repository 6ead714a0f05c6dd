"""The batch run: ingest inputs, code each new article, and store each batch in one transaction.

An article already in the store (same content-hash id) is not coded again, so re-running the
same input adds nothing. Every input that cannot be read or coded becomes a Failure that is
stored with its batch and reported, and the rest of the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import IO, Any

from .errors import ConfigError, ModelError
from .ingest.readers import IngestOptions, read_named
from .models import Article, Failure, Report
from .settings import Settings, packaged_settings
from .store.base import BatchResult, Store

CodeFn = Callable[[Article], Sequence[Report]]
DEFAULT_BATCH_SIZE = 50
NO_DATE = "no publication date, so relative dates could not be resolved"
# Publication dates outside these bounds are metadata errors (a CMS's 1753 or 2919), not
# dates: they would become event dates and timeline entries.
EARLIEST_PUBLICATION = date(1990, 1, 1)
FUTURE_SLACK = timedelta(days=1)  # time zones: "tomorrow" in UTC may be today somewhere


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What one run read, coded and stored."""

    articles_read: int = 0
    articles_skipped: int = 0  # already stored by an earlier run (or repeated in this one)
    articles_coded: int = 0
    articles_added: int = 0
    reports_added: int = 0
    events_added: int = 0
    events_updated: int = 0
    failures: int = 0  # inputs or articles with a problem, this run
    batches: int = 0
    event_ids: tuple[str, ...] = field(default_factory=tuple)

    @property
    def processed_any(self) -> bool:
        """False when nothing at all could be read: the run failed."""
        return self.articles_read > 0


def run_pipeline(
    inputs: Iterable[str],
    *,
    store: Store,
    resources: Any = None,
    code: CodeFn | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    ingest_options: IngestOptions | None = None,
    progress: Callable[[int], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    stdin: IO[str] | None = None,
    settings: Settings | None = None,
) -> RunSummary:
    """Read `inputs`, code every article not yet stored, and store it batch by batch.

    `code` turns one article into reports (default: `conflictwire.coding.runner.code` with
    `resources` and `settings`, the packaged ones by default). `progress(n)` is called as n
    more input items (articles or failures) are handled; `on_failure` with each Failure as
    it happens. Each batch of `batch_size` articles (and the failures met while reading
    them) is committed in one transaction, so a kill loses only the open batch.
    """
    coder = code or default_coder(resources, settings)
    totals = _Totals()
    batch = _Batch()
    seen: set[str] = set()

    def fail(failure: Failure) -> None:
        totals.failures += 1
        batch.failures.append(failure)
        if on_failure:
            on_failure(failure)

    options = ingest_options or IngestOptions()
    for name, item in read_named(inputs, options=options, stdin=stdin):
        if isinstance(item, Failure):
            fail(item)
        else:
            totals.read += 1
            if item.id in seen or store.has_article(item.id):
                totals.skipped += 1
            else:
                seen.add(item.id)
                coded = code_one(item, name, coder)
                for failure in coded.failures:
                    fail(failure)
                if coded.coded:
                    totals.coded += 1
                    batch.articles.append(coded.article or item)
                    batch.reports.extend(coded.reports)
        if progress:  # every input item, failures too: the bar's total counts them
            progress(1)
        if batch.size >= batch_size:
            totals.add(store.add_batch(batch.articles, batch.reports, batch.failures))
            batch = _Batch()
    if batch.size:
        totals.add(store.add_batch(batch.articles, batch.reports, batch.failures))
    return totals.summary()


@dataclass(frozen=True, slots=True)
class Coded:
    """One input item coded by the run's rules: the article, its dated reports, and the
    failures met (`coded` False when the coder raised; `article` None for an unreadable input).
    """

    article: Article | None = None
    reports: tuple[Report, ...] = ()
    failures: tuple[Failure, ...] = ()
    coded: bool = True


def code_one(
    article: Article, name: str, coder: Callable[[Article], Sequence[Report]], *,
    keep_undated: bool = False,
) -> Coded:
    """`article` coded by `coder`, by the rules every run follows (batch, Dask, watcher).

    A coding error fails that article only: a "code" Failure named `name`, `coded` False.
    An article without a publication date, or with one that cannot be (see
    `checked_publication`), is kept with a "date" Failure (a warning), and any undated
    report is dropped (kept with `keep_undated`, as `code` keeps them: it reads snippets
    that carry no date). Broken configuration (ConfigError) or a model that cannot
    be used (ModelError) is no fault of the article: it raises, and so stops the run.
    """
    article, warning = checked_publication(article, name)
    try:
        reports = list(coder(article))
    except (ConfigError, ModelError):
        raise
    except Exception as exc:  # a bug or bad data in one article must not stop the batch
        return Coded(article, (), (Failure(name, "code", f"{type(exc).__name__}: {exc}"),),
                     False)
    failures: tuple[Failure, ...] = ()
    if article.published is None:
        undated = sum(1 for r in reports if r.event_date is None)
        dropped = f"; {undated} undated event(s) dropped" if undated else ""
        failures = (Failure(name, "date", (warning.error if warning else NO_DATE) + dropped),)
    # ACLED has no undated events; a report without a date cannot be placed in time.
    kept = reports if keep_undated else [r for r in reports if r.event_date is not None]
    return Coded(article, tuple(kept), failures)


def checked_publication(article: Article, name: str, *,
                        today: date | None = None) -> tuple[Article, Failure | None]:
    """`article` with its publication date refused when it cannot be one (before 1990 or
    more than a day after `today`, default the current UTC date), and the warning naming
    the article that says so; the article is coded as one without a date."""
    published = article.published
    today = today or datetime.now(UTC).date()
    if published is None or EARLIEST_PUBLICATION <= published <= today + FUTURE_SLACK:
        return article, None
    when = "before 1990" if published < EARLIEST_PUBLICATION else "in the future"
    return replace(article, published=None), Failure(
        name, "date", f"publication date {published.isoformat()} is {when}: ignored, so "
        "relative dates could not be resolved")


def default_coder(resources: Any = None, settings: Settings | None = None) -> CodeFn:
    """The project's coder as a CodeFn: `resources` (loaded here when None) and `settings`
    (the packaged ones when None) bound once. Raises ModelError when it cannot be imported
    and ConfigError when the settings name components it cannot run, before any article."""
    try:  # imported here: the coder pulls in heavy modules that other commands do not need
        from .coding.resources import Resources
        from .coding.runner import code as code_article
        from .coding.runner import pipeline
    except ImportError as exc:
        raise ModelError(f"the event coder cannot be imported ({exc})") from exc

    pipeline(tuple((settings or packaged_settings()).coding.components))

    loaded = resources if resources is not None else Resources.load()

    def coder(article: Article, *, hint_countries: tuple[str, ...] = ()) -> list[Report]:
        return code_article(article, resources=loaded, settings=settings,
                            hint_countries=hint_countries)
    return coder


@dataclass
class _Batch:
    articles: list[Article] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.articles) + len(self.failures)


@dataclass
class _Totals:
    read: int = 0
    skipped: int = 0
    coded: int = 0
    failures: int = 0
    results: list[BatchResult] = field(default_factory=list)

    def add(self, result: BatchResult) -> None:
        self.results.append(result)

    def summary(self) -> RunSummary:
        rs = self.results
        event_ids = dict.fromkeys(e for r in rs for e in r.event_ids)
        return RunSummary(
            articles_read=self.read,
            articles_skipped=self.skipped,
            articles_coded=self.coded,
            articles_added=sum(r.articles_added for r in rs),
            reports_added=sum(r.reports_added for r in rs),
            events_added=sum(r.events_added for r in rs),
            events_updated=sum(r.events_updated for r in rs),
            failures=self.failures,
            batches=len(rs),
            event_ids=tuple(event_ids),
        )
