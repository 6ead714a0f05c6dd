"""The labelled real passages of labels/events, each read with its text from the data folder
its label points into (../shared/data): training and scoring data for the classifier."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import (
    LabelDataMissing,
    LabelError,
    LabelRecordMissing,
    LabelSourceMissing,
    LabelTextMismatch,
)

# By source, so that dev measures transfer to outlets, regions and registers the learner has
# not seen (labels/README.md): South Asian incident summaries, Latin American crime analysis
# and Indian communal riots are held out.
SPLITS: dict[str, tuple[str, ...]] = {
    "train": ("ucdp_headlines", "fakes_sentences", "muc_wikievents_halterman", "plover_bbc",
              "general_news"),
    "dev": ("satp_insightcrime", "india_police"),
}
DEFAULT_LABELS_DIR = Path("labels") / "events"
DATA_ENV_VARS = ("CONFLICTWIRE_DATA", "CONFLICTWIRE_SHARED_DATA")
# The fields a source record's own id can sit in, as the labelling guide lists them.
ID_KEYS = ("id", "doc_id", "docid", "_input_hash")
_JOINED = re.compile(r'^(?P<path>.+?) joined by (?P<sep>".*")$')
_COLUMN = re.compile(r"^col:(?P<k>[1-9]\d*)$")
_LINE = re.compile(r"^line:(?P<n>[1-9]\d*)$")


@dataclass(frozen=True, slots=True)
class LabelledPassage:
    """One labelled item and its passage; `sub_event_type` None means no event."""

    item: str
    set_name: str
    text: str
    sub_event_type: str | None
    other_types: tuple[str, ...]
    negative_kind: str | None
    hard_negative: bool
    tags: tuple[str, ...]
    actor1: str
    assoc_actor_1: str
    actor2: str
    assoc_actor_2: str
    reason: str
    file: str
    record: str

    @property
    def split(self) -> str | None:
        return split_of(self.set_name)


def default_data_root() -> Path:
    """$CONFLICTWIRE_DATA (or $CONFLICTWIRE_SHARED_DATA), else ../shared/data from here."""
    for name in DATA_ENV_VARS:
        if os.environ.get(name):
            return Path(os.environ[name])
    return Path("..") / "shared" / "data"


def split_of(set_name: str) -> str | None:
    """The split a set belongs to, or None for a set no split names."""
    return next((name for name, sets in SPLITS.items() if set_name in sets), None)


def split(passages: Iterable[LabelledPassage], name: str) -> list[LabelledPassage]:
    """The passages of split `name` ("train" or "dev"); raises LabelError for another name."""
    if name not in SPLITS:
        raise LabelError(f"no split {name!r}; the splits are {', '.join(SPLITS)}")
    return [p for p in passages if p.set_name in SPLITS[name]]


def label_sets(labels_dir: Path) -> list[str]:
    """The names of the label sets in `labels_dir` (one SET.jsonl each), sorted."""
    return sorted(p.stem for p in Path(labels_dir).glob("*.jsonl"))


def load_labels(
    labels_dir: Path | str, data_root: Path | str, *, sets: Sequence[str] | None = None
) -> list[LabelledPassage]:
    """Every label of `sets` (default: all) in `labels_dir` with its passage read from
    `data_root`, in label-file order. Each source file is read once.

    Raises LabelDataMissing when `data_root` is not a folder, LabelSourceMissing,
    LabelRecordMissing or LabelTextMismatch (naming the item, file and record) when a label
    no longer finds its passage, and LabelError for an unreadable label or source file.
    """
    labels_dir, data_root = Path(labels_dir), Path(data_root)
    if not data_root.is_dir():
        raise LabelDataMissing(
            f"{data_root} (pass the folder that holds the shared data, or set "
            f"${DATA_ENV_VARS[0]})")
    rows = _read_label_rows(labels_dir, sets)
    by_file: dict[str, list[int]] = defaultdict(list)
    for i, (_, row) in enumerate(rows):
        by_file[row["file"]].append(i)
    passages: list[LabelledPassage | None] = [None] * len(rows)
    for file, indexes in by_file.items():
        source = _Source.open(data_root, file, first=rows[indexes[0]][1])
        for i in indexes:
            set_name, row = rows[i]
            passages[i] = _passage(set_name, row, source.passage(row))
    return [p for p in passages if p is not None]


def score_rows(passages: Iterable[LabelledPassage]) -> list[dict[str, Any]]:
    """The rows `score.py classify` reads: {"id", "text", "sub_event_type" or None}."""
    return [{"id": p.item, "text": p.text, "sub_event_type": p.sub_event_type} for p in passages]


def tally(passages: Iterable[LabelledPassage]) -> dict[str, Any]:
    """Counts for a summary: per set and per split (items, events, negatives, hard
    negatives) and per sub-event type ("no event" for None) by split."""
    groups: dict[str, dict[str, Counter[str]]] = {"sets": defaultdict(Counter),
                                                  "splits": defaultdict(Counter)}
    types: dict[str, Counter[str]] = defaultdict(Counter)
    for p in passages:
        where = p.split or "(no split)"
        for key, name in (("sets", p.set_name), ("splits", where)):
            c = groups[key][name]
            c["items"] += 1
            c["events"] += p.sub_event_type is not None
            c["negatives"] += p.sub_event_type is None
            c["hard"] += p.hard_negative
        types[p.sub_event_type or "no event"][where] += 1
    return {"sets": dict(groups["sets"]), "splits": dict(groups["splits"]), "types": dict(types)}


def _read_label_rows(labels_dir: Path, sets: Sequence[str] | None) -> list[tuple[str, dict]]:
    if not labels_dir.is_dir():
        raise LabelError(f"no labels folder {labels_dir}")
    available = label_sets(labels_dir)
    wanted = list(sets) if sets is not None else available
    unknown = [s for s in wanted if s not in available]
    if unknown:
        raise LabelError(f"no label set {', '.join(unknown)} in {labels_dir} "
                         f"(there are {', '.join(available) or 'none'})")
    rows = []
    for name in wanted:
        path = labels_dir / f"{name}.jsonl"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                for key in ("item", "file", "record", "field", "start", "end"):
                    row[key]  # noqa: B018  (every label must name its passage)
            except (json.JSONDecodeError, TypeError, KeyError) as exc:
                raise LabelError(f"{path} line {number}: {exc!r}") from None
            rows.append((name, row))
    return rows


def _passage(set_name: str, row: dict, text: str) -> LabelledPassage:
    return LabelledPassage(
        item=row["item"], set_name=set_name, text=text,
        sub_event_type=row.get("sub_event_type"),
        other_types=tuple(row.get("other_types") or ()),
        negative_kind=row.get("negative_kind"),
        hard_negative=bool(row.get("hard_negative")),
        tags=tuple(row.get("tags") or ()),
        actor1=row.get("actor1") or "", assoc_actor_1=row.get("assoc_actor_1") or "",
        actor2=row.get("actor2") or "", assoc_actor_2=row.get("assoc_actor_2") or "",
        reason=row.get("reason") or "", file=row["file"], record=str(row["record"]),
    )


def _where(row: dict) -> str:
    return f"{row['item']} ({row['file']} record {row['record']})"


class _Source:
    """One source file, parsed once: its lines (for `line:N` records) or its JSON records,
    indexed by their own id (a list of records, or a JSON object keyed by version)."""

    def __init__(self, file: str, lines: list[str] | None, index: dict[str, list[Any]]) -> None:
        self.file = file
        self.lines = lines
        self.index = index

    @classmethod
    def open(cls, data_root: Path, file: str, *, first: dict) -> _Source:
        path = data_root / file
        if not path.is_file():
            raise LabelSourceMissing(f"{file} under {data_root}, needed by {_where(first)}")
        try:
            text = _read_text(path)
        except (OSError, UnicodeDecodeError, zipfile.BadZipFile, EOFError) as exc:
            raise LabelError(f"could not read {file}: {exc}") from None
        if _LINE.match(str(first["record"])):
            # Split on "\n" only: str.splitlines would also break at form feeds and other
            # separators inside a line and shift every later line number.
            return cls(file, [line.removesuffix("\r") for line in text.split("\n")], {})
        try:
            return cls(file, None, _index(_parse_json(path.name, text)))
        except json.JSONDecodeError as exc:
            raise LabelError(f"could not read {file}: {exc}") from None

    def passage(self, row: dict) -> str:
        """`row`'s passage: its field's text[start:end], checked against its sha1."""
        texts = {self._field(record, row) for record in self._records(row)}
        if len(texts) > 1:
            raise LabelRecordMissing(
                f"{_where(row)}: the id is repeated with different texts; address one as "
                f"{row['record']}#N")
        text = texts.pop()
        start, end = row["start"], row["end"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise LabelTextMismatch(
                f"{_where(row)}: offsets {start}:{end} outside its {len(text)}-character text")
        passage = text[start:end]
        sha1 = row.get("sha1")
        if sha1 and not hashlib.sha1(passage.encode("utf-8")).hexdigest().startswith(sha1.lower()):
            raise LabelTextMismatch(f"{_where(row)}: sha1 {sha1} does not match {passage[:60]!r}")
        return passage

    def _records(self, row: dict) -> list[Any]:
        """The record `row` addresses: one, or every copy of an id the source repeats (the
        same input annotated twice), which must then give the same text."""
        record = str(row["record"])
        line = _LINE.match(record)
        if self.lines is not None or line:
            if self.lines is None or not line:
                raise LabelRecordMissing(
                    f"{_where(row)}: a file's records are either all lines or all ids")
            n = int(line["n"])
            if n > len(self.lines):
                raise LabelRecordMissing(f"{_where(row)}: the file has {len(self.lines)} lines")
            return [self.lines[n - 1]]
        found = self.index.get(record)
        if found is not None:
            return found
        base, _, suffix = record.rpartition("#")
        if base and suffix.isdigit() and base in self.index:
            # `id#N`: the N-th record (1-based) of an id the source repeats.
            n, same = int(suffix), self.index[base]
            if 1 <= n <= len(same):
                return [same[n - 1]]
            raise LabelRecordMissing(f"{_where(row)}: the id occurs {len(same)} times")
        if base and suffix in self.index and self.file.endswith(base):
            # `path#KEY`: one entry of a JSON object keyed by version (fundus test data).
            return self.index[suffix]
        raise LabelRecordMissing(_where(row))

    def _field(self, record: Any, row: dict) -> str:
        field = row["field"]
        column = _COLUMN.match(field)
        if column:
            if not isinstance(record, str):
                raise LabelError(f"{_where(row)}: field {field} needs a line record")
            # The raw tab-separated column, without CSV unquoting (as the labels were made).
            cells = record.split("\t")
            k = int(column["k"])
            if k > len(cells):
                raise LabelTextMismatch(f"{_where(row)}: the line has {len(cells)} columns")
            return cells[k - 1]
        joined = _JOINED.match(field)
        path = joined["path"] if joined else field
        values = _walk(record, path)
        if values is None or not all(isinstance(v, str) for v in values):
            raise LabelError(f"{_where(row)}: no text field {field!r} in the record")
        if joined:
            return json.loads(joined["sep"]).join(values)
        if len(values) != 1:
            raise LabelError(f"{_where(row)}: field {field!r} holds {len(values)} texts")
        return values[0]


def _read_text(path: Path) -> str:
    """The file's text: gunzipped, or the one data member of a zip archive."""
    name = path.name
    if name.endswith(".gz"):
        data = gzip.decompress(path.read_bytes())
    elif name.endswith(".zip"):
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if not m.endswith("/")
                       and not m.startswith("__MACOSX/") and not Path(m).name.startswith("._")]
            if len(members) != 1:
                raise OSError(f"expected one data file in the archive, found {len(members)}")
            data = archive.read(members[0])
    else:
        data = path.read_bytes()
    return data.decode("utf-8")


