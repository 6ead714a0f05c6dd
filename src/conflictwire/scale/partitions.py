"""Split inputs into partitions that workers read independently, and read one partition back.

A partition is a range of JSON lines of one file, a range of WARC records (by byte offset),
a group of files from folders, or a group of URLs. Its id is a hash of what it covers and of
the file's size and modification time, so a resumed run recognises the partitions it has
already done and an input that changed since is coded again.
"""

from __future__ import annotations

import gzip
import io
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from ..ingest.readers import (
    JSONL_SUFFIXES,
    WARC_SUFFIXES,
    IngestOptions,
    article_files,
    file_suffix,
    read_named,
)
from ..models import Article, Failure, stable_id

Kind = Literal["jsonl", "warc", "files", "urls"]
Item = tuple[str, Article | Failure]

DEFAULT_PARTITION_SIZE = 200  # articles (lines, records or files) per partition
_DEFAULT_INGEST = IngestOptions()


@dataclass(frozen=True, slots=True)
class Partition:
    """One unit of work: what to read, and a stable id for it.

    jsonl: lines [start, stop) of `paths[0]`, the first at byte `offset` (None when gzipped);
    warc: the records in bytes [start, stop) of `paths[0]`; files/urls: every one of `paths`.
    `count` is how many lines, records, files or URLs it covers.
    """

    id: str
    kind: Kind
    paths: tuple[str, ...]
    count: int
    start: int = 0
    stop: int = 0
    offset: int | None = None
    whole: bool = True  # covers its whole file (a file split in several is not)


def plan_partitions(
    inputs: Iterable[str], *, size: int = DEFAULT_PARTITION_SIZE
) -> list[Partition]:
    """Partitions covering `inputs` (files, folders, URLs) in input order.

    JSON lines files are split every `size` lines and WARC files every `size` records; other
    files (HTML, text, feeds) and URLs are grouped `size` at a time. A path that does not
    exist gets a partition of its own, so that reading it reports the failure as a run would.
    """
    parts: list[Partition] = []
    loose: list[str] = []
    urls: list[str] = []

    def flush() -> None:
        for i in range(0, len(loose), size):
            parts.append(_group("files", loose[i:i + size]))
        loose.clear()

    for spec in inputs:
        if spec.startswith(("http://", "https://")):
            urls.append(spec)
            continue
        path = Path(spec)
        files = article_files(path) if path.is_dir() else [path]
        for file in files:
            kind = _kind(file)
            if kind == "jsonl":
                flush()
                parts.extend(_jsonl_partitions(file, size))
            elif kind == "warc":
                flush()
                parts.extend(_warc_partitions(file, size))
            else:
                loose.append(str(file))
                if len(loose) == size:
                    flush()
    flush()
    for i in range(0, len(urls), size):
        parts.append(_group("urls", urls[i:i + size]))
    return parts


def read_partition(
    part: Partition, *, options: IngestOptions = _DEFAULT_INGEST
) -> Iterator[Item]:
    """(input name, Article or Failure) for everything in `part`, named as a run names them."""
    if part.kind in ("files", "urls"):
        yield from read_named(list(part.paths), options=options)
    elif part.kind == "jsonl":
        yield from _read_jsonl_range(part, options)
    else:
        yield from _read_warc_range(part, options)


def _kind(path: Path) -> Kind:
    if not path.is_file():
        return "files"
    suffix = file_suffix(path)
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in WARC_SUFFIXES:
        return "warc"
    return "files"


def _fingerprint(path: str) -> tuple[object, ...]:
    try:
        st = os.stat(path)
    except OSError:
        return (path, None, None)
    return (os.path.abspath(path), st.st_size, st.st_mtime_ns)


def _group(kind: Kind, paths: list[str]) -> Partition:
    marks = [m for p in paths for m in (_fingerprint(p) if kind == "files" else (p,))]
    return Partition(stable_id(kind, *marks, length=20), kind, tuple(paths), len(paths))


