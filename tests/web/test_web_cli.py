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
