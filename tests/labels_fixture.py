"""A small data root with one source file of each format the labels read, and label sets
pointing into it; every text is written for the tests."""

from __future__ import annotations

import gzip
import hashlib
import json
import zipfile
from pathlib import Path

# Set names the splits know: the first is a train set, the second a dev set.
TRAIN_SET, DEV_SET = "ucdp_headlines", "satp_insightcrime"

WIRE = [  # JSON lines, gzipped, keyed by `id`; "w-2" is repeated with another text
    {"id": "w-1", "title": "Militia shells a village near the river",
     "text": "Mortar rounds fell on Farmtown overnight. Two houses burned."},
    {"id": "w-2", "title": "Council meets", "text": "The council met to discuss the budget."},
    {"id": "w-2", "title": "Council meets", "text": "Gunmen stormed the council hall at noon."},
]
DOCS = [{"doc_id": "17", "doc_text": "Police fired tear gas at marchers. Nobody was hurt."}]
# JSON lines under a `.json.gz` name, keyed by `docid`.
REPORTS = [{"docid": "RPT-0001", "doctext": "rebels blew up a power pylon in the hills."}]
TOKENS = [{"doc_id": "tok_1", "tokens": ["A", "drone", "hit", "the", "depot", "."]}]
# One JSON array on one line inside a zip; the same input (hash 41) annotated twice.
ANNOTATED = [
    {"_input_hash": 41, "text": "Protesters blocked the highway for an hour."},
    {"_input_hash": 41, "text": "Protesters blocked the highway for an hour.", "answer": "x"},
    {"_input_hash": -7, "text": "The mayor opened a new bridge."},
]
# A JSON array in a `.txt` file.
GOLD = [{"id": "GOLD-ASSAULT-0001", "text": "Soldiers beat two farmers at a checkpoint."}]
EXTRACTED = [{"id": "page-1", "html": "<p>x</p>",
              "gold_text": "The striker scored twice in the derby."}]
# An object keyed by version, as the fundus parser test data is.
VERSIONS = {"V1": {"body": {"sections": [
    {"headline": [], "paragraphs": ["Flood waters rose.", "Rescuers waded in."]},
    {"headline": ["Later"], "paragraphs": ["A dam was breached at dawn."]}]}}}
# Tab-separated lines; a form feed inside line 1 must not shift the line count, and line 2
# ends in "\r\n".
TSV = ("a farmer\x0cfound an old shell in his field.\t0\n"
       "insurgents ambushed an army patrol on the ridge.\t1\r\n"
       "the fair opened with a parade.\t0\n")

FILES = {
    "wire.jsonl.gz": "wire", "docs.jsonl.gz": "docs", "reports.json.gz": "reports",
    "tok/dev.jsonl": "tokens", "annot/labeled.jsonl.zip": "annotated", "gold/GOLD.txt": "gold",
    "extract/pages.jsonl.gz": "extracted", "parser/test_data/xx/Outlet.json": "versions",
    "task/dev.tsv": "tsv",
}


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def write_data(root: Path) -> Path:
    """Write every source file under `root`; returns `root`."""
    def lines(rows: list[dict]) -> bytes:
        return "".join(json.dumps(r) + "\n" for r in rows).encode("utf-8")

    for rel in FILES:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / "wire.jsonl.gz").write_bytes(gzip.compress(lines(WIRE)))
    (root / "docs.jsonl.gz").write_bytes(gzip.compress(lines(DOCS)))
    (root / "reports.json.gz").write_bytes(gzip.compress(lines(REPORTS)))
    (root / "tok/dev.jsonl").write_bytes(lines(TOKENS))
    with zipfile.ZipFile(root / "annot/labeled.jsonl.zip", "w") as archive:
        archive.writestr("labeled.jsonl", json.dumps(ANNOTATED))
        archive.writestr("__MACOSX/._labeled.jsonl", "resource fork")
    (root / "gold/GOLD.txt").write_text(json.dumps(GOLD, indent=4), encoding="utf-8")
    (root / "extract/pages.jsonl.gz").write_bytes(gzip.compress(lines(EXTRACTED)))
    (root / "parser/test_data/xx/Outlet.json").write_text(json.dumps(VERSIONS, indent=2),
                                                          encoding="utf-8")
    (root / "task/dev.tsv").write_bytes(TSV.encode("utf-8"))
    return root


