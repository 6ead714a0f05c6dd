"""What the coder needs, loaded once and passed in: gazetteer, event classifier, actor and
outlet lexicons."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .classify import Classifier
from .outlets import OutletLexicon

if TYPE_CHECKING:
    from .actors import ActorLexicon
    from .gazetteer import Gazetteer


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
        model_path: Path | None = None,
        embeddings: bool = False,
    ) -> Resources:
        """Open the gazetteer (default: the built one), the packaged model and the lexicons.

        `embeddings` also loads the optional MiniLM head (needs `conflictwire[embed]`).
        Raises GazetteerError or ModelError when a file is missing or unreadable.
        """
        from .actors import ActorLexicon
        from .gazetteer import Gazetteer

        return cls(
            gazetteer=Gazetteer.open(gazetteer_path),
            classifier=Classifier.load(model_path, embeddings=embeddings),
            actors=ActorLexicon.load(),
        )
