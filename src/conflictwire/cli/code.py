"""The `code` command (articles to event records) and `train` (rebuild the event model)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..data import path as data_path
from ..ingest.readers import read_named
from ..models import Article, Report
from ..pipeline import code_one
from ..settings import load_settings
from .app import app
from .options import ConfigFile
from .output import (
    FORMATS,
    RecordWriter,
    article_inputs,
    ensure_gazetteer,
    print_failure,
    progress_bar,
    stderr,
    tracked,
)

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
    model: Annotated[str | None, typer.Option(
        help="Event classifier: an encoder folder or a linear model's .npz written by `train`, "
        "or `encoder` / `linear` for the packaged ones (default: encoder).")] = None,
    config: ConfigFile = None,
) -> None:
    """Code articles into ACLED-style event records, one a line with its article_id.

    Nothing is stored. Every event is written, also one without a date (an article with no
    publication date leaves relative dates unresolved; `run` stores only dated events).

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
    ensure_gazetteer(gazetteer)
    resources = Resources.load(gazetteer_path=gazetteer, model_path=model)
    writer = RecordWriter(fmt)
    ok = failed = undated = 0
    names, total = article_inputs(inputs)

    def coder(article: Article) -> list[Report]:
        return code_article(article, resources=resources, settings=settings)

    for name, item in tracked(read_named(names), "coding", total):
        if not isinstance(item, Article):
            failed += 1
            print_failure(item)
            continue
        ok += 1
        # Every event is written, dated or not: `code` is the coder's reading of the text
        # (snippets carry no date), while `run` keeps only dated events for the store.
        coded = code_one(item, name, coder, keep_undated=True)
        if coded.article is not None and coded.article.published is None:
            undated += 1
        for failure in coded.failures:
            if failure.stage != "date":
                print(f"conflictwire: error: {failure.input}: {failure.error}", file=sys.stderr)
            elif item.published is not None:  # a date refused as implausible
                print(f"conflictwire: warning: {failure.input}: {failure.error}",
                      file=sys.stderr)
        for report in coded.reports:
            writer.write(report.record())
    writer.close()
    if undated:
        print(f"conflictwire: note: {undated} article(s) had no publication date: their "
              "relative dates are unresolved and their events may have no event_date",
              file=sys.stderr)
    if failed and not ok:
        raise typer.Exit(1)


@app.command()
def train(
    out: Annotated[Path | None, typer.Option(
        help="Folder for the model (default: the package's data folder, replacing the "
        "packaged model).")] = None,
    learner: Annotated[str, typer.Option(help="encoder (the default classifier) or linear.")]
    = "encoder",
    examples: Annotated[Path | None, typer.Option(
        help="Folder of the project's own training frames and sentences (default: packaged).")]
    = None,
    labels: Annotated[Path | None, typer.Option(
        help="Labelled real passages (default: labels/events here).",
        show_default=False)] = None,
    data: Annotated[Path | None, typer.Option(
        help="Folder the labels point into (default: $CONFLICTWIRE_DATA, else ../shared/data).",
        show_default=False)] = None,
    epochs: Annotated[int, typer.Option(help="Passes over the examples (encoder).")] = 3,
    layers: Annotated[int, typer.Option(
        help="Encoder layers kept from the pretrained model (fewer: faster coding).")] = 6,
    config: ConfigFile = None,
) -> None:
    """Rebuild the event classifier from the project's examples and, where the shared data is
    present, the labelled real passages (fixed seeds: the same inputs give the same model).

    The encoder needs the train extra (in a checkout: .venv/bin/pip install -e '.\\[train]').

    Example: conflictwire train --out /tmp/model && conflictwire code --model /tmp/model/encoder
    """
    from ..coding.classify.finetune import FinetuneOptions
    from ..coding.classify.labelled import DEFAULT_LABELS_DIR, default_data_root
    from ..coding.classify.train import train_model

    labels_dir = labels or DEFAULT_LABELS_DIR
    data_root = data or default_data_root()
    if not (labels_dir.is_dir() and data_root.is_dir()):
        stderr.print(f"no labelled real data ({labels_dir} or {data_root} missing): training "
                     "on the repository's own examples only")
    options = FinetuneOptions(epochs=epochs, layers=layers)
    with progress_bar(f"training the {learner}") as bar:
        def progress(step: int, steps: int, loss: float) -> None:
            if bar is not None:
                bar.update(bar.task_ids[0], completed=step, total=steps, rate=f"loss {loss:.3f}")
            elif step == steps or step % max(1, steps // 10) == 0:
                stderr.print(f"training: step {step}/{steps}, loss {loss:.3f}")

        report = train_model(out or data_path(), learner=learner, examples_dir=examples,
                             labels_dir=labels_dir, data_root=data_root, options=options,
                             progress=progress)
    sources = ", ".join(f"{k} {v}" for k, v in sorted(report.per_source.items()))
    typer.echo(f"trained the {report.learner} on {report.examples} examples ({sources}) in "
               f"{report.seconds:.0f} s; held-out accuracy {report.holdout_accuracy:.3f}, "
               f"temperature {report.temperature}; wrote {report.model_path}")
    if report.dev:
        typer.echo("real dev split (the learner alone): " + ", ".join(
            f"{k} {v}" for k, v in report.dev.items()))
