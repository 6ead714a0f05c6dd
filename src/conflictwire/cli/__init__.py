"""Command line entry point: registers each command module and turns errors into one line."""

from __future__ import annotations

import sys

from ..errors import ConflictwireError

# Each module registers its commands on `app` when imported.
from . import commands, serve, store_cmds  # noqa: E402,F401
from .app import app


def main() -> None:
    """Run the CLI; a ConflictwireError becomes `error: ...` on stderr and exit code 2."""
    try:
        app()
    except ConflictwireError as exc:
        print(f"conflictwire: error: {exc}", file=sys.stderr)
        sys.exit(2)
