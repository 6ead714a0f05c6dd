"""Score the argument extractors alone (fatalities, dates) on the dev event sets, and time them.

    python benchmarks/args_dev.py [--limit N]

Per article: the killed count is taken two ways over its reportable sentences (title
first): the largest ("max"), and the first non-zero one ("lead", as news leads give the
toll of the main event; an estimate for unnumbered deaths counts only when no figure
follows). The date comes from the first sentence with a casualty or event word, resolved
against the publication date with the lead as context. Gold: events[0] of each row.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import time
from datetime import date, datetime
from pathlib import Path

from conflictwire.coding.dates import resolve_date
from conflictwire.coding.factuality import assess
from conflictwire.coding.fatalities import count_fatalities
from conflictwire.coding.sentences import split_sentences

# ../shared/data from the repo root; a worktree elsewhere points at it with the variable.
DATA = Path(os.environ.get("CONFLICTWIRE_SHARED_DATA")
            or Path(__file__).resolve().parents[1].parent / "shared" / "data") / "events"
EVENT_WORD = re.compile(
    r"\b(?:kill|dead|died|attack|clash|bomb|shell|strike|explo|fire|shot|raid|ambush|"
    r"massacre|execut|wound|injur|casualt|protest|abduct)", re.I)


def parse_published(value: str | None) -> date | None:
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%m/%d/%y", "%m/%d/%Y"):
        try:
            return datetime.strptime(value[:10], fmt).date()
        except ValueError:
            continue
    return None


def code_article(row: dict) -> tuple[int, int, date | None, int]:
    """(max killed, first non-zero killed, event date, sentences) for one article."""
    text = row["text"]
    sentences = [text[s:e] for s, e in split_sentences(text)]
    if row.get("title"):
        sentences.insert(0, row["title"])
    published = parse_published(row.get("published"))
    lead = sentences[0] if sentences else ""
    killed, lead_killed, estimate, when = 0, 0, 0, None
    for sentence in sentences:
        if not assess(sentence).reportable:
            continue
        counted = count_fatalities(sentence)
        killed = max(killed, counted.killed)
        if counted.estimated:  # an explicit figure later in the article wins
            estimate = estimate or counted.killed
        else:
            lead_killed = lead_killed or counted.killed
        if when is None and EVENT_WORD.search(sentence):
            when = resolve_date(sentence, published=published, context=lead)[0]
    if when is None:
        when = published
    return killed, lead_killed or estimate, when, len(sentences)


def score(path: Path, limit: int | None) -> dict:
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            rows.append(json.loads(line))
            if limit and len(rows) >= limit:
                break
    fat = fat_n = nz = nz_n = day = day_n = n_sent = lead = lead_nz = 0
    t = time.perf_counter()
    for row in rows:
        killed, lead_killed, when, n = code_article(row)
        n_sent += n
        gold = row["events"][0]
        lo = gold.get("fatalities_low", gold.get("fatalities"))
        hi = gold.get("fatalities_high", gold.get("fatalities"))
        if lo is not None:
            fat_n += 1
            fat += lo <= killed <= hi
            lead += lo <= lead_killed <= hi
            if hi:
                nz_n += 1
                nz += lo <= killed <= hi
                lead_nz += lo <= lead_killed <= hi
        if gold.get("event_date"):
            day_n += 1
            day += when is not None and when.isoformat() == gold["event_date"]
    dt = time.perf_counter() - t
    return {"rows": len(rows), "fatalities_acc": round(fat / max(fat_n, 1), 4),
            "fatalities_acc_nonzero": round(nz / max(nz_n, 1), 4),
            "lead_fatalities_acc": round(lead / max(fat_n, 1), 4),
            "lead_fatalities_acc_nonzero": round(lead_nz / max(nz_n, 1), 4),
            "date_acc": round(day / day_n, 4) if day_n else None,
            "ms_per_sentence": round(1000 * dt / max(n_sent, 1), 4),
            "articles_per_s": round(len(rows) / dt, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    for name in ("ucdp_ged_syria_headlines.jsonl.gz", "fakes_syria_dev.jsonl.gz"):
        print(name, score(DATA / name, args.limit))


if __name__ == "__main__":
    main()
