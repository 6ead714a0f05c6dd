"""The batch run: coding, batching, skipping stored articles, failures, kill safety."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from _factories import keyword_coder
from conflictwire.errors import ConfigError
from conflictwire.pipeline import default_coder, run_pipeline
from conflictwire.settings import CodingSettings, Settings
from conflictwire.store import open_store
from paths import REPO


def _jsonl(path: Path, n: int, start: int = 0, place: str = "Mosul") -> Path:
    with path.open("w") as f:
        for i in range(start, start + n):
            f.write(json.dumps({
                "id": f"art-{i}", "published": f"2024-03-{1 + i % 28:02d}",
                "text": f"Story {i}: an air strike hit {place} district {i}, officials said.",
                "source": "Test Wire",
            }) + "\n")
    return path


def test_run_codes_stores_and_rerun_adds_nothing(tmp_path):
    src = _jsonl(tmp_path / "a.jsonl", 30)
    with open_store(tmp_path / "db.duckdb") as store:
        ticks: list[int] = []
        first = run_pipeline([str(src)], store=store, code=keyword_coder, batch_size=7,
                             progress=ticks.append)
        assert first.articles_read == first.articles_coded == first.articles_added == 30
        assert first.batches == 5 and sum(ticks) == 30
        assert first.reports_added == 30 and first.events_added >= 1
        counts = store.counts()
        second = run_pipeline([str(src)], store=store, code=keyword_coder, batch_size=7)
        assert second.articles_skipped == 30 and second.articles_coded == 0
        assert second.reports_added == second.events_added == 0
        assert store.counts() == counts


def test_same_article_twice_in_one_run_is_coded_once(tmp_path):
    src = _jsonl(tmp_path / "a.jsonl", 3)
    with open_store(tmp_path / "db.duckdb") as store:
        summary = run_pipeline([str(src), str(src)], store=store, code=keyword_coder)
        assert summary.articles_read == 6 and summary.articles_skipped == 3
        assert store.counts()["articles"] == 3


def test_a_coder_error_fails_one_article_and_the_rest_is_stored(tmp_path):
    src = tmp_path / "a.jsonl"
    _jsonl(src, 2)
    with src.open("a") as f:
        f.write(json.dumps({"id": "bad", "text": "EXPLODE in Mosul strike",
                            "published": "2024-03-02"}) + "\n")
    seen = []
    with open_store(tmp_path / "db.duckdb") as store:
        summary = run_pipeline([str(src)], store=store, code=keyword_coder,
                               on_failure=seen.append)
        assert summary.articles_coded == 2 and summary.failures == 1
        assert seen[0].stage == "code" and seen[0].input.endswith("a.jsonl#bad")
        assert "choked" in store.failures()[0]["error"]
        assert not store.has_article("bad")  # not stored, so a fixed coder will retry it


def test_broken_configuration_stops_the_run_instead_of_failing_every_article(tmp_path):
    src = _jsonl(tmp_path / "a.jsonl", 3)

    def misconfigured(article):
        raise ConfigError("[E002] component 'frames' needs candidates.fatalities")

    with open_store(tmp_path / "db.duckdb") as store:
        with pytest.raises(ConfigError, match="E002"):
            run_pipeline([str(src)], store=store, code=misconfigured)
        assert store.counts()["articles"] == 0 and store.failures() == []


def test_the_default_coder_refuses_a_component_order_before_any_article(tmp_path):
    order = CodingSettings(components=("sentences", "frames"))
    with pytest.raises(ConfigError, match=r"E002.*'frames' needs"):
        default_coder(object(), Settings(coding=order))


def test_reports_from_two_articles_merge_into_one_event(tmp_path):
    src = tmp_path / "a.jsonl"
    rows = [{"id": f"s{i}", "published": "2024-03-04", "source": f"Wire {i}",
             "text": f"Version {i}: an air strike hit Mosul."} for i in range(3)]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with open_store(tmp_path / "db.duckdb") as store:
        run_pipeline([str(src)], store=store, code=keyword_coder, batch_size=1)
        [event] = store.events()
        assert event["n_reports"] == 3
        assert sorted(event["source"].split("; ")) == ["Wire 0", "Wire 1", "Wire 2"]
        assert store.counts()["reports"] == 3


_RUNNER = """
import sys, time
sys.path.insert(0, {tests!r})
from _factories import keyword_coder
from conflictwire.pipeline import run_pipeline
from conflictwire.store import open_store

def slow(article):
    time.sleep(0.004)
    return keyword_coder(article)

store = open_store({db!r})
print("started", flush=True)
run_pipeline([{src!r}], store=store, code=slow, batch_size=25)
store.close()
print("finished", flush=True)
"""


def test_kill_mid_run_loses_nothing_committed_and_rerun_completes(tmp_path):
    places = ["Mosul", "Idlib", "Kharkiv", "Maiduguri"]
    src = tmp_path / "many.jsonl"
    with src.open("w") as f:
        for i in range(2000):
            f.write(json.dumps({
                "id": f"k{i}", "published": f"2024-0{1 + i % 9}-{1 + i % 28:02d}",
                "text": f"Item {i}: a strike hit {places[i % 4]}.", "source": f"Wire {i % 5}",
            }) + "\n")
    db = tmp_path / "kill.duckdb"
    script = _RUNNER.format(tests=str(REPO / "tests"), db=str(db), src=str(src))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "started"
    # Coding 2000 articles takes at least 8 s (4 ms each): kill after 2 s, mid-run.
    time.sleep(2.0)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    with open_store(db) as store:
        counts = store.counts()
        assert 0 < counts["articles"] < 2000, counts  # killed mid-run, batches committed
        # No half-written article: every stored article has all its reports, and every
        # report belongs to a stored event and a stored article.
        _, rows = store._run(
            "SELECT COUNT(*) FROM articles a WHERE a.n_reports <> "
            "(SELECT COUNT(*) FROM reports r WHERE r.article_id = a.article_id)"
        )
        assert rows[0][0] == 0
        _, rows = store._run(
            "SELECT COUNT(*) FROM reports r WHERE r.event_id NOT IN (SELECT event_id FROM "
            "events) OR r.article_id NOT IN (SELECT article_id FROM articles)"
        )
        assert rows[0][0] == 0
        assert counts["articles"] % 25 == 0  # whole batches only
        summary = run_pipeline([str(src)], store=store, code=keyword_coder, batch_size=200)
        assert summary.articles_skipped == counts["articles"]
        assert summary.articles_added == 2000 - counts["articles"]
        final = store.counts()
        assert final["articles"] == final["reports"] == 2000
        _, rows = store._run("SELECT SUM(n_reports) FROM events")
        assert rows[0][0] == 2000
