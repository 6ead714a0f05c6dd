"""Toponym resolution: choose each name's GeoNames entry with a scored model over the
candidates: importance (population, feature), the article's country and admin1 focus,
explicit hierarchy in the text ("Tal Afar, Nineveh"), and nearness to the other places."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable

from ..models import Place
from ..settings import GeoparseSettings, packaged_settings
from .gazetteer import Candidate
from .sphere import KM_PER_DEGREE
from .toponyms import Toponym

_ADMIN2_WORDS = ("county", "district", "parish", "municipality")
# The rest of a list of names closed by a plural admin word: "Clark, Preble or Warren counties".
_LISTED_AREAS = re.compile(r"(?:(?:, |,? and |,? or | & )[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)?){0,12}"
                           r" (?:counties|parishes|districts)\b")
_ADMIN1_WORDS = ("province", "governorate", "state", "region", "oblast", "prefecture")


def _prior(c: Candidate, t: Toponym, text: str, w: GeoparseSettings, city_countries: set[str],
           alternate_pop: int = 0, biggest_city: int = 0) -> float:
    p = c.place
    # GeoNames gives 0 for an unknown population; a town is still a town.
    pop = max(p.population, w.town_floor) if p.feature_class == "P" else p.population
    s = w.population * math.log10(pop + 1) + w.feature_bonus.get(p.feature_code, 0.0)
    if p.feature_class == "A" and p.feature_code != "PCLI" and p.country_code in city_countries:
        s -= w.admin_vs_city  # "Idlib", "Mosul": the city, unless the text says the area
    elif p.feature_code in ("ADM1", "ADM2") and biggest_city > pop:
        # an area holding fewer people than a city of its name abroad ("Gaza": the city,
        # not the Mozambican province)
        s -= w.feature_bonus[p.feature_code]
    # A small town's own name loses its edge to a far bigger place known by that name too
    # ("Palmyra": a city of 50,000 in Syria, villages of 7,000 in the US).
    if c.is_primary and not (alternate_pop >= w.big_alternate
                             and alternate_pop >= w.alternate_ratio * max(p.population, 1)):
        s += w.primary_name
    after = text[t.end:t.end + 14].lower()
    if p.feature_code == "ADM2" and (after.lstrip().startswith(_ADMIN2_WORDS)
                                     or _LISTED_AREAS.match(text, t.end)):
        s += w.admin2_word  # "Butler County", "Butler, Clark or Warren counties"
    if p.feature_code == "ADM1" and after.lstrip().startswith(_ADMIN1_WORDS):
        s += w.admin1_word
    if t.text.lower().endswith(_ADMIN2_WORDS) and p.feature_code == "ADM2":
        s += w.admin2_in_name
    return s


def resolve(toponyms: list[Toponym], text: str, *, hint_countries: tuple[str, ...] = (),
            neighbours_of: Callable[[str], tuple[str, ...]] | None = None,
            settings: GeoparseSettings | None = None,
            abstain: bool = False) -> list[Place | None]:
    """The chosen place for each toponym (None when it has no candidate).

    Every mention of the same name gets the same place (one sense per article), and each
    distinct name votes once for the article's countries and admin1 areas. With `abstain`,
    a small town that barely beats a reading far away is left unresolved too (a guess is
    worse than nothing in a list of places, better than nothing for placing an event).
    `settings` default to the packaged [geoparse] settings.
    """
    w = settings or packaged_settings().geoparse
    groups: dict[str, list[int]] = {}
    for i, t in enumerate(toponyms):
        groups.setdefault(t.text.lower(), []).append(i)
    names = list(groups)
    cands = [toponyms[groups[n][0]].candidates[: w.max_candidates] for n in names]
    priors = []
    for n, cs in zip(names, cands, strict=True):
        cities = {c.place.country_code for c in cs if c.place.feature_class == "P"
                  and (c.is_primary or c.place.population >= w.big_city)}
        alt_pop = max((c.place.population for c in cs if not c.is_primary
                       and c.place.feature_class == "P"), default=0)
        big = max((c.place.population for c in cs if c.place.feature_class == "P"
                   and c.is_primary), default=0)
        priors.append([max(_prior(c, toponyms[i], text, w, cities, alt_pop, big)
                           for i in groups[n]) for c in cs])
    # The hierarchy bonus needs the place chosen for the next mention, so it is rescored.
    votes = [_soft_vote(cs, pr) for cs, pr in zip(cands, priors, strict=True)]
    # A name said often weighs more in the article's focus ("Indiana" five times).
    vote_w = [1.0 + w.mention_vote * math.log(len(groups[n])) for n in names]
    all_w = sum(vote_w)
    exists = _exists(cands, priors, w.coherence_top)
    borders = _neighbours(cands, priors, neighbours_of) if neighbours_of else []
    neighbours = Counter(c for b in borders for c in b)
    choice = [max(range(len(cs)), key=lambda k, p=p: p[k]) if cs else -1
              for cs, p in zip(cands, priors, strict=True)]
    margins = [99.0] * len(names)
    for _ in range(w.rounds):
        chosen = [cs[k].place if k >= 0 else None for cs, k in zip(cands, choice, strict=True)]
        by_mention: list[Place | None] = [None] * len(toponyms)
        for g, n in enumerate(names):
            for i in groups[n]:
                by_mention[i] = chosen[g]
        countries: Counter = Counter()
        admin1s: Counter = Counter()
        for (c_votes, a_votes), vw in zip(votes, vote_w, strict=True):
            _add(countries, c_votes, vw)
            _add(admin1s, a_votes, vw)
        new = []
        for g, (n, cs, pr) in enumerate(zip(names, cands, priors, strict=True)):
            if not cs:
                new.append(-1)
                continue
            total = max(1.0, all_w - vote_w[g])
            own_c = _add(Counter(), votes[g][0], vote_w[g])
            own_a = _add(Counter(), votes[g][1], vote_w[g])
            others = [p for k, p in enumerate(chosen) if k != g and p is not None]
            best, best_s = 0, -1e9
            scores = []
            for k, c in enumerate(cs):
                p = c.place
                sc = pr[k] + w.country_focus * (countries[p.country_code]
                                                - own_c.get(p.country_code, 0)) / total
                if p.admin1_code and p.feature_code != "PCLI":
                    a = f"{p.country_code}.{p.admin1_code}"
                    sc += w.admin1_focus * (admin1s[a] - own_a.get(a, 0)) / total
                if p.country_code in hint_countries:
                    sc += w.hint_country
                sc += _coherence(p, g, exists, total, w)
                if p.country_code in neighbours:
                    # borders of the other names' countries, not of this name's own
                    n_near = neighbours[p.country_code] - (p.country_code in borders[g])
                    sc += w.neighbour_focus * n_near / total
                sc += _local(p, groups[n], by_mention, others, toponyms, text, w)
                scores.append(sc)
                if sc > best_s:
                    best, best_s = k, sc
            new.append(best)
            margins[g] = _margin(cs, scores, best, w.far_km)
            # Later names see this choice at once: updating all together can flip two
            # names back and forth between two readings.
            _add(countries, votes[g][0], -vote_w[g])
            _add(admin1s, votes[g][1], -vote_w[g])
            votes[g] = _hard_vote(cs[best].place)
            _add(countries, votes[g][0], vote_w[g])
            _add(admin1s, votes[g][1], vote_w[g])
        if new == choice:
            break
        choice = new
        votes = [_hard_vote(cs[k].place) if k >= 0 else (Counter(), Counter())
                 for cs, k in zip(cands, choice, strict=True)]
    out: list[Place | None] = [None] * len(toponyms)
    for g, n in enumerate(names):
        p = cands[g][choice[g]].place if choice[g] >= 0 else None
        if abstain and p is not None and p.feature_class == "P" \
                and p.population < w.unsure_population and margins[g] < w.unsure_margin:
            p = None
        for i in groups[n]:
            out[i] = p
    return out


def _add(total: Counter, votes: Counter, weight: float) -> Counter:
    """Add `votes` times `weight` to `total` (in place) and return it."""
    for k, v in votes.items():
        total[k] += v * weight
    return total


def _margin(cs: tuple[Candidate, ...], scores: list[float], best: int, far_km: float) -> float:
    """How far the best reading's score is above the best reading more than `far_km` away."""
    b = cs[best].place
    far = [s for c, s in zip(cs, scores, strict=True) if _approx_km(c.place, b) > far_km]
    return scores[best] - max(far) if far else 99.0


