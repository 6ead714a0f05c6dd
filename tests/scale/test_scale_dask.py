"""Dask runs on a real LocalCluster: same events as one process, resume, killed workers, damage."""

from __future__ import annotations

import functools
import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import cloudpickle
import pytest

import _simple_coder
from conflictwire.pipeline import run_pipeline
from conflictwire.scale.dask_run import DaskOptions, run_dask
from conflictwire.store.duckdb import DuckDBStore

cloudpickle.register_pickle_by_value(_simple_coder)  # workers do not have tests/ on their path

PLACES = ["Aleppo", "Idlib", "Mosul", "Kabul", "Gaza", "Kharkiv", "Khartoum", "Douma"]
TRIGGERS = ["killed", "air strike", "shelling", "clashes", "protest"]


@pytest.fixture(scope="module")
def cluster():
    """One real LocalCluster (2 worker processes) shared by the tests that do not count loads."""
    import logging

    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=logging.ERROR) as running:
        yield running.scheduler_address


def _make_inputs(root: Path, n: int = 160) -> list[str]:
    """A JSON lines file (with bad lines and repeats), a folder of HTML pages, a text file."""
    lines = []
    for i in range(n):
        place, trig = PLACES[i % len(PLACES)], TRIGGERS[(i // 3) % len(TRIGGERS)]
        day = date(2024, 1, 1) + timedelta(days=i % 40)
        text = (f"Officials said {i % 7 + 1} people were {trig} in {place} on Monday. "
                f"Residents of {PLACES[(i + 3) % 8]} reported clashes later, report {i}.")
        row = {"id": f"a{i}", "text": text, "published": day.isoformat(), "source": "Wire"}
        if i % 50 == 7:
            row.pop("published")  # undated: kept, with a warning, its reports dropped
        if i % 61 == 5:
            row["text"] += " EXPLODE"  # the coder raises on this one
        lines.append(json.dumps(row))
        if i % 40 == 3:
            lines.append("{not json")
        if i % 90 == 11:
            lines.append(json.dumps(row))  # the same article twice
    jsonl = root / "news.jsonl"
    jsonl.write_text("\n".join(lines) + "\n")
    pages = root / "pages"
    pages.mkdir()
    for i in range(12):
        (pages / f"p{i:02d}.html").write_text(
            f"<html><head><title>Report {i}</title></head><body><article><p>"
            f"Fighters were killed in {PLACES[i % 8]} when shelling hit the market on "
            f"Tuesday, witnesses said, in report number {i} of the series.</p><p>Aid groups "
            f"said clashes continued near {PLACES[(i + 1) % 8]} through the night.</p>"
            f"</article></body></html>"
        )
    (pages / "empty.html").write_text("")
    text = root / "brief.txt"
    text.write_text("Title: Brief\nPublished: 2024-02-02\n\nA protest in London drew crowds "
                    "while an air strike near Gaza killed 3 people, medics said.\n")
    return [str(jsonl), str(pages), str(text), str(root / "missing.jsonl")]


def _dump(store: DuckDBStore) -> tuple[list[dict], list[tuple]]:
    events = [{k: v for k, v in row.items() if k != "timestamp"}
              for row in store.events(limit=None, order_by="event_date")]
    # With the spans the coder found: stored results do not depend on the number of workers.
    _, reports = store._run(
        "SELECT report_id, event_id, article_id, mentions FROM reports ORDER BY 1")
    return events, reports


def _single(tmp_path: Path, inputs: list[str], batch_size: int = 25) -> DuckDBStore:
    store = DuckDBStore(tmp_path / "single.duckdb")
    gaz = _simple_coder.load_gazetteer()
    run_pipeline(inputs, store=store, code=lambda a: _simple_coder.code(a, gaz),
                 batch_size=batch_size)
    return store


def _dask(tmp_path: Path, inputs: list[str], name: str, code=_simple_coder.code,
          **options) -> tuple:
    store = DuckDBStore(tmp_path / f"{name}.duckdb")
    opts = DaskOptions(work_dir=tmp_path / "work", partition_size=30, batch_size=25,
                       **options)
    failures: list = []
    summary = run_dask(inputs, store=store, code=code,
                       load_resources=_simple_coder.load_gazetteer, options=opts,
                       on_failure=failures.append)
    return store, summary, failures


def test_two_workers_give_exactly_the_single_process_events(tmp_path, monkeypatch, cluster):
    loads = tmp_path / "loads.txt"
    monkeypatch.setenv("CW_TEST_LOADS", str(loads))
    inputs = _make_inputs(tmp_path)
    single = _single(tmp_path, inputs)
    loads.unlink()
    # Batches of 25 (as the single run) committed 3 at a time, across partitions of 30.
    store, summary, failures = _dask(tmp_path, inputs, "dask", workers=2, commit_size=60)
    assert summary.partitions >= 7 and summary.failed == 0
    expected = _dump(single)
    assert len(expected[0]) > 20
    assert all(json.loads(row[3]) for row in expected[1])  # every report has its spans
    assert _dump(store) == expected
    assert store.counts() == single.counts()
    # Failures (bad lines, the coder error, undated warnings, the empty page, the missing
    # file) are the ones a single-process run records.
    _, got = store._run("SELECT input, stage, error FROM failures ORDER BY 1, 2, 3")
    _, want = single._run("SELECT input, stage, error FROM failures ORDER BY 1, 2, 3")
    assert got == want and len(got) >= 10
    assert Counter(f.stage for f in failures)["code"] >= 1
    # Each worker process loaded the gazetteer once, however many partitions it coded.
    assert len(loads.read_text().split()) == 2
    # The Parquet results are partitioned by event month and country.
    months = {p.parent.parent.name for p in Path(summary.work_dir).glob("reports/*/*/*.parquet")}
    assert {"month=2024-01", "month=2024-02"} <= months
    rerun = _dask(tmp_path, inputs, "dask", scheduler=cluster)[1]
    assert (rerun.reports_added, rerun.events_added, rerun.articles_added) == (0, 0, 0)


def test_a_killed_worker_partition_is_redone_without_duplicates(tmp_path, cluster):
    inputs = _make_inputs(tmp_path, n=100)
    marker = tmp_path / "killed-once"
    lines = Path(inputs[0]).read_text().splitlines()
    row = json.loads(lines[70])
    row["text"] += " KILLWORKER"
    lines[70] = json.dumps(row)
    Path(inputs[0]).write_text("\n".join(lines) + "\n")
    single = _single(tmp_path, inputs)
    code = functools.partial(_simple_coder.code, kill_marker=str(marker))
    store, summary, _ = _dask(tmp_path, inputs, "killed", scheduler=cluster, code=code)
    assert marker.exists()  # a worker really died in the middle of a partition
    assert summary.failed == 0
    assert _dump(store) == _dump(single)
    _, dupes = store._run("SELECT count(*) - count(DISTINCT report_id) FROM reports")
    assert dupes[0][0] == 0


def test_resume_keeps_good_partitions_and_redoes_missing_and_corrupt(tmp_path, cluster):
    inputs = _make_inputs(tmp_path, n=120)
    first_store, first, _ = _dask(tmp_path, inputs, "first", scheduler=cluster)
    work = Path(first.work_dir)
    manifests = sorted((work / "done").glob("*.json"))
    assert len(manifests) == first.partitions >= 5
    # Damage an earlier run: one partition never finished, one has a corrupt Parquet file.
    manifests[0].unlink()
    victim = json.loads(manifests[1].read_text())
    parquet = work / next(n for n in victim["files"] if n.startswith("reports/"))
    data = bytearray(parquet.read_bytes())
    data[len(data) // 2] ^= 0xFF
    parquet.write_bytes(bytes(data))
    store, summary, _ = _dask(tmp_path, inputs, "resumed", scheduler=cluster, resume=True)
    assert summary.reused == first.partitions - 2
    assert summary.redone == 1
    assert summary.articles_coded < first.articles_coded
    assert _dump(store) == _dump(first_store)


class _DiesWhileLoading(DuckDBStore):
    """A store whose third transaction dies half-way (after its articles are inserted), as
    a run killed in the middle of a commit would."""

    calls = 0

    def _upsert_events(self, rows):  # noqa: ANN001
        type(self).calls += 1
        if type(self).calls == 3:
            raise RuntimeError("killed")
        super()._upsert_events(rows)


def test_a_run_killed_while_loading_keeps_its_commits_and_resume_adds_the_rest(tmp_path,
                                                                                cluster):
    inputs = _make_inputs(tmp_path, n=120)
    single = _single(tmp_path, inputs)
    opts = {"work_dir": tmp_path / "work", "partition_size": 30, "batch_size": 25,
            "commit_size": 50, "scheduler": cluster}
    store = _DiesWhileLoading(tmp_path / "killed.duckdb")
    with pytest.raises(RuntimeError, match="killed"):
        run_dask(inputs, store=store, code=_simple_coder.code,
                 load_resources=_simple_coder.load_gazetteer, options=DaskOptions(**opts))
    kept = store.counts()
    store.close()
    # Two transactions of two batches each were committed, the third rolled back whole.
    assert 0 < kept["articles"] < single.counts()["articles"]
    assert kept["events"] > 0 and kept["reports"] > 0
    store = DuckDBStore(tmp_path / "killed.duckdb")
    assert store.counts() == kept
    resumed = run_dask(inputs, store=store, code=_simple_coder.code,
                       load_resources=_simple_coder.load_gazetteer,
                       options=DaskOptions(**opts, resume=True))
    assert resumed.reused >= 1  # what was coded before the kill is not coded again
    assert resumed.articles_added == single.counts()["articles"] - kept["articles"]
    counts, want = store.counts(), single.counts()
    assert (counts["articles"], counts["reports"], counts["failures"]) == (
        want["articles"], want["reports"], want["failures"])
    _, dupes = store._run("SELECT count(*) - count(DISTINCT report_id) FROM reports")
    assert dupes[0][0] == 0
    again = run_dask(inputs, store=store, code=_simple_coder.code,
                     load_resources=_simple_coder.load_gazetteer,
                     options=DaskOptions(**opts, resume=True))
    assert (again.articles_added, again.reports_added, again.events_added,
            again.events_updated) == (0, 0, 0, 0)
