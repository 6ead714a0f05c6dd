"""Geo: where things are. Toponyms found in an article and resolved against the GeoNames
gazetteer, spatial expressions ("30 km west of X"), an event's own location, and the
countries an outlet covers.

Start reading at `geoparse.geoparse`; `gazetteer.Gazetteer` is the place index.
"""

from .._exports import lazy_exports

# `geoparse` (the function) is not exported: its submodule of that name would shadow it.
__all__ = ["locate_event", "source_countries", "OutletLexicon"]
__getattr__ = lazy_exports(__name__, {
    "locate_event": "geoparse", "source_countries": "geoparse", "OutletLexicon": "outlets",
})
