"""POST /api/articles: submit articles (JSON, a JSON list, or JSON lines) to be coded and
stored, behind the API token. Each bad article is reported, never fatal to the batch."""

from __future__ import annotations

import io
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from ...models import Failure
from ...pipeline import run_pipeline
from ..deps import get_settings, write_access
from ..schemas import ErrorOut, SubmitResult
from ..settings import WebSettings

router = APIRouter(prefix="/api", tags=["articles"])
JSON_LINES_TYPES = ("application/x-ndjson", "application/jsonl", "application/json-lines",
                    "application/x-jsonlines", "text/plain")


class ArticleIn(BaseModel):
    """One article to code; `text` or `html` is required."""

    id: str | None = None
    text: str | None = None
    html: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None


_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": {"anyOf": [
            ArticleIn.model_json_schema(),
            {"type": "array", "items": ArticleIn.model_json_schema()},
        ]}},
        "application/x-ndjson": {"schema": {"type": "string",
                                            "description": "One ArticleIn object a line"}},
    },
}


def _json_lines(body: bytes, content_type: str, limit: int) -> str:
    """The body as JSON lines text: a JSON document (object or list) is split into lines."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(400, "the body is not UTF-8 text") from None
    media = content_type.split(";")[0].strip().lower()
    lines_given = media in JSON_LINES_TYPES or (
        media != "application/json" and text.lstrip().startswith("{") and "\n{" in text.strip())
    if not lines_given:
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise HTTPException(400, f"malformed JSON: {exc.msg} at line {exc.lineno}, "
                                f"column {exc.colno}") from None
        rows = doc if isinstance(doc, list) else [doc]
        text = "\n".join(json.dumps(row) for row in rows)
    count = sum(1 for line in text.splitlines() if line.strip())
    if count == 0:
        raise HTTPException(400, "no articles in the body")
    if count > limit:
        raise HTTPException(413, f"{count} articles in one request; at most {limit}")
    return text


@router.post(
    "/articles",
    response_model=SubmitResult,
    dependencies=[Depends(write_access)],
    openapi_extra={"requestBody": _BODY},
    responses={400: {"model": ErrorOut}, 401: {"model": ErrorOut}, 403: {"model": ErrorOut},
               413: {"model": ErrorOut}, 503: {"model": ErrorOut}},
)
async def submit_articles(
    request: Request, settings: Annotated[WebSettings, Depends(get_settings)]
) -> dict[str, Any]:
    """Code the articles in the body and store their events (needs the API token).

    The body is one article object, a JSON list of them, or JSON lines; each object is
    {"id"?, "text" | "html", "title"?, "published"?, "source"?, "url"?}. Articles already
    stored are skipped; each one that cannot be read or coded is listed under `failures`.
    """
    coder = request.app.state.coder
    if coder is None:
        raise HTTPException(503, "this server was started without an event coder")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > settings.max_upload_bytes:
            raise HTTPException(413, f"the body is over {settings.max_upload_bytes} bytes")
    text = _json_lines(bytes(body), request.headers.get("content-type", ""),
                       settings.max_upload_articles)
    failures: list[Failure] = []
    summary = await run_in_threadpool(
        run_pipeline, ["-"], store=request.app.state.store, code=coder,
        stdin=io.StringIO(text), on_failure=failures.append,
    )
    return {
        "articles_read": summary.articles_read,
        "articles_skipped": summary.articles_skipped,
        "articles_coded": summary.articles_coded,
        "reports_added": summary.reports_added,
        "events_added": summary.events_added,
        "events_updated": summary.events_updated,
        "event_ids": list(summary.event_ids),
        "failures": [_request_failure(f) for f in failures],
    }


def _request_failure(failure: Failure) -> dict[str, str]:
    """Name the article by its line or id in the request, not the internal "<stdin>"."""
    where = failure.input.replace("<stdin>:", "line ").replace("<stdin>#", "article ")
    where = where.replace("<stdin>", "request")
    return {"input": where, "stage": failure.stage, "error": failure.error}