# "Kani township", "the village of X": a local place, in the area the article is about.
_LOCAL_AFTER = re.compile(r"\s+(?:township|village|town|district|subdistrict|sub-district|"
                          r"county|municipality|commune|tehsil|locality)\b", re.IGNORECASE)
_LOCAL_BEFORE = re.compile(r"\b(?:village|town|township|hamlet|district|locality)\s+of\s+$",
                           re.IGNORECASE)


def localise(toponyms: list[Toponym], places: list[Place | None], text: str, *,
             settings: GeoparseSettings | None = None) -> list[Place | None]:
    """A small town abroad named as a local place ("Kani township") in an article about
    one country is a place there that the gazetteer lacks: it becomes the admin area of
    that country named nearest in the text, or stays unresolved (never the homonym abroad).
    """
    w = settings or packaged_settings().geoparse
    names: dict[str, str] = {}
    for t, p in zip(toponyms, places, strict=True):
        if p is not None:
            names.setdefault(t.text.lower(), p.country_code)
    out = list(places)
    for i, (t, p) in enumerate(zip(toponyms, places, strict=True)):
        if (p is None or p.feature_class != "P" or p.population >= w.localise_max_population
                or not (_LOCAL_AFTER.match(text, t.end)
                        or _LOCAL_BEFORE.search(text, max(0, t.start - 30), t.start))):
            continue
        others = Counter(cc for n, cc in names.items() if n != t.text.lower())
        if not others:
            continue
        focus, n = others.most_common(1)[0]
        if (focus == p.country_code or n < w.localise_min_names
                or n * 2 <= sum(others.values())
                or any(c.place.country_code == focus for c in t.candidates)):
            continue
        areas = [(abs(toponyms[k].start - t.start), q) for k, q in enumerate(places)
                 if q is not None and q.country_code == focus and q.feature_class == "A"
                 and q.feature_code in ("ADM1", "ADM2")]
        out[i] = min(areas, key=lambda a: a[0])[1] if areas else None
    return out


