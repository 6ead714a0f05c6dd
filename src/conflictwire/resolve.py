"""Toponym resolution: choose each name's GeoNames entry with a scored model over the
candidates: importance (population, feature), the article's country and admin1 focus,
explicit hierarchy in the text ("Tal Afar, Nineveh"), and nearness to the other places."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from .gazetteer import Candidate
from .gazetteer.regions import km
from .models import Place
from .toponyms import Toponym


@dataclass(slots=True)
class Weights:
    """Weights of the resolution model (tuned on the LGL dev set, checked on GeoWebNews)."""

    population: float = 0.45
    primary_name: float = 1.0
    country_focus: float = 5.0
    admin1_focus: float = 4.0
    hierarchy: float = 4.0
    nearby: float = 1.0
    hint_country: float = 1.5
    max_candidates: int = 40


DEFAULT = Weights()
_FEATURE = {"PCLI": 3.5, "CONT": 3.0, "ADM1": 2.0, "PPLC": 1.5, "ADM2": -0.5}
_ADMIN2_WORDS = ("county", "district", "parish", "municipality")
_ADMIN1_WORDS = ("province", "governorate", "state", "region", "oblast", "prefecture")


def _prior(c: Candidate, t: Toponym, text: str, w: Weights) -> float:
    p = c.place
    s = w.population * math.log10(p.population + 1) + _FEATURE.get(p.feature_code, 0.0)
    if c.is_primary:
        s += w.primary_name
    after = text[t.end:t.end + 14].lower()
    if p.feature_code == "ADM2" and after.lstrip().startswith(_ADMIN2_WORDS):
        s += 4.0
    if p.feature_code == "ADM1" and after.lstrip().startswith(_ADMIN1_WORDS):
        s += 4.0
    if t.text.lower().endswith(_ADMIN2_WORDS) and p.feature_code == "ADM2":
        s += 2.0
    return s


def resolve(toponyms: list[Toponym], text: str, *, hint_countries: tuple[str, ...] = (),
            weights: Weights | None = None) -> list[Place | None]:
    """The chosen place for each toponym (None when it has no candidate)."""
    w = weights or DEFAULT
    cands = [t.candidates[: w.max_candidates] for t in toponyms]
    priors = [[_prior(c, t, text, w) for c in cs] for t, cs in zip(toponyms, cands, strict=True)]
    choice = [max(range(len(cs)), key=lambda k, p=p: p[k]) if cs else -1
              for cs, p in zip(cands, priors, strict=True)]
    for _ in range(2):
        chosen = [cs[k].place if k >= 0 else None for cs, k in zip(cands, choice, strict=True)]
        countries = Counter(p.country_code for p in chosen if p and p.country_code)
        admin1s = Counter(f"{p.country_code}.{p.admin1_code}" for p in chosen
                          if p and p.admin1_code and p.feature_code != "PCLI")
        n = max(1, sum(countries.values()))
        new = []
        for idx, (cs, pr) in enumerate(zip(cands, priors, strict=True)):
            if not cs:
                new.append(-1)
                continue
            others = [p for k, p in enumerate(chosen) if k != idx and p is not None
                      and p.name != (chosen[idx].name if chosen[idx] else None)]
            best, best_s = 0, -1e9
            for k, c in enumerate(cs):
                s = pr[k] + _context(c.place, idx, chosen, others, countries, admin1s, n,
                                     hint_countries, toponyms, text, w)
                if s > best_s:
                    best, best_s = k, s
            new.append(best)
        if new == choice:
            break
        choice = new
    return [cs[k].place if k >= 0 else None for cs, k in zip(cands, choice, strict=True)]


def _context(p: Place, idx: int, chosen: list[Place | None], others: list[Place],
             countries: Counter, admin1s: Counter, n: int, hints: tuple[str, ...],
             toponyms: list[Toponym], text: str, w: Weights) -> float:
    s = 0.0
    own = chosen[idx]
    own_country = 1 if own and own.country_code == p.country_code else 0
    share = (countries.get(p.country_code, 0) - own_country) / n
    s += w.country_focus * share
    if p.admin1_code and p.feature_code != "PCLI":
        a = f"{p.country_code}.{p.admin1_code}"
        own_a = 1 if own and f"{own.country_code}.{own.admin1_code}" == a else 0
        s += w.admin1_focus * (admin1s.get(a, 0) - own_a) / n
    if p.country_code in hints:
        s += w.hint_country
    # "Tal Afar, Nineveh" / "Springfield, Illinois": the next toponym contains this one.
    if idx + 1 < len(toponyms):
        nxt, np_ = toponyms[idx + 1], chosen[idx + 1]
        between = text[toponyms[idx].end:nxt.start]
        if np_ is not None and between.strip() in (",", ", in", "in", "(", ", near") \
                and _contains(np_, p):
            s += w.hierarchy
    if others and p.feature_class == "P":
        near = min((km(p.latitude, p.longitude, o.latitude, o.longitude) for o in others
                    if o.feature_class == "P"), default=1e9)
        if near < 50:
            s += w.nearby
        elif near < 200:
            s += w.nearby / 2
    return s


def _contains(outer: Place, inner: Place) -> bool:
    if outer.feature_code.startswith("PCL"):
        return inner.country_code == outer.country_code
    if outer.feature_code == "ADM1":
        return (inner.country_code, inner.admin1_code) == (outer.country_code, outer.admin1_code)
    if outer.feature_code == "ADM2":
        return inner.admin2_code == outer.admin2_code and inner.admin1_code == outer.admin1_code
    return False