def label(item: str, file: str, record: object, field: str, text: str, passage: str, *,
          sub_event_type: str | None = None, with_sha1: bool = True, **extra: object) -> dict:
    """A label row for `passage`, found in the field's `text`."""
    start = text.index(passage)
    row = {"item": item, "file": file, "record": record, "field": field, "start": start,
           "end": start + len(passage), "sub_event_type": sub_event_type, "other_types": [],
           "negative_kind": None if sub_event_type else "other", "hard_negative": False,
           "tags": [], "actor1": "", "assoc_actor_1": "", "actor2": "", "assoc_actor_2": "",
           "reason": "", "labeller": "T"}
    if with_sha1:
        row["sha1"] = sha1(passage)
    row.update(extra)
    return row


PARAGRAPHS = "Flood waters rose.\nRescuers waded in.\nA dam was breached at dawn."
TSV_LINE_2 = "insurgents ambushed an army patrol on the ridge."

# item -> the passage it must load
TRAIN_LABELS = [
    (label("t-01", "wire.jsonl.gz", "w-1", "text", WIRE[0]["text"], "Two houses burned.",
           sub_event_type="Shelling/artillery/missile attack", actor1="Militia (Testland)",
           tags=["alleged"], other_types=["Looting/property destruction"]),
     "Two houses burned."),
    (label("t-02", "wire.jsonl.gz", "w-1", "title", WIRE[0]["title"], WIRE[0]["title"]),
     WIRE[0]["title"]),
    (label("t-03", "wire.jsonl.gz", "w-2#2", "text", WIRE[2]["text"], WIRE[2]["text"],
           sub_event_type="Attack"), WIRE[2]["text"]),
    (label("t-04", "docs.jsonl.gz", 17, "doc_text", DOCS[0]["doc_text"], "Nobody was hurt.",
           with_sha1=False, hard_negative=True), "Nobody was hurt."),
    (label("t-05", "reports.json.gz", "RPT-0001", "doctext", REPORTS[0]["doctext"],
           "rebels blew up a power pylon"), "rebels blew up a power pylon"),
    (label("t-06", "tok/dev.jsonl", "tok_1", 'tokens joined by " "', "A drone hit the depot .",
           "drone hit the depot"), "drone hit the depot"),
    (label("t-07", "annot/labeled.jsonl.zip", 41, "text", ANNOTATED[0]["text"],
           ANNOTATED[0]["text"], sub_event_type="Peaceful protest"), ANNOTATED[0]["text"]),
]
DEV_LABELS = [
    (label("d-01", "annot/labeled.jsonl.zip", -7, "text", ANNOTATED[2]["text"], "new bridge"),
     "new bridge"),
    (label("d-02", "gold/GOLD.txt", "GOLD-ASSAULT-0001", "text", GOLD[0]["text"],
           GOLD[0]["text"], sub_event_type="Attack"), GOLD[0]["text"]),
    (label("d-03", "extract/pages.jsonl.gz", "page-1", "gold_text", EXTRACTED[0]["gold_text"],
           "scored twice"), "scored twice"),
    (label("d-04", "parser/test_data/xx/Outlet.json", "test_data/xx/Outlet.json#V1",
           'body.sections[].paragraphs joined by "\\n"', PARAGRAPHS,
           "Rescuers waded in.\nA dam was breached"), "Rescuers waded in.\nA dam was breached"),
    (label("d-05", "task/dev.tsv", "line:2", "col:1", TSV_LINE_2, "ambushed an army patrol",
           sub_event_type="Armed clash"), "ambushed an army patrol"),
    (label("d-06", "task/dev.tsv", "line:3", "col:2", "0", "0"), "0"),
]


def write_labels(folder: Path, sets: dict[str, list[dict]] | None = None) -> Path:
    """Write label sets (default: the train and dev sets above) as SET.jsonl in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    if sets is None:
        sets = {TRAIN_SET: [r for r, _ in TRAIN_LABELS], DEV_SET: [r for r, _ in DEV_LABELS]}
    for name, rows in sets.items():
        (folder / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows),
                                              encoding="utf-8")
    return folder