def _open(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")


def _jsonl_partitions(path: Path, size: int) -> list[Partition]:
    """Line ranges of `size` lines; blank lines count, so numbering matches the file's."""
    gz = path.name.lower().endswith(".gz")
    starts: list[tuple[int, int]] = []  # (line number, byte offset)
    line = offset = 0
    with _open(path) as fh:
        for raw in fh:
            if line % size == 0:
                starts.append((line, offset))
            line += 1
            offset += len(raw)
    mark = _fingerprint(str(path))
    parts = []
    for i, (first, at) in enumerate(starts):
        stop = starts[i + 1][0] if i + 1 < len(starts) else line
        parts.append(Partition(stable_id("jsonl", *mark, first, stop, length=20), "jsonl",
                               (str(path),), stop - first, first, stop, None if gz else at,
                               whole=len(starts) == 1))
    return parts


def _read_jsonl_range(part: Partition, options: IngestOptions) -> Iterator[Item]:
    path = Path(part.paths[0])
    lines: list[bytes] = []
    with _open(path) as fh:
        if part.offset is not None:
            fh.seek(part.offset)
            skip = 0
        else:
            skip = part.start
        for n, raw in enumerate(fh):
            if n < skip:
                continue
            if n - skip >= part.count:
                break
            lines.append(raw)
    text = b"".join(lines).decode("utf-8-sig" if part.start == 0 else "utf-8", "replace")
    # The ingest stream names a line `<stdin>:N`; name it `path:line` in the whole file.
    for name, item in read_named(["-"], options=options, stdin=io.StringIO(text)):
        yield _renamed(name, item, "<stdin>", str(path), part.start, part.whole)


def _renamed(
    name: str, item: Article | Failure, old: str, new: str, line0: int, whole: bool
) -> Item:
    """Names as a run reading the whole file gives them (`path#id`, `path:line`)."""
    def fix(text: str) -> str:
        if not text.startswith(old):
            return text
        rest = text[len(old):]
        if rest.startswith(":") and rest[1:].isdigit():
            return f"{new}:{int(rest[1:]) + line0}"
        return new + rest

    if isinstance(item, Failure):
        item = Failure(fix(item.input), item.stage, item.error)
        return item.input, item
    name = fix(name)
    if not whole and name == new:  # alone in its piece, but not alone in its file
        name = f"{new}#{item.id}"
    return name, item


def _warc_partitions(path: Path, size: int) -> list[Partition]:
    """Byte ranges holding `size` records each (every record counts, not only responses)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    offsets: list[int] = []
    end = path.stat().st_size
    try:
        with path.open("rb") as fh:
            it = ArchiveIterator(fh)
            for _record in it:
                offsets.append(it.get_record_offset())
    except (ArchiveLoadFailed, OSError, EOFError, ValueError):
        pass  # the partition that holds the damage reports it when read
    if not offsets:
        offsets = [0]
    mark = _fingerprint(str(path))
    parts = []
    for i in range(0, len(offsets), size):
        start = offsets[i]
        stop = offsets[i + size] if i + size < len(offsets) else end
        parts.append(Partition(stable_id("warc", *mark, start, stop, length=20), "warc",
                               (str(path),), min(size, len(offsets) - i), start, stop,
                               whole=len(offsets) <= size))
    return parts


def _read_warc_range(part: Partition, options: IngestOptions) -> Iterator[Item]:
    """The records in a byte range, read as the WARC reader reads a whole file."""
    source = Path(part.paths[0])
    with source.open("rb") as fh:
        fh.seek(part.start)
        data = fh.read(part.stop - part.start)
    suffix = ".warc.gz" if source.name.lower().endswith(".gz") else ".warc"
    with tempfile.TemporaryDirectory(prefix="cw-warc-") as tmp:
        piece = Path(tmp) / f"piece{suffix}"
        piece.write_bytes(data)
        # A piece may be larger than the per-file limit that keeps one page from swamping a
        # run; each record in it is still held to that limit by the WARC reader.
        whole = IngestOptions(max_bytes=max(options.max_bytes, len(data) + 1),
                              timeout=options.timeout)
        for name, item in read_named([str(piece)], options=whole):
            yield _renamed(name, item, str(piece), str(source), 0, part.whole)
