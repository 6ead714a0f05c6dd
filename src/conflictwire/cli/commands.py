"""The `extract` command, and the import of every command module so each registers itself."""

from __future__ import annotations

from typing import Annotated

import typer

from ..ingest.readers import DEFAULT_MAX_BYTES, IngestOptions, read_inputs
from ..models import Article
from .app import app
from .options import ConfigFile
from .output import article_inputs, dumps, print_failure, tracked

Inputs = Annotated[
    list[str] | None,
    typer.Argument(
        help="Files, folders, http(s) URLs, or - for JSON lines on stdin (default).",
        show_default=False,
    ),
]
MaxBytes = Annotated[int, typer.Option("--max-bytes", help="Refuse inputs larger than this.")]


@app.command()
def extract(
    inputs: Inputs = None,
    fmt: Annotated[str, typer.Option("--format", help="Output format (jsonl only).")] = "jsonl",
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    config: ConfigFile = None,
) -> None:
    """Extract article text and metadata from HTML (or any input) as JSON lines.

    Example: conflictwire extract page.html --format jsonl
    """
    if fmt != "jsonl":
        raise typer.BadParameter("extract writes jsonl only", param_hint="--format")
    names, total = article_inputs(inputs)
    ok = failed = 0
    for item in tracked(
        read_inputs(names, options=IngestOptions(max_bytes=max_bytes)), "extracting", total
    ):
        if isinstance(item, Article):
            ok += 1
            print(
                dumps(
                    {
                        "article_id": item.id,
                        "title": item.title,
                        "published": item.published,
                        "source": item.source,
                        "url": item.url,
                        "text": item.text,
                    }
                )
            )
        else:
            failed += 1
            print_failure(item)
    if failed and not ok:
        raise typer.Exit(1)
