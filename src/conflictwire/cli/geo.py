"""The `geoparse` command and the `gazetteer` group (`gazetteer build`, `gazetteer info`)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from ..ingest.readers import DEFAULT_MAX_BYTES, IngestOptions, read_inputs
from ..models import Article
from ..settings import load_settings
from .app import app
from .options import ConfigFile
from .output import (
    article_inputs,
    build_progress,
    dumps,
    ensure_gazetteer,
    print_failure,
    progress_bar,
    stderr,
    tracked,
)

gazetteer_app = typer.Typer(help="Build and inspect the GeoNames gazetteer.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")

GazetteerPath = Annotated[
    Path | None,
    typer.Option("--gazetteer", help="Gazetteer file (default: the one built from PyPI data)."),
]


@app.command()
def geoparse(
    inputs: Annotated[list[str] | None, typer.Argument(
        help="Files, folders, URLs, or - for JSON lines on stdin (default).",
        show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", help="Output format (jsonl only).")] = "jsonl",
    gazetteer: GazetteerPath = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse larger inputs.")] =
    DEFAULT_MAX_BYTES,
    guess: Annotated[bool, typer.Option(
        "--guess", help="Resolve unsure small towns too, instead of leaving them unresolved."
    )] = False,
    config: ConfigFile = None,
) -> None:
    """Find and resolve the places named in articles, one JSON line per article.

    An article's "source" (outlet name) and "url" hint at its country ("SOHR": Syria).
    A place the gazetteer cannot pin down (no entry fits, or a small town barely ahead of a
    far-away namesake) is listed with null coordinates; --guess takes the best reading.

    Example: conflictwire geoparse articles.jsonl --format jsonl
    """
    if fmt != "jsonl":
        raise typer.BadParameter("geoparse writes jsonl only", param_hint="--format")
    # The geoparser loads here, not with the CLI: other commands and --help do not need it.
    from ..geo.gazetteer import Gazetteer
    from ..geo.geoparse import geoparse as geoparse_article
    from ..geo.outlets import OutletLexicon

    settings = load_settings(config).geoparse
    ensure_gazetteer(gazetteer)
    gaz = Gazetteer.open(gazetteer)
    outlets = OutletLexicon.load()
    ok = failed = 0
    names, total = article_inputs(inputs)
    for item in tracked(read_inputs(names, options=IngestOptions(max_bytes=max_bytes)),
                        "geoparsing", total):
        if not isinstance(item, Article):
            failed += 1
            print_failure(item)
            continue
        ok += 1
        toponyms = []
        for m in geoparse_article(item, gazetteer=gaz, outlets=outlets, abstain=not guess,
                                  settings=settings):
            p = m.value
            toponyms.append({"start": m.start, "end": m.end, "text": m.text,
                             "geonameid": p and p.geonameid, "name": p and p.name,
                             "latitude": p and p.latitude, "longitude": p and p.longitude,
                             "country_code": p and p.country_code,
                             "feature_code": p and p.feature_code})
        print(dumps({"article_id": item.id, "toponyms": toponyms}))
    if failed and not ok:
        raise typer.Exit(1)


@gazetteer_app.command("build")
def gazetteer_build(
    places: Annotated[Path | None, typer.Argument(
        help="GeoNames place file: allCountries.zip, cities500.zip, IQ.zip or their .txt. "
             "Omit to build from the GeoNames data shipped in PyPI packages.",
        show_default=False)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Where to write the gazetteer file.")] = None,
    admin1: Annotated[Path | None, typer.Option(help="admin1CodesASCII.txt "
                                                     "(default: beside the place file).")] = None,
    admin2: Annotated[Path | None, typer.Option(help="admin2Codes.txt "
                                                     "(default: beside the place file).")] = None,
    country_info: Annotated[Path | None, typer.Option(help="countryInfo.txt (optional).")] = None,
    alternate_names: Annotated[Path | None, typer.Option(
        help="alternateNamesV2.zip or .txt (optional: English names of every place).")] = None,
    config: ConfigFile = None,
) -> None:
    """Build the gazetteer file, from GeoNames dump files or from PyPI-shipped data.

    Example: conflictwire gazetteer build allCountries.zip -o geonames.sqlite
    """
    from ..geo.gazetteer import Gazetteer, default_path
    from ..geo.gazetteer.build import build_default, build_from_dump

    target = output or default_path()
    started = time.perf_counter()
    with progress_bar("building gazetteer", None) as bar:
        report = build_progress(bar)
        if places is None:
            build_default(target, progress=report)
        else:
            folder = places.parent
            a1 = admin1 or folder / "admin1CodesASCII.txt"
            a2 = admin2 or folder / "admin2Codes.txt"
            ci = country_info or (folder / "countryInfo.txt"
                                  if (folder / "countryInfo.txt").exists() else None)
            alt = alternate_names
            if alt is None:
                alt = next((p for p in (folder / "alternateNamesV2.zip",
                                        folder / "alternateNamesV2.txt") if p.exists()), None)
            build_from_dump(target, places, admin1=a1, admin2=a2, country_info=ci,
                            alternate_names=alt, progress=report)
    gaz = Gazetteer.open(target)
    stderr.print(f"built {target} in {time.perf_counter() - started:.1f} s: "
                 f"{gaz.meta.get('places')} places, {gaz.meta.get('keys')} names, "
                 f"{target.stat().st_size / 1e6:.0f} MB")


@gazetteer_app.command("info")
def gazetteer_info(gazetteer: GazetteerPath = None, config: ConfigFile = None) -> None:
    """Show where the gazetteer is, what it was built from and how big it is.

    Example: conflictwire gazetteer info
    """
    from ..geo.gazetteer import Gazetteer

    gaz = Gazetteer.open(gazetteer)
    print(dumps({"path": str(gaz.path), **{k: _number(v) for k, v in gaz.meta.items()}}))


def _number(value: str) -> int | float | str:
    """A meta value as the number it is ("272291" -> 272291, "24.1" -> 24.1)."""
    for kind in (int, float):
        try:
            return kind(value)
        except (TypeError, ValueError):
            continue
    return value
