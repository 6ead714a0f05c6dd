"""What a Dask worker does with one partition: read it, code it, write its results as Parquet.

Each worker process loads the coding resources (gazetteer, models) once, through a worker
plugin, and every partition it codes reuses them. Articles are batched exactly as a
single-process run batches them, so loading the batches gives the same store.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from ..ingest import IngestOptions
from ..models import Article, Failure, Report
from ..pipeline import NO_DATE
from .partitions import Partition, read_partition
from .results import Batch, PartitionResult, discard_results, write_results

CodeFn = Callable[[Article, Any], Sequence[Report]]  # (article, resources) -> reports
ResourceLoader = Callable[[], Any]
PLUGIN_NAME = "conflictwire-resources"


class ResourcesPlugin(WorkerPlugin):
    """Loads the coding resources once when a worker starts (or restarts) and keeps them."""

    name = PLUGIN_NAME

    def __init__(self, load: ResourceLoader) -> None:
        self.load = load
        self.resources: Any = None

    def setup(self, worker: Any) -> None:
        self.resources = self.load()


@dataclass(frozen=True, slots=True)
class WorkerTask:
    """Everything a worker needs besides the partition (sent once per partition, small)."""

    work_dir: str
    code: CodeFn
    batch_size: int
    ingest: IngestOptions


def code_partition(part: Partition, task: WorkerTask) -> PartitionResult:
    """Code `part` with this worker's resources and write its results; return the manifest."""
    from distributed import get_worker

    plugin = get_worker().plugins[PLUGIN_NAME]
    resources = plugin.resources
    return run_partition(part, task, resources)


def run_partition(part: Partition, task: WorkerTask, resources: Any) -> PartitionResult:
    """Code `part` in this process (the body of a worker's task, also usable without Dask)."""
    started, cpu = time.perf_counter(), time.process_time()
    work = Path(task.work_dir)
    discard_results(work, part.id)  # whatever an attempt killed half-way left behind
    batches = list(code_batches(
        read_partition(part, options=task.ingest),
        code=lambda article: task.code(article, resources),
        batch_size=task.batch_size,
    ))
    return write_results(work, part.id, batches, time.perf_counter() - started, _peak_mb(),
                         time.process_time() - cpu)


def code_batches(
    items: Iterable[tuple[str, Article | Failure]],
    *,
    code: Callable[[Article], Sequence[Report]],
    batch_size: int,
) -> Iterator[Batch]:
    """Batches of coded articles and failures, by the rules of `pipeline.run_pipeline`.

    An article repeated in the input is coded once; a coding error fails that article only;
    an undated article is kept with a warning and its undated reports are dropped.
    """
    seen: set[str] = set()
    articles: list[Article] = []
    reports: list[Report] = []
    failures: list[Failure] = []
    for name, item in items:
        if isinstance(item, Failure):
            failures.append(item)
        elif item.id not in seen:
            seen.add(item.id)
            coded = _code_one(item, name, code, failures)
            if coded is not None:
                articles.append(item)
                reports.extend(coded)
        if len(articles) + len(failures) >= batch_size:
            yield Batch(tuple(articles), tuple(reports), tuple(failures))
            articles, reports, failures = [], [], []
    if articles or failures:
        yield Batch(tuple(articles), tuple(reports), tuple(failures))


def _code_one(
    article: Article, name: str, code: Callable[[Article], Sequence[Report]],
    failures: list[Failure],
) -> list[Report] | None:
    try:
        reports = list(code(article))
    except Exception as exc:  # one article's bad data or a coder bug must not stop the batch
        failures.append(Failure(name, "code", f"{type(exc).__name__}: {exc}"))
        return None
    if article.published is None:
        undated = sum(1 for r in reports if r.event_date is None)
        dropped = f"; {undated} undated event(s) dropped" if undated else ""
        failures.append(Failure(name, "date", NO_DATE + dropped))
    return [r for r in reports if r.event_date is not None]


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # Linux: KiB
