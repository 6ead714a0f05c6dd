"""The `serve` command: the HTTP API and the map page over a database, with uvicorn."""

from __future__ import annotations

import logging
import os
from typing import Annotated

import typer

from ..errors import ConfigError
from .app import app
from .options import ConfigFile


@app.command()
def serve(
    db: Annotated[str | None, typer.Option(
        "--db", help="Database path or URL (default: $CONFLICTWIRE_DB or conflictwire.duckdb).",
        show_default=False)] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    config: ConfigFile = None,
    read_only: Annotated[bool, typer.Option(
        "--read-only", help="Open the database read-only (no POST /api/articles).")] = False,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Serve the event map at / and the HTTP API at /api (docs at /api/docs).

    POST /api/articles is on only when an API token is configured
    (CONFLICTWIRE_API_TOKEN or api_token in --config).

    Example: conflictwire serve --db events.duckdb --port 8000
    """
    import uvicorn

    from ..pipeline import default_coder
    from ..settings import load_settings
    from ..store import open_store
    from ..web import create_app, load_web_settings
    from ..web.settings import CONFIG_ENV

    logging.basicConfig(level=log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    # One file for [web] and the tuning sections alike: --config, else $CONFLICTWIRE_CONFIG.
    path = config or os.environ.get(CONFIG_ENV) or None
    settings = load_web_settings(path)
    tuning = load_settings(path)  # the same file's [coding], [merge], ... sections
    if not 0 < port < 65536:
        raise ConfigError(f"--port {port} is not a TCP port")
    store = open_store(db, read_only=read_only, merge_options=tuning.merge)
    coder = None
    if settings.writes_enabled and not read_only:
        coder = default_coder(None, tuning)
    try:
        typer.echo(f"conflictwire: serving {store.url} at http://{host}:{port}/", err=True)
        uvicorn.run(create_app(store, settings, coder=coder), host=host, port=port,
                    log_level=log_level, access_log=log_level == "debug")
    finally:
        store.close()
