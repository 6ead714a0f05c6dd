"""The coder and its resources as a Dask run takes them: plain functions workers can import."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..models import Article, Report


def load_resources(settings_file: str | Path | None = None) -> Any:
    """The coder's resources (gazetteer, models) and settings (the packaged ones, or
    `settings_file` over them, read on the worker), loaded once per worker process."""
    # Imported here: loading is heavy and happens on workers.
    from ..coding.resources import Resources
    from ..settings import load_settings

    return Resources.load(), load_settings(settings_file)


def code_article(article: Article, loaded: Any) -> Sequence[Report]:
    """Code one article with the resources and settings this worker loaded."""
    from ..coding.runner import code

    resources, settings = loaded
    return code(article, resources=resources, settings=settings)
