"""The web app's settings: API token, page-size limits, optional tile URL, read access.

Read from a TOML file's `[web]` table, then overridden by environment variables, so a
secret token need never be written into a file. No token configured means the write
endpoints are off.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from ..errors import ConfigError

TOKEN_ENV = "CONFLICTWIRE_API_TOKEN"
CONFIG_ENV = "CONFLICTWIRE_CONFIG"
TILE_URL_ENV = "CONFLICTWIRE_TILE_URL"


@dataclass(frozen=True, slots=True)
class WebSettings:
    """What `create_app` needs to know beyond the store."""

    api_token: str | None = None  # None: POST /api/articles answers 403 (writes are off)
    default_page_size: int = 100
    max_page_size: int = 1000  # larger `limit` values are capped, not refused
    max_upload_bytes: int = 20_000_000
    max_upload_articles: int = 1000
    tile_url: str | None = None  # raster tiles for users online; the offline basemap otherwise
    cluster_above: int = 3000  # the map groups nearby points when more events than this match
    public_read: bool = True  # False: read endpoints need the token as well

    @property
    def writes_enabled(self) -> bool:
        return bool(self.api_token)


def load_web_settings(
    path: str | Path | None = None, *, env: Mapping[str, str] | None = None
) -> WebSettings:
    """Settings from `path` (or $CONFLICTWIRE_CONFIG) if given, then the environment.

    Raises ConfigError for an unreadable file, an unknown key or a value of the wrong type.
    """
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    path = path or env.get(CONFIG_ENV)
    if path:
        values.update(_read_file(Path(path)))
    settings = _build(values, source=str(path) if path else "defaults")
    overrides: dict[str, Any] = {}
    if env.get(TOKEN_ENV):
        overrides["api_token"] = env[TOKEN_ENV]
    if env.get(TILE_URL_ENV):
        overrides["tile_url"] = env[TILE_URL_ENV]
    return replace(settings, **overrides) if overrides else settings


def _read_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from exc
    web = data.get("web", {})
    if not isinstance(web, dict):
        raise ConfigError(f"{path}: [web] must be a table")
    return web


def _build(values: dict[str, Any], *, source: str) -> WebSettings:
    known = {f.name: f for f in fields(WebSettings)}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"{source}: unknown [web] setting {key!r}; "
                              f"known: {', '.join(sorted(known))}")
        expected = int if key.endswith(("_size", "_bytes", "_articles", "_above")) else (
            bool if key == "public_read" else str)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(f"{source}: [web] {key} must be a {expected.__name__}")
        if expected is int and value < 1:
            raise ConfigError(f"{source}: [web] {key} must be at least 1")
    settings = WebSettings(**values)
    if settings.default_page_size > settings.max_page_size:
        raise ConfigError(f"{source}: default_page_size is larger than max_page_size")
    return settings
