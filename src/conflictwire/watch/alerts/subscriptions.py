"""What a subscriber wants to hear about: an area, event types, actors, a fatality floor.

The area is any of: countries (names or ISO codes), admin1 names, a bounding box
(west, south, east, north) or a GeoJSON polygon (Polygon, MultiPolygon, or a Feature /
FeatureCollection of them). `Subscription.matches` decides for one event row.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from ...errors import ConfigError
from ...geo.acled_countries import lookup, match_keys, suggestions
from ...models import stable_id
from ...store.base import EventFilter
from ...taxonomy import EVENT_TYPES

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class Subscription:
    """One subscriber's filter and where to deliver: email and/or a signed webhook."""

    subscription_id: str
    name: str
    email: str = ""
    webhook_url: str = ""
    webhook_secret: str = ""
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None
    polygon: dict[str, Any] | None = None  # a GeoJSON geometry
    event_types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    min_fatalities: int = 0
    immediate: bool = True
    digest: bool = True
    _rings: tuple[tuple[Ring, ...], ...] = field(default=(), repr=False, compare=False)

    @property
    def channels(self) -> tuple[str, ...]:
        return tuple(c for c, on in (("email", self.email), ("webhook", self.webhook_url)) if on)

    def spec(self) -> dict[str, Any]:
        """The subscription as a JSON-ready dict (what is stored and what the API returns)."""
        out = asdict(self)
        out.pop("_rings")
        out["bbox"] = list(self.bbox) if self.bbox else None
        for key in ("countries", "admin1", "event_types", "actors"):
            out[key] = list(out[key])
        return out

    def public_spec(self) -> dict[str, Any]:
        """The spec without the webhook secret, for listings."""
        out = self.spec()
        out["webhook_secret"] = "***" if self.webhook_secret else ""
        return out

    def event_filter(self) -> EventFilter:
        """The part of the subscription a store query can apply (the polygon is checked after)."""
        return EventFilter(
            countries=self.countries,
            admin1=self.admin1,
            event_types=self.event_types,
            bbox=self.bbox or _polygon_bbox(self._rings),
            min_fatalities=self.min_fatalities or None,
        )

    def matches(self, event: Mapping[str, Any]) -> bool:
        """True when the event row (EVENT_COLUMNS) is one this subscriber asked for."""
        if self.countries:
            # Any spelling matches any other: "SDN", "SD", "729" and "Sudan" are one country.
            wanted = {k for c in self.countries for k in match_keys(c)}
            if str(event.get("country") or "").lower() not in wanted and str(
                event.get("iso") or ""
            ).lower() not in wanted:
                return False
        if self.admin1 and str(event.get("admin1") or "").lower() not in {
            a.lower() for a in self.admin1
        }:
            return False
        if self.event_types and event.get("event_type") not in self.event_types:
            return False
        if self.min_fatalities and int(event.get("fatalities") or 0) < self.min_fatalities:
            return False
        if self.actors:
            text = " ".join(
                str(event.get(k) or "")
                for k in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
            ).lower()
            if not any(a.lower() in text for a in self.actors):
                return False
        if self.bbox or self._rings:
            lat, lon = event.get("latitude"), event.get("longitude")
            if lat is None or lon is None:
                return False
            if self.bbox and not _in_bbox(float(lon), float(lat), self.bbox):
                return False
            if self._rings and not _in_polygons(float(lon), float(lat), self._rings):
                return False
        return True


def subscription_from_spec(spec: Mapping[str, Any]) -> Subscription:
    """A Subscription from a dict (CLI options, API body or stored spec); raises ConfigError.

    Without a `subscription_id`, the id is a hash of the name and delivery addresses, so
    adding the same subscription twice gives one subscription.
    """
    name = str(spec.get("name") or "").strip()
    if not name:
        raise ConfigError("a subscription needs a name")
    email = str(spec.get("email") or "").strip()
    webhook = str(spec.get("webhook_url") or "").strip()
    if not email and not webhook:
        raise ConfigError("a subscription needs an email address or a webhook_url")
    if email and ("@" not in email or any(c.isspace() for c in email)):
        raise ConfigError(f"not an email address: {email!r}")
    if webhook and not webhook.startswith(("http://", "https://")):
        raise ConfigError(f"webhook_url must be http or https: {webhook!r}")
    types = _strings(spec.get("event_types"))
    unknown = [t for t in types if t not in EVENT_TYPES]
    if unknown:
        raise ConfigError(f"unknown event type(s) {unknown}; use one of {list(EVENT_TYPES)}")
    polygon = _geometry(spec.get("polygon"))
    countries = _strings(spec.get("countries"))
    for country in countries:
        if lookup(country) is None:
            raise ConfigError(f"unknown country {country!r}"
                              + (f"; did you mean {', '.join(close)}?"
                                 if (close := suggestions(country)) else ""))
    sub = Subscription(
        subscription_id=str(spec.get("subscription_id") or stable_id("sub", name, email, webhook)),
        name=name,
        email=email,
        webhook_url=webhook,
        webhook_secret=str(spec.get("webhook_secret") or ""),
        countries=countries,
        admin1=_strings(spec.get("admin1")),
        bbox=_bbox(spec.get("bbox")),
        polygon=polygon,
        event_types=types,
        actors=_strings(spec.get("actors")),
        min_fatalities=int(spec.get("min_fatalities") or 0),
        immediate=bool(spec.get("immediate", True)),
        digest=bool(spec.get("digest", True)),
        _rings=_rings(polygon) if polygon else (),
    )
    if webhook and not sub.webhook_secret:
        raise ConfigError("a webhook subscription needs a webhook_secret to sign its bodies")
    return sub