def drop_stray(toponyms: list[Toponym], places: list[Place | None], *,
               neighbours_of: Callable[[str], tuple[str, ...]],
               settings: GeoparseSettings | None = None) -> list[Place | None]:
    """Unresolve a small town in a far country in an article about another country
    ("Golan" read as an Iranian village in a report on Syria): such a reading is a
    homonym of a place the gazetteer lacks far more often than a real mention.
    """
    w = settings or packaged_settings().geoparse
    names: dict[str, str] = {}
    for t, p in zip(toponyms, places, strict=True):
        if p is not None:
            names.setdefault(t.text.lower(), p.country_code)
    counts = Counter(names.values()).most_common(1)
    if not counts or len(names) < w.stray_min_names:
        return places
    focus, n = counts[0]
    if n * 2 <= len(names):
        return places
    near = {focus, *neighbours_of(focus)}
    return [None if p is not None and p.feature_class == "P"
            and p.population < w.stray_max_population
            and p.country_code not in near and not any(
                c.place.country_code in near for c in t.candidates) else p
            for t, p in zip(toponyms, places, strict=True)]


def drop_alternates(toponyms: list[Toponym], places: list[Place | None], *,
                    settings: GeoparseSettings | None = None) -> list[Place | None]:
    """Unresolve a town chosen under a name that is only its alternate (a former or local
    name) when the name is some other place's own name, unless the town is far bigger than
    all of those (`Palmyra`): such a reading won mostly because the place meant is missing
    from the gazetteer or the name is no place at all (measured on the dev sets)."""
    w = settings or packaged_settings().geoparse
    out = list(places)
    for i, (t, p) in enumerate(zip(toponyms, places, strict=True)):
        if p is None or p.feature_class != "P" or p.population >= w.alternate_max_population:
            continue
        chosen = next((c for c in t.candidates if c.place.geonameid == p.geonameid), None)
        own = max((c.place.population for c in t.candidates if c.is_primary), default=-1)
        if chosen is not None and chosen.is_alternate and own >= 0 and not (
                p.population >= w.big_alternate and p.population >= w.alternate_ratio * own):
            out[i] = None
    return out


def _keys(p: Place) -> tuple[str, str]:
    a1 = f"{p.country_code}.{p.admin1_code}" if p.admin1_code else ""
    a2 = f"{a1}.{p.admin2_code}" if a1 and p.admin2_code else ""
    return a1, a2


