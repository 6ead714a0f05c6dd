"""The event coder: one article in, its ACLED event Reports out, most salient first.

The article becomes a `Doc`; the components named in the settings' [coding] `components`
run over it in that order, each adding one layer (see `components`), and the last sets the
reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from ..errors import ConfigError
from ..models import Article, Report
from ..settings import Settings, packaged_settings
from .components import REGISTRY, Component
from .document import Doc
from .resources import Resources

__all__ = ["code", "pipeline", "run"]


def code(article: Article, *, resources: Resources, settings: Settings | None = None,
         hint_countries: tuple[str, ...] = ()) -> list[Report]:
    """The events `article` reports, as Reports ordered most salient first.

    `hint_countries` are countries the caller knows the article is about (ISO codes or
    names, e.g. a watched feed's country focus); with the home countries of the actors
    named, they guide place resolution, and the source's country does when they are absent.
    Non-events (no trigger and low model probability; background, future, negated or
    hypothetical sentences) give nothing. `settings` default to the packaged ones. Never
    raises on odd text: empty gives [].
    """
    doc = Doc(article, hint_countries=tuple(hint_countries))
    return run(doc, resources=resources, settings=settings).reports


def run(doc: Doc, *, resources: Resources, settings: Settings | None = None) -> Doc:
    """`doc` after each component of `settings.coding.components`, in order (a loop, as
    spaCy's `Language.__call__`); a test may run a shorter list on a hand-made Doc."""
    settings = settings or packaged_settings()
    for step in pipeline(tuple(settings.coding.components)):
        doc = step.run(doc, resources, settings)
    return doc


@cache
def pipeline(names: Sequence[str]) -> tuple[Component, ...]:
    """The components `names` call for, checked: each is registered, and each layer one
    needs is set by a component before it. Raises ConfigError saying what was available."""
    steps, have = [], set()
    for name in names:
        step = REGISTRY.get(name)
        if step is None:
            raise ConfigError(f"[E001] no coder component named {name!r}; registered: "
                              f"{', '.join(REGISTRY)}")
        missing = [layer for layer in step.needs if layer not in have]
        if missing:
            raise ConfigError(f"[E002] component {name!r} needs {', '.join(missing)}, which "
                              f"no component before it sets; set by then: "
                              f"{', '.join(sorted(have)) or 'nothing'}")
        have.update(step.sets)
        steps.append(step)
    return tuple(steps)
