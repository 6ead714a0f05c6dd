"""What the coder needs, loaded once and passed in: gazetteer, event classifier, actor and
outlet lexicons."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..geo.outlets import OutletLexicon
from .classify import Classifier

if TYPE_CHECKING:
    from ..geo.gazetteer import Gazetteer
    from .actors import ActorLexicon


@dataclass(frozen=True)
class Resources:
    """The loaded gazetteer, sentence classifier, actor lexicon and outlet lexicon."""

    gazetteer: Gazetteer
    classifier: Classifier
    actors: ActorLexicon
    outlets: OutletLexicon = field(default_factory=OutletLexicon.load)

    @classmethod
    def load(
        cls,
        *,
        gazetteer_path: Path | str | None = None,
        model_path: Path | str | None = None,
    ) -> Resources:
        """Open the gazetteer (default: the built one), the packaged model and the lexicons.

        `model_path` is an encoder folder, a linear model's .npz, or `encoder` / `linear`
        for the packaged ones.
        Raises GazetteerError or ModelError when a file is missing or unreadable.
        """
        from ..geo.gazetteer import Gazetteer
        from .actors import ActorLexicon

        return cls(
            gazetteer=Gazetteer.open(gazetteer_path),
            classifier=Classifier.load(model_path),
            actors=ActorLexicon.load(),
        )