def _parse_json(name: str, text: str) -> list[Any] | dict[str, Any]:
    """The records of a JSON lines file (a line holding an array adds each element), or of
    one JSON document (an array of records, or an object keyed by version)."""
    stem = name.removesuffix(".gz").removesuffix(".zip")
    if not stem.endswith(".jsonl"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            # Some `.json` files are JSON lines under another name: a second value follows.
            if exc.msg != "Extra data":
                raise
    records: list[Any] = []
    # "\n" only: JSON strings may hold U+2028 and other characters splitlines() breaks at.
    for line in text.split("\n"):
        if line.strip():
            value = json.loads(line)
            records.extend(value if isinstance(value, list) else [value])
    return records


def _index(parsed: list[Any] | dict[str, Any]) -> dict[str, list[Any]]:
    if isinstance(parsed, dict) and not any(k in parsed for k in ID_KEYS):
        return {str(key): [value] for key, value in parsed.items()}
    if isinstance(parsed, dict):  # a single record (a JSON lines file of one line)
        parsed = [parsed]
    index: dict[str, list[Any]] = defaultdict(list)
    for record in parsed:
        if isinstance(record, dict):
            # Under each of its ids: some records carry two (a `doc_id` and an `_input_hash`).
            for key in {str(record[k]) for k in ID_KEYS if record.get(k) not in (None, "")}:
                index[key].append(record)
    return dict(index)


def _walk(record: Any, path: str) -> list[Any] | None:
    """The values at a dotted `path` in `record`; `name[]` steps into each element of a
    list, and a list at the end is flattened (tokens, paragraphs). None if a step is absent."""
    values = [record]
    for step in path.split("."):
        name, each = (step[:-2], True) if step.endswith("[]") else (step, False)
        found = []
        for value in values:
            if not isinstance(value, dict) or name not in value:
                return None
            found.append(value[name])
        if each:
            if not all(isinstance(v, list) for v in found):
                return None
            found = [x for v in found for x in v]
        values = found
    return [x for v in values for x in (v if isinstance(v, list) else [v])]
