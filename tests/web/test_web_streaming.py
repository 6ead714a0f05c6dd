"""Streaming an exporter: bytes arrive as written, errors surface, an early close stops it."""

from __future__ import annotations

import threading
import time

import pytest

from conflictwire.web.streaming import CHUNK, stream_export


def write_rows(rows, out):
    n = 0
    for row in rows:
        out.write(row["text"].encode())
        n += 1
    return n


def test_output_is_what_the_exporter_wrote():
    rows = [{"text": f"row {i}\n"} for i in range(50_000)]
    body = b"".join(stream_export(write_rows, rows))
    assert body == "".join(r["text"] for r in rows).encode()


def test_exporter_error_reaches_the_reader():
    def broken(rows, out):
        out.write(b"x" * (CHUNK + 1))
        raise RuntimeError("disk on fire")

    chunks = stream_export(broken, [])
    with pytest.raises(RuntimeError, match="disk on fire"):
        list(chunks)


def test_closing_early_stops_the_writer():
    produced = []

    def endless(rows, out):
        while True:
            out.write(b"y" * CHUNK)
            produced.append(1)

    chunks = stream_export(endless, [])
    next(chunks)
    chunks.close()
    time.sleep(1.0)
    count = len(produced)
    time.sleep(0.5)
    assert len(produced) == count  # the writer has stopped
    assert not any(t.name == "conflictwire-export" and t.is_alive()
                   for t in threading.enumerate())
