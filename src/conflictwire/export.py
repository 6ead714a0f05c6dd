"""Event exports as a registry keyed by format: acled-csv, geojson, parquet (GeoParquet), jsonl.

Every format carries ACLED's export columns in ACLED's order with one set of types, one null
convention (a missing value is empty in CSV and null elsewhere) and one coordinate precision;
GeoJSON and Parquet add the point geometry and JSON lines conflictwire's own fields. Each
exporter streams event rows (from `Store.iter_events`) to a binary stream in flat memory. A new
format is one `@exporter("name", ".suffix")` function.
"""

from __future__ import annotations

import csv
import io
import json
import struct
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from .errors import ConfigError
from .geo.acled_countries import lookup
from .models import stable_id
from .store.base import ALL_EVENTS, EventFilter, Store

# ACLED's own export header, in its order (checked against published ACLED exports).
ACLED_EXPORT_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
)
# conflictwire's own fields, after ACLED's in the JSON lines export.
OWN_EXPORT_COLUMNS: tuple[str, ...] = (
    "event_id", "article_id", "source_url", "evidence", "confidence", "geonameid", "n_reports",
)
INTEGER_COLUMNS = frozenset({
    "year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
    "fatalities", "timestamp", "geonameid", "n_reports",
})
FLOAT_COLUMNS = frozenset({"latitude", "longitude", "confidence"})
DATE_COLUMNS = frozenset({"event_date"})
# ACLED publishes coordinates to four decimals (about 11 m); every format writes the same.
COORDINATE_DECIMALS = 4
# The prefix of event_id_cnty for an event placed in no country: ISO 3166 keeps XXA-XXZ
# and XXX for "no state" (user-assigned), so it can never be a real country's code.
NO_COUNTRY = "XXX"

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


def format_for_path(path: Path | str) -> str | None:
    """The export format a file name's suffix stands for (None when no format claims it)."""
    name = str(path).lower()
    for fmt in EXPORTERS.values():
        if name.endswith(fmt.suffix):
            return fmt.name
    return None


def event_id_cnty(event_id: str, alpha3: str | None) -> str:
    """ACLED's id: the country's alpha-3 code and a number, stable for the event (its
    conflictwire id read as a hexadecimal number). The letters keep every reader from taking
    it for a number."""
    digits = event_id if _is_hex(event_id) else stable_id(event_id)
    return f"{alpha3 or NO_COUNTRY}{int(digits, 16)}"


def _is_hex(text: str) -> bool:
    return 0 < len(text) <= 16 and all(c in "0123456789abcdefABCDEF" for c in text)


def acled_row(row: dict[str, Any], *, own: bool = False) -> dict[str, Any]:
    """One event row (EVENT_ROW_COLUMNS) as an export row: ACLED's columns in order, typed
    (dates as `date`, integers, floats rounded to COORDINATE_DECIMALS), None for a missing
    value, ACLED's country name, numeric code and region; with `own`, conflictwire's own
    fields after them."""
    country = lookup(row.get("iso")) or lookup(row.get("country"))
    out: dict[str, Any] = {}
    for name in ACLED_EXPORT_COLUMNS + (OWN_EXPORT_COLUMNS if own else ()):
        out[name] = _typed(name, row.get(name))
    event_date = out["event_date"]
    out["event_id_cnty"] = event_id_cnty(str(row["event_id"]),
                                         country.alpha3 if country else None)
    out["year"] = event_date.year if event_date else None
    if country is not None:
        out["iso"], out["country"], out["region"] = country.numeric, country.name, country.region
    else:
        out["iso"] = None  # a code the table does not know is no ISO code
    return out


def _typed(name: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if name in DATE_COLUMNS:
        return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    if name in INTEGER_COLUMNS:
        try:
            return int(value)
        except (TypeError, ValueError):
            return None
    if name in FLOAT_COLUMNS:
        number = float(value)
        if name in ("latitude", "longitude"):
            return round(number, COORDINATE_DECIMALS)
        return number
    return str(value)


def _text(out: IO[bytes]) -> io.TextIOWrapper:
    return io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)


def _finish(stream: io.TextIOWrapper) -> None:
    """Flush and let go of the wrapper without closing the caller's stream."""
    stream.flush()
    stream.detach()


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _json_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: _json_value(v) for k, v in row.items()}


@exporter("jsonl", ".jsonl")
def write_jsonl(rows: Rows, out: IO[bytes]) -> int:
    """One event a line: ACLED's columns, then conflictwire's own."""
    stream, n = _text(out), 0
    for row in rows:
        stream.write(json.dumps(_json_row(acled_row(row, own=True)), ensure_ascii=False) + "\n")
        n += 1
    _finish(stream)
    return n


