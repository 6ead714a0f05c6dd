"""The plain records a gazetteer is built from, whatever the source files were."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Entry:
    """One GeoNames feature with every name it is indexed under."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    country_code: str
    feature_class: str
    feature_code: str
    population: int = 0
    admin1_code: str = ""
    admin2_code: str = ""
    names: set[str] = field(default_factory=set)


@dataclass(slots=True)
class CountryRow:
    """Facts about one country (GeoNames countryInfo plus what the sources add)."""

    iso2: str
    iso3: str
    isonumeric: str
    name: str
    geonameid: int
    continent: str
    capital: str = ""
    population: int = 0
    neighbours: str = ""
    subregion: str = ""
    demonyms: list[str] = field(default_factory=list)
    names: set[str] = field(default_factory=set)


@dataclass(slots=True)
class AdminRow:
    """An admin1 (`CC.A1`) or admin2 (`CC.A1.A2`) code with its name, and its name as English
    news writes it in plain letters (`label`: "Aleppo" for "Ḩalab"; '' when unknown)."""

    code: str
    name: str
    geonameid: int
    label: str = ""
