"""The exceptions conflictwire raises; the CLI turns each into a one-line message.

Each class's docstring is its message. A rejected article is not an exception (it is a
`Failure` record); these are for broken configuration, data files and infrastructure.
"""

from __future__ import annotations


class ConflictwireError(Exception):
    """conflictwire failed."""

    def __init__(self, detail: str = "") -> None:
        self.detail = detail
        message = (self.__doc__ or "").strip().rstrip(".")
        super().__init__(f"{message}: {detail}" if detail else message)


class InputNotFound(ConflictwireError):
    """No such input file, folder or URL."""


class BadInput(ConflictwireError):
    """Input could not be read."""


class GazetteerError(ConflictwireError):
    """The gazetteer could not be built or opened."""


class ModelError(ConflictwireError):
    """The event classification model could not be loaded or trained."""


class StoreError(ConflictwireError):
    """The event store could not be opened or written."""


class SchemaVersionError(StoreError):
    """The database schema version is not one this conflictwire can use."""


class ConfigError(ConflictwireError):
    """The configuration is invalid."""


class ExportError(ConflictwireError):
    """The export could not be written."""


class LabelError(ConflictwireError):
    """The labelled passages could not be read."""


class LabelDataMissing(LabelError):
    """The data folder the labels point into is missing."""


class LabelSourceMissing(LabelError):
    """A labelled passage's source file is missing."""


class LabelRecordMissing(LabelError):
    """A labelled passage's record is not in its source file."""


class LabelTextMismatch(LabelError):
    """A labelled passage no longer matches its source text."""
