"""How many items reading some inputs will yield, counted before reading them, so a progress
bar can show a total and an ETA: one a text or HTML file, one a line of a JSON-lines file."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from pathlib import Path

from .readers import HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES, article_files, file_suffix

# Counting lines reads the file once more; past this size the count is not worth the wait.
MAX_COUNTED_BYTES = 1 << 30


def count_items(inputs: Iterable[str]) -> int | None:
    """The number of articles or failures `read_inputs(inputs)` will yield, or None when it
    cannot be known beforehand (standard input, URLs, feeds, WARC files, huge files)."""
    total = 0
    for name in inputs:
        if name == "-" or "://" in name:
            return None
        path = Path(name)
        files = article_files(path) if path.is_dir() else [path]
        for file in files:
            n = _count_file(file)
            if n is None:
                return None
            total += n
    return total


def _count_file(path: Path) -> int | None:
    if not path.is_file():
        return 1  # one failure: missing or unreadable
    kind = file_suffix(path)
    if kind in TEXT_SUFFIXES or kind in HTML_SUFFIXES:
        return 1
    if path.stat().st_size > MAX_COUNTED_BYTES:
        return None
    if kind in JSONL_SUFFIXES:
        return _count_lines(path)
    if kind == ".json":
        return _count_json(path)
    return None


def _open(path: Path):  # noqa: ANN202  (a binary file object, plain or gzip)
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")


def _count_lines(path: Path) -> int | None:
    """Lines that hold something (a blank line yields nothing)."""
    try:
        with _open(path) as fh:
            return sum(1 for line in fh if not line.isspace())
    except (OSError, EOFError):
        return 1


def _count_json(path: Path) -> int | None:
    try:
        with _open(path) as fh:
            doc = json.load(fh)
    except (OSError, EOFError, ValueError):
        return 1
    return len(doc) if isinstance(doc, list) else 1
