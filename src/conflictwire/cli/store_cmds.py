"""The store commands: `run`, `export`, `stats`, `db status` and `db upgrade`."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from ..errors import ExportError
from ..export import EXPORTERS, export, format_for_path
from ..ingest.readers import DEFAULT_MAX_BYTES, IngestOptions
from ..models import Failure
from ..pipeline import DEFAULT_BATCH_SIZE, RunSummary, run_pipeline
from ..settings import Settings, load_settings
from ..store import EventFilter, Store, open_store
from .app import app
from .options import Bbox, ConfigFile, Country, DateFrom, DateTo, Db, EventType, event_filter
from .output import article_inputs, ensure_gazetteer, failure_line, progress_bar, tick

db_app = typer.Typer(help="Inspect and upgrade the database schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")

_SUMMARY_ROWS = 20
_SUMMARY_IDS = 1000
_SUMMARY_COLUMNS = {"date": 10, "type": 32, "location": 20, "country": 20, "actors": 44,
                    "deaths": 6, "reports": 7}


@app.command()
def run(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders, URLs, or - for JSON lines on stdin.",
                       show_default=False),
    ] = None,
    db: Db = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles committed per transaction.")
    ] = DEFAULT_BATCH_SIZE,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="Refuse inputs larger than this.")
    ] = DEFAULT_MAX_BYTES,
    workers: Annotated[
        int, typer.Option("--workers", min=0, help="Code in parallel on a local Dask cluster "
                          "of N worker processes (0: in this process).")
    ] = 0,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Code on an existing Dask cluster at "
                                 "ADDRESS, e.g. tcp://10.0.0.5:8786.", show_default=False)
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="With --workers/--scheduler: keep the partitions "
                           "an earlier run of the same input finished.")
    ] = False,
    work_dir: Annotated[
        Path, typer.Option("--work-dir", help="With --workers/--scheduler: where partition "
                           "results (Parquet) are kept.")
    ] = Path(".conflictwire-work"),
    partition_size: Annotated[
        int, typer.Option("--partition-size", min=1, help="With --workers/--scheduler: "
                          "articles (lines, records or files) per partition.")
    ] = 200,
    config: ConfigFile = None,
) -> None:
    """Ingest, code, merge and store articles, then print what was found.

    Articles already stored are skipped, so running the same input twice adds nothing.
    Each unreadable input gets a one-line message and is recorded in the failures table;
    the exit status is 1 only when nothing at all could be read. With --workers N the input
    is split into partitions coded on N processes (Dask); --resume picks up a run that died.

    Example: conflictwire run examples/ --db conflictwire.duckdb
    Example: conflictwire run archive.jsonl --workers 8 --db postgresql://host/conflictwire
    """
    settings = load_settings(config)  # the coder takes its [coding], the merger its [merge]
    if workers or scheduler:
        _run_on_dask(inputs or ["-"], db, workers, scheduler, resume, work_dir, batch_size,
                     max_bytes, partition_size, settings)
        return
    names, total = article_inputs(inputs)
    ensure_gazetteer(None)
    store = open_store(db, merge_options=settings.merge)
    try:
        with progress_bar("coding", total) as bar:
            summary = run_pipeline(
                names,
                store=store,
                batch_size=batch_size,
                ingest_options=IngestOptions(max_bytes=max_bytes),
                progress=lambda n: tick(bar, n),
                on_failure=_report_failure,
                settings=settings,
            )
        _print_summary(summary, store)
    finally:
        store.close()
    if not summary.processed_any:
        raise typer.Exit(1)


def _run_on_dask(inputs: list[str], db: str | None, workers: int, scheduler: str | None,
                 resume: bool, work_dir: Path, batch_size: int, max_bytes: int,
                 partition_size: int, settings: Settings) -> None:
    from ..scale.dask_run import DaskOptions  # Dask is imported only when asked for
    from ..scale.runner import run_on_dask

    options = DaskOptions(workers=workers or 2, scheduler=scheduler, work_dir=work_dir,
                          batch_size=batch_size, resume=resume, partition_size=partition_size,
                          ingest=IngestOptions(max_bytes=max_bytes))
    store = open_store(db, merge_options=settings.merge)
    try:
        with progress_bar("partitions") as bar:
            summary, detail = run_on_dask(
                inputs, store=store, options=options, on_failure=_report_failure,
                settings=settings,
                progress=lambda total, rate: tick(bar, 1, total=total, rate=rate))
        _print_summary(summary, store)
        print(f"{detail.partitions} partitions ({detail.reused} kept from an earlier run, "
              f"{detail.redone} redone, {detail.failed} failed); "
              f"{detail.articles_per_second:,.0f} articles/s; results in {detail.work_dir}")
    finally:
        store.close()
    if not summary.processed_any:
        raise typer.Exit(1)


def _report_failure(failure: Failure) -> None:
    if failure.stage == "date":  # the article is still stored: this is a warning
        line = f"warning: {failure.input}: {failure.error}"
    else:
        line = failure_line(failure)
    print(f"conflictwire: {line}", file=sys.stderr)


def _print_summary(summary: RunSummary, store: Store) -> None:
    # Piped output is not wrapped at 80 columns: a wider table keeps one event a line.
    console = Console() if sys.stdout.isatty() else Console(width=170)
    # A bounded id list keeps the query small after a huge run; the count below is exact.
    shown = summary.event_ids[:_SUMMARY_IDS]
    events = store.events(EventFilter(event_ids=shown), limit=_SUMMARY_ROWS) if shown else []
    if events:
        table = Table(title="Events added or updated by this run")
        for name, width in _SUMMARY_COLUMNS.items():
            table.add_column(name, justify="right" if name in ("deaths", "reports") else "left",
                             overflow="ellipsis", no_wrap=True, min_width=min(width, 10),
                             max_width=width)
        for row in events:
            actors = " / ".join(a for a in (row["actor1"], row["actor2"]) if a)
            table.add_row(
                row["event_date"] or "", row["sub_event_type"] or "", row["location"] or "",
                row["country"] or "", actors, str(row["fatalities"] or 0), str(row["n_reports"]),
            )
        console.print(table)
        if len(summary.event_ids) > len(events):
            console.print(f"... and {len(summary.event_ids) - len(events)} more")
    print(  # a plain print: rich would wrap this line at 80 columns when piped
        f"{summary.articles_read} articles read, {summary.articles_skipped} already stored, "
        f"{summary.articles_coded} coded; {summary.reports_added} reports, "
        f"{summary.events_added} new events, {summary.events_updated} updated; "
        f"{summary.failures} failures -> {store.url}"
    )


@app.command("export")
def export_cmd(
    fmt: Annotated[
        str | None, typer.Option("--format", help=f"One of: {', '.join(EXPORTERS)} (default: "
                                 "from the -o file's extension, else acled-csv).",
                                 show_default=False)
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout); "
                                  ".csv, .geojson, .parquet or .jsonl picks the format.")
    ] = None,
    db: Db = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    country: Country = None,
    event_type: EventType = None,
    bbox: Bbox = None,
    aggregates: Annotated[bool, typer.Option(
        "--aggregates", help="Also export totals over a period or an area (tagged "
        "aggregate), which are no events.")] = False,
    config: ConfigFile = None,
) -> None:
    """Export stored events as ACLED CSV, GeoJSON, GeoParquet or JSON lines.

    Every format has ACLED's columns in ACLED's order; GeoJSON and Parquet add the point
    geometry, JSON lines conflictwire's own fields. Totals over a period or an area ("killed
    in February") are stored tagged aggregate and left out unless --aggregates is given.

    Example: conflictwire export --country Iraq --from 2024-01-01 -o iraq.parquet
    """
    fmt = _export_format(fmt, output)
    if output is None and fmt == "parquet" and sys.stdout.isatty():
        raise typer.BadParameter("Parquet is binary: give -o FILE or pipe the output",
                                 param_hint="--output")
    flt = replace(event_filter(date_from, date_to, country, event_type, bbox),
                  aggregates=aggregates)
    store = open_store(db, read_only=True)
    try:
        if output is None:
            n = export(store, fmt, sys.stdout.buffer, flt)
        else:
            n = _export_to_file(store, fmt, output, flt)
    finally:
        store.close()
    print(f"conflictwire: exported {n} events as {fmt}"
          + (f" to {output}" if output else ""), file=sys.stderr)


def _export_format(fmt: str | None, output: Path | None) -> str:
    """The format asked for, or the one the output's extension names; a format that
    contradicts the extension, or an extension that names none, is a usage error."""
    if fmt is not None and fmt not in EXPORTERS:
        raise typer.BadParameter(f"choose one of {', '.join(EXPORTERS)}", param_hint="--format")
    by_suffix = format_for_path(output) if output is not None else None
    if fmt is None:
        if output is not None and by_suffix is None:
            suffixes = ", ".join(f.suffix for f in EXPORTERS.values())
            raise typer.BadParameter(
                f"{output.name!r} has no export extension ({suffixes}): give --format",
                param_hint="--output")
        return by_suffix or "acled-csv"
    if by_suffix is not None and by_suffix != fmt:
        raise typer.BadParameter(f"--format {fmt} does not match {output.name!r}, which is "
                                 f"{by_suffix}", param_hint="--output")
    return fmt


def _export_to_file(store: Store, fmt: str, output: Path, flt: EventFilter) -> int:
    """Export into a temporary file beside `output`, renamed over it when complete, so a
    failed export leaves no half-written file; raises ExportError for a path that cannot
    be written."""
    partial = output.with_name(f".{output.name}.partial")
    try:
        with partial.open("wb") as out:
            n = export(store, fmt, out, flt)
        partial.replace(output)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportError(f"{output}: {exc.strerror or exc}") from None
    return n


@app.command()
def stats(
    db: Db = None,
    by: Annotated[
        list[str] | None,
        typer.Option("--by", help="Group by country, event_type, sub_event_type, month, day "
                     "or admin1 (repeatable; default: country, event_type and month)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON, not tables.")] = False,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    country: Country = None,
    event_type: EventType = None,
    bbox: Bbox = None,
    config: ConfigFile = None,
) -> None:
    """Count stored events and fatalities by country, event type and month.

    Example: conflictwire stats --by country --by month --from 2024-01-01
    """
    from ..store import STATS_KEYS

    keys = by or ["country", "event_type", "month"]
    for key in keys:
        if key not in STATS_KEYS:
            raise typer.BadParameter(f"choose from {', '.join(STATS_KEYS)}", param_hint="--by")
    flt = event_filter(date_from, date_to, country, event_type, bbox)
    store = open_store(db, read_only=True)
    try:
        results = {key: store.stats(key, flt) for key in keys}  # type: ignore[arg-type]
        total = store.count(flt)
    finally:
        store.close()
    if as_json:
        import json

        print(json.dumps({"events": total, **results}, ensure_ascii=False, indent=1))
        return
    console = Console()
    for key, rows in results.items():
        table = Table(title=f"Events by {key.replace('_', ' ')}")
        table.add_column(key)
        table.add_column("events", justify="right")
        table.add_column("fatalities", justify="right")
        for row in rows:
            table.add_row(str(row["key"] or "(unknown)"), str(row["events"]),
                          str(row["fatalities"]))
        console.print(table)
    console.print(f"{total} events")


@db_app.command("status")
def db_status(db: Db = None, config: ConfigFile = None) -> None:
    """Show the database, its schema version and any pending migrations.

    Example: conflictwire db status --db conflictwire.duckdb
    """
    store = open_store(db, read_only=True, upgrade=False)
    try:
        status = store.schema_status()
        counts: dict[str, Any] = store.counts() if status.up_to_date else {}
    finally:
        store.close()
    print(f"database: {status.url} ({status.engine})")
    print(f"schema version: {status.version} (this conflictwire: {status.latest})")
    if status.pending:
        print(f"pending migrations: {', '.join(map(str, status.pending))} "
              "(run `conflictwire db upgrade`)")
    else:
        print("up to date")
        print(", ".join(f"{n} {table}" for table, n in counts.items()))


@db_app.command("upgrade")
def db_upgrade(db: Db = None, config: ConfigFile = None) -> None:
    """Apply pending schema migrations (a newer database is refused, never downgraded).

    Example: conflictwire db upgrade --db conflictwire.duckdb
    """
    store = open_store(db, upgrade=False)
    try:
        applied = store.upgrade()
        status = store.schema_status()
    finally:
        store.close()
    if applied:
        print(f"applied migrations {', '.join(map(str, applied))}; "
              f"{status.url} is at schema version {status.version}")
    else:
        print(f"{status.url} is already at schema version {status.version}")
