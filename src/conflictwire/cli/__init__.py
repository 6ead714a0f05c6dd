"""Command line entry point: registers every command module and turns errors into one line."""

from __future__ import annotations

import importlib
import pkgutil
import sys

from ..errors import ConflictwireError
from .app import app

# Every module in this package except these helpers registers its commands on `app` when
# imported; discovering them keeps command modules independent of each other.
_NOT_COMMANDS = {"app", "options", "output"}
for _module in pkgutil.iter_modules(__path__):
    if _module.name not in _NOT_COMMANDS and not _module.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_module.name}")


def main() -> None:
    """Run the CLI; a ConflictwireError becomes `error: ...` on stderr and exit code 2."""
    try:
        app()
    except ConflictwireError as exc:
        print(f"conflictwire: error: {exc}", file=sys.stderr)
        sys.exit(2)
