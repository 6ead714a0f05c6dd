"""Lazy public names for the stage packages (PEP 562), so that importing one module of a
stage does not load the whole stage: `conflictwire.ingest.fetch` needs no trafilatura."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_exports(package: str, names: dict[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` for `package` that imports `names[attr]` (a submodule) on
    first use of `attr`, e.g. `{"read_inputs": "readers"}`."""

    def __getattr__(attr: str) -> Any:
        module = names.get(attr)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {attr!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), attr)

    return __getattr__
