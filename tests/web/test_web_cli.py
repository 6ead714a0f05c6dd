"""The serve command: bad settings or options stop it with one line, before it listens."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CLI = Path(sys.executable).with_name("conflictwire")


def serve(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), "serve", "--db", str(tmp_path / "e.duckdb"), *args],
                          capture_output=True, text=True, timeout=60)


def test_bad_config_is_one_line_and_exit_2(tmp_path):
    config = tmp_path / "web.toml"
    config.write_text("[web]\nmax_page_size = -5\n")
    done = serve("--config", str(config), tmp_path=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"conflictwire: error: The configuration is invalid: {config}: "
        "[web] max_page_size must be at least 1"]


def test_bad_port_is_refused(tmp_path):
    done = serve("--port", "70000", tmp_path=tmp_path)
    assert done.returncode == 2 and "not a TCP port" in done.stderr


def test_help_has_an_example():
    done = subprocess.run([str(CLI), "serve", "--help"], capture_output=True, text=True)
    assert "Example: conflictwire serve" in done.stdout and "--db" in done.stdout


def test_the_environment_names_one_file_for_every_section(tmp_path, monkeypatch):
    """$CONFLICTWIRE_CONFIG alone gives serve the file's [web] table and its tuning alike."""
    import uvicorn
    from typer.testing import CliRunner

    import conflictwire.store
    from conflictwire import pipeline
    from conflictwire.cli.app import app

    config = tmp_path / "settings.toml"
    config.write_text("[web]\napi_token = 't0k'\n[matching]\nthreshold = 0.8\n")
    monkeypatch.setenv("CONFLICTWIRE_CONFIG", str(config))
    monkeypatch.delenv("CONFLICTWIRE_API_TOKEN", raising=False)
    seen: dict[str, object] = {}
    open_store = conflictwire.store.open_store

    def recording_open_store(db, **kwargs):
        seen["merge"] = kwargs["merge_options"]
        return open_store(db, **kwargs)

    def recording_coder(resources, settings):
        seen["coding"] = settings
        return lambda article: []

    monkeypatch.setattr(conflictwire.store, "open_store", recording_open_store)
    monkeypatch.setattr(pipeline, "default_coder", recording_coder)
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)
    done = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "e.duckdb")])
    assert done.exit_code == 0, done.output
    assert seen["coding"].matching.threshold == 0.8  # writes on: the [web] token was read
    assert seen["merge"].threshold == 0.8
