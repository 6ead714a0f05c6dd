"""A partition's coded results as Parquet files, its manifest, and the checks a resume makes.

Layout under the work folder:
  articles/<part>.parquet, failures/<part>.parquet,
  reports/month=YYYY-MM/iso=XX/<part>.parquet   (by event month and country, hive style)
  done/<part>.json   the manifest: each file's rows and SHA-256, and the number of units
Every file is written under a temporary name and renamed, and the manifest is written last,
so a partition either has a manifest whose files all check out or is coded again. Files are
not fsynced: a killed process loses nothing the kernel has, and after a machine crash the
checksums in the manifest catch a torn file (an fsync per small file cost more than coding).
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from ..models import Article, Failure, Location, Report
from ..pipeline import Coded
from ..store.rows import mentions_from_json, mentions_json

_LOC = "loc_"
_REPORT_FIELDS = tuple(f.name for f in fields(Report) if f.name not in ("location", "mentions"))
_LOCATION_FIELDS = tuple(f.name for f in fields(Location) if f.name != "mention")
_ARTICLE_FIELDS = tuple(f.name for f in fields(Article))


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What coding one partition produced, as recorded in its manifest."""

    part_id: str
    articles: int
    reports: int
    failures: int
    seconds: float
    files: dict[str, dict[str, Any]] = field(default_factory=dict)  # path -> rows, sha256
    units: int = 0
    peak_rss_mb: float = 0.0  # the coding process's peak resident memory so far
    cpu_seconds: float = 0.0  # CPU time the coding process spent on this partition


def write_results(work: Path, part_id: str, units: Sequence[Coded], seconds: float,
                  peak_rss_mb: float = 0.0, cpu_seconds: float = 0.0) -> PartitionResult:
    """Write a partition's units as Parquet files and then its manifest."""
    files: dict[str, dict[str, Any]] = {}
    articles = [(u, unit.article, unit.coded) for u, unit in enumerate(units)
                if unit.article is not None]
    reports = [(u, r) for u, unit in enumerate(units) for r in unit.reports]
    failures = [(u, f) for u, unit in enumerate(units) for f in unit.failures]
    _write(work, f"articles/{part_id}.parquet", _article_table(articles), files)
    _write(work, f"failures/{part_id}.parquet", _failure_table(failures), files)
    groups: dict[tuple[str, str], list[tuple[int, int, Report]]] = {}
    for seq, (b, report) in enumerate(reports):
        month = report.event_date.isoformat()[:7] if report.event_date else "unknown"
        iso = (report.location.iso if report.location else "") or "unknown"
        groups.setdefault((month, iso), []).append((b, seq, report))
    for (month, iso), rows in sorted(groups.items()):
        _write(work, f"reports/month={month}/iso={iso}/{part_id}.parquet",
               _report_table(rows), files)
    result = PartitionResult(part_id, len(articles), len(reports), len(failures),
                             round(seconds, 3), files, len(units), peak_rss_mb,
                             round(cpu_seconds, 3))
    manifest = work / "done" / f"{part_id}.json"
    _atomic_bytes(manifest, json.dumps(_manifest(result), indent=1).encode())
    return result


def check_results(work: Path, part_id: str) -> PartitionResult | None:
    """The partition's result if its manifest and every file it lists are intact, else None."""
    path = work / "done" / f"{part_id}.json"
    try:
        data = json.loads(path.read_text())
        result = PartitionResult(**data)
        for name, meta in result.files.items():
            file = work / name
            if _sha256(file) != meta["sha256"]:
                return None
            if pq.read_metadata(file).num_rows != meta["rows"]:
                return None
    except (OSError, ValueError, TypeError, KeyError, pa.ArrowException):
        return None
    return result


def discard_results(work: Path, part_id: str) -> None:
    """Remove a partition's manifest and files (before it is coded again)."""
    (work / "done" / f"{part_id}.json").unlink(missing_ok=True)
    for folder in ("articles", "failures"):
        (work / folder / f"{part_id}.parquet").unlink(missing_ok=True)
    for file in (work / "reports").glob(f"*/*/{part_id}.parquet"):
        file.unlink(missing_ok=True)