def _strings(value: Any) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    if isinstance(value, str):
        value = value.split(",")
    return tuple(str(v).strip() for v in value if str(v).strip())


def _bbox(value: Any) -> tuple[float, float, float, float] | None:
    if value in (None, "", []):
        return None
    parts = value.split(",") if isinstance(value, str) else list(value)
    try:
        west, south, east, north = (float(p) for p in parts)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"bbox must be west,south,east,north: {value!r}") from exc
    if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
        raise ConfigError(f"bbox out of range: {value!r}")
    return (west, south, east, north)


def _geometry(value: Any) -> dict[str, Any] | None:
    """A Polygon or MultiPolygon geometry from GeoJSON text or a dict (Feature(s) unwrapped)."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"polygon is not GeoJSON: {exc}") from exc
    if not isinstance(value, dict):
        raise ConfigError("polygon must be a GeoJSON object")
    kind = value.get("type")
    if kind == "Feature":
        return _geometry(value.get("geometry"))
    if kind == "FeatureCollection":
        polys: list[Any] = []
        for feature in value.get("features") or []:
            geom = _geometry(feature.get("geometry"))
            if geom:
                polys.extend(
                    [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
                )
        if not polys:
            raise ConfigError("polygon FeatureCollection holds no polygons")
        return {"type": "MultiPolygon", "coordinates": polys}
    if kind not in ("Polygon", "MultiPolygon"):
        raise ConfigError(f"polygon must be a GeoJSON Polygon or MultiPolygon, not {kind}")
    _rings(value)  # validates
    return {"type": kind, "coordinates": value.get("coordinates")}


def _rings(geometry: Mapping[str, Any]) -> tuple[tuple[Ring, ...], ...]:
    """Each polygon as (outer ring, holes...) of (lon, lat) points."""
    coords = geometry.get("coordinates")
    polygons = [coords] if geometry.get("type") == "Polygon" else coords
    try:
        out = tuple(
            tuple(tuple((float(p[0]), float(p[1])) for p in ring) for ring in poly)
            for poly in polygons or []
        )
    except (TypeError, ValueError, IndexError) as exc:
        raise ConfigError("polygon coordinates must be [[[lon, lat], ...], ...]") from exc
    if not out or any(not poly or len(poly[0]) < 4 for poly in out):
        raise ConfigError("each polygon needs a closed outer ring of at least 4 points")
    return out


def _in_bbox(lon: float, lat: float, bbox: Sequence[float]) -> bool:
    west, south, east, north = bbox
    if not south <= lat <= north:
        return False
    return west <= lon <= east if west <= east else (lon >= west or lon <= east)


def _in_ring(lon: float, lat: float, ring: Ring) -> bool:
    """Ray casting: does a ray east from the point cross the ring an odd number of times?"""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat):
            x_cross = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lon < x_cross:
                inside = not inside
    return inside


def _in_polygons(lon: float, lat: float, polygons: tuple[tuple[Ring, ...], ...]) -> bool:
    return any(
        _in_ring(lon, lat, poly[0]) and not any(_in_ring(lon, lat, h) for h in poly[1:])
        for poly in polygons
    )


def _polygon_bbox(polygons: tuple[tuple[Ring, ...], ...]) -> tuple[float, ...] | None:
    if not polygons:
        return None
    xs = [p[0] for poly in polygons for p in poly[0]]
    ys = [p[1] for poly in polygons for p in poly[0]]
    return (min(xs), min(ys), max(xs), max(ys))
