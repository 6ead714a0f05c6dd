"""The `labels` group: `labels export` (score.py classify rows from the labelled real
passages) and `labels stats` (counts per set, split and sub-event type)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .options import ConfigFile
from .output import dumps, stderr

labels_app = typer.Typer(help="Read the labelled real passages (labels/events).",
                         no_args_is_help=True)
app.add_typer(labels_app, name="labels")

LabelsDir = Annotated[Path | None, typer.Option(
    "--labels", help="Folder of SET.jsonl label files (default: labels/events).",
    show_default=False)]
DataRoot = Annotated[Path | None, typer.Option(
    "--data", help="Folder the labels point into (default: $CONFLICTWIRE_DATA, else "
    "../shared/data).", show_default=False)]
Sets = Annotated[list[str] | None, typer.Option(
    "--set", help="Only this label set (repeatable).", show_default=False)]


@labels_app.command("export")
def labels_export(
    split_name: Annotated[str, typer.Option(
        "--split", help="Which passages: train, dev or all.")] = "all",
    labels: LabelsDir = None,
    data: DataRoot = None,
    sets: Sets = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File to write (default: standard output).",
        show_default=False)] = None,
    config: ConfigFile = None,
) -> None:
    """Write the labelled passages as score.py classify rows, one JSON line each:
    {"id", "text", "sub_event_type"} (null for no event).

    Example: conflictwire labels export --split dev -o dev_rows.jsonl
    """
    # Imported here: `--help` and the other commands need none of the coder.
    from ..coding.classify.labelled import (
        DEFAULT_LABELS_DIR,
        SPLITS,
        default_data_root,
        load_labels,
        score_rows,
        split,
    )

    if split_name != "all" and split_name not in SPLITS:
        raise typer.BadParameter(f"{split_name!r} is not one of {', '.join(SPLITS)}, all",
                                 param_hint="--split")
    passages = load_labels(labels or DEFAULT_LABELS_DIR, data or default_data_root(), sets=sets)
    if split_name != "all":
        passages = split(passages, split_name)
    lines = "".join(dumps(row) + "\n" for row in score_rows(passages))
    if output is None:
        sys.stdout.write(lines)
    else:
        output.write_text(lines, encoding="utf-8")
        stderr.print(f"wrote {len(passages)} rows to {output}")


@labels_app.command("stats")
def labels_stats(
    labels: LabelsDir = None, data: DataRoot = None, sets: Sets = None, config: ConfigFile = None
) -> None:
    """Print the number of items, events and (hard) negatives per set and per split, and of
    each sub-event type per split; every passage is read and checked on the way.

    Example: conflictwire labels stats --data ../shared/data
    """
    from ..coding.classify.labelled import DEFAULT_LABELS_DIR, default_data_root, load_labels, tally

    passages = load_labels(labels or DEFAULT_LABELS_DIR, data or default_data_root(), sets=sets)
    counts = tally(passages)
    for title, key in (("set", "sets"), ("split", "splits")):
        print(f"{title:<26} {'items':>6} {'events':>6} {'no event':>8} {'hard':>6}")
        groups = counts[key]
        for name in sorted(groups):
            c = groups[name]
            print(f"{name:<26} {c['items']:>6} {c['events']:>6} {c['negatives']:>8} "
                  f"{c['hard']:>6}")
        print()
    where = sorted({w for per in counts["types"].values() for w in per})
    print(f"{'sub-event type':<38}" + "".join(f"{w:>8}" for w in where))
    for name in sorted(counts["types"], key=lambda t: (t == "no event", t)):
        per = counts["types"][name]
        print(f"{name:<38}" + "".join(f"{per.get(w, 0):>8}" for w in where))
