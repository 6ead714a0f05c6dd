"""The watcher's configuration file (TOML or YAML): feeds, fetching limits, mail and digest.

```toml
db = "events.duckdb"
app_url = "https://conflictwire.example.org"   # links in digests point here
digest_hour = 7                                 # UTC hour of the daily digest

[fetch]
user_agent = "conflictwire/0.1 (+mailto:ops@example.org)"
timeout = 20
max_bytes = 10_000_000
allow_private = false   # true only to watch feeds on your own network

[smtp]
host = "localhost"
port = 25
sender = "alerts@example.org"

[[feeds]]
name = "Example World"
url = "https://example.org/world.rss"
country = "SD"          # country focus (ISO codes or names, comma-separated), a coder hint
interval = "15m"        # 30s, 15m, 2h or a number of seconds
fetch_pages = true      # fetch each entry's linked page for the full text

[[archives]]
name = "crawl"
path = "/data/crawls"   # a .warc/.warc.gz file, or a folder where they are dropped
interval = "1h"
```
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..ingest.fetch import FetchConfig

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$", re.IGNORECASE)
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True, slots=True)
class FeedConfig:
    """One feed to poll."""

    name: str
    url: str
    country: str = ""
    interval: float = 900.0  # seconds between polls
    fetch_pages: bool = True

    @property
    def countries(self) -> tuple[str, ...]:
        """The feed's country focus, one entry a country ("SD, South Sudan" -> two)."""
        return tuple(c.strip() for c in re.split(r"[,;]", self.country) if c.strip())


@dataclass(frozen=True, slots=True)
class ArchiveConfig:
    """A WARC file, or a folder where WARC/WARC.gz files of news pages are dropped."""

    name: str
    path: str
    interval: float = 3600.0  # seconds between looks for new files


@dataclass(frozen=True, slots=True)
class SmtpConfig:
    """Where digests and alerts are sent from."""

    host: str = "localhost"
    port: int = 25
    sender: str = "conflictwire@localhost"
    username: str = ""
    password: str = ""
    starttls: bool = False
    timeout: float = 20.0


@dataclass(frozen=True, slots=True)
class WatchConfig:
    """Everything `conflictwire watch CONFIG` needs."""

    feeds: tuple[FeedConfig, ...]
    archives: tuple[ArchiveConfig, ...] = ()
    db: str | None = None
    app_url: str = "http://localhost:8000"
    digest_hour: int = 7
    webhook_timeout: float = 10.0
    fetch: FetchConfig = field(default_factory=FetchConfig)
    smtp: SmtpConfig = field(default_factory=SmtpConfig)


def parse_duration(value: Any, *, allow_zero: bool = False) -> float:
    """Seconds from 90, "90", "30s", "15m", "2h" or "1d"; raises ConfigError otherwise."""
    least = 0 if allow_zero else 1e-9
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= least:
        return float(value)
    m = _DURATION.match(str(value))
    if not m or float(m[1]) < least:
        raise ConfigError(f"not a duration: {value!r} (use e.g. 90, 30s, 15m, 2h)")
    return float(m[1]) * _UNIT[(m[2] or "s").lower()]


def load_config(path: str | Path) -> WatchConfig:
    """Read and check a TOML (.toml) or YAML (.yaml/.yml) watch configuration.

    Raises ConfigError naming the file and the problem.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from exc
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            doc = yaml.safe_load(raw.decode("utf-8")) or {}
        else:
            doc = tomllib.loads(raw.decode("utf-8"))
    except Exception as exc:  # tomllib, yaml and decoding each raise their own types
        raise ConfigError(f"{path}: {type(exc).__name__}: {exc}") from exc
    if not isinstance(doc, dict):
        raise ConfigError(f"{path}: expected a table of settings at the top level")
    try:
        return config_from_dict(doc)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc.detail}") from exc


def config_from_dict(doc: dict[str, Any]) -> WatchConfig:
    """A WatchConfig from an already-parsed document; raises ConfigError on bad values."""
    feeds_raw = doc.get("feeds") or []
    archives_raw = doc.get("archives") or []
    if not isinstance(feeds_raw, list) or not isinstance(archives_raw, list):
        raise ConfigError("[[feeds]] and [[archives]] must be lists of tables")
    if not feeds_raw and not archives_raw:
        raise ConfigError("no [[feeds]] listed")
    feeds = tuple(_feed(i, f) for i, f in enumerate(feeds_raw))
    archives = tuple(_archive(i, a) for i, a in enumerate(archives_raw))
    names = [f.name for f in feeds] + [a.name for a in archives]
    if len(set(names)) != len(names):
        raise ConfigError("feed and archive names must be unique")
    try:
        return WatchConfig(
            feeds=feeds,
            archives=archives,
            db=doc.get("db"),
            app_url=str(doc.get("app_url", "http://localhost:8000")).rstrip("/"),
            digest_hour=int(doc.get("digest_hour", 7)) % 24,
            webhook_timeout=parse_duration(doc.get("webhook_timeout", 10)),
            fetch=FetchConfig(**_section(doc, "fetch", FetchConfig)),
            smtp=SmtpConfig(**_section(doc, "smtp", SmtpConfig)),
        )
    except (TypeError, ValueError) as exc:
        raise ConfigError(str(exc)) from exc


def _feed(i: int, raw: Any) -> FeedConfig:
    if not isinstance(raw, dict) or not raw.get("url"):
        raise ConfigError(f"feed {i + 1} needs at least a url")
    url = str(raw["url"])
    if not url.startswith(("http://", "https://", "file://")) and "://" in url:
        raise ConfigError(f"feed {i + 1}: only http, https and file URLs can be watched")
    unknown = set(raw) - {"name", "url", "country", "interval", "fetch_pages"}
    if unknown:
        raise ConfigError(f"feed {i + 1}: unknown setting(s) {', '.join(sorted(unknown))}")
    return FeedConfig(
        name=str(raw.get("name") or url),
        url=url,
        country=str(raw.get("country", "")),
        interval=parse_duration(raw.get("interval", 900)),
        fetch_pages=bool(raw.get("fetch_pages", True)),
    )


def _archive(i: int, raw: Any) -> ArchiveConfig:
    if not isinstance(raw, dict) or not raw.get("path"):
        raise ConfigError(f"archive {i + 1} needs a path (a WARC file or a folder of them)")
    unknown = set(raw) - {"name", "path", "interval"}
    if unknown:
        raise ConfigError(f"archive {i + 1}: unknown setting(s) {', '.join(sorted(unknown))}")
    return ArchiveConfig(
        name=str(raw.get("name") or raw["path"]),
        path=str(raw["path"]),
        interval=parse_duration(raw.get("interval", 3600)),
    )


def _section(doc: dict[str, Any], name: str, cls: type) -> dict[str, Any]:
    raw = doc.get(name) or {}
    if not isinstance(raw, dict):
        raise ConfigError(f"[{name}] must be a table")
    known = set(cls.__dataclass_fields__)
    unknown = set(raw) - known
    if unknown:
        raise ConfigError(f"[{name}]: unknown setting(s) {', '.join(sorted(unknown))}")
    out = dict(raw)
    for key in ("timeout", "backoff", "host_interval"):
        if key in out:
            out[key] = parse_duration(out[key], allow_zero=key != "timeout")
    return out
