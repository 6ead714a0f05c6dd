"""conflictwire: news about armed conflict in, geolocated ACLED-style event data out."""

__version__ = "0.1.0"
