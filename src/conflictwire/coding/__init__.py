"""Coding: one article in, its ACLED event Reports out.

An annotated document (`document.Doc`, title and body apart) flows through components in
a declared order, each adding one layer; `runner.code` runs them. The resources they need
(gazetteer, classifier, lexicons) are loaded once into `resources.Resources`.
"""

from .._exports import lazy_exports

__all__ = ["code", "Resources"]
__getattr__ = lazy_exports(__name__, {
    "code": "runner", "Resources": "resources",
})
