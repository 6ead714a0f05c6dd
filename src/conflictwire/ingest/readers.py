"""Inputs to Articles: text, HTML, JSON lines, feeds, WARC files, folders, URLs and stdin.

`read_inputs` yields an `Article` for every readable article and a `Failure` for every
input (or JSON line, or WARC record) that could not be read, so that one bad input never
stops a batch and is never dropped silently.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import sys
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..models import Article, Failure, stable_id
from .decode import gunzip, html_text, unescape_entities
from .headline import headline_of
from .pubdate import parse_published

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf"}
WARC_SUFFIXES = {".warc"}
KNOWN_SUFFIXES = (
    TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES | {".json"}
)
_HEADER_KEYS = {"title", "published", "date", "source", "url"}


DEFAULT_MAX_BYTES = 20 * 2**20  # a file or page larger than this is refused, not read


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """Limits for reading inputs."""

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 20.0  # seconds, for URLs


Item = Article | Failure


def read_inputs(
    inputs: Iterable[str],
    *,
    options: IngestOptions = IngestOptions(),
    stdin: IO[str] | None = None,
) -> Iterator[Item]:
    """Every article in `inputs` (paths, folders, http(s) URLs, or "-" for stdin JSON lines).

    Yields Articles in input order, and a Failure naming the input for anything unreadable.
    """
    for _, item in read_named(inputs, options=options, stdin=stdin):
        yield item


def read_named(
    inputs: Iterable[str],
    *,
    options: IngestOptions = IngestOptions(),
    stdin: IO[str] | None = None,
) -> Iterator[tuple[str, Item]]:
    """Like `read_inputs`, each item paired with the name of the input it came from.

    The name is the file, URL or "<stdin>"; for an article from a file holding several (JSON
    lines, feeds, WARC) it is `file#article-id`, so messages about it point at one article.
    """
    for spec in inputs:
        if spec == "-":
            yield from _named("<stdin>", _read_jsonl_stream(stdin or sys.stdin, "<stdin>", options))
        elif spec.startswith(("http://", "https://")):
            yield from _named(spec, _read_url(spec, options))
        else:
            path = Path(spec)
            if path.is_dir():
                for child in article_files(path):
                    yield from _named(str(child), _read_file(child, options))
            elif path.is_file():
                yield from _named(spec, _read_file(path, options))
            else:
                yield spec, Failure(spec, "ingest", "no such file, folder or URL")


def _named(name: str, items: Iterator[Item]) -> Iterator[tuple[str, Item]]:
    first = next(items, None)
    if first is None:
        return
    second = next(items, None)
    if second is None:  # one article in the input: the input's name is the article's
        yield (first.input if isinstance(first, Failure) else name), first
        return
    for item in itertools.chain((first, second), items):
        yield (item.input if isinstance(item, Failure) else f"{name}#{item.id}"), item


def article_files(folder: Path, *, suffixes: AbstractSet[str] = KNOWN_SUFFIXES) -> list[Path]:
    """The files under `folder` (at any depth) whose `file_suffix` is in `suffixes`, sorted
    by path, skipping hidden files and everything in hidden folders (editor and VCS litter).

    The one folder scan: a run, a Dask run's partitions and the watcher's archives read the
    same files in the same order.
    """
    found = []
    for path in sorted(folder.rglob("*")):
        hidden = any(p.startswith(".") for p in path.relative_to(folder).parts)
        if path.is_file() and not hidden and file_suffix(path) in suffixes:
            found.append(path)
    return found


def file_suffix(path: Path) -> str:
    """The lower-case suffix that says how to read `path`, looking through ".gz"."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _read_file(path: Path, options: IngestOptions) -> Iterator[Item]:
    name = str(path)
    kind = file_suffix(path)
    if kind in WARC_SUFFIXES:
        # A crawl may be far bigger than one article: it is streamed, and the size limit
        # applies to each record.
        from .warc import read_warc  # warcio and trafilatura: only for WARC files

        yield from read_warc(path, max_bytes=options.max_bytes)
        return
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            yield Failure(
                name, "ingest", f"file is {_mb(size)}, over the {_mb(options.max_bytes)} limit"
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Failure(name, "ingest", f"cannot read: {exc.strerror or exc}")
        return
    if path.name.lower().endswith(".gz"):
        try:
            data = gunzip(data, options.max_bytes)
        except (OSError, EOFError, ValueError) as exc:
            yield Failure(name, "ingest", f"not a readable gzip file: {exc}")
            return
    if not data.strip():
        yield Failure(name, "ingest", "empty file")
        return
    if kind in JSONL_SUFFIXES:
        text = _decode(data, name)
        if isinstance(text, Failure):
            yield text
        else:
            yield from _read_jsonl_stream(io.StringIO(text), name, options)
    elif kind == ".json":
        yield from _read_json_document(data, name)
    elif kind in FEED_SUFFIXES:
        yield from _read_feed(data, name)
    elif kind in HTML_SUFFIXES:
        yield _html_article(data, name, url=None)
    else:
        text = _decode(data, name)
        if isinstance(text, Failure):
            yield text
        elif kind not in TEXT_SUFFIXES and text.lstrip().startswith("<"):
            yield _html_article(data, name, url=None)
        else:
            yield _text_article(text, name)


def _mb(n: int) -> str:
    return f"{n / 2**20:.1f} MB"


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    return b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _decode(data: bytes, name: str) -> str | Failure:
    """UTF-8 text (BOMs honoured), or a Failure that says why the bytes are not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            return Failure(name, "ingest", f"undecodable UTF-16 text at byte {exc.start}")
    if _looks_binary(data):
        return Failure(name, "ingest", "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Failure(
            name, "ingest", f"not UTF-8 text: byte 0x{data[exc.start]:02x} at offset {exc.start}"
        )


def _text_article(text: str, name: str) -> Item:
    """A plain-text article; an optional header of `Key: value` lines gives metadata.

    The header (Title, Published or Date, Source, URL) ends at the first blank line; the
    text after it is the article body, kept exactly (offsets index into it). Without a
    Title, a first line set apart by a blank line is the headline (it stays in the body).
    """
    meta: dict[str, str] = {}
    text = unescape_entities(text)
    body = text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line.strip():
            if meta:
                body = "\n".join(lines[i + 1 :])
            break
        key, sep, value = line.partition(":")
        if not sep or key.strip().lower() not in _HEADER_KEYS or len(key) > 12:
            meta = {}
            break
        meta[key.strip().lower()] = value.strip()
    if not body.strip():
        return Failure(name, "ingest", "no article text")
    if _wordless(body):
        return Failure(name, "ingest", "no words in the text")
    url = meta.get("url") or None
    return Article(
        id=stable_id(url or body),
        text=body,
        title=meta.get("title") or headline_of(body),
        published=parse_published(meta.get("published") or meta.get("date")),
        source=meta.get("source") or None,
        url=url,
    )


def _html_article(
    data: bytes | str, name: str, *, url: str | None, article_id: str | None = None
) -> Item:
    if isinstance(data, bytes) and _looks_binary(data):
        return Failure(name, "ingest", "binary file, not HTML")
    from .extract import extract  # trafilatura loads on the first HTML page

    try:
        article = extract(
            data if isinstance(data, str) else html_text(data), url=url, article_id=article_id
        )
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        return Failure(name, "extract", f"HTML could not be parsed: {type(exc).__name__}: {exc}")
    if article is None or _wordless(article.text):
        return Failure(name, "extract", "no article text found in the HTML")
    return article


_WORD = re.compile(r"[^\W\d_]{2,}")


def _wordless(text: str) -> bool:
    """True for text with fewer than two words (markup debris, digits, punctuation)."""
    return len(_WORD.findall(text, 0, 10_000)) < 2


def _read_jsonl_stream(stream: IO[str], name: str, options: IngestOptions) -> Iterator[Item]:
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        if len(line) > options.max_bytes:
            yield Failure(where, "ingest", f"JSON line is over the {_mb(options.max_bytes)} limit")
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(where, "ingest", f"malformed JSON line: {exc.msg} at column {exc.colno}")
            continue
        yield _json_article(row, where)


def _read_json_document(data: bytes, name: str) -> Iterator[Item]:
    text = _decode(data, name)
    if isinstance(text, Failure):
        yield text
        return
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Failure(name, "ingest", f"malformed JSON: {exc.msg} at line {exc.lineno}")
        return
    rows = doc if isinstance(doc, list) else [doc]
    for i, row in enumerate(rows):
        yield _json_article(row, f"{name}[{i}]" if isinstance(doc, list) else name)


def _json_article(row: Any, where: str) -> Item:
    """An article from one JSON object {"id", "text"|"html", "title"?, "published"?, ...}."""
    if not isinstance(row, dict):
        return Failure(where, "ingest", f"expected a JSON object, got {type(row).__name__}")
    given_id = row.get("id")
    article_id = str(given_id) if given_id not in (None, "") else None
    url = _opt_str(row.get("url"))
    text, html = row.get("text"), row.get("html")
    if isinstance(text, str):
        text = unescape_entities(text)
    if isinstance(text, str) and text.strip():
        if _wordless(text):
            return Failure(where, "ingest", 'no words in "text"')
        return Article(
            id=article_id or stable_id(url or text),
            text=text,
            title=_opt_text(row.get("title")) or headline_of(text),
            published=parse_published(row.get("published")),
            source=_opt_text(row.get("source")),
            url=url,
            language=_opt_str(row.get("language")) or "en",
        )
    if isinstance(html, str) and html.strip():
        item = _html_article(html, where, url=url, article_id=article_id)
        if isinstance(item, Article):
            # Metadata given in the JSON line wins over what the page says about itself.
            item = Article(
                id=item.id,
                text=item.text,
                title=_opt_text(row.get("title")) or item.title,
                published=parse_published(row.get("published")) or item.published,
                source=_opt_text(row.get("source")) or item.source,
                url=item.url,
                language=item.language,
            )
        return item
    return Failure(where, "ingest", 'no "text" or "html" with content')


def _opt_str(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _opt_text(value: Any) -> str | None:
    """A title or outlet name, its character references decoded."""
    text = _opt_str(value)
    return unescape_entities(text) if text else text


def _read_feed(data: bytes, name: str) -> Iterator[Item]:
    """Each feed entry as an article made of its title and summary or content."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        yield Failure(name, "ingest", f"not a feed{f': {reason}' if reason else ''}")
        return
    source = feed.feed.get("title") or None
    for i, entry in enumerate(feed.entries):
        where = f"{name}#{i + 1}"
        body = ""
        if entry.get("content"):
            body = entry["content"][0].get("value", "")
        body = body or entry.get("summary", "")
        text = _strip_tags(body).strip()
        title = entry.get("title") or None
        if not text and not title:
            yield Failure(where, "ingest", "feed entry has no title or text")
            continue
        full = f"{title}. {text}" if title and text else (text or title or "")
        link = entry.get("link") or None
        yield Article(
            id=stable_id(link or full),
            text=full,
            title=title,
            published=parse_published(entry.get("published") or entry.get("updated")),
            source=source,
            url=link,
        )


def _strip_tags(html: str) -> str:
    if "<" not in html:
        return html
    import lxml.html

    try:
        return lxml.html.fromstring(f"<div>{html}</div>").text_content()
    except Exception:  # lxml rejects some fragments; the raw text is better than nothing
        return html


def _read_url(url: str, options: IngestOptions) -> Iterator[Item]:
    import httpx

    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=5,
                timeout=options.timeout,
                headers={"User-Agent": "conflictwire/0.1 (+https://pypi.org/project/conflictwire)"},
            ) as client,
            client.stream("GET", url) as resp,
        ):
            resp.raise_for_status()
            chunks, size = [], 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > options.max_bytes:
                    yield Failure(
                        url, "fetch", f"response is over the {_mb(options.max_bytes)} limit"
                    )
                    return
                chunks.append(chunk)
            ctype = resp.headers.get("content-type", "").lower()
    except httpx.HTTPError as exc:
        yield Failure(url, "fetch", f"{type(exc).__name__}: {exc}")
        return
    data = b"".join(chunks)
    if "xml" in ctype or "rss" in ctype or "atom" in ctype:
        yield from _read_feed(data, url)
    elif "html" in ctype or data.lstrip()[:1] == b"<":
        yield _html_article(data, url, url=url)
    else:
        text = _decode(data, url)
        yield text if isinstance(text, Failure) else _text_article(text, url)