class ResultReader:
    """Reads checked partitions back through one in-memory DuckDB connection: it reads a
    partition's many small Parquet files in one query, at a fraction of the CPU that
    opening each with Arrow costs; opening a connection costs more than a partition, so a
    loader keeps one. Close it (or use it in a `with` block) when done."""

    def __init__(self) -> None:
        self._conn = duckdb.connect(":memory:", config={"threads": 1})

    def read(self, work: Path, result: PartitionResult) -> list[Coded]:
        """The units of a checked partition, rebuilt as they were coded, in order (a report's
        spans come back as the store keeps them: see `_report_table`)."""
        parts: list[dict[str, list[Any]]] = [
            {"articles": [], "reports": [], "failures": []} for _ in range(result.units)
        ]
        for kind in ("articles", "failures", "reports"):
            files = [str(work / name) for name, meta in result.files.items()
                     if name.startswith(f"{kind}/") and meta["rows"]]
            if not files:
                continue
            # Files of one kind differ only where a column is all null in one (typed null).
            cursor = self._conn.execute(
                "SELECT * FROM read_parquet(?, union_by_name = true, hive_partitioning = false)",
                [files])
            build = _BUILDERS[kind]([d[0] for d in cursor.description])
            for u, seq, *values in cursor.fetchall():  # every file starts with item, seq
                parts[u][kind].append((seq, build(values)))
        units = []
        for group in parts:
            ordered = {k: [obj for _, obj in sorted(v, key=lambda x: x[0])]
                       for k, v in group.items()}
            article, coded = ordered["articles"][0] if ordered["articles"] else (None, True)
            units.append(Coded(article, tuple(ordered["reports"]), tuple(ordered["failures"]),
                              coded))
        return units

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ResultReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_results(work: Path, result: PartitionResult) -> list[Coded]:
    """The units of a checked partition, rebuilt as they were coded, in input order (with a
    reader of its own: a loader reading many partitions keeps a ResultReader)."""
    with ResultReader() as reader:
        return reader.read(work, result)


# -- tables ---------------------------------------------------------------------------------

def _article_table(rows: list[tuple[int, Article, bool]]) -> pa.Table:
    data = [{"item": u, "seq": i, "coded": coded, **{f: getattr(a, f) for f in _ARTICLE_FIELDS}}
            for i, (u, a, coded) in enumerate(rows)]
    schema = pa.schema([("item", pa.int32()), ("seq", pa.int32()), ("coded", pa.bool_()),
                        ("id", pa.string()),
                        ("text", pa.string()), ("title", pa.string()),
                        ("published", pa.date32()), ("source", pa.string()),
                        ("url", pa.string()), ("language", pa.string())])
    return pa.Table.from_pylist(data, schema=schema)


def _failure_table(rows: list[tuple[int, Failure]]) -> pa.Table:
    data = [{"item": u, "seq": i, "input": f.input, "stage": f.stage, "error": f.error}
            for i, (u, f) in enumerate(rows)]
    schema = pa.schema([("item", pa.int32()), ("seq", pa.int32()), ("input", pa.string()),
                        ("stage", pa.string()), ("error", pa.string())])
    return pa.Table.from_pylist(data, schema=schema)


def _report_table(rows: list[tuple[int, int, Report]]) -> pa.Table:
    # A report's spans (its mentions and its place's) are written as the store writes them, so
    # a report read back stores the same spans as one stored straight from the coder.
    data = []
    for b, seq, report in rows:
        row: dict[str, Any] = {"item": b, "seq": seq}
        row.update({f: getattr(report, f) for f in _REPORT_FIELDS})
        row["mentions"] = mentions_json(report)
        loc = report.location
        row[f"{_LOC}present"] = loc is not None
        for f in _LOCATION_FIELDS:
            row[_LOC + f] = getattr(loc, f) if loc is not None else None
        data.append(row)
    return pa.Table.from_pylist(data)


def _article_builder(names: list[str]) -> Callable[[list[Any]], tuple[Article, bool]]:
    fields = names[2:]  # after item and seq
    coded = fields.index("coded")

    def build(values: list[Any]) -> tuple[Article, bool]:
        row = dict(zip(fields, values, strict=True))
        del row["coded"]
        return Article(**row), values[coded]

    return build


def _failure_builder(names: list[str]) -> Callable[[list[Any]], Failure]:
    fields = names[2:]
    return lambda values: Failure(**dict(zip(fields, values, strict=True)))


def _report_builder(names: list[str]) -> Callable[[list[Any]], Report]:
    fields = names[2:]
    present = fields.index(f"{_LOC}present")
    own = [(i, f) for i, f in enumerate(fields) if not f.startswith(_LOC)]
    loc = [(i, f[len(_LOC):]) for i, f in enumerate(fields)
           if f.startswith(_LOC) and i != present]

    def build(values: list[Any]) -> Report:
        row = {f: values[i] for i, f in own}
        row["mentions"] = mentions_from_json(row.get("mentions"))
        location = Location(**{f: values[i] for i, f in loc}) if values[present] else None
        if isinstance(row.get("event_date"), str):
            row["event_date"] = date.fromisoformat(row["event_date"])
        return Report(**row, location=location)

    return build


_BUILDERS: dict[str, Callable[[list[str]], Callable[[list[Any]], Any]]] = {
    "articles": _article_builder, "failures": _failure_builder, "reports": _report_builder,
}


# -- files ----------------------------------------------------------------------------------

def _write(work: Path, name: str, table: pa.Table, files: dict[str, dict[str, Any]]) -> None:
    path = work / name
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)
    files[name] = {"rows": table.num_rows, "sha256": _sha256(path)}


def _atomic_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _manifest(result: PartitionResult) -> dict[str, Any]:
    return {f.name: getattr(result, f.name) for f in fields(PartitionResult)}
