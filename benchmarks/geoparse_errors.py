"""Error analysis for the geoparser on a labelled dev set: resolution errors over 161 km
counted by kind, with examples, and the commonest missed and spurious names.

    python benchmarks/geoparse_errors.py [DATA] [--limit N] [--show N] [--kind KIND]
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
from collections import Counter, defaultdict
from pathlib import Path

from conflictwire.geo.gazetteer import Gazetteer
from conflictwire.geo.geoparse import geoparse
from conflictwire.geo.toponyms import recognise
from conflictwire.models import Article, Place

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "geoparse" / "lgl.jsonl.gz"


def km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    dp, dl = p2 - p1, math.radians(b_lon - a_lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _kind(gold: dict, p: Place, gp: Place | None, cands: list[Place]) -> str:
    """What went wrong, from what the gazetteer offered."""
    near = [c for c in cands if km(gold["lat"], gold["lon"], c.latitude, c.longitude) <= 161]
    if gp is not None and gp.geonameid == p.geonameid:
        return f"same entry, point differs ({p.feature_code})"
    if not cands:
        return "no candidates?"
    if not near:
        what = "gold not in gazetteer" if gp is None else "gold in gaz, other key"
        return f"{what}: no candidate within 161 km"
    gc = gp.country_code if gp else near[0].country_code
    if p.country_code != gc:
        if p.feature_code.startswith("PCL"):
            return "chose a country, gold is elsewhere"
        if any(c.feature_code.startswith("PCL") for c in near):
            return "chose a town abroad, gold is the country"
        return f"wrong country (chose {p.country_code}, gold {gc})"
    g_a1 = gp.admin1_code if gp else near[0].admin1_code
    if p.admin1_code != g_a1:
        return f"same country {gc}, wrong admin1 ({p.feature_code} vs {near[0].feature_code})"
    return f"same admin1, far ({p.feature_code} vs {near[0].feature_code})"


def _supported(gp: Place, g: dict, golds: list[dict], text: str, gaz: Gazetteer) -> bool:
    """Whether another distinct name in the article is, by the gold, in the same admin1."""
    name = text[g["start"]:g["end"]].lower()
    for o in golds:
        if text[o["start"]:o["end"]].lower() == name or not o.get("geonameid"):
            continue
        op = gaz.place(o["geonameid"])
        if op is not None and op.country_code == gp.country_code and (
                op.admin1_code == gp.admin1_code) and op.feature_code != "PCLI":
            return True
    return False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path, default=DATA)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--show", type=int, default=4, help="examples shown per kind")
    ap.add_argument("--kind", help="show every example of kinds containing this text")
    ap.add_argument("--save", type=Path, help="write the predictions as JSON lines")
    a = ap.parse_args()
    with gzip.open(a.data, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()][: a.limit]
    gaz = Gazetteer.open()
    kinds: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    missed: Counter = Counter()
    spurious: Counter = Counter()
    errs: list[float] = []
    out = []
    for r in rows:
        text = r["text"]
        art = Article(id=str(r["id"]), text=text, title=r.get("title"))
        mentions = [m for m in geoparse(art, gazetteer=gaz, abstain=True) if m.value is not None]
        cands = {(t.start, t.end): [c.place for c in t.candidates] for t in recognise(text, gaz)}
        out.append({"id": r["id"], "toponyms": [
            {"start": m.start, "end": m.end, "text": m.text, "geonameid": m.value.geonameid}
            for m in mentions]})
        used: set[int] = set()
        for g in r["toponyms"]:
            hit = next((i for i, m in enumerate(mentions) if i not in used
                        and m.start < g["end"] and g["start"] < m.end), None)
            if hit is None:
                missed[text[g["start"]:g["end"]]] += 1
                continue
            used.add(hit)
            m = mentions[hit]
            p = m.value
            e = km(g["lat"], g["lon"], p.latitude, p.longitude)
            errs.append(e)
            if e <= 161:
                continue
            gp = gaz.place(g["geonameid"]) if g.get("geonameid") else None
            k = _kind(g, p, gp, cands.get((m.start, m.end), []))
            if gp is not None and _supported(gp, g, r["toponyms"], text, gaz):
                k += " [other names in its admin1]"
            kinds[k] += 1
            ctx = text[max(0, m.start - 50):m.end + 40].replace("\n", " ")
            gname = f"{gp.name},{gp.admin1_code},{gp.country_code}" if gp else g.get("name")
            examples[k].append(f"{r['id']} {m.text!r} -> {p.name},{p.admin1_code},"
                               f"{p.country_code} {p.feature_code} pop={p.population} | gold "
                               f"{gname} {e:.0f} km | …{ctx}…")
        for i, m in enumerate(mentions):
            if i not in used:
                spurious[m.text] += 1
    n = len(errs)
    print(f"{len(rows)} articles, {n} matched, acc_161km "
          f"{sum(e <= 161 for e in errs) / max(n, 1):.4f}, errors > 161 km: {sum(kinds.values())}")
    for k, c in kinds.most_common():
        print(f"\n{c:4d}  {k}")
        show = len(examples[k]) if a.kind and a.kind in k else a.show
        for ex in examples[k][:show]:
            print("      ", ex)
    print("\nmissed:", ", ".join(f"{t} {c}" for t, c in missed.most_common(40)))
    print("\nspurious:", ", ".join(f"{t} {c}" for t, c in spurious.most_common(40)))
    if a.save:
        a.save.write_text("".join(json.dumps(o) + "\n" for o in out), encoding="utf-8")


if __name__ == "__main__":
    main()
