"""Tests for the watcher's sources: config, feed parsing, the polite fetcher, WARC reading.

The fetcher is tested against a real HTTP server on 127.0.0.1 (the loopback_servers helper).
"""

from __future__ import annotations

import gzip
import time

import pytest

from conflictwire.errors import ConfigError
from conflictwire.ingest.feeds import entry_article, parse_feed
from conflictwire.ingest.fetch import Blocked, Fetcher, FetchError, Validators, check_url
from conflictwire.ingest.warc import read_warc
from conflictwire.watch.config import FetchConfig, load_config, parse_duration
from loopback_servers import Handler, http_server, static
from paths import SHARED_DATA, need_shared

SHARED = SHARED_DATA / "raw"
FEEDS = SHARED / "feeds"


class _Cache:
    def __init__(self) -> None:
        self.data: dict[str, Validators] = {}

    def get_validators(self, url: str) -> Validators | None:
        return self.data.get(url)

    def put_validators(self, url: str, validators: Validators) -> None:
        self.data[url] = validators


def _fetcher(**kw) -> tuple[Fetcher, list[float]]:
    slept: list[float] = []
    config = FetchConfig(**{"allow_private": True, "host_interval": 0.0, "backoff": 0.01,
                            "timeout": 2.0, **kw})
    return Fetcher(config, cache=_Cache(), sleep=slept.append), slept


# -- configuration ------------------------------------------------------------------------------


def test_toml_and_yaml_configs_give_the_same_feeds(tmp_path):
    (tmp_path / "w.toml").write_text(
        'digest_hour = 6\n[fetch]\nmax_bytes = 1000\n'
        '[[feeds]]\nname = "A"\nurl = "https://example.org/a.rss"\ncountry = "SD"\n'
        'interval = "15m"\n'
    )
    (tmp_path / "w.yaml").write_text(
        "digest_hour: 6\nfetch:\n  max_bytes: 1000\nfeeds:\n"
        "  - {name: A, url: 'https://example.org/a.rss', country: SD, interval: 15m}\n"
    )
    toml, yaml = load_config(tmp_path / "w.toml"), load_config(tmp_path / "w.yaml")
    assert toml == yaml
    assert toml.feeds[0].interval == 900 and toml.feeds[0].country == "SD"
    assert toml.fetch.max_bytes == 1000 and toml.digest_hour == 6


@pytest.mark.parametrize(
    "text, message",
    [
        ("x = 1\n", "no .*feeds.* listed"),
        ('[[feeds]]\nname = "A"\n', "needs at least a url"),
        ('[[feeds]]\nurl = "https://a"\ninterval = "soon"\n', "not a duration"),
        ('[[feeds]]\nurl = "https://a"\ncolour = 1\n', "unknown setting"),
        ('[[feeds]]\nurl = "ftp://a/f"\n', "only http"),
        ("[[feeds]\n", "TOMLDecodeError"),
    ],
)
def test_bad_configs_are_refused_with_the_reason(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_durations():
    assert parse_duration(90) == 90 and parse_duration("2h") == 7200 and parse_duration("30s") == 30
    with pytest.raises(ConfigError):
        parse_duration(0)


# -- feeds ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, kind",
    [
        ("feed_rs_fixtures/rss_0.91_encoding_1.xml", "rss091u"),
        ("feed_rs_fixtures/rss_1.0_iso8859.xml", "rss10"),
        ("rss_reader_bbc/bbc_world_2017-01-20_3items.rss", "rss20"),
        ("rss_parser_testinput/heise.atom", "atom10"),
        ("feed_rs_fixtures/jsonfeed_elastic_1.1.json", "json11"),
        ("trafilatura_resources/feed.json", "json1"),
    ],
)
def test_real_feeds_of_every_kind_parse(name, kind):
    result = parse_feed(need_shared(FEEDS / name).read_bytes())
    assert result.kind == kind and not result.error
    assert result.entries and all(e.key for e in result.entries)
    assert any(e.link for e in result.entries)


def test_wrong_declared_encoding_is_read_with_a_warning():
    rss = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        "<item><title>Ataque em S\u00e3o Paulo</title><link>http://x.example/1</link>"
        "<description>Tr\u00eas mortos.</description></item></channel></rss>"
    ).encode("latin-1")
    result = parse_feed(rss)
    assert [e.title for e in result.entries] == ["Ataque em S\u00e3o Paulo"]
    assert "Encoding" in result.warning