@exporter("acled-csv", ".csv")
def write_acled_csv(rows: Rows, out: IO[bytes]) -> int:
    """ACLED's CSV: its column names and order; a missing value is an empty cell."""
    stream, n = _text(out), 0
    writer = csv.DictWriter(stream, fieldnames=list(ACLED_EXPORT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(acled_row(row))
        n += 1
    _finish(stream)
    return n


@exporter("geojson", ".geojson")
def write_geojson(rows: Rows, out: IO[bytes], *,
                  make_feature: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> int:
    """A FeatureCollection of points with ACLED's columns as properties (or what
    `make_feature` makes of each row); an event without coordinates has a null geometry."""
    make = make_feature or feature
    stream, n = _text(out), 0
    stream.write('{"type": "FeatureCollection", "features": [')
    for row in rows:
        stream.write(("\n" if n == 0 else ",\n") + json.dumps(make(row), ensure_ascii=False))
        n += 1
    stream.write("\n]}\n")
    _finish(stream)
    return n


def write_raw_geojson(rows: Rows, out: IO[bytes]) -> int:
    """GeoJSON of stored event-row columns as they are (see `raw_feature`)."""
    return write_geojson(rows, out, make_feature=raw_feature)


def feature(row: dict[str, Any]) -> dict[str, Any]:
    """One event row as a GeoJSON Feature (RFC 7946: longitude first), ACLED's columns as
    its properties. No top-level "id": GDAL would read it as one more column than the
    other formats have (event_id_cnty is among the properties)."""
    props = _json_row(acled_row(row))
    lat, lon = props["latitude"], props["longitude"]
    geometry = None
    if lat is not None and lon is not None:
        geometry = {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "geometry": geometry, "properties": props}


def raw_feature(row: dict[str, Any]) -> dict[str, Any]:
    """A Feature of whatever event-row columns `row` has, unchanged (the API's
    `properties=` selection of stored columns)."""
    lat, lon = row.get("latitude"), row.get("longitude")
    geometry = None
    if lat is not None and lon is not None:
        geometry = {"type": "Point", "coordinates": [lon, lat]}
    props = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
    return {"type": "Feature", "id": row.get("event_id"), "geometry": geometry,
            "properties": props}


# GeoParquet: rows are written in groups of this many, so memory stays flat.
PARQUET_ROW_GROUP = 10_000
GEOPARQUET_VERSION = "1.1.0"


def _arrow_schema() -> Any:
    import pyarrow as pa

    def kind(name: str) -> Any:
        if name in DATE_COLUMNS:
            return pa.date32()
        if name in INTEGER_COLUMNS:
            return pa.int64()
        if name in FLOAT_COLUMNS:
            return pa.float64()
        return pa.string()

    fields = [pa.field(c, kind(c)) for c in ACLED_EXPORT_COLUMNS]
    return pa.schema([*fields, pa.field("geometry", pa.binary())])


def _wkb_point(lon: float | None, lat: float | None) -> bytes | None:
    """A point as ISO WKB (little-endian), or None for no geometry."""
    if lon is None or lat is None:
        return None
    return struct.pack("<BIdd", 1, 1, lon, lat)


def _geo_metadata() -> bytes:
    # No "crs": GeoParquet's default, OGC:CRS84 (WGS 84, longitude first), is what we write.
    # No "bbox" either (it is optional): it would need the rows before the first is written.
    column = {"encoding": "WKB", "geometry_types": ["Point"]}
    return json.dumps({"version": GEOPARQUET_VERSION, "primary_column": "geometry",
                       "columns": {"geometry": column}}).encode()


@exporter("parquet", ".parquet")
def write_parquet(rows: Rows, out: IO[bytes]) -> int:
    """GeoParquet 1.1 (zstd): ACLED's typed columns and a WKB point `geometry` with the `geo`
    metadata that geopandas, DuckDB and GDAL read; an event without coordinates has a null
    geometry. Written in row groups to a temporary file (Parquet's footer comes last), then
    copied to `out`, so memory stays flat and `out` need not be seekable.
    """
    import tempfile

    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema().with_metadata({b"geo": _geo_metadata()})
    n = 0
    with tempfile.TemporaryDirectory(prefix="conflictwire-export-") as tmp:
        target = Path(tmp) / "events.parquet"
        with pq.ParquetWriter(target, schema, compression="zstd") as writer:
            for chunk in _chunks(rows, PARQUET_ROW_GROUP):
                columns: dict[str, list[Any]] = {c: [] for c in schema.names}
                for raw in chunk:
                    row = acled_row(raw)
                    for c in ACLED_EXPORT_COLUMNS:
                        columns[c].append(row[c])
                    columns["geometry"].append(_wkb_point(row["longitude"], row["latitude"]))
                n += len(chunk)
                writer.write_table(pa.table(columns, schema=schema))
            if n == 0:
                writer.write_table(schema.empty_table())
        with target.open("rb") as f:
            while block := f.read(1 << 20):
                out.write(block)
    out.flush()
    return n


def _chunks(rows: Rows, size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
