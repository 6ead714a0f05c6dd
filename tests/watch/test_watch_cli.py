"""The live-monitoring commands through the CLI: subscribe add/list/remove/feed, alerts send."""

from __future__ import annotations

import json
from datetime import datetime

import feedparser
import pytest
from typer.testing import CliRunner

import conflictwire.cli  # noqa: F401  (registers every command)
from conflictwire.cli import main
from conflictwire.cli.app import app
from conflictwire.models import Location, Report
from conflictwire.store import open_store
from loopback_servers import smtp_server
from paths import REPO

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _store_event(path: str) -> str:
    store = open_store(path)
    report = Report(
        report_id="r1", article_id="a1", event_date=datetime(2024, 3, 4).date(),
        time_precision=1, disorder_type="Political violence",
        event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
        actor1="Rapid Support Forces", location=Location("Omdurman", 15.645, 32.478, 1,
                                                         country="Sudan", iso="SDN"),
        fatalities=11, evidence="A drone hit the Omdurman bus station, killing 11.",
    )
    result = store.add_batch([], [report])
    store.close()
    return result.event_ids[0]


def test_subscribe_add_list_feed_and_remove(tmp_path):
    db = str(tmp_path / "cli.duckdb")
    event_id = _store_event(db)
    polygon = tmp_path / "khartoum.geojson"
    polygon.write_text(json.dumps({"type": "Polygon", "coordinates": [
        [[32, 15], [33, 15], [33, 16], [32, 16], [32, 15]]]}))
    added = _run("subscribe", "add", "Khartoum", "--email", "k@example.org",
                 "--polygon", str(polygon), "--min-fatalities", "5", "--db", db)
    assert added.exit_code == 0
    sub_id = added.stdout.strip()
    listed = _run("subscribe", "list", "--format", "jsonl", "--db", db)
    (spec,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert spec["subscription_id"] == sub_id and spec["polygon"]["type"] == "Polygon"
    feed = feedparser.parse(_run("subscribe", "feed", sub_id, "--db", db,
                                 "--app-url", "https://cw.example").stdout_bytes)
    assert [e.link for e in feed.entries] == [f"https://cw.example/?event={event_id}"]
    assert _run("subscribe", "remove", sub_id, "--db", db).exit_code == 0
    assert _run("subscribe", "list", "--format", "jsonl", "--db", db).stdout == ""


def test_bad_subscription_is_a_one_line_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sys.argv", ["conflictwire", "subscribe", "add", "X", "--webhook-url",
                                     "https://h.example", "--db", str(tmp_path / "x.duckdb")])
    with pytest.raises(SystemExit) as info:
        main()
    assert info.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "webhook_secret" in err[0]


def test_alerts_send_delivers_pending_alerts_once(tmp_path):
    db = str(tmp_path / "send.duckdb")
    event_id = _store_event(db)
    assert _run("subscribe", "add", "All", "--email", "a@example.org", "--db", db).exit_code == 0
    store = open_store(db)
    store.watch.record_changes([(event_id, 11)], datetime.now())
    store.close()
    with smtp_server() as box:
        config = tmp_path / "w.toml"
        config.write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {box.port}\n'
                          '[[feeds]]\nurl = "https://example.org/f.rss"\n')
        first = _run("alerts", "send", str(config), "--db", db)
        second = _run("alerts", "send", str(config), "--db", db)
        mails = box.wait_for(1)
    assert first.exit_code == 0 and second.exit_code == 0
    assert len(mails) == 1 and "Omdurman" in mails[0]["Subject"]


def test_the_readme_example_config_is_valid(tmp_path):
    import re

    from conflictwire.watch.config import load_config

    readme = (REPO / "README.md").read_text()
    section = readme.split("## Live monitoring and alerts", 1)[1]
    example = re.search(r"```toml\n(.*?)```", section, re.S)[1]
    path = tmp_path / "watch.toml"
    path.write_text(example)
    config = load_config(path)
    assert config.feeds[0].interval == 900 and config.archives[0].interval == 3600
    assert config.smtp.starttls and config.fetch.host_interval == 2
