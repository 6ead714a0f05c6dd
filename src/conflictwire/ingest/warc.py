"""WARC and WARC.gz archives of news pages as a source of Articles, read as a stream.

Unlike reading the whole file into memory, `read_warc` walks the archive record by record,
so a multi-gigabyte crawl costs one record of memory. Each HTML response becomes an Article
(via `extract`), each unreadable record a Failure; a truncated archive ends with a Failure
for the record it cuts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..models import Article, Failure, stable_id
from .decode import html_text
from .extract import extract

DEFAULT_MAX_RECORD_BYTES = 10 * 2**20


def read_warc(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    skip: frozenset[str] = frozenset(),
) -> Iterator[Article | Failure]:
    """Articles from the HTML response records of a (gzipped) WARC or ARC file.

    `skip` holds article ids already stored: their records are not extracted again.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    name = str(path)
    count = 0
    try:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream, arc2warc=True):
                if record.rec_type != "response" or not record.http_headers:
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                status = record.http_headers.get_statuscode() or ""
                if "html" not in ctype or not status.startswith("2"):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                count += 1
                where = f"{name}@{url}"
                if stable_id(url) in skip:
                    continue
                body = record.content_stream().read(max_bytes + 1)
                if len(body) > max_bytes:
                    yield Failure(where, "ingest", f"record is over the {max_bytes}-byte limit")
                    continue
                if getattr(record.raw_stream, "limit", 0):
                    # The record promised more bytes than the file holds: the archive is cut off.
                    yield Failure(where, "ingest", "record is truncated: the WARC ends inside it")
                    continue
                yield _article(body, where, url)
    except OSError as exc:
        yield Failure(name, "ingest", f"cannot read: {exc.strerror or exc}")
    except (ArchiveLoadFailed, EOFError, ValueError) as exc:
        yield Failure(name, "ingest", f"WARC could not be read after {count} records: {exc}")


def _article(body: bytes, where: str, url: str) -> Article | Failure:
    try:
        article_id = stable_id(url) if url else None
        article = extract(html_text(body), url=url or None, article_id=article_id)
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        return Failure(where, "extract", f"HTML could not be parsed: {type(exc).__name__}: {exc}")
    return article or Failure(where, "extract", "no article text found in the HTML")
