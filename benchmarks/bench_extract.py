"""Benchmark HTML extraction: conflictwire's reader against trafilatura alone on the same pages
in the same run, pages per second and word-level F1 against the gold text.

Reads the Scrapinghub article-extraction pages in ../shared/data/extract, writes them as
HTML files and as JSON lines, and times, in turns so that load changes hit both alike:
trafilatura's `bare_extraction` with conflictwire's options on the page text, and
conflictwire's `read_inputs` on the files (reading, decoding, extraction, metadata).
Target (issue 21): conflictwire at least 0.8x trafilatura's speed, F1 held.

    python benchmarks/bench_extract.py [--limit N] [--rounds N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "extract"
_WORDS = re.compile(r"\w+")


def f1(found: str, gold: str) -> float:
    """Word-bag F1 of extracted text against the gold text."""
    a, b = Counter(_WORDS.findall(found.lower())), Counter(_WORDS.findall(gold.lower()))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    opts = parser.parse_args()
    import trafilatura

    from conflictwire.ingest.readers import read_inputs
    from conflictwire.models import Article

    with gzip.open(DATA / "scrapinghub_aeb.jsonl.gz", "rt", encoding="utf-8") as fh:
        pages = [json.loads(line) for _, line in zip(range(opts.limit), fh, strict=False)]
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, page in enumerate(pages):
            path = Path(tmp) / f"page{i:04d}.html"
            path.write_text(page["html"], encoding="utf-8")
            files.append(str(path))

        def alone() -> list[str]:
            out = []
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for page in pages:
                    doc = trafilatura.bare_extraction(
                        page["html"], url=page["url"], with_metadata=True,
                        include_comments=False, include_tables=False)
                    out.append((doc.text or "") if doc is not None else "")
            return out

        def ours() -> list[str]:
            return [item.text if isinstance(item, Article) else ""
                    for item in read_inputs(files)]

        times: dict[str, list[float]] = {"trafilatura": [], "conflictwire": []}
        texts: dict[str, list[str]] = {}
        for _ in range(opts.rounds):
            for name, fn in (("trafilatura", alone), ("conflictwire", ours)):
                started = time.perf_counter()
                texts[name] = fn()
                times[name].append(time.perf_counter() - started)
    speed = {k: round(len(pages) / min(v), 2) for k, v in times.items()}
    scores = {k: round(sum(f1(t, p["gold_text"]) for t, p in zip(v, pages, strict=True))
                       / len(pages), 4) for k, v in texts.items()}
    print(json.dumps({"pages": len(pages), "pages_per_s": speed,
                      "ratio": round(speed["conflictwire"] / speed["trafilatura"], 3),
                      "word_f1": scores}, indent=1))


if __name__ == "__main__":
    main()
