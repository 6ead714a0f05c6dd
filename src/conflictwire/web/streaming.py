"""Stream any registered exporter (`conflictwire.export`) as an HTTP response body.

Exporters write to a file; a response reads from an iterator. A writer thread runs the
exporter into a small bounded queue that the response drains, so a 100,000-event export
is sent as it is written, in flat memory; a client that goes away stops the writer.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

CHUNK = 64 * 1024
_DONE = object()


class _Gone(Exception):
    """The response was closed before the export finished."""


class _QueueWriter:
    """A write-only binary file that hands CHUNK-sized pieces to a queue."""

    def __init__(self, chunks: queue.Queue[Any], stop: threading.Event) -> None:
        self._chunks, self._stop = chunks, stop
        self._buffer = bytearray()

    def write(self, data: bytes) -> int:
        self._buffer += data
        if len(self._buffer) >= CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self._buffer:
            self._put(bytes(self._buffer))
            self._buffer.clear()

    def _put(self, item: Any) -> None:
        while True:
            if self._stop.is_set():
                raise _Gone
            try:
                self._chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue

    # What io.TextIOWrapper asks of the raw stream it wraps.
    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def seekable(self) -> bool:
        return False

    @property
    def closed(self) -> bool:
        return False


Write = Callable[[Iterable[dict[str, Any]], IO[bytes]], int]


def stream_export(write: Write, rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """The bytes `write(rows, out)` would write, yielded as they are produced."""
    chunks: queue.Queue[Any] = queue.Queue(maxsize=8)
    stop = threading.Event()
    out = _QueueWriter(chunks, stop)
    failure: list[BaseException] = []

    def run() -> None:
        try:
            write(rows, out)  # type: ignore[arg-type]
            out.flush()
        except _Gone:
            return
        except BaseException as exc:  # handed to the response thread, which re-raises it
            failure.append(exc)
        try:
            out._put(_DONE)
        except _Gone:
            return

    worker = threading.Thread(target=run, name="conflictwire-export", daemon=True)
    worker.start()
    try:
        while True:
            item = chunks.get()
            if item is _DONE:
                break
            yield item
        if failure:
            raise failure[0]
    finally:
        stop.set()
        worker.join(timeout=5)