@pytest.mark.parametrize(
    "data",
    [b"", b"plain words, not a feed", b"<html><body><p>a page</p></body></html>",
     b'{"items": []}', b"\x1f\x8b\x08\x00garbage"],
)
def test_things_that_are_not_feeds_give_an_error_not_an_exception(data):
    result = parse_feed(data)
    assert result.error and not result.entries


def test_entry_without_link_becomes_an_article_from_its_own_text():
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
           b"<item><title>Clashes in Kadugli</title><description>Five were killed."
           b"</description><guid isPermaLink='false'>x-1</guid></item></channel></rss>")
    (entry,) = parse_feed(rss).entries
    assert entry.link is None and entry.key == "x-1"
    article = entry_article(entry, source="T")
    assert article.text == "Clashes in Kadugli. Five were killed." and article.url is None


# -- fetcher --------------------------------------------------------------------------------------


def test_private_addresses_and_other_schemes_are_refused_by_default():
    with pytest.raises(Blocked, match="private or local"):
        check_url("http://127.0.0.1:9/x")
    with pytest.raises(Blocked, match="private or local"):
        check_url("http://intranet.example/x", resolve=lambda host: ["10.1.2.3"])
    with pytest.raises(Blocked, match="only http"):
        check_url("file:///etc/passwd", allow_private=True)
    check_url("http://news.example/x", resolve=lambda host: ["93.184.216.34"])


def test_conditional_get_sends_validators_and_reads_304():
    def page(h: Handler) -> None:
        if h.headers.get("If-None-Match") == '"v1"':
            h.send(304)
        else:
            h.send(200, b"<rss/>", {"ETag": '"v1"', "Content-Type": "application/rss+xml"})

    with http_server() as srv:
        srv.add("/feed.rss", page)
        fetcher, _ = _fetcher()
        first = fetcher.get(f"{srv.base}/feed.rss")
        second = fetcher.get(f"{srv.base}/feed.rss")
    assert first.content == b"<rss/>" and not first.not_modified
    assert second.not_modified and second.status == 304


def test_robots_txt_is_respected_and_user_agent_sent():
    with http_server() as srv:
        srv.add("/robots.txt", static(b"User-agent: *\nDisallow: /private/\n", "text/plain"))
        srv.add("/private/a.html", static(b"<p>secret</p>"))
        srv.add("/public/a.html", static(b"<p>open</p>"))
        fetcher, _ = _fetcher(user_agent="conflictwire-test/1")
        with pytest.raises(Blocked, match="robots.txt"):
            fetcher.get(f"{srv.base}/private/a.html")
        assert fetcher.get(f"{srv.base}/public/a.html").content == b"<p>open</p>"
        assert srv.hits("/private/a.html") == 0 and srv.hits("/robots.txt") == 1
        assert all(h.get("User-Agent") == "conflictwire-test/1" for _, _, h, _ in srv.requests)


def test_transient_errors_are_retried_with_growing_backoff():
    calls = {"n": 0}

    def flaky(h: Handler) -> None:
        calls["n"] += 1
        h.send(503 if calls["n"] < 3 else 200, b"ok")

    with http_server() as srv:
        srv.add("/flaky", flaky)
        fetcher, slept = _fetcher(retries=3, backoff=0.5)
        assert fetcher.get(f"{srv.base}/flaky").content == b"ok"
    assert slept == [0.5, 1.0]


def test_a_server_that_keeps_failing_gives_a_transient_error():
    with http_server() as srv:
        srv.add("/down", static(b"", status=500))
        fetcher, slept = _fetcher(retries=2)
        with pytest.raises(FetchError, match="HTTP 500 after 3 attempts") as info:
            fetcher.get(f"{srv.base}/down")
    assert info.value.transient and len(slept) == 2


def test_a_timeout_is_retried_then_reported():
    def slow(h: Handler) -> None:
        time.sleep(0.6)
        h.send(200, b"late")

    with http_server() as srv:
        srv.add("/slow", slow)
        fetcher, _ = _fetcher(timeout=0.2, retries=1)
        with pytest.raises(FetchError, match="Timeout"):
            fetcher.get(f"{srv.base}/slow")
        assert srv.hits("/slow") == 2


