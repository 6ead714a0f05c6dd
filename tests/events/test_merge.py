"""Merging reports into events: same event or not, stable ids, reconciled fields."""

from __future__ import annotations

import math
import random
from datetime import date

from _factories import article, report
from conflictwire.events.merge import (
    cells_near,
    event_id_for,
    grid_cell,
    merge,
    reconcile,
    same_event,
)
from conflictwire.geo.sphere import KM_PER_DEGREE, great_circle_km


def _two(**second):
    a, b = article("First wire story about Mosul."), article("Second outlet on Mosul.",
                                                             source="Other Wire")
    return report(a, fatalities=4), report(b, **{"fatalities": 6, **second})


def test_reports_of_one_event_from_two_sources_merge():
    r1, r2 = _two(day=date(2024, 3, 5), place="Mosul outskirts",
                  sub="Shelling/artillery/missile attack")
    [event] = merge([r1, r2])
    assert set(event.report_ids) == {r1.report_id, r2.report_id}
    rec = event.record
    assert rec["fatalities"] == 4  # the lowest figure any source gives
    assert rec["geo_precision"] == 1 and rec["location"] == "Mosul"  # the most specific place
    assert rec["source"] == "Test Wire; Other Wire"
    assert rec["event_id"] == event.event_id


def test_different_day_place_type_or_actors_stay_apart():
    base = report(article("Base story."))
    other = article("Other story.")
    assert not same_event(base, report(other, day=date(2024, 3, 7)))
    assert not same_event(base, report(other, place="Idlib"))
    assert not same_event(base, report(other, sub="Armed clash"))
    assert not same_event(base, report(other, actor1="Military Forces of Russia (2000-)"))
    assert not same_event(base, report(other, place=""))  # no place: cannot tell
    assert not same_event(base, report(other, day=None))
    assert same_event(base, report(other, actor1="Unidentified Armed Group (Iraq)"))
    assert same_event(base, report(other, sub="Shelling/artillery/missile attack"))
    # A date known only to the week may match a day within it.
    assert same_event(base, report(other, day=date(2024, 3, 8), precision=2))


def test_protests_and_riots_can_merge_but_strategic_developments_only_with_their_own():
    a, b = article("Rally story."), article("Clashes at rally story.")
    protest = report(a, place="Kharkiv", sub="Peaceful protest", actor1="Protesters (Ukraine)")
    riot = report(b, place="Kharkiv", sub="Violent demonstration", actor1="Rioters (Ukraine)")
    arrests = report(b, place="Kharkiv", sub="Arrests", actor1="Police Forces of Ukraine", n=1)
    assert same_event(protest, riot)
    assert not same_event(protest, arrests)


def test_event_ids_are_stable_and_order_independent():
    r1, r2 = _two()
    r3 = report(article("Unrelated Idlib story."), place="Idlib")
    forward = merge([r1, r2, r3])
    backward = merge([r3, r2, r1])
    assert {e.event_id: e.report_ids for e in forward} == {
        e.event_id: e.report_ids for e in backward
    }
    first = min((r1, r2), key=lambda r: (r.event_date, r.report_id))
    assert event_id_for(first) in {e.event_id for e in forward}


def test_new_report_joins_a_stored_event_and_keeps_its_id():
    r1, r2 = _two()
    [stored] = merge([r1])
    [updated] = merge([r2], existing={stored.event_id: [r1]})
    assert updated.event_id == stored.event_id
    assert set(updated.report_ids) == {r1.report_id, r2.report_id}
    # A report already in a stored event changes nothing, so no event is returned.
    assert merge([r1], existing={stored.event_id: [r1]}) == []


def test_complete_link_stops_chains():
    # Each is within a day of the next, but the ends are two days apart.
    arts = [article(f"Chain story {i}.") for i in range(3)]
    reps = [report(a, day=date(2024, 3, 4 + i)) for i, a in enumerate(arts)]
    events = merge(reps)
    assert len(events) == 2
    assert sorted(len(e.report_ids) for e in events) == [1, 2]


