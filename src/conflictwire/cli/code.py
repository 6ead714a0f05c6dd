"""The `code` command (articles to event records) and `train` (rebuild the event model)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..data import path as data_path
from ..ingest.readers import read_inputs
from ..models import Article
from ..pipeline import checked_publication
from ..settings import load_settings
from .app import app
from .options import ConfigFile
from .output import FORMATS, RecordWriter, print_failure, tracked

Inputs = Annotated[
    list[str] | None,
    typer.Argument(help="Files, folders, http(s) URLs, or - for JSON lines on stdin (default).",
                   show_default=False),
]


@app.command()
def code(
    inputs: Inputs = None,
    fmt: Annotated[str, typer.Option("--format", help=f"One of {', '.join(FORMATS)}.")] = "jsonl",
    gazetteer: Annotated[Path | None, typer.Option(help="Gazetteer file (default: built one).")]
    = None,
    model: Annotated[Path | None, typer.Option(help="Event model file (default: packaged).")]
    = None,
    embeddings: Annotated[bool, typer.Option(
        help="Also ask the MiniLM head about uncertain sentences (needs conflictwire[embed]).",
    )] = False,
    config: ConfigFile = None,
) -> None:
    """Code articles into ACLED-style event records, one a line with its article_id.

    Example: conflictwire code articles.jsonl --format csv > events.csv
    """
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    # Imported here so the other commands work without the coder's heavier dependencies.
    from ..coding.resources import Resources
    from ..coding.runner import code as code_article
    from ..coding.runner import pipeline

    settings = load_settings(config)
    pipeline(tuple(settings.coding.components))  # a bad component order fails here, once
    resources = Resources.load(gazetteer_path=gazetteer, model_path=model, embeddings=embeddings)
    writer = RecordWriter(fmt)
    ok = failed = 0
    for item in tracked(read_inputs(inputs or ["-"]), "coding"):
        if not isinstance(item, Article):
            failed += 1
            print_failure(item)
            continue
        ok += 1
        item, warning = checked_publication(item, item.url or item.id)
        if warning:
            print_failure(warning)
        for report in code_article(item, resources=resources, settings=settings):
            writer.write(report.record())
    writer.close()
    if failed and not ok:
        raise typer.Exit(1)


@app.command()
def train(
    out: Annotated[Path | None, typer.Option(
        help="Folder for the model files (default: the package's data folder).")] = None,
    examples: Annotated[Path | None, typer.Option(
        help="Folder of training frames and JSON lines (default: the packaged examples).")]
    = None,
    embeddings: Annotated[bool, typer.Option(
        help="Also train the MiniLM embedding head (needs conflictwire[embed]).")] = False,
    config: ConfigFile = None,
) -> None:
    """Rebuild the event classification model from the training examples (fixed seed).

    Only the packaged examples are used unless --examples names another folder, so the
    same files always give the same model.

    Example: conflictwire train --out /tmp/model
    """
    from ..coding.classify.train import train_model

    target = out or data_path()
    report = train_model(target, examples_dir=examples, embeddings=embeddings)
    typer.echo(f"trained on {report.examples} examples (held-out accuracy "
               f"{report.cv_accuracy:.3f}, temperature {report.temperature}); "
               f"wrote {report.model_path}" + (f" and {report.head_path}"
                                               if report.head_path else ""))