def test_a_page_that_redirects_forever_stops_at_the_limit():
    with http_server() as srv:
        srv.add("/loop", lambda h: h.send(302, b"", {"Location": "/loop"}))
        fetcher, _ = _fetcher(max_redirects=4)
        with pytest.raises(FetchError, match="more than 4 redirects"):
            fetcher.get(f"{srv.base}/loop")
        assert srv.hits("/loop") == 5


def test_a_400_mb_response_is_cut_off_at_the_size_limit():
    sent = {"bytes": 0}

    def huge(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()  # no Content-Length: the size is only known by reading
        chunk = b"x" * 65536
        while sent["bytes"] < 400 * 2**20:
            h.wfile.write(chunk)
            sent["bytes"] += len(chunk)

    def declared(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Length", str(400 * 2**20))
        h.end_headers()

    with http_server() as srv:
        srv.add("/huge", huge)
        srv.add("/declared", declared)
        fetcher, _ = _fetcher(max_bytes=2**20)
        with pytest.raises(FetchError, match="over the 1048576-byte limit"):
            fetcher.get(f"{srv.base}/huge")
        with pytest.raises(FetchError, match="over the 1048576 limit"):
            fetcher.get(f"{srv.base}/declared")
    assert sent["bytes"] < 100 * 2**20


def test_truncated_gzip_body_does_not_crash_the_fetch():
    whole = gzip.compress(b"<rss>" + b"".join(b"entry %d " % i for i in range(5000)) + b"</rss>")
    body = whole[: len(whole) // 3]
    with http_server() as srv:
        srv.add("/feed", static(body, "application/rss+xml", headers={"Content-Encoding": "gzip"}))
        fetcher, _ = _fetcher(retries=0)
        got = fetcher.get(f"{srv.base}/feed")
    # httpx hands back what could be inflated; the feed parser then reports what it can read.
    assert got.content.startswith(b"<rss>") and not got.content.endswith(b"</rss>")


def test_requests_to_one_host_are_spaced_by_the_rate_limit():
    clock = {"t": 100.0}
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        clock["t"] += s

    with http_server() as srv:
        srv.add("/a", static(b"a"))
        config = FetchConfig(allow_private=True, host_interval=2.0, respect_robots=False)
        fetcher = Fetcher(config, clock=lambda: clock["t"], sleep=sleep)
        fetcher.get(f"{srv.base}/a")
        clock["t"] += 0.5
        fetcher.get(f"{srv.base}/a")
    assert slept == [pytest.approx(1.5)]


# -- WARC ----------------------------------------------------------------------------------------


def test_warc_records_become_articles():
    items = list(read_warc(need_shared(SHARED / "warc" / "resiliparse_tests" / "warcfile.warc.gz")))
    articles = [i for i in items if hasattr(i, "text")]
    assert len(articles) == len(items) > 10 and all(a.url for a in articles)


def test_a_truncated_warc_ends_with_a_failure(tmp_path):
    data = need_shared(SHARED / "warc" / "resiliparse_tests" / "warcfile.warc.gz").read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) // 2])
    items = list(read_warc(cut))
    assert any(hasattr(i, "text") for i in items)
    assert type(items[-1]).__name__ == "Failure" and "truncated" in items[-1].error


def test_warc_skips_articles_already_stored():
    path = need_shared(SHARED / "warc" / "resiliparse_tests" / "warcfile.warc.gz")
    first = [i for i in read_warc(path) if hasattr(i, "text")]
    again = list(read_warc(path, skip=frozenset(a.id for a in first)))
    assert first and not again


def test_robots_txt_errors_and_redirects():
    with http_server() as srv:
        srv.add("/robots.txt", static(b"", status=503))
        srv.add("/a.html", static(b"<p>a</p>"))
        fetcher, _ = _fetcher()
        with pytest.raises(Blocked, match="robots.txt"):
            fetcher.get(f"{srv.base}/a.html")  # a failing robots.txt disallows everything
    with http_server() as srv:
        srv.add("/robots.txt", lambda h: h.send(301, b"", {"Location": "/real-robots.txt"}))
        srv.add("/real-robots.txt", static(b"User-agent: *\nDisallow: /a.html\n", "text/plain"))
        srv.add("/a.html", static(b"<p>a</p>"))
        srv.add("/b.html", static(b"<p>b</p>"))
        fetcher, _ = _fetcher()
        with pytest.raises(Blocked, match="robots.txt"):
            fetcher.get(f"{srv.base}/a.html")
        assert fetcher.get(f"{srv.base}/b.html").content == b"<p>b</p>"
