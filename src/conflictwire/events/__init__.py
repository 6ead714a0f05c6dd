"""Events: reports of the same real-world event, from any outlet, matched and merged into
one Event whose fields are reconciled from its reports; and how well that is done.

Start reading at `merge.merge`; `matching.match` decides whether two reports agree.
"""

from .._exports import lazy_exports

__all__ = ["merge", "same_event", "reconcile", "event_id_for", "MergeSettings", "match"]
__getattr__ = lazy_exports(__name__, {
    "merge": "merge", "same_event": "merge", "reconcile": "merge", "event_id_for": "merge",
    "MergeSettings": "merge", "match": "matching",
})
