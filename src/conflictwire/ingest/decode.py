"""Raw bytes to what the readers want: gunzipped content under a size cap, HTML as text,
HTML character references left in plain text decoded."""

from __future__ import annotations

import gzip
import html
import io
import re


class TooLarge(ValueError):
    """Decompressed content is over the size limit."""


def gunzip(data: bytes, limit: int) -> bytes:
    """The decompressed `data`, read no further than `limit` bytes.

    Raises TooLarge past the limit (a gzip bomb stops there), and OSError or EOFError for
    data that is not gzip or is truncated.
    """
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
        out = f.read(limit + 1)
    if len(out) > limit:
        raise TooLarge(f"uncompressed content is over the {limit / 2**20:.1f} MB limit")
    return out


def html_text(data: bytes) -> str:
    """HTML bytes as text: UTF-8 when valid, else the charset the page declares, else cp1252.

    cp1252 decodes every byte, so a page with a wrong or missing declaration still yields
    text for the extractor rather than an error.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    head = data[:4096].decode("ascii", "ignore").lower()
    marker = head.find("charset=")
    if marker >= 0:
        charset = head[marker + 8 :].strip("\"' ").split('"')[0].split("'")[0].split(";")[0]
        charset = charset.split()[0].rstrip(">/") if charset.split() else ""
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return data.decode("cp1252", errors="replace")


# A character reference with its semicolon: "&amp;", "&#39;", "&#x2019;". HTML also decodes a
# few names without one ("&not"), which in plain text is more likely a word after "&".
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def unescape_entities(text: str) -> str:
    """`text` with its HTML character references decoded ("Dar&#39;a" -> "Dar'a"), once:
    every reader applies it where an article's text is made, and nothing after does."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group()), text)
