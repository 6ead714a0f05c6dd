"""The project's packaged data files (lexicons, the trained model, training examples) and
the one loader that reads them, so no module guesses where the package was installed."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    """The path of a packaged data file, e.g. `path("training", "slots.json")`."""
    return DATA_DIR.joinpath(*parts)


@cache
def load_json(name: str) -> Any:
    """A packaged JSON file, parsed once per process (callers must not mutate it)."""
    return json.loads(path(name).read_text(encoding="utf-8"))


def alternation(name: str, key: str) -> str:
    """List `key` of data file `name` (its "patterns": regex alternatives, in order) joined
    into one alternation, for a pattern whose grammar the calling module writes."""
    return "|".join(load_json(name)[key]["patterns"])
