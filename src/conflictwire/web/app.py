"""The web app factory: `create_app(store, settings)` gives the API, the map page and its
static files; errors answer JSON on /api paths and a short HTML page elsewhere."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ConflictwireError
from ..models import Article, Report
from ..store.base import Store
from .routes import articles, events, health, stats, subscriptions
from .settings import WebSettings

STATIC = Path(__file__).parent / "static"
CodeFn = Callable[[Article], Sequence[Report]]
log = logging.getLogger(__name__)

DESCRIPTION = """Conflict events coded from news, in ACLED's format, with the evidence behind
every field. Read endpoints are public unless the server says otherwise; POST /api/articles
needs the server's API token as `Authorization: Bearer <token>`."""


def create_app(
    store: Store, settings: WebSettings | None = None, *, coder: CodeFn | None = None
) -> FastAPI:
    """The FastAPI app over `store`. `coder` turns an article into reports for
    POST /api/articles; without it that endpoint answers 503."""
    app = FastAPI(
        title="conflictwire",
        description=DESCRIPTION,
        version=health._version(),
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    settings = settings or WebSettings()
    app.state.store, app.state.settings, app.state.coder = store, settings, coder
    # Level 3: most of the saving of level 9 at a fraction of the time on a 20 MB map file.
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=3)
    for module in (events, stats, articles, health, subscriptions):
        app.include_router(module.router)
    _add_error_handlers(app)
    _add_pages(app)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api")


def _error(request: Request, status: int, message: str, **extra: Any) -> Response:
    headers = extra.pop("headers", None)
    if _wants_json(request):
        return JSONResponse({"error": message, **extra}, status_code=status, headers=headers)
    page = (f"<!doctype html><title>{status}</title><h1>{status}</h1>"
            f"<p>{html.escape(message)}</p><p><a href='/'>Back to the map</a></p>")
    return HTMLResponse(page, status_code=status, headers=headers)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        return _error(request, exc.status_code, message, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        summary = "; ".join(f"{_where(d['loc'])}: {d['msg']}" for d in details)
        return _error(request, 422, summary or "invalid request", detail=details)

    @app.exception_handler(ConflictwireError)
    async def store_error(request: Request, exc: ConflictwireError) -> Response:
        log.error("request %s failed: %s", request.url.path, exc)
        return _error(request, 503, str(exc))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("request %s failed", request.url.path)
        return _error(request, 500, "internal error (logged on the server)")


def _where(loc: list[Any]) -> str:
    """("query", "bbox") -> "bbox"; the location kind is noise in a one-line message."""
    parts = [str(p) for p in loc if p not in ("query", "body", "path")]
    return ".".join(parts) or "request"


def _add_pages(app: FastAPI) -> None:
    index = STATIC / "index.html"
    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def map_page() -> Response:
        if not index.is_file():
            return HTMLResponse(
                "<!doctype html><title>conflictwire</title><h1>conflictwire</h1>"
                "<p>The map page is not built. Run <code>make install</code> (or "
                "<code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>) and restart. "
                "The API is at <a href='/api/docs'>/api/docs</a>.</p>", status_code=503)
        return FileResponse(index, headers={"Cache-Control": "no-cache"})
