"""The map page in Debian's headless chromium, driven by Playwright, against a real
`conflictwire serve` on loopback: points render, a filter changes them, a click shows the
evidence, and the URL keeps the state. Never downloads a browser."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conflictwire.store import open_store
from conflictwire.web.app import STATIC
from paths import EXAMPLES
from web_support import hand_reports

EXAMPLES = EXAMPLES

CHROMIUM = os.environ.get("CONFLICTWIRE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
    # WebGL without a GPU: chromium's software renderer, which newer builds want asked for.
    "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (Path(CHROMIUM).exists() or shutil.which("chromium")),
                       reason=f"chromium is not installed at {CHROMIUM} "
                              "(apt-get install chromium); browser tests skipped"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, config: Path | None = None):
    """`conflictwire serve` on a free loopback port; (process, base URL, stored events)."""
    exe = Path(sys.executable).with_name("conflictwire")
    port = free_port()
    args = [str(exe), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port),
            "--log-level", "warning", "--read-only"]
    if config:
        args += ["--config", str(config)]
    proc = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={k: v for k, v in os.environ.items() if k != "CONFLICTWIRE_API_TOKEN"},
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/health", timeout=2) as r:
                return proc, base, json.load(r)["events"]
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"conflictwire serve did not start: {proc.stdout.read()}")
            time.sleep(0.2)


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    assert (STATIC / "index.html").is_file(), (
        "the map page is not built: run `make install` or `cd web && npm ci && npm run build`")
    db = tmp_path_factory.mktemp("browser") / "events.duckdb"
    exe = Path(sys.executable).with_name("conflictwire")
    # The example articles, coded by the real coder, plus two events whose every field the
    # tests know.
    made = subprocess.run([str(exe), "run", str(EXAMPLES), "--db", str(db)],
                          capture_output=True, text=True, timeout=900)
    assert made.returncode == 0, made.stderr[-2000:]
    store = open_store(db)
    store.add_batch(*hand_reports())
    store.close()
    return db


@pytest.fixture(scope="module")
def server(database):
    proc, base, total = start_server(database)
    yield base, total
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        exe = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, errors


# Events drawn on the map: unclustered points count one, clusters their point_count.
LAYERS = "['events-clusters', 'events-points', 'flat-points']"
POINTS = "['events-points', 'flat-points']"
DRAWN = f"""() => cw.map.queryRenderedFeatures({{layers: {LAYERS}}})
  .reduce((n, f) => n + (f.properties.point_count || 1), 0)"""


WORLD = "#view=0.6/10/0"  # the whole world in the test viewport


def wait_ready(page, loads: int = 1) -> None:
    page.wait_for_function(f"window.cw && cw.ready && cw.loads >= {loads}", timeout=60_000)


def test_map_renders_every_event(server, page):
    base, total = server
    page.goto(f"{base}/{WORLD}")
    wait_ready(page)
    assert page.evaluate(DRAWN) == total
    assert page.locator("#summary b").first.inner_text().replace(",", "") == str(total)
    # The basemap drew: the country layers exist and hold shapes.
    assert page.evaluate("cw.map.querySourceFeatures('countries').length") > 100


def api_total(base: str, url: str) -> int:
    """How many events the API says match the filters in a page URL."""
    query = url.split("?", 1)[1].split("#")[0] if "?" in url else ""
    with urllib.request.urlopen(f"{base}/api/stats?{query}") as r:
        return json.load(r)["total"]


def test_filter_changes_the_points_and_the_url(server, page):
    base, total = server
    page.goto(f"{base}/{WORLD}")
    wait_ready(page)
    counts = {label.get_attribute("data-type"): int(label.locator(".n").inner_text()
                                                      .replace(",", ""))
              for label in page.locator(".type").all()}
    biggest = max(counts, key=counts.get)
    assert 0 < counts[biggest] < total
    page.locator(f".type[data-type='{biggest}'] input").uncheck()
    wait_ready(page, loads=2)
    drawn = page.evaluate(DRAWN)
    assert drawn == total - counts[biggest] == api_total(base, page.url)
    assert "event_type=" in page.url
    # The link carries the filter: a fresh page at the same URL shows the same events.
    page.goto(page.url)
    wait_ready(page)
    assert page.evaluate(DRAWN) == drawn
    assert not page.locator(f".type[data-type='{biggest}'] input").is_checked()
    page.fill("#min_fatalities", "10")
    page.locator("#min_fatalities").dispatch_event("change")
    wait_ready(page, loads=2)
    fewer = page.evaluate(DRAWN)
    assert "min_fatalities=10" in page.url
    assert 0 < fewer < drawn and fewer == api_total(base, page.url)


def test_clicking_an_event_shows_its_evidence(server, page):
    base, _ = server
    page.goto(f"{base}/#view=9/-33.5/151.2")
    wait_ready(page)
    page.wait_for_function(f"cw.map.queryRenderedFeatures({{layers: {POINTS}}}).length > 0")
    x, y = page.evaluate(f"""() => {{
        const f = cw.map.queryRenderedFeatures({{layers: {POINTS}}})[0];
        const p = cw.map.project(f.geometry.coordinates);
        return [p.x, p.y]; }}""")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    panel = page.locator("#detail")
    panel.locator("blockquote").wait_for(timeout=15_000)
    assert "Port Example" in panel.locator("h2").inner_text()
    marks = {m.get_attribute("data-field"): m.inner_text()
             for m in panel.locator("blockquote mark").all()}
    assert marks["location"] == "Port Example"
    assert marks["actor1"] == "Example Liberation Front"
    assert panel.locator(".report a").get_attribute("href") == "https://example.org/a"
    assert "Fatalities12" in panel.locator("dl").inner_text().replace("\n", "").replace("\t", "")
    assert "event=" in page.url


def test_a_link_to_an_example_event_opens_its_evidence(server, page):
    base, _ = server
    with urllib.request.urlopen(f"{base}/api/events?limit=100") as r:
        events = json.load(r)["events"]
    example = next(e for e in events if e["source_url"] and "example.org" not in e["source_url"])
    page.goto(f"{base}/?event={example['event_id']}")
    wait_ready(page)
    panel = page.locator("#detail")
    panel.locator("blockquote").first.wait_for(timeout=15_000)
    links = [a.get_attribute("href") for a in panel.locator(".report a").all()]
    assert example["source_url"] in links
    assert example["evidence"][:30] in panel.locator("blockquote").first.inner_text()


def test_download_links_carry_the_filter(server, page):
    base, _ = server
    page.goto(f"{base}/?admin1=Coast%20Province")
    wait_ready(page)
    href = page.locator("#download-csv").get_attribute("href")
    assert href.startswith("/api/events.csv?") and "admin1=Coast" in href
    with urllib.request.urlopen(base + href) as r:
        rows = r.read().decode().strip().splitlines()
    assert rows[0].startswith("event_id_cnty,") and len(rows) == 2
    assert ",Exampleland," in rows[1]


def test_many_events_are_grouped_and_still_all_counted(database, page, tmp_path):
    # The same events, with the server told to group above 5: clusters are drawn, they hold
    # every event, and clicking one zooms in.
    config = tmp_path / "web.toml"
    config.write_text("[web]\ncluster_above = 5\n")
    proc, base, total = start_server(database, config)
    try:
        page.goto(f"{base}/{WORLD}")
        wait_ready(page)
        clusters = page.evaluate(
            "cw.map.queryRenderedFeatures({layers: ['events-clusters']}).length")
        assert clusters > 0
        assert page.evaluate(DRAWN) == total
        assert page.locator(".cluster-label").count() == clusters
        x, y = page.evaluate("""() => {
            const f = cw.map.queryRenderedFeatures({layers: ['events-clusters']})[0];
            const p = cw.map.project(f.geometry.coordinates);
            return [p.x, p.y]; }""")
        zoom = page.evaluate("cw.map.getZoom()")
        box = page.locator("#map").bounding_box()
        page.mouse.click(box["x"] + x, box["y"] + y)
        page.wait_for_function(f"cw.map.getZoom() > {zoom + 0.5}", timeout=10_000)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_dragging_across_the_timeline_picks_dates(server, page):
    base, total = server
    page.goto(f"{base}/{WORLD}")
    wait_ready(page)
    box = page.locator("#histogram").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.8, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.9, y, steps=5)
    page.mouse.move(box["x"] + box["width"] - 1, y, steps=5)
    page.mouse.up()
    wait_ready(page, loads=2)
    assert "date_from=" in page.url and "date_to=" in page.url
    drawn = page.evaluate(DRAWN)
    assert 0 < drawn < total and drawn == api_total(base, page.url)
    assert page.locator("#histogram .brush").count() == 1
    assert page.locator("#date_from").input_value() in page.url
    # A click without a drag clears the dates.
    page.mouse.click(box["x"] + box["width"] * 0.5, y)
    wait_ready(page, loads=3)
    assert "date_from=" not in page.url and page.evaluate(DRAWN) == total


def test_an_empty_database_says_what_to_do(page, tmp_path):
    db = tmp_path / "empty.duckdb"
    open_store(db).close()
    proc, base, total = start_server(db)
    try:
        assert total == 0
        page.goto(f"{base}/")
        wait_ready(page)
        assert "No events stored yet" in page.locator("#status").inner_text()
        assert page.locator("#summary").inner_text().startswith("0 events")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
