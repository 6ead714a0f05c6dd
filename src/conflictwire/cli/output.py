"""Shared helpers for commands: record writers by format, failure lines, progress bars."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from ..models import EVENT_COLUMNS, Failure

T = TypeVar("T")
FORMATS = ("json", "jsonl", "csv", "geojson")

stderr = Console(stderr=True)


def failure_line(failure: Failure) -> str:
    """One line that names the input, the stage and what was wrong."""
    return f"skipped {failure.input}: {failure.error} ({failure.stage})"


def print_failure(failure: Failure) -> None:
    print(f"conflictwire: {failure_line(failure)}", file=sys.stderr)


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def dumps(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, default=_json_default)


class RecordWriter:
    """Writes event records to a stream in one of FORMATS, one record at a time.

    jsonl and csv stream; json and geojson write one document, opened on the first record
    and closed by `close()`, so memory stays flat whatever the number of records.
    """

    def __init__(
        self, fmt: str, out: IO[str] | None = None, columns: tuple[str, ...] = EVENT_COLUMNS
    ) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.fmt, self.out, self.columns = fmt, out or sys.stdout, columns
        self.count = 0
        self._csv: Any = None

    def write(self, row: dict[str, Any]) -> None:
        out, fmt = self.out, self.fmt
        if fmt == "jsonl":
            out.write(dumps(row) + "\n")
        elif fmt == "csv":
            if self._csv is None:
                self._csv = csv.DictWriter(
                    out, fieldnames=list(self.columns), extrasaction="ignore"
                )
                self._csv.writeheader()
            self._csv.writerow(row)
        elif fmt == "json":
            out.write(("[\n" if self.count == 0 else ",\n") + dumps(row))
        else:  # geojson
            out.write(
                ('{"type": "FeatureCollection", "features": [\n' if self.count == 0 else ",\n")
                + dumps(_feature(row))
            )
        self.count += 1

    def close(self) -> None:
        if self.fmt == "json":
            self.out.write("[]\n" if self.count == 0 else "\n]\n")
        elif self.fmt == "geojson":
            self.out.write(
                '{"type": "FeatureCollection", "features": []}\n' if self.count == 0 else "\n]}\n"
            )
        self.out.flush()


def _feature(row: dict[str, Any]) -> dict[str, Any]:
    lat, lon = row.get("latitude"), row.get("longitude")
    geometry = (
        {"type": "Point", "coordinates": [lon, lat]}
        if lat is not None and lon is not None
        else None
    )
    props = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
    return {"type": "Feature", "geometry": geometry, "properties": props}


def interactive() -> bool:
    """True when stderr is a terminal, so progress bars are wanted."""
    return sys.stderr.isatty()


class _RateColumn(ProgressColumn):
    """Items a second, from rich's own running estimate."""

    def render(self, task: Task) -> Text:
        if task.fields.get("rate"):  # a caller that measures its own rate says so
            return Text(str(task.fields["rate"]))
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f}/s" if speed else "", style="progress.data.speed")


@contextmanager
def progress_bar(label: str, total: int | None = None) -> Iterator[Progress | None]:
    """A rich progress bar on stderr when it is a terminal, None (quiet) when piped: done of
    total, rate and, when the total is known, the time left."""
    if not interactive():
        yield None
        return
    bar = Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeRemainingColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=False,
    )
    with bar:
        bar.add_task(label, total=total, rate="")
        yield bar


def tick(bar: Progress | None, advance: int = 1, **fields: Any) -> None:
    if bar is not None:
        task = bar.task_ids[0]
        bar.update(task, advance=advance, **fields)


def tracked(items: Iterable[T], label: str, total: int | None = None) -> Iterator[T]:
    """Iterate `items` with a progress bar when interactive."""
    with progress_bar(label, total) as bar:
        for item in items:
            yield item
            tick(bar)


def article_inputs(inputs: list[str] | None) -> tuple[list[str], int | None]:
    """The INPUT arguments (standard input when none) and how many items they hold, when
    that can be known (for a progress bar's total; counted only on a terminal).

    On a terminal, reading standard input is said out loud: otherwise a bare command would
    look like it hangs."""
    names = inputs or ["-"]
    if "-" in names and sys.stdin.isatty():
        print("conflictwire: reading articles as JSON lines from standard input (end with "
              "Ctrl-D; give files, folders or URLs as arguments to read those)",
              file=sys.stderr)
    if not interactive():
        return names, None
    from ..ingest.sizing import count_items

    return names, count_items(names)


def build_progress(bar: Progress | None) -> Callable[[str, int, int], None]:
    """A gazetteer build's `progress(stage, done, total)` shown on `bar`."""

    def report(stage: str, done: int, total: int) -> None:
        if bar is not None:
            bar.update(bar.task_ids[0], completed=done, total=total or None,
                       description=f"gazetteer: {stage}")

    return report


def ensure_gazetteer(path: Path | str | None) -> None:
    """Build the default gazetteer now, with a progress bar, when a command is about to use
    it (`path` None) and it has not been built: the first run takes about a minute."""
    if path is not None:
        return
    from ..geo.gazetteer import default_path
    from ..geo.gazetteer.build import build_default

    target = default_path()
    if target.exists():
        return
    print(f"conflictwire: building the default gazetteer in {target} (once, about a "
          "minute)", file=sys.stderr)
    with progress_bar("gazetteer") as bar:
        build_default(target, progress=build_progress(bar))