def _exists(cands: list[tuple[Candidate, ...]], priors: list[list[float]],
            top: int) -> list[tuple[set[str], set[str]]]:
    """For each name, the admin1 and admin2 areas that one of its likelier readings is in."""
    out = []
    for cs, pr in zip(cands, priors, strict=True):
        order = sorted(range(len(cs)), key=lambda k, pr=pr: -pr[k])[:top]
        a1s, a2s = set(), set()
        for k in order:
            a1, a2 = _keys(cs[k].place)
            if a1 and cs[k].place.feature_code != "PCLI":
                a1s.add(a1)
            if a2:
                a2s.add(a2)
        out.append((a1s, a2s))
    return out


def _coherence(p: Place, g: int, exists: list[tuple[set[str], set[str]]], total: float,
               w: GeoparseSettings) -> float:
    """How many other names can be read as places in the same admin1/admin2 area as `p`
    ("Athens" and "Henderson County" are both in Texas; "Huntsville" is in "Walker County")."""
    a1, a2 = _keys(p)
    if not a1 or p.feature_code == "PCLI":
        return 0.0
    n1 = n2 = 0
    for k, (a1s, a2s) in enumerate(exists):
        if k == g:
            continue
        n1 += a1 in a1s
        n2 += bool(a2) and a2 in a2s
    return ((w.admin1_exists * min(n1, w.admin1_exists_cap)
             + w.admin2_exists * min(n2, w.admin2_exists_cap))
            / max(1.0, min(total, w.coherence_names_cap)))


def _neighbours(cands: list[tuple[Candidate, ...]], priors: list[list[float]],
                neighbours_of: Callable[[str], tuple[str, ...]]) -> list[set[str]]:
    """For each name, the countries bordering the country it most likely is in."""
    out: list[set[str]] = []
    for cs, pr in zip(cands, priors, strict=True):
        best = cs[max(range(len(cs)), key=lambda k, pr=pr: pr[k])].place.country_code if cs else ""
        out.append(set(neighbours_of(best)) if best else set())
    return out


def _soft_vote(cs: tuple[Candidate, ...], pr: list[float]) -> tuple[Counter, Counter]:
    """Every reading of a name votes, weighted by its prior, so a wrong first guess
    ("Georgia" the country) cannot lock the article's focus."""
    countries: Counter = Counter()
    admin1s: Counter = Counter()
    if not cs:
        return countries, admin1s
    top = max(pr)
    weights = [math.exp(p - top) for p in pr]
    total = sum(weights)
    for c, wt in zip(cs, weights, strict=True):
        p = c.place
        countries[p.country_code] += wt / total
        if p.admin1_code and p.feature_code != "PCLI":
            admin1s[f"{p.country_code}.{p.admin1_code}"] += wt / total
    return countries, admin1s


def _hard_vote(p: Place) -> tuple[Counter, Counter]:
    a = Counter({f"{p.country_code}.{p.admin1_code}": 1.0}) if (
        p.admin1_code and p.feature_code != "PCLI") else Counter()
    return Counter({p.country_code: 1.0}), a


def _local(p: Place, mentions: list[int], by_mention: list[Place | None], others: list[Place],
           toponyms: list[Toponym], text: str, w: GeoparseSettings) -> float:
    s = 0.0
    # "Tal Afar, Nineveh" / "Springfield, Ill.": the next toponym contains this one.
    for idx in mentions:
        if idx + 1 < len(toponyms):
            nxt = by_mention[idx + 1]
            between = text[toponyms[idx].end:toponyms[idx + 1].start]
            if nxt is not None and between.strip() in (",", ", in", "in", "(", ", near") \
                    and _contains(nxt, p):
                s += w.hierarchy
                break
    if others and p.feature_class == "P":
        near = min((_approx_km(p, o) for o in others if o.feature_class == "P"), default=1e9)
        if near < w.nearby_km:
            s += w.nearby
        elif near < w.nearby_far_km:
            s += w.nearby / 2
    return s


def _approx_km(a: Place, b: Place) -> float:
    """Equirectangular distance: exact enough under a few hundred km, and cheap."""
    dy = a.latitude - b.latitude
    dx = (a.longitude - b.longitude) * math.cos(math.radians((a.latitude + b.latitude) / 2))
    return KM_PER_DEGREE * math.hypot(dx, dy)


def _contains(outer: Place, inner: Place) -> bool:
    if outer.feature_code.startswith("PCL"):
        return inner.country_code == outer.country_code
    if outer.feature_code == "ADM1":
        return (inner.country_code, inner.admin1_code) == (outer.country_code, outer.admin1_code)
    if outer.feature_code == "ADM2":
        return inner.admin2_code == outer.admin2_code and inner.admin1_code == outer.admin1_code
    return False
