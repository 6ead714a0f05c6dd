"""Every command is documented in README.md, with its usage line; every command's help has
an example."""

from __future__ import annotations

import re

import typer

import conflictwire.cli  # noqa: F401  (registers every command)
from conflictwire.cli.app import app
from paths import REPO

README = (REPO / "README.md").read_text()


def _commands(typer_app: typer.Typer, prefix: str = "") -> list[tuple[str, object]]:
    found = []
    for info in typer_app.registered_commands:
        name = info.name or info.callback.__name__.replace("_", "-")
        found.append((f"{prefix}{name}", info.callback))
    for group in typer_app.registered_groups:
        found += _commands(group.typer_instance, f"{prefix}{group.name} ")
    return found


COMMANDS = _commands(app)


def test_the_store_commands_are_registered():
    names = {name for name, _ in COMMANDS}
    assert {"run", "export", "stats", "db status", "db upgrade"} <= names


def test_every_command_is_in_the_readme():
    missing = [name for name, _ in COMMANDS
               if not re.search(rf"^conflictwire {re.escape(name)}\b", README, re.M)]
    assert not missing, f"commands without a usage line in README.md: {missing}"


def test_every_command_help_has_an_example():
    missing = [name for name, callback in COMMANDS
               if "Example: conflictwire" not in (callback.__doc__ or "")]
    assert not missing, f"commands whose help has no example: {missing}"
