"""Exports read back by tools nobody here wrote: pandas, pyarrow, geopandas, DuckDB and GDAL's
ogrinfo. The examples and 300 dev headlines are coded, stored and exported in every format
through the CLI; each reader must see ACLED's columns, the same types and the same nulls, and
`--country` given as a name, alpha-2, alpha-3 or numeric code must pick the same events in the
CLI, the API and a subscription."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess

import duckdb
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import conflictwire.cli  # noqa: F401  (registers every command)
from conflictwire.cli.app import app
from conflictwire.export import ACLED_EXPORT_COLUMNS, INTEGER_COLUMNS
from conflictwire.geo.acled_countries import regions
from conflictwire.store import open_store
from conflictwire.watch.alerts.subscriptions import subscription_from_spec
from conflictwire.web import WebSettings, create_app
from paths import EXAMPLES, need_shared

pd = pytest.importorskip("pandas")
gpd = pytest.importorskip("geopandas")

N_HEADLINES = 300
FORMATS = {"csv": "acled-csv", "parquet": "parquet", "geojson": "geojson", "jsonl": "jsonl"}
TEXT_COLUMNS = [c for c in ACLED_EXPORT_COLUMNS
                if c not in INTEGER_COLUMNS and c not in ("latitude", "longitude", "event_date")]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """A database of the examples and 300 dev headlines, and its export in every format
    (written by `export -o FILE`, the format taken from the extension)."""
    headlines = need_shared() / "events" / "ucdp_ged_syria_headlines.jsonl.gz"
    folder = tmp_path_factory.mktemp("readers")
    articles = folder / "headlines.jsonl"
    with gzip.open(headlines, "rt", encoding="utf-8") as src, articles.open("w") as dst:
        for _, line in zip(range(N_HEADLINES), src, strict=False):
            row = json.loads(line)
            dst.write(json.dumps({k: row[k] for k in ("id", "text", "source", "published")
                                  if k in row}) + "\n")
    db = folder / "events.duckdb"
    runner = CliRunner()
    result = runner.invoke(app, ["run", str(EXAMPLES), str(articles), "--db", str(db)])
    assert result.exit_code == 0, result.output
    files = {}
    for suffix in FORMATS:
        files[suffix] = folder / f"events.{suffix}"
        result = runner.invoke(app, ["export", "--db", str(db), "-o", str(files[suffix])])
        assert result.exit_code == 0, result.output
        assert f"as {FORMATS[suffix]}" in result.stderr
    return db, files


def _by_id(frame):
    return frame.sort_values("event_id_cnty").reset_index(drop=True)


def test_pandas_reads_acled_columns_and_types_from_csv(exported):
    _, files = exported
    frame = pd.read_csv(files["csv"])
    assert list(frame.columns) == list(ACLED_EXPORT_COLUMNS)
    assert len(frame) > 150
    # The id is text that starts with an alpha-3 code, never a number or a float.
    assert frame["event_id_cnty"].map(type).eq(str).all()
    assert frame["event_id_cnty"].str.fullmatch(r"[A-Z]{3}\d+").all()
    assert frame["event_id_cnty"].is_unique
    for column in INTEGER_COLUMNS & set(ACLED_EXPORT_COLUMNS):
        values = frame[column].dropna()
        assert pd.api.types.is_numeric_dtype(values), column
        assert (values == values.round()).all(), column
    assert (frame["year"] == pd.to_datetime(frame["event_date"]).dt.year).all()
    assert set(frame["region"].dropna()) <= set(regions())
    assert set(frame.loc[frame["iso"] == 760, "country"]) == {"Syria"}
    assert frame["source_scale"].notna().all()
    # Coordinates have ACLED's four decimals.
    assert (frame["latitude"].dropna().round(4) == frame["latitude"].dropna()).all()


def test_every_format_carries_the_same_values(exported):
    _, files = exported
    csv_frame = _by_id(pd.read_csv(files["csv"], dtype={"event_id_cnty": str}))
    parquet = _by_id(pd.read_parquet(files["parquet"]).drop(columns="geometry"))
    geojson = _by_id(pd.DataFrame(gpd.read_file(files["geojson"]).drop(columns="geometry")))
    lines = _by_id(pd.read_json(files["jsonl"], lines=True, precise_float=True, convert_dates=False,
                                dtype={"event_id_cnty": str}))
    assert list(parquet.columns) == list(geojson.columns) == list(ACLED_EXPORT_COLUMNS)
    assert list(lines.columns)[:len(ACLED_EXPORT_COLUMNS)] == list(ACLED_EXPORT_COLUMNS)
    assert len(csv_frame) == len(parquet) == len(geojson) == len(lines)
    for frame in (parquet, geojson, lines):
        for column in ACLED_EXPORT_COLUMNS:
            mine, theirs = csv_frame[column], frame[column]
            # One null convention: what is missing in one format is missing in every one.
            assert (mine.isna() == theirs.isna()).all(), column
            present = mine.notna()
            if column == "event_date":
                assert (pd.to_datetime(mine[present]) == pd.to_datetime(theirs[present])).all()
            elif column in TEXT_COLUMNS:
                assert (mine[present].astype(str) == theirs[present].astype(str)).all(), column
            else:
                assert (mine[present].astype(float) == theirs[present].astype(float)).all(), column


def test_pyarrow_sees_typed_columns_and_geoparquet_metadata(exported):
    _, files = exported
    table = pq.read_table(files["parquet"])
    types = {f.name: str(f.type) for f in table.schema}
    assert list(types) == [*ACLED_EXPORT_COLUMNS, "geometry"]
    assert types["event_date"] == "date32[day]" and types["geometry"] == "binary"
    assert all(types[c] == "int64" for c in INTEGER_COLUMNS if c in types)
    assert types["latitude"] == types["longitude"] == "double"
    assert all(types[c] == "string" for c in TEXT_COLUMNS)
    geo = json.loads(table.schema.metadata[b"geo"])
    assert geo["version"].startswith("1.") and geo["primary_column"] == "geometry"
    assert geo["columns"]["geometry"]["encoding"] == "WKB"
    # Missing text is null, never an empty string.
    assert not any(v == "" for c in TEXT_COLUMNS for v in table.column(c).to_pylist())


def test_geopandas_reads_points_from_geoparquet_and_geojson(exported):
    _, files = exported
    for frame in (gpd.read_parquet(files["parquet"]), gpd.read_file(files["geojson"])):
        assert frame.crs is not None and frame.crs.is_geographic
        placed = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
        assert len(placed) > 150 and (placed.geom_type == "Point").all()
        assert (placed.geometry.x.round(4) == placed["longitude"]).all()
        assert (placed.geometry.y.round(4) == placed["latitude"]).all()


def test_duckdb_reads_every_format(exported):
    _, files = exported
    con = duckdb.connect()
    n = con.execute(f"SELECT count(*) FROM read_csv_auto('{files['csv']}')").fetchone()[0]
    kinds = dict(con.execute(
        f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM "
        f"read_csv_auto('{files['csv']}'))").fetchall())
    assert kinds["event_id_cnty"] == "VARCHAR" and kinds["iso"] in ("BIGINT", "INTEGER")
    assert kinds["event_date"] == "DATE"
    parquet = con.execute(f"SELECT * FROM read_parquet('{files['parquet']}')")
    names = [d[0] for d in parquet.description]
    assert names == [*ACLED_EXPORT_COLUMNS, "geometry"] and len(parquet.fetchall()) == n
    # DuckDB reads GeoParquet's geometry as its GEOMETRY type (as WKB where it cannot).
    kind = con.execute(f"SELECT column_type FROM (DESCRIBE SELECT geometry FROM "
                       f"read_parquet('{files['parquet']}'))").fetchone()[0]
    assert kind.startswith(("GEOMETRY", "BLOB")), kind
    lines = con.execute(f"SELECT count(*) FROM read_json_auto('{files['jsonl']}')").fetchone()
    assert lines[0] == n


def _ogrinfo(path, *options: str) -> str:
    done = subprocess.run(["ogrinfo", "-ro", "-so", "-al", *options, str(path)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _ogr_fields(summary: str) -> list[str]:
    return re.findall(r"^(\w+): \w+", summary.split("Layer SRS WKT:")[-1], re.MULTILINE)


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="GDAL's ogrinfo is not installed")
def test_ogrinfo_reads_geojson_csv_and_geoparquet_where_gdal_can(exported):
    _, files = exported
    count = len(pd.read_csv(files["csv"]))
    geojson = _ogrinfo(files["geojson"])
    assert "Geometry: Point" in geojson and f"Feature Count: {count}" in geojson
    fields = [f for f in _ogr_fields(geojson) if f in ACLED_EXPORT_COLUMNS]
    assert fields == list(ACLED_EXPORT_COLUMNS)
    csv_summary = _ogrinfo(files["csv"], "-oo", "X_POSSIBLE_NAMES=longitude",
                           "-oo", "Y_POSSIBLE_NAMES=latitude")
    assert f"Feature Count: {count}" in csv_summary and "Geometry: Point" in csv_summary
    formats = subprocess.run(["ogrinfo", "--formats"], capture_output=True, text=True,
                             check=False).stdout
    if re.search(r"^\s*Parquet ", formats, re.MULTILINE):  # GDAL built with Arrow
        parquet = _ogrinfo(files["parquet"])
        assert "Geometry: Point" in parquet and f"Feature Count: {count}" in parquet


@pytest.mark.parametrize("forms", [("SY", "SYR", "760", "Syria", "syrian arab republic")])
def test_country_forms_pick_the_same_events_everywhere(exported, forms):
    db, _ = exported
    runner = CliRunner()
    picked = []
    for form in forms:
        result = runner.invoke(app, ["export", "--db", str(db), "--format", "jsonl",
                                     "--country", form])
        assert result.exit_code == 0, result.output
        picked.append({json.loads(line)["event_id"] for line in result.stdout.splitlines()})
    assert picked[0] and all(p == picked[0] for p in picked)
    with open_store(db, read_only=True) as store:
        client = TestClient(create_app(store, WebSettings()))
        for form in forms:
            body = client.get("/api/events", params={"country": form, "limit": 1000}).json()
            assert {e["event_id"] for e in body["events"]} == picked[0], form
        events = list(store.iter_events())
    for form in forms:
        sub = subscription_from_spec({"name": "desk", "email": "d@example.org",
                                      "countries": [form]})
        assert {e["event_id"] for e in events if sub.matches(e)} == picked[0], form


def test_unknown_filters_are_refused_alike_by_cli_and_api(exported):
    db, _ = exported
    runner = CliRunner()
    with open_store(db, read_only=True) as store:
        client = TestClient(create_app(store, WebSettings()))
        cases = [(["--country", "Narnia"], {"country": "Narnia"}, "unknown country"),
                 (["--event-type", "Bombing"], {"event_type": "Bombing"}, "Bombing"),
                 (["--from", "2024-02-01", "--to", "2024-01-01"],
                  {"date_from": "2024-02-01", "date_to": "2024-01-01"}, "before it starts")]
        for options, params, words in cases:
            result = runner.invoke(app, ["export", "--db", str(db), *options])
            assert result.exit_code == 2 and words in result.output, result.output
            response = client.get("/api/events", params=params)
            assert response.status_code == 422 and words in response.text, response.text
