"""Ingest: inputs (files, folders, URLs, JSON lines, feeds, WARC) read, decoded and
extracted into Articles, each bad input a counted Failure instead of a stopped batch.

Start reading at `readers.read_named`; `extract.extract` turns HTML into an Article,
`fetch.Fetcher` is the one HTTP client (its policy in `FetchConfig`).
"""

from .._exports import lazy_exports

# `extract` (the function) is not exported: its submodule of that name would shadow it.
__all__ = ["IngestOptions", "read_inputs", "read_named", "Fetcher", "FetchConfig", "parse_feed",
           "read_warc"]
__getattr__ = lazy_exports(__name__, {
    "IngestOptions": "readers", "read_inputs": "readers", "read_named": "readers",
    "Fetcher": "fetch", "FetchConfig": "fetch", "parse_feed": "feeds", "read_warc": "warc",
})
