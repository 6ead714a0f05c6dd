"""Code a big batch on a Dask cluster: partitions in parallel, Parquet in between, then the store.

`run_dask` plans partitions, codes those not already done on N local worker processes (or an
existing cluster), and loads the coded items into the store in input order as soon as a
partition and every partition before it are done, cut into batches by the rules of a
single-process run (same skips, same batch boundaries), so the store ends exactly as a
single-process run leaves it. With `resume`, partitions whose Parquet files check out are
kept and only the rest (missing, half-written or corrupt) are coded again.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import ConfigError
from ..ingest.readers import IngestOptions
from ..models import Article, Failure, Report, stable_id
from ..pipeline import DEFAULT_BATCH_SIZE
from ..store.base import Batch, BatchResult, Store
from .partitions import DEFAULT_PARTITION_SIZE, Partition, plan_partitions
from .results import PartitionResult, ResultReader, check_results, discard_results
from .worker import CodeFn, ResourceLoader, ResourcesPlugin, WorkerTask, code_partition

log = logging.getLogger(__name__)
DEFAULT_WORK_DIR = Path(".conflictwire-work")
# Articles (and failures) the loader commits in one transaction.
DEFAULT_COMMIT_SIZE = 2000
_DEFAULT_INGEST = IngestOptions()


@dataclass(frozen=True, slots=True)
class DaskOptions:
    """Where and how a Dask run codes: cluster, partitioning, work folder, resume."""

    workers: int = 2  # local worker processes (ignored with `scheduler`)
    scheduler: str | None = None  # address of an existing cluster, e.g. tcp://host:8786
    work_dir: Path = DEFAULT_WORK_DIR  # must be shared by every worker of a remote cluster
    partition_size: int = DEFAULT_PARTITION_SIZE
    batch_size: int = DEFAULT_BATCH_SIZE  # articles merged as one batch, as a plain `run`
    commit_size: int = DEFAULT_COMMIT_SIZE  # batches are committed together, this many articles
    resume: bool = False
    memory_limit: str = "4GiB"  # per local worker; the nanny restarts a worker above it
    ingest: IngestOptions = _DEFAULT_INGEST


_DEFAULT_OPTIONS = DaskOptions()


@dataclass(frozen=True, slots=True)
class PartitionDone:
    """Progress: one more partition coded (or found done, or failed)."""

    part: Partition
    result: PartitionResult | None
    total: int  # partitions in the plan
    reused: bool = False
    error: str | None = None


@dataclass(frozen=True, slots=True)
class DaskRunSummary:
    """What a Dask run coded and stored."""

    work_dir: str
    partitions: int
    reused: int  # found done by an earlier run and checked
    redone: int  # found damaged (corrupt or half-written) and coded again
    failed: int  # could not be coded (a worker kept dying); --resume tries them again
    articles_coded: int  # in this run (not counting partitions kept from an earlier one)
    articles_total: int  # in every partition of the plan that is done
    reports: int
    failures: int
    coding_seconds: float  # wall time from workers ready to the last partition stored
    setup_seconds: float = 0.0  # starting the cluster and loading resources on the workers
    articles_added: int = 0
    reports_added: int = 0
    events_added: int = 0
    events_updated: int = 0
    peak_worker_mb: float = 0.0
    worker_cpu_seconds: float = 0.0  # CPU time the workers spent coding, this run
    load_seconds: float = 0.0  # time this process spent loading results into the store
    load_cpu_seconds: float = 0.0  # CPU time of that (the store engine's threads included)
    event_ids: tuple[str, ...] = field(default_factory=tuple)

    @property
    def articles_per_second(self) -> float:
        return self.articles_coded / self.coding_seconds if self.coding_seconds else 0.0


def run_dask(
    inputs: Sequence[str],
    *,
    store: Store,
    code: CodeFn,
    load_resources: ResourceLoader,
    options: DaskOptions = _DEFAULT_OPTIONS,
    progress: Callable[[PartitionDone], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    stdin: IO[str] | None = None,
) -> DaskRunSummary:
    """Code `inputs` on a Dask cluster and store the results; see the module docstring.

    `code(article, resources)` codes one article with what `load_resources()` returned on
    that worker. Raises ConfigError for a work folder that cannot be used and StoreError when
    the store fails; a partition that cannot be coded is counted, not raised.
    """
    if options.workers < 1:
        raise ConfigError("--workers must be at least 1")
    base = Path(options.work_dir)
    inputs = [_spool_stdin(base, stdin) if spec == "-" else spec for spec in inputs]
    parts = plan_partitions(inputs, size=options.partition_size)
    work = base / _plan_key(parts)
    if not options.resume and work.exists():
        shutil.rmtree(work)
    try:
        work.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot use work folder {work}: {exc.strerror or exc}") from exc

    done: dict[str, PartitionResult] = {}
    redone = 0
    for part in parts:
        result = check_results(work, part.id) if options.resume else None
        if result is not None:
            done[part.id] = result
        elif (work / "done" / f"{part.id}.json").exists():
            redone += 1
            discard_results(work, part.id)
    reused = len(done)
    fresh: list[PartitionResult] = []
    failed: dict[str, str] = {}
    with closing(_Loader(work, parts, store, options.batch_size, on_failure,
                         options.commit_size)) as loader:
        for part in parts:
            if part.id in done and progress:
                progress(PartitionDone(part, done[part.id], len(parts), reused=True))
        loader.load_ready(done)
        todo = [p for p in parts if p.id not in done]
        task = WorkerTask(str(work.resolve()), code, options.ingest)
        clock = _Clock()
        with closing(_coded(todo, task, options, load_resources, clock)) as finished:
            for part, result, error in finished:
                if result is None:
                    failed[part.id] = error
                    if progress:
                        progress(PartitionDone(part, None, len(parts), error=error))
                    continue
                done[part.id] = result
                fresh.append(result)
                if progress:
                    progress(PartitionDone(part, result, len(parts)))
                loader.load_ready(done)
        loader.flush()
    started, setup_started = clock.started, clock.setup_started
    coding = time.perf_counter() - started
    for part_id, error in failed.items():
        failure = Failure(f"partition {part_id}", "code", error)
        if on_failure:
            on_failure(failure)
    coded = [done[p.id] for p in parts if p.id in done]
    totals = loader.totals
    return DaskRunSummary(
        work_dir=str(work),
        partitions=len(parts),
        reused=reused,
        redone=redone,
        failed=len(failed),
        articles_coded=sum(r.articles for r in fresh),
        articles_total=sum(r.articles for r in coded),
        reports=sum(r.reports for r in coded),
        failures=sum(r.failures for r in coded) + len(failed),
        coding_seconds=round(coding, 3),
        setup_seconds=round(started - setup_started, 3),
        articles_added=sum(b.articles_added for b in totals),
        reports_added=sum(b.reports_added for b in totals),
        events_added=sum(b.events_added for b in totals),
        events_updated=sum(b.events_updated for b in totals),
        peak_worker_mb=max((r.peak_rss_mb for r in fresh), default=0.0),
        worker_cpu_seconds=round(sum(r.cpu_seconds for r in fresh), 3),
        load_seconds=round(loader.seconds, 3),
        load_cpu_seconds=round(loader.cpu_seconds, 3),
        event_ids=tuple(dict.fromkeys(e for b in totals for e in b.event_ids)),
    )


class _Loader:
    """Loads finished partitions into the store in plan order, in the batches a single-process
    run would commit: an article already stored or seen earlier in the run is skipped (with
    the failures coding it raised), and a batch is closed every `batch_size` articles and
    failures, across partition boundaries.

    Closed batches are committed together every `commit_size` articles (`Store.add_batches`
    merges each exactly as its own transaction would), so the store's per-transaction work
    (lookups, candidate probes, inserts) is paid once per few thousand articles, not per 50.
    A kill loses only the loading of uncommitted batches: their partitions' results stay on
    disk and `--resume` loads them.
    """

    def __init__(self, work: Path, parts: Sequence[Partition], store: Store, batch_size: int,
                 on_failure: Callable[[Failure], None] | None,
                 commit_size: int = DEFAULT_COMMIT_SIZE) -> None:
        self.work, self.parts, self.store, self.on_failure = work, parts, store, on_failure
        self.batch_size, self.commit_size = batch_size, commit_size
        self.next = 0
        self.seconds = 0.0
        self.cpu_seconds = 0.0
        self.totals: list[BatchResult] = []
        self.seen: set[str] = set()
        self.articles: list[Article] = []
        self.reports: list[Report] = []
        self.failures: list[Failure] = []
        self.closed: list[Batch] = []
        self.closed_size = 0
        self.reader = ResultReader()

    def load_ready(self, done: dict[str, PartitionResult]) -> None:
        started, cpu = time.perf_counter(), time.process_time()
        while self.next < len(self.parts) and self.parts[self.next].id in done:
            self._load(done[self.parts[self.next].id])
            self.next += 1
        self.seconds += time.perf_counter() - started
        self.cpu_seconds += time.process_time() - cpu

    def _load(self, result: PartitionResult) -> None:
        units = self.reader.read(self.work, result)
        ids = [u.article.id for u in units if u.article is not None]
        stored = self.store.known_articles(ids) if ids else set()
        for unit in units:
            article = unit.article
            if article is not None:
                if article.id in self.seen or article.id in stored:
                    continue  # coded again by its worker, but a run would skip it
                self.seen.add(article.id)
            self.failures.extend(unit.failures)
            if self.on_failure:
                for failure in unit.failures:
                    self.on_failure(failure)
            if article is not None and unit.coded:
                self.articles.append(article)
                self.reports.extend(unit.reports)
            if len(self.articles) + len(self.failures) >= self.batch_size:
                self._close()

    def _close(self) -> None:
        """End the open batch where a single-process run would commit it."""
        if self.articles or self.failures:
            self.closed.append(Batch(self.articles, self.reports, self.failures))
            self.closed_size += len(self.articles) + len(self.failures)
            if self.closed_size >= self.commit_size:
                self._commit()
        self.articles, self.reports, self.failures = [], [], []

    def _commit(self) -> None:
        if self.closed:
            self.totals.extend(self.store.add_batches(self.closed))
        self.closed, self.closed_size = [], 0

    def close(self) -> None:
        self.reader.close()

    def flush(self) -> None:
        """Close and commit the last, partial batch (once, at the end of the run)."""
        started, cpu = time.perf_counter(), time.process_time()
        self._close()
        self._commit()
        self.seconds += time.perf_counter() - started
        self.cpu_seconds += time.process_time() - cpu


@dataclass
class _Clock:
    """When setting up the cluster began and when coding began (after it)."""

    setup_started: float = field(default_factory=time.perf_counter)
    started: float = 0.0

    def __post_init__(self) -> None:
        self.started = self.setup_started


def _coded(todo: Sequence[Partition], task: WorkerTask, options: DaskOptions,
           load_resources: ResourceLoader, clock: _Clock,
           ) -> Iterator[tuple[Partition, PartitionResult | None, str]]:
    """Code `todo` on the cluster; yield each partition as it finishes, with its result, or
    None and why it failed (a KilledWorker, or a bug)."""
    if not todo:
        return
    with _client(options) as client:
        client.register_plugin(ResourcesPlugin(load_resources))
        clock.started = time.perf_counter()
        futures = {client.submit(code_partition, part, task, key=f"code-{part.id}", pure=False):
                   part for part in todo}
        from distributed import as_completed

        for future in as_completed(futures):
            try:
                result, error = future.result(), ""
            except Exception as exc:  # the partition fails, the run goes on
                result, error = None, f"{type(exc).__name__}: {exc}"
            finally:
                future.release()
            yield futures[future], result, error


@contextmanager
def _client(options: DaskOptions) -> Iterator[Any]:
    """A Dask client on an existing scheduler, or on a LocalCluster made for this run."""
    from distributed import Client, LocalCluster

    cluster = None
    try:
        if options.scheduler:
            client = Client(options.scheduler, timeout="20s")
        else:
            cluster = LocalCluster(
                n_workers=options.workers, threads_per_worker=1, processes=True,
                dashboard_address=":0", memory_limit=options.memory_limit,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
    except (OSError, TimeoutError, RuntimeError) as exc:  # RuntimeError: workers did not start
        if cluster is not None:
            cluster.close()
        where = options.scheduler or "a local cluster"
        raise ConfigError(f"cannot start or reach the Dask scheduler at {where}: {exc}") from exc
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _plan_key(parts: Iterable[Partition]) -> str:
    """Same inputs (and unchanged files) -> same work sub-folder, which is what resume finds."""
    return stable_id("plan", *(p.id for p in parts), length=16)


def _spool_stdin(base: Path, stdin: IO[str] | None) -> str:
    """Standard input saved as a JSON lines file, so workers can read ranges of it."""
    text = (stdin or sys.stdin).read()
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    path = base / "stdin" / f"{digest}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(text, encoding="utf-8")
    return str(path)

