"""`--config FILE` on every command: one shared option, checked before any work, a bad file
a one-line error with exit status 2, a good one silent where the command uses no settings."""

from __future__ import annotations

import pickle
import sys
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from conflictwire.cli import main
from conflictwire.cli.app import app


def _commands(command: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Every command under the click group typer builds (typer ships its own click)."""
    if hasattr(command, "commands"):
        return [found for name, sub in sorted(command.commands.items())
                for found in _commands(sub, (*path, name))]
    return [(path, command)]


COMMANDS = _commands(typer.main.get_command(app))


def _run(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """Run the real entry point (which turns errors into one line) in this process; it
    always ends in SystemExit (click's standalone mode)."""
    monkeypatch.setattr(sys, "argv", ["conflictwire", *args])
    with pytest.raises(SystemExit) as ended:
        main()
    out = capsys.readouterr()
    return ended.value.code or 0, out.out, out.err


def test_the_commands_are_found():
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"code", "geoparse", "run", "export", "watch", "serve", "db status"} <= names


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=" ".join)
def test_every_command_has_the_shared_config_option(path):
    command = dict(COMMANDS)[path]
    options = [p for p in command.params if "--config" in getattr(p, "opts", ())]
    assert len(options) == 1 and options[0].metavar == "FILE", path
    # The help says which commands apply which sections, and that the rest only check it.
    assert "weights and thresholds" in (options[0].help or "")
    assert "serve also \\[web]" in options[0].help and "only check the file" in options[0].help


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=" ".join)
def test_every_command_refuses_a_bad_settings_file_in_one_line(path, tmp_path, monkeypatch,
                                                               capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[matching]\nthreshhold = 0.5\n")
    code, out, err = _run(monkeypatch, capsys, *path, "--config", str(bad))
    assert code == 2 and out == ""
    assert err.startswith("conflictwire: error: The configuration is invalid: ")
    assert "unknown setting 'threshhold' in [matching]" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_wrong_type_through_the_cli_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[geoparse]\nfar_km = 'far'\n")
    code, _, err = _run(monkeypatch, capsys, "geoparse", "--config", str(bad))
    assert code == 2
    assert err.strip() == (f"conflictwire: error: The configuration is invalid: {bad}: "
                           "[geoparse] far_km must be a number, not 'far'")


def test_a_command_that_uses_no_settings_checks_the_file_and_says_nothing(tmp_path, monkeypatch,
                                                                          capsys):
    good = tmp_path / "settings.toml"
    good.write_text("[matching]\nthreshold = 0.7\n")
    db = str(tmp_path / "events.duckdb")
    assert _run(monkeypatch, capsys, "db", "upgrade", "--db", db)[0] == 0
    plain = _run(monkeypatch, capsys, "db", "status", "--db", db)
    configured = _run(monkeypatch, capsys, "db", "status", "--db", db, "--config", str(good))
    assert plain[0] == 0 and configured == plain


def test_run_on_workers_reads_the_file_once_and_sends_the_workers_the_settings(tmp_path,
                                                                               monkeypatch):
    from conflictwire.cli import store_cmds
    from conflictwire.scale import runner
    from conflictwire.scale.dask_run import DaskRunSummary

    (tmp_path / "settings.toml").write_text("[matching]\nthreshold = 0.7\n")
    monkeypatch.chdir(tmp_path)  # a relative --config, which a worker elsewhere cannot read
    reads, shipped = [], []
    real_load = store_cmds.load_settings
    monkeypatch.setattr(store_cmds, "load_settings", lambda p: reads.append(p) or real_load(p))

    def fake_run_dask(inputs, *, load_resources, **_: Any) -> DaskRunSummary:
        shipped.append(pickle.loads(pickle.dumps(load_resources)))  # as Dask sends it
        return DaskRunSummary(str(tmp_path), 1, 0, 0, 0, 1, 1, 0, 0, 0.0)

    monkeypatch.setattr(runner, "run_dask", fake_run_dask)
    result = CliRunner().invoke(app, ["run", "in.jsonl", "--workers", "1", "--db",
                                      str(tmp_path / "e.duckdb"), "--config", "settings.toml"])
    assert result.exit_code == 0, result.output
    assert len(reads) == 1
    (load,) = shipped
    assert load.args == (real_load("settings.toml"),)
    assert load.args[0].matching.threshold == 0.7
