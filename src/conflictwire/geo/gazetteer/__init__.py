"""GeoNames gazetteer: build it from dump files or PyPI-shipped data, open it, query it."""

from .index import Candidate, CountryInfo, Gazetteer, default_path, villages_path

__all__ = ["Candidate", "CountryInfo", "Gazetteer", "default_path", "villages_path"]
