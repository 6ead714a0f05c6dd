"""Raw bytes to what the readers want: gunzipped content under a size cap, HTML as text."""

from __future__ import annotations

import gzip
import io


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
