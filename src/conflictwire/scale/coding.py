"""The coder and its resources as a Dask run takes them: plain functions workers can import."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..models import Article, Report


def load_resources() -> Any:
    """The coder's resources (gazetteer, models), loaded once per worker process."""
    from ..coding.resources import (
        Resources,  # imported here: loading is heavy and happens on workers
    )

    return Resources.load()


def code_article(article: Article, resources: Any) -> Sequence[Report]:
    """Code one article with the resources this worker loaded."""
    from ..coding.runner import code

    return code(article, resources=resources)
