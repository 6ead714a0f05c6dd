"""Exports: ACLED CSV columns and codes, GeoJSON, Parquet, JSON lines, filters, CLI."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import duckdb
import pytest
from typer.testing import CliRunner

import conflictwire.cli  # noqa: F401  (registers every command)
from _factories import article, report
from conflictwire.cli.app import app
from conflictwire.errors import ConfigError
from conflictwire.export import ACLED_EXPORT_COLUMNS, EXPORTERS, export
from conflictwire.store import EventFilter, open_store
from conflictwire.store.base import ALL_EVENTS


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "e.duckdb"
    a1 = article("Jets struck Mosul.")
    a2 = article("Gunmen attacked a village near Maiduguri.")
    a3 = article("Protest, Kharkiv.")
    with open_store(path) as store:
        store.add_batch([a1, a2, a3], [
            report(a1, fatalities=4, actor2="Islamic State (Iraq)"),
            report(a2, day=date(2024, 2, 9), place="Maiduguri", sub="Attack",
                   actor1="Unidentified Armed Group (Nigeria)", actor2="Civilians (Nigeria)",
                   fatalities=7),
            report(a3, day=date(2024, 1, 20), place="Kharkiv", sub="Peaceful protest",
                   actor1="Protesters (Ukraine)"),
        ])
    return path


def _export(db, fmt, flt=ALL_EVENTS):
    out = io.BytesIO()
    with open_store(db, read_only=True) as store:
        n = export(store, fmt, out, flt)
    return n, out.getvalue()


def test_registry_has_the_formats():
    assert {"acled-csv", "geojson", "parquet", "jsonl"} <= set(EXPORTERS)
    assert EXPORTERS["parquet"].suffix == ".parquet"


def test_acled_csv_has_acleds_header_and_codes(db):
    n, data = _export(db, "acled-csv")
    rows = list(csv.DictReader(io.StringIO(data.decode())))
    assert n == len(rows) == 3
    assert tuple(data.decode().splitlines()[0].split(",")) == ACLED_EXPORT_COLUMNS
    mosul = next(r for r in rows if r["location"] == "Mosul")
    assert mosul["iso"] == "368" and mosul["event_id_cnty"].startswith("IRQ")
    assert mosul["year"] == "2024" and mosul["event_date"] == "2024-03-04"
    assert mosul["fatalities"] == "4" and mosul["actor2"] == "Islamic State (Iraq)"
    assert mosul["latitude"] == "36.335" and mosul["timestamp"].isdigit()
    assert {r["event_id_cnty"][:3] for r in rows} == {"IRQ", "NGA", "UKR"}


def test_geojson_is_a_feature_collection_lon_lat(db):
    n, data = _export(db, "geojson")
    doc = json.loads(data)
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == n == 3
    mosul = next(f for f in doc["features"] if f["properties"]["location"] == "Mosul")
    assert mosul["geometry"] == {"type": "Point", "coordinates": [43.119, 36.335]}
    assert list(mosul["properties"]) == list(ACLED_EXPORT_COLUMNS)
    assert mosul["properties"]["event_id_cnty"].startswith("IRQ")
    assert mosul["properties"]["iso"] == 368 and mosul["properties"]["assoc_actor_1"] is None


def test_parquet_is_typed_and_complete(db, tmp_path):
    n, data = _export(db, "parquet")
    path = tmp_path / "e.parquet"
    path.write_bytes(data)
    con = duckdb.connect()
    rel = con.execute(f"SELECT * EXCLUDE (geometry) FROM read_parquet('{path}') "
                      "ORDER BY event_date")
    names = [d[0] for d in rel.description]
    rows = rel.fetchall()
    assert tuple(names) == ACLED_EXPORT_COLUMNS and len(rows) == n == 3
    row = dict(zip(names, rows[0], strict=True))
    assert row["event_date"] == date(2024, 1, 20) and row["location"] == "Kharkiv"
    assert isinstance(row["latitude"], float) and row["iso"] == 804 and row["year"] == 2024
    assert row["actor2"] is None  # missing text is null, not an empty string


def test_empty_exports_are_valid(db, tmp_path):
    none = EventFilter(countries=("Atlantis",))
    assert json.loads(_export(db, "geojson", none)[1])["features"] == []
    assert _export(db, "acled-csv", none)[1].decode().count("\n") == 1  # header only
    n, data = _export(db, "parquet", none)
    (tmp_path / "empty.parquet").write_bytes(data)
    count = duckdb.connect().execute(
        f"SELECT COUNT(*) FROM read_parquet('{tmp_path / 'empty.parquet'}')").fetchone()[0]
    assert n == count == 0


def test_jsonl_and_filters(db):
    n, data = _export(db, "jsonl", EventFilter(date_from=date(2024, 2, 1)))
    rows = [json.loads(line) for line in data.decode().splitlines()]
    assert n == 2 and {r["country"] for r in rows} == {"Iraq", "Nigeria"}
    assert list(rows[0])[:len(ACLED_EXPORT_COLUMNS)] == list(ACLED_EXPORT_COLUMNS)
    assert rows[0]["event_id"] and rows[0]["n_reports"] == 1
    assert _export(db, "jsonl", EventFilter(bbox=(40, 30, 50, 40)))[0] == 1


def test_unknown_format_is_a_config_error(db):
    with open_store(db, read_only=True) as store, pytest.raises(ConfigError, match="acled-csv"):
        export(store, "xlsx", io.BytesIO())


def test_export_and_stats_commands(db, tmp_path):
    runner = CliRunner()
    out = tmp_path / "iraq.csv"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "acled-csv",
                                 "--country", "Iraq", "--from", "2024-01-01", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "exported 1 events" in result.stderr
    assert len(list(csv.DictReader(out.open()))) == 1
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "geojson",
                                 "--event-type", "Peaceful protest",
                                 "--bbox", "20,40,40,60"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["features"]) == 1
    result = runner.invoke(app, ["export", "--db", str(db), "--event-type", "Battles"])
    assert result.stdout.count("\n") == 1
    bad = runner.invoke(app, ["export", "--db", str(db), "--bbox", "1,2,3"])
    assert bad.exit_code == 2 and "WEST,SOUTH,EAST,NORTH" in bad.output
    bad = runner.invoke(app, ["export", "--db", str(db), "--from", "yesterday"])
    assert bad.exit_code == 2

    result = runner.invoke(app, ["stats", "--db", str(db), "--json"])
    doc = json.loads(result.stdout)
    assert doc["events"] == 3
    assert {r["key"]: r["fatalities"] for r in doc["country"]} == {
        "Iraq": 4, "Nigeria": 7, "Ukraine": 0}
    assert [r["key"] for r in doc["month"]] == ["2024-01", "2024-02", "2024-03"]
    table = runner.invoke(app, ["stats", "--db", str(db), "--by", "sub_event_type"])
    assert table.exit_code == 0 and "Peaceful protest" in table.stdout
