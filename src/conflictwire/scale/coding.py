"""The coder and its resources as a Dask run takes them: plain functions workers can import."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..models import Article, Report
from ..settings import Settings


def load_resources(settings: Settings | None = None) -> Any:
    """The coder's resources (gazetteer, models), loaded once per worker process, with the
    `settings` the run was given (pickled to the worker; None: the packaged ones)."""
    # Imported here: loading is heavy and happens on workers.
    from ..coding.resources import Resources
    from ..settings import packaged_settings

    return Resources.load(), settings or packaged_settings()


def code_article(article: Article, loaded: Any) -> Sequence[Report]:
    """Code one article with the resources and settings this worker loaded."""
    from ..coding.runner import code

    resources, settings = loaded
    return code(article, resources=resources, settings=settings)
