"""Partitions read back exactly what a whole-input read gives; Parquet results round-trip."""

from __future__ import annotations

import gzip
import io
import json
import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from _synthetic import workload
from conflictwire.ingest.readers import read_named
from conflictwire.models import Failure, Mention, Place
from conflictwire.scale.partitions import plan_partitions, read_partition
from conflictwire.scale.results import Coded, check_results, read_results, write_results
from conflictwire.store.rows import mentions_json


def _items(pairs):
    return [(name, type(item).__name__, getattr(item, "id", None) or item.error)
            for name, item in pairs]


def _write_warc(path: Path, n: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(n):
            body = (f"<html><head><title>Story {i}</title></head><body><article><p>Story {i}: "
                    f"troops and rebels fought for the town of Example {i} on Sunday, "
                    "officials said, and residents fled the fighting.</p></article></body>"
                    "</html>").encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news.example/{i}", "response", payload=io.BytesIO(body),
                http_headers=headers))
            if i % 3 == 0:
                writer.write_record(writer.create_warc_record(
                    f"https://news.example/{i}", "request",
                    payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    rows = [json.dumps({"id": f"n{i}", "text": f"Item {i}: rebels shelled the town of "
                        f"Sample {i} overnight.", "published": f"2024-05-0{1 + i % 9}"})
            for i in range(23)]
    rows.insert(4, "{broken")
    rows.insert(9, "")
    plain = tmp_path / "a.jsonl"
    plain.write_text("\n".join(rows) + "\n")
    packed = tmp_path / "b.jsonl.gz"
    packed.write_bytes(gzip.compress(("\n".join(rows[:11]) + "\n").encode()))
    _write_warc(tmp_path / "c.warc.gz", 8)
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.txt").write_text(f"Published: 2024-06-0{i + 1}\n\nClashes were reported "
                                         f"in the district of Place {i} on Friday.")
    (folder / "empty.txt").write_text("")
    return [str(plain), str(packed), str(tmp_path / "c.warc.gz"), str(folder),
            str(tmp_path / "missing.jsonl")]


@pytest.mark.parametrize("size", [1, 3, 10, 1000])
def test_partitions_read_back_what_a_run_reads(inputs, size):
    parts = plan_partitions(inputs, size=size)
    got = [pair for part in parts for pair in read_partition(part)]
    assert _items(got) == _items(read_named(inputs))
    if size == 3:
        kinds = [p.kind for p in parts]
        assert kinds.count("warc") == 4  # 8 responses + 3 requests = 11 records, 3 a piece
        assert kinds.count("jsonl") == 9 + 4
        assert all(p.count <= 3 for p in parts)


def test_partition_ids_are_stable_and_follow_file_changes(inputs):
    first = [p.id for p in plan_partitions(inputs, size=5)]
    assert first == [p.id for p in plan_partitions(inputs, size=5)]
    assert len(set(first)) == len(first)
    path = Path(inputs[0])
    path.write_text(path.read_text() + json.dumps({"id": "new", "text": "More news."}) + "\n")
    os.utime(path, ns=(1, 1))
    changed = [p.id for p in plan_partitions(inputs, size=5)]
    assert changed != first and changed[-1] == first[-1]  # other inputs keep their ids


def test_results_round_trip_and_damage_is_detected(tmp_path):
    articles, reports = workload(12, 2)
    # Files of one partition whose columns are all null in one and typed in another (read
    # back together): no place, a place without a GeoNames id, integer fields set or not.
    reports[0] = replace(reports[0], location=None, event_date=date(2023, 12, 31))
    reports[1] = replace(reports[1], location=replace(reports[1].location, geonameid=None),
                         inter1=2, interaction=12, event_date=reports[5].event_date)
    units = [Coded(a, (r,), ()) for a, r in zip(articles, reports, strict=True)]
    units.insert(3, Coded(failures=(Failure("x.html", "ingest", "empty"),)))
    units.append(Coded(articles[0], (), (Failure("y", "code", "ValueError: boom"),), False))
    units.append(Coded(articles[1], (), (Failure("z", "date", "no date"),)))
    result = write_results(tmp_path, "p1", units, 1.5)
    assert (result.articles, result.reports, result.failures, result.units) == (26, 24, 3, 27)
    checked = check_results(tmp_path, "p1")
    assert checked == result
    assert read_results(tmp_path, checked) == units
    assert reports[0].event_date and isinstance(reports[0].event_date, date)
    # Damage any listed file and the partition no longer checks out.
    name = next(iter(result.files))
    (tmp_path / name).write_bytes((tmp_path / name).read_bytes()[:-20])
    assert check_results(tmp_path, "p1") is None
    assert check_results(tmp_path, "never-written") is None


def test_a_reports_spans_come_back_as_the_store_writes_them(tmp_path):
    articles, reports = workload(1, 1)
    text = articles[0].text
    place = Place(1, "Town 0", 1.0, 2.0, "IQ", country="Iraq")
    spans = (Mention(0, 6, text[:6], "trigger", "Armed clash", 1.0),
             Mention(7, 8, text[7:8], "number", 0, 0.5),
             Mention(9, 14, text[9:14], "date", date(2024, 1, 2), 0.8))
    report = replace(reports[0], mentions=spans, location=replace(
        reports[0].location, mention=Mention(40, 46, "Town 0", "place", place, 0.9)))
    result = write_results(tmp_path, "p1", [Coded(articles[0], (report,), ())], 0.1)
    back = read_results(tmp_path, result)[0].reports[0]
    assert len(json.loads(mentions_json(back))) == 4
    assert mentions_json(back) == mentions_json(report)
