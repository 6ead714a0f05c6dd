"""What the CLI shows, rendered as a user sees it: every command's help keeps its bracketed
words (rich markup must not swallow "[train]"), `--version` answers, and the error messages
name the right thing."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import click
import pytest
import typer
from typer.testing import CliRunner

import conflictwire
import conflictwire.cli  # noqa: F401  (registers every command)
from conflictwire.cli.app import app
from paths import REPO

runner = CliRunner()


def _click_commands() -> list[tuple[list[str], click.Command]]:
    root = typer.main.get_command(app)
    found: list[tuple[list[str], click.Command]] = [([], root)]
    stack = [([], root)]
    while stack:
        path, group = stack.pop()
        for name, command in getattr(group, "commands", {}).items():
            found.append(([*path, name], command))
            if isinstance(command, click.Group):
                stack.append(([*path, name], command))
    return found


COMMANDS = _click_commands()


def _flat(text: str) -> str:
    """Rendered help without rich's box drawing and line wrapping."""
    return re.sub(r"\s+", " ", re.sub(r"[│╭╮╰╯─]", " ", text))


def _bracketed(help_text: str) -> list[str]:
    """The bracketed words a help text means to show, as it would read unescaped."""
    plain = help_text.replace("\\[", "[")
    return re.findall(r"\[[^\]\s]+\]", plain)


@pytest.mark.parametrize(("path", "command"), COMMANDS,
                         ids=[" ".join(p) or "conflictwire" for p, _ in COMMANDS])
def test_rendered_help_keeps_every_bracketed_word(path, command):
    result = runner.invoke(app, [*path, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    shown = _flat(result.output)
    texts = [command.help or ""] + [getattr(p, "help", None) or "" for p in command.params]
    for text in texts:
        for word in _bracketed(text):
            assert word in shown, f"{' '.join(path)}: {word} is missing from the help"


def test_train_help_names_the_extra_and_an_install_that_exists():
    shown = _flat(runner.invoke(app, ["train", "--help"], terminal_width=200).output)
    # conflictwire is not on PyPI: the hint installs the extra into a checkout.
    assert "[train]" in shown and "pip install 'conflictwire[" not in shown


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"conflictwire {conflictwire.__version__}"


def test_missing_place_file_is_the_one_named(tmp_path):
    missing = tmp_path / "nowhere" / "allCountries.zip"
    result = subprocess.run(
        [sys.executable, "-c", "from conflictwire.cli import main; main()",
         "gazetteer", "build", str(missing), "-o", str(tmp_path / "g.sqlite")],
        capture_output=True, text=True, cwd=REPO, env={"PYTHONPATH": str(REPO / "src")},
        check=False)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"conflictwire: error: The gazetteer could not be built or opened: missing file "
        f"{missing}"]


def test_gazetteer_info_gives_numbers_as_numbers(tmp_path):
    from geo_fixture import small_gazetteer

    gaz = small_gazetteer(tmp_path)
    result = runner.invoke(app, ["gazetteer", "info", "--gazetteer", str(gaz.path)])
    info = json.loads(result.stdout)
    assert isinstance(info["places"], int) and isinstance(info["schema"], int)
    assert isinstance(info["path"], str)


def test_unwritable_export_is_one_line(tmp_path):
    db = tmp_path / "e.duckdb"
    runner.invoke(app, ["db", "upgrade", "--db", str(db)])
    target = tmp_path / "missing-folder" / "events.csv"
    result = subprocess.run(
        [sys.executable, "-c", "from conflictwire.cli import main; main()",
         "export", "--db", str(db), "-o", str(target)],
        capture_output=True, text=True, cwd=REPO, env={"PYTHONPATH": str(REPO / "src")},
        check=False)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"conflictwire: error: The export could not be written: {target}: "
        "No such file or directory"]
    assert not list(tmp_path.glob("**/*.partial"))


@pytest.mark.parametrize(("name", "fmt"), [("e.parquet", "parquet"), ("e.geojson", "geojson"),
                                          ("e.jsonl", "jsonl"), ("e.csv", "acled-csv")])
def test_export_format_follows_the_extension(tmp_path, name, fmt):
    db = tmp_path / "e.duckdb"
    runner.invoke(app, ["db", "upgrade", "--db", str(db)])
    result = runner.invoke(app, ["export", "--db", str(db), "-o", str(tmp_path / name)])
    assert result.exit_code == 0 and f"as {fmt}" in result.stderr
    head = (tmp_path / name).read_bytes()[:4]
    assert (head == b"PAR1") == (fmt == "parquet")


def test_export_refuses_a_format_the_extension_contradicts(tmp_path):
    db = tmp_path / "e.duckdb"
    runner.invoke(app, ["db", "upgrade", "--db", str(db)])
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "geojson",
                                 "-o", str(tmp_path / "e.parquet")])
    assert result.exit_code == 2 and "does not match" in result.output
    result = runner.invoke(app, ["export", "--db", str(db), "-o", str(tmp_path / "e.txt")])
    assert result.exit_code == 2 and "give --format" in result.output
    assert not (tmp_path / "e.parquet").exists() and not (tmp_path / "e.txt").exists()