def test_reconcile_date_fatalities_and_tags():
    a, b, c = (article(f"Story {i}.") for i in range(3))
    reps = [
        report(a, day=date(2024, 3, 4), fatalities=0),
        report(b, day=date(2024, 3, 5), fatalities=9),
        report(c, day=date(2024, 3, 5), fatalities=12, precision=1),
    ]
    rec = reconcile("e1", reps)
    assert rec["event_date"] == "2024-03-05"  # most reports agree
    assert rec["fatalities"] == 9  # lowest figure given; a report silent on deaths is not 0
    assert rec["time_precision"] == 1
    assert reconcile("e2", [report(a)])["fatalities"] == 0


def test_a_later_article_revises_the_toll_whatever_the_arrival_order():
    early = article("Strike on the market, officials say.", published=date(2024, 3, 5))
    same_day = article("Another early account of the strike.", published=date(2024, 3, 5))
    later = article("Toll of the market strike rises.", published=date(2024, 3, 6))
    reps = [report(early, fatalities=4), report(same_day, fatalities=6),
            report(later, fatalities=9)]
    for order in (reps, reps[::-1], [reps[1], reps[2], reps[0]]):
        assert reconcile("e", order)["fatalities"] == 9
    # Among the latest-published accounts the lowest figure stands.
    assert reconcile("e", reps[:2])["fatalities"] == 4


def test_grid_cells_near_a_point_cover_every_point_within_the_radius():
    rng = random.Random(3)
    for _ in range(3000):
        lat = rng.uniform(-80, 80)
        lon = rng.choice([rng.uniform(-180, 180), rng.uniform(179.5, 180), -179.9])
        km = rng.choice([2.0, 10.0, 25.0])
        # A point up to `km` away in a random direction.
        bearing, dist = rng.uniform(0, 2 * math.pi), rng.uniform(0, km) * 0.999
        dlat = dist / KM_PER_DEGREE * math.cos(bearing)
        dlon = dist / (KM_PER_DEGREE * math.cos(math.radians(lat + dlat))) * math.sin(bearing)
        lat2, lon2 = lat + dlat, (lon + dlon + 180) % 360 - 180
        assert great_circle_km(lat, lon, lat2, lon2) <= km
        assert grid_cell(lat2, lon2) in cells_near(lat, lon, km), (lat, lon, lat2, lon2, km)


def _reference_merge(reports, existing):
    """`merge` as first written: every event with a report in a grid cell near the new one (or
    at its GeoNames id) is a candidate, whatever its dates; the gates and score decide."""
    from conflictwire.events.merge import _best_group, _order_key
    from conflictwire.settings import packaged_settings

    defaults = packaged_settings().merge
    groups = {k: list(v) for k, v in existing.items()}
    options, records = defaults.match, {}
    for r in sorted(reports, key=_order_key):
        loc = r.location
        near = cells_near(loc.latitude, loc.longitude, defaults.max_km)
        candidates = sorted(
            eid for eid, members in groups.items()
            if any(grid_cell(m.location.latitude, m.location.longitude) in near
                   or (loc.geonameid is not None and m.location.geonameid == loc.geonameid)
                   for m in members))
        eid = _best_group(r, groups, candidates, options, records) or event_id_for(r)
        groups.setdefault(eid, []).append(r)
    return groups


def test_date_indexes_never_drop_an_event_a_report_could_join():
    from _dense import dense_batches

    # Four months of reports at day, week and month precision around one city.
    reports = [r for b in dense_batches(400, seed=11, days=120) for r in b.reports]
    reports = list({r.report_id: r for r in reports}.values())
    stored, new = reports[:300], reports[300:]
    existing = {e.event_id: [r for r in stored if r.report_id in e.report_ids]
                for e in merge(stored)}
    want = _reference_merge(new, existing)
    got = {e.event_id: set(e.report_ids) for e in merge(new, existing=existing)}
    assert got == {eid: {r.report_id for r in members} for eid, members in want.items()
                   if any(r in new for r in members)}
    assert sum(len(ids) > 1 for ids in got.values()) > 20  # reports really were merged
    assert any(len(ids & {r.report_id for r in stored}) for ids in got.values())
