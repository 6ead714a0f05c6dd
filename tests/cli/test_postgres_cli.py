"""The commands against PostgreSQL: --db URLs, db status/upgrade, run (one process and Dask),
export; and the one-line errors for a server that is down, a bad --db and a newer schema."""

from __future__ import annotations

import json
import subprocess
import sys

import cloudpickle
import psycopg
import pytest
from typer.testing import CliRunner

import _simple_coder
import conflictwire.cli  # noqa: F401  (registers every command)
from conflictwire import pipeline
from conflictwire.cli import main
from conflictwire.cli.app import app
from conflictwire.errors import StoreError
from conflictwire.scale import runner
from conflictwire.store import open_store, resolve_db
from conflictwire.store.postgres import PostgresStore
from conflictwire.store.schema import LATEST_VERSION

cloudpickle.register_pickle_by_value(_simple_coder)

ARTICLES = [
    {"id": f"c{i}", "published": f"2024-04-{1 + i % 20:02d}", "source": "Wire",
     "text": f"Officials said {i % 4 + 1} people were killed in {place} on Monday. "
             f"Later clashes in {place} were reported by residents, report {i}."}
    for i, place in enumerate(["Aleppo", "Mosul", "Kabul", "Gaza", "Khartoum"] * 8)
]


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run the real entry point (`main`, which turns errors into one line) in this process."""

    def run(*args: str) -> subprocess.CompletedProcess:
        monkeypatch.setattr(sys, "argv", ["conflictwire", *args])
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        out = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out.out, out.err)

    return run


def _jsonl(tmp_path) -> str:
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES))
    return str(path)


@pytest.mark.postgres
def test_db_status_and_upgrade_on_postgresql(pg_url, cli):
    fresh = cli("db", "status", "--db", pg_url)
    assert fresh.returncode == 0, fresh.stderr
    assert "(postgresql)" in fresh.stdout and "pending migrations" in fresh.stdout
    assert "conflictwire-test" not in fresh.stdout  # the password is never printed
    upgraded = cli("db", "upgrade", "--db", pg_url)
    assert upgraded.returncode == 0 and f"version {LATEST_VERSION}" in upgraded.stdout
    assert "up to date" in cli("db", "status", "--db", pg_url).stdout
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_version VALUES (%s, 'future', now())",
                     [LATEST_VERSION + 1])
    newer = cli("export", "--db", pg_url)
    assert newer.returncode == 2
    assert newer.stderr.count("\n") == 1 and "newer conflictwire" in newer.stderr


def test_server_down_and_bad_db_strings_are_one_line_errors(tmp_path, cli):
    down = cli("stats", "--db", "postgresql://analyst:hunter2@127.0.0.1:9/events")
    assert down.returncode == 2 and down.stderr.count("\n") == 1
    assert "postgresql://analyst@127.0.0.1:9/events" in down.stderr
    assert "hunter2" not in down.stderr
    for bad in ("mysql://u:pw@host/db", "postgresql:/no-slashes", "duckdb:file", "   "):
        with pytest.raises(StoreError):
            resolve_db(bad)
        result = cli("stats", "--db", bad)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, (bad, result.stderr)
        assert "pw" not in result.stderr
    with pytest.raises(StoreError, match="folder"):
        resolve_db(str(tmp_path))


@pytest.mark.postgres
def test_env_var_names_the_database(pg_url, monkeypatch):
    monkeypatch.setenv("CONFLICTWIRE_DB", pg_url)
    with open_store() as store:
        assert isinstance(store, PostgresStore) and store.engine == "postgresql"


@pytest.mark.postgres
def test_run_single_process_and_dask_into_postgresql_agree(pg_url, tmp_path, monkeypatch):
    gaz = _simple_coder.load_gazetteer()
    monkeypatch.setattr(pipeline, "default_coder",
                        lambda resources, settings: lambda a: _simple_coder.code(a, gaz))
    monkeypatch.setattr(runner, "code_article", _simple_coder.code)
    monkeypatch.setattr(runner, "load_resources", _simple_coder.load_gazetteer)
    news = _jsonl(tmp_path)
    typer_cli = CliRunner()
    single_db = str(tmp_path / "single.duckdb")
    one = typer_cli.invoke(app, ["run", news, "--db", single_db])
    assert one.exit_code == 0, one.output
    two = typer_cli.invoke(app, ["run", news, "--db", pg_url, "--workers", "2",
                                 "--partition-size", "10", "--work-dir", str(tmp_path / "work")])
    assert two.exit_code == 0, two.output
    assert "4 partitions" in two.output
    exported = {}
    for db in (single_db, pg_url):
        out = typer_cli.invoke(app, ["export", "--db", db, "--format", "jsonl"])
        assert out.exit_code == 0, out.output
        rows = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
        exported[db] = sorted((r["event_id"], r["event_date"], r["location"], r["fatalities"],
                               r["n_reports"]) for r in rows)
    assert len(exported[pg_url]) >= 5 and exported[pg_url] == exported[single_db]
    again = typer_cli.invoke(app, ["run", news, "--db", pg_url, "--workers", "2", "--resume",
                                   "--partition-size", "10", "--work-dir", str(tmp_path / "work")])
    assert again.exit_code == 0 and "0 new events" in again.output
    assert "4 kept from an earlier run" in again.output
