"""An event's place names as ACLED writes them: plain English, ASCII letters and apostrophes,
ACLED's own spelling of first-level areas (data/acled_admin1.json), one spelling per place.
The GeoNames name and id stay on the Place and the Location's geonameid."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..data import load_json
from ..models import Place
from .acled_countries import lookup
from .gazetteer import CountryInfo, Gazetteer
from .gazetteer.labels import admin_core, plain


@dataclass(frozen=True, slots=True)
class LocationNames:
    """The name fields of an event record for one place."""

    location: str
    country: str
    iso: str
    admin1: str
    admin2: str
    region: str


@cache
def _acled_admin1() -> dict[str, str]:
    return dict(load_json("acled_admin1.json")["admin1"])


def country_name(info: CountryInfo) -> str:
    """The country's name in the record. Issue 21 brings ACLED's country names (with their
    ISO numeric code); until then the gazetteer's English name, in plain letters."""
    return plain(info.name)


def admin_name(gazetteer: Gazetteer, country_code: str, admin1_code: str,
               admin2_code: str = "", fallback: str = "") -> str:
    """ACLED's name of an admin1 area (or the plain label of an admin2 area): the ACLED
    table's, else the gazetteer's label, else `fallback` without its admin word."""
    code = ".".join(c for c in (country_code, admin1_code, admin2_code) if c)
    if not admin2_code and code in _acled_admin1():
        return _acled_admin1()[code]
    label = gazetteer.admin_label(code) or fallback
    return plain(admin_core(label)) if label else ""


def location_names(place: Place, gazetteer: Gazetteer) -> LocationNames:
    """The record's names for an event at `place` (an admin area or a country is its own
    admin1 or country; the location is the place's name in plain letters)."""
    info = gazetteer.country(place.country_code) if place.country_code else None
    cc = place.country_code
    if place.feature_code.startswith("PCL") or place.feature_code == "CONT":
        admin1 = admin2 = ""
        location = country_name(info) if info else plain(place.name)
    else:
        admin1 = admin_name(gazetteer, cc, place.admin1_code, fallback=place.admin1) \
            if place.admin1_code else ""
        admin2 = admin_name(gazetteer, cc, place.admin1_code, place.admin2_code,
                            fallback=place.admin2) \
            if place.admin1_code and place.admin2_code else ""
        location = plain(place.name)
        if place.feature_code == "ADM1":
            admin2 = ""
            location = admin1 or location
        elif place.feature_code == "ADM2":
            location = admin2 or location
    # ACLED's country names, numeric codes and regions, whatever the gazetteer spells.
    acled = lookup(cc) if cc else None
    if acled is not None and place.feature_code.startswith("PCL"):
        location = acled.name
    return LocationNames(
        location=location,
        country=acled.name if acled else (country_name(info) if info else plain(place.country)),
        iso=str(acled.numeric) if acled else (info.isonumeric if info else ""),
        admin1=admin1, admin2=admin2,
        region=acled.region if acled else (info.region if info else ""))
