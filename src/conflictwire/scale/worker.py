"""What a Dask worker does with one partition: read it, code it, write its results as Parquet.

Each worker process loads the coding resources (gazetteer, models) once, through a worker
plugin, and every partition it codes reuses them. Each input item becomes one Coded record; the
loader batches units as a single-process run batches articles, so the store ends the same.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from ..ingest.readers import IngestOptions
from ..models import Article, Failure, Report
from ..pipeline import code_one
from .partitions import Partition, read_partition
from .results import Coded, PartitionResult, discard_results, write_results

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
    units = [
        code_unit(name, item, lambda article: task.code(article, resources))
        for name, item in read_partition(part, options=task.ingest)
    ]
    return write_results(work, part.id, units, time.perf_counter() - started, _peak_mb(),
                         time.process_time() - cpu)


def code_unit(
    name: str, item: Article | Failure, code: Callable[[Article], Sequence[Report]]
) -> Coded:
    """One input item coded by the rules of `pipeline.run_pipeline` (`pipeline.code_one`)."""
    if isinstance(item, Failure):
        return Coded(failures=(item,))
    return code_one(item, name, code)


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # Linux: KiB
