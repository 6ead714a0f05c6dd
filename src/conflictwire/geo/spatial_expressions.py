"""Spatial expressions around a place name: "30 km west of X" (a point offset from X),
"near/outside/on the outskirts of X" (X, geo_precision 2), "northern X" and "the
countryside of X" (part of X), "X province" (the admin area itself)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Place
from .sphere import offset

_BEARINGS = {"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180,
             "southwest": 225, "west": 270, "northwest": 315}
_DIR = r"(north|south|east|west)(?:[\s-]?(east|west))?"
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20,
                 "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                 "eighty": 80, "ninety": 90, "hundred": 100, "a few": 5, "several": 10,
                 "some": 10, "about": 0}
_NUM = r"(\d+(?:[.,]\d+)?|a few|several|" + "|".join(
    w for w in _NUMBER_WORDS if w not in ("a few", "several", "about")) + r")"
_UNIT = r"(km|kms|kilometers?|kilometres?|miles?|mi)"
# Read right-to-left: the expression ends exactly where the place name starts.
_OFFSET = re.compile(
    _NUM + r"(?:\s*|-)" + r"(?:" + _UNIT + r"\s+)?(?:\(\d+\s*\w+\)\s+)?(?:to the\s+|due\s+)?"
    + _DIR + r"\s+of\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$", re.IGNORECASE)
_BARE_DIR = re.compile(r"(?:just\s+|to the\s+)?" + _DIR + r"\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_NEAR = re.compile(
    r"(?:near|nearby|outside|around|close to|next to|on the outskirts of|the outskirts of|"
    r"outskirts of|in the vicinity of|the vicinity of|vicinity of|on the edge of|"
    r"the countryside of|countryside of|the suburbs of|suburbs of|the surroundings of|"
    r"the environs of|a village near|villages near|the area of|(?:northern|southern|eastern|"
    r"western) countryside of)\s+(?:the\s+)?$", re.IGNORECASE)
_PART = re.compile(r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)\s+$", re.IGNORECASE)
_COUNTRYSIDE_AFTER = re.compile(r"^\s*(?:countryside|outskirts|suburbs|environs|area|region)\b",
                                re.IGNORECASE)
_MILE_KM = 1.609344


@dataclass(frozen=True, slots=True)
class Spot:
    """Where a spatial expression puts an event relative to a place."""

    latitude: float
    longitude: float
    geo_precision: int
    expression: str = ""


def _precision_of(place: Place) -> int:
    if place.feature_code.startswith("PCL") or place.feature_code in ("ADM1", "CONT", "RGN"):
        return 3
    if place.feature_code == "ADM2":
        return 2
    return 1


def _bearing(a: str, b: str | None) -> int:
    a = a.lower()
    return _BEARINGS[a + b.lower()] if b else _BEARINGS[a]


def _number(s: str) -> float:
    s = s.lower()
    if s in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[s])
    return float(s.replace(",", "."))


def locate_near(text: str, start: int, end: int, place: Place) -> Spot:
    """The point and ACLED geo_precision for `place`, named at text[start:end], given the
    words around it."""
    before = text[max(0, start - 80):start]
    after = text[end:end + 30]
    base = _precision_of(place)
    m = _OFFSET.search(before)
    if m:
        dist = _number(m.group(1))
        if m.group(2) and m.group(2).lower().startswith("mi"):
            dist *= _MILE_KM
        lat, lon = offset(place.latitude, place.longitude, dist, _bearing(m.group(3), m.group(4)))
        return Spot(lat, lon, max(2, base), m.group(0).strip())
    m = _BARE_DIR.search(before)
    if m:
        return Spot(place.latitude, place.longitude, max(2, base), m.group(0).strip())
    m = _NEAR.search(before) or _PART.search(before)
    if m or _COUNTRYSIDE_AFTER.match(after):
        expr = m.group(0).strip() if m else after.split()[0]
        return Spot(place.latitude, place.longitude, max(2, base), expr)
    return Spot(place.latitude, place.longitude, base)
