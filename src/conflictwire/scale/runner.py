"""`conflictwire run --workers N | --scheduler ADDRESS`: a Dask run that reports progress.

The CLI's `run` command calls `run_on_dask` when asked for workers, with a callback that
draws its progress bar; it returns the same RunSummary a single-process run does, so the
command prints the same summary.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import IO

from ..models import Failure
from ..pipeline import RunSummary
from ..settings import Settings
from ..store.base import Store
from .coding import code_article, load_resources
from .dask_run import DaskOptions, DaskRunSummary, PartitionDone, run_dask
from .worker import CodeFn, ResourceLoader

# Called once per partition done: (partitions in the plan, "N articles/s, M errors").
ProgressFn = Callable[[int, str], None]


def run_on_dask(
    inputs: Sequence[str],
    *,
    store: Store,
    options: DaskOptions,
    on_failure: Callable[[Failure], None] | None = None,
    progress: ProgressFn | None = None,
    code: CodeFn | None = None,
    load: ResourceLoader | None = None,
    settings: Settings | None = None,
    stdin: IO[str] | None = None,
) -> tuple[RunSummary, DaskRunSummary]:
    """Run `run_dask`, calling `progress` as each partition is done with the articles/s and
    errors so far.

    `code` and `load` default to the project's coder and its resources, with `settings`
    (sent to each worker with the loader, so no worker reads a settings file) or the
    packaged ones.
    """
    started = time.perf_counter()
    coded = errors = 0

    def partition_done(done: PartitionDone) -> None:
        nonlocal coded, errors
        if done.result is not None and not done.reused:
            coded += done.result.articles
        errors += 1 if done.error else (done.result.failures if done.result else 0)
        rate = coded / max(1e-9, time.perf_counter() - started)
        if progress is not None:
            progress(done.total, f"{rate:,.0f} articles/s, {errors} errors")

    summary = run_dask(inputs, store=store, code=code or code_article,
                       load_resources=load or partial(load_resources, settings),
                       options=options, progress=partition_done, on_failure=on_failure,
                       stdin=stdin)
    return as_run_summary(summary), summary


def as_run_summary(summary: DaskRunSummary) -> RunSummary:
    """The single-process run's summary for a Dask run (what `run` prints)."""
    return RunSummary(
        articles_read=summary.articles_total,
        articles_skipped=summary.articles_total - summary.articles_added,
        articles_coded=summary.articles_coded,
        articles_added=summary.articles_added,
        reports_added=summary.reports_added,
        events_added=summary.events_added,
        events_updated=summary.events_updated,
        failures=summary.failures,
        batches=summary.partitions,
        event_ids=summary.event_ids,
    )
