"""Events: reports of the same real-world event, from any outlet, matched and merged into
one Event whose fields are reconciled from its reports; and how well that is done.

Start reading at `merge.merge`; `matching.match` decides whether two reports agree.
"""

from .._exports import lazy_exports

# `merge` (the function) is not exported: a submodule of that name would shadow it.
__all__ = ["same_event", "reconcile", "event_id_for", "match"]
__getattr__ = lazy_exports(__name__, {
    "same_event": "merge", "reconcile": "merge", "event_id_for": "merge", "match": "matching",
})
