"""Polite HTTP fetching for feeds and article pages.

One `Fetcher` holds the HTTP client and what it has learned about hosts: robots.txt rules,
when each host was last asked (a per-host rate limit), and the ETag / Last-Modified of each
URL (conditional GET, so an unchanged feed costs a 304). Every request is checked before it
is sent, and again at each redirect: only http/https, only public addresses unless the
configuration allows private ones, only what robots.txt allows. Bodies are streamed and cut
off at the size limit. Transient failures (timeouts, dropped connections, 429, 5xx) are
retried with exponential backoff; everything else raises `FetchError` at once.
"""

from __future__ import annotations

import email.utils
import ipaddress
import socket
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import ConflictwireError
from ..models import Validators

_ROBOTS_TTL = 3600.0  # seconds a robots.txt is trusted before it is fetched again
_ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: at least 500 KiB must be read
_RETRY_STATUSES = {429, 500, 502, 503, 504}
_MAX_RETRY_AFTER = 60.0


DEFAULT_USER_AGENT = "conflictwire/0.1 (news event monitor; +https://pypi.org/project/conflictwire)"


@dataclass(frozen=True, slots=True)
class FetchConfig:
    """How politely and how far the fetcher may go."""

    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    max_bytes: int = 10 * 2**20
    max_redirects: int = 5
    host_interval: float = 2.0  # at least this many seconds between requests to one host
    respect_robots: bool = True
    allow_private: bool = False  # allow loopback/private addresses (tests, intranets)


class FetchError(ConflictwireError):
    """Could not fetch."""

    def __init__(self, detail: str = "", *, transient: bool = False) -> None:
        super().__init__(detail)
        self.transient = transient  # worth trying again at the next poll


class Blocked(FetchError):
    """Refused to fetch."""


class ValidatorCache(Protocol):
    """Where ETag/Last-Modified per URL are kept (the watch state in the database)."""

    def get_validators(self, url: str) -> Validators | None: ...

    def put_validators(self, url: str, validators: Validators) -> None: ...


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A response: the final URL after redirects, status, body and content type."""

    url: str
    status: int
    content: bytes
    content_type: str = ""
    not_modified: bool = False  # 304: nothing new since the validators we sent


class Fetcher:
    """An HTTP client that follows the rules in `FetchConfig`; reuse one for a whole run."""

    def __init__(
        self,
        config: FetchConfig | None = None,
        *,
        cache: ValidatorCache | None = None,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        resolve: Callable[[str], list[str]] | None = None,
    ) -> None:
        self.config = config = config or FetchConfig()
        self.cache = cache
        self._clock = clock
        self._sleep = sleep
        self._resolve = resolve or _resolve
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = {}
        self._client = httpx.Client(
            timeout=httpx.Timeout(config.timeout),
            follow_redirects=False,  # each hop is checked here
            headers={"User-Agent": config.user_agent},
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, conditional: bool = True) -> FetchResult:
        """Fetch `url`, following redirects; raises FetchError (or Blocked) when it cannot.

        With `conditional`, sends the validators of the last 200 and returns `not_modified`
        on a 304.
        """
        current = url
        for _ in range(self.config.max_redirects + 1):
            self.check_url(current)
            if self.config.respect_robots and not self._robots_allow(current):
                raise Blocked(f"{current}: disallowed by robots.txt")
            headers = self._conditional_headers(current) if conditional else {}
            response = self._request(current, headers)
            if response.status_code in (301, 302, 303, 307, 308):
                location = response.headers.get("location")
                response.close()
                if not location:
                    raise FetchError(f"{current}: redirect without a Location")
                current = urljoin(current, location)
                continue
            return self._read(url, current, response)
        raise FetchError(f"{url}: more than {self.config.max_redirects} redirects")

    def check_url(self, url: str) -> None:
        """Raise Blocked unless `url` is http(s) to a public address (or private is allowed)."""
        check_url(url, allow_private=self.config.allow_private, resolve=self._resolve)

    def _conditional_headers(self, url: str) -> dict[str, str]:
        cached = self.cache.get_validators(url) if self.cache else None
        headers: dict[str, str] = {}
        if cached and cached.etag:
            headers["If-None-Match"] = cached.etag
        if cached and cached.last_modified:
            headers["If-Modified-Since"] = cached.last_modified
        return headers

    def _request(self, url: str, headers: dict[str, str]) -> httpx.Response:
        """Send one GET (streamed), retrying transient failures with exponential backoff."""
        delay = self.config.backoff
        last_error = ""
        for attempt in range(self.config.retries + 1):
            self._wait_for_host(url)
            try:
                response = self._client.send(
                    self._client.build_request("GET", url, headers=headers), stream=True
                )
            except httpx.TransportError as exc:
                last_error = f"{type(exc).__name__}: {exc or 'connection failed'}"
            else:
                if response.status_code not in _RETRY_STATUSES:
                    return response
                last_error = f"HTTP {response.status_code}"
                delay = max(delay, _retry_after(response.headers.get("retry-after")))
                response.close()
            if attempt < self.config.retries:
                self._sleep(min(delay, _MAX_RETRY_AFTER))
                delay *= 2
        raise FetchError(
            f"{url}: {last_error} after {self.config.retries + 1} attempts", transient=True
        )

    def _read(self, asked: str, url: str, response: httpx.Response) -> FetchResult:
        try:
            return self._read_open(asked, url, response)
        finally:
            response.close()

    def _read_open(self, asked: str, url: str, response: httpx.Response) -> FetchResult:
        limit = self.config.max_bytes
        if response.status_code == 304:
            return FetchResult(url, 304, b"", not_modified=True)
        if response.status_code >= 400:
            raise FetchError(f"{url}: HTTP {response.status_code}")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(f"{url}: response is {declared} bytes, over the {limit} limit")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise FetchError(f"{url}: response is over the {limit}-byte limit")
                chunks.append(chunk)
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise FetchError(
                f"{url}: body cut off after {size} bytes: {type(exc).__name__}: {exc}",
                transient=True,
            ) from exc
        if self.cache is not None:
            etag = response.headers.get("etag")
            modified = response.headers.get("last-modified")
            if etag or modified:
                self.cache.put_validators(asked, Validators(etag, modified))
        ctype = response.headers.get("content-type", "")
        return FetchResult(url, response.status_code, b"".join(chunks), ctype)

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        last = self._last_request.get(host)
        now = self._clock()
        if last is not None and now - last < self.config.host_interval:
            self._sleep(self.config.host_interval - (now - last))
            now = self._clock()
        self._last_request[host] = now

    def _robots_allow(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(origin)
        if cached is None or self._clock() - cached[0] > _ROBOTS_TTL:
            cached = (self._clock(), self._fetch_robots(origin))
            self._robots[origin] = cached
        rules = cached[1]
        return rules is None or rules.can_fetch(self.config.user_agent, url)

    def _fetch_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        """The parsed robots.txt of `origin`; None (allow all) when it has none (4xx).

        A server error or an unreachable robots.txt means "disallow all" (RFC 9309) until the
        next try. Redirects are followed only to checked addresses, and at most 512 KB is
        read, as for any other fetch.
        """
        parser = urllib.robotparser.RobotFileParser(f"{origin}/robots.txt")
        url = f"{origin}/robots.txt"
        status, body = 599, b""
        for _ in range(self.config.max_redirects + 1):
            self._wait_for_host(url)
            location = None
            try:
                self.check_url(url)
                with self._client.stream("GET", url) as response:
                    status, body = response.status_code, b""
                    location = response.headers.get("location")
                    if status < 300:
                        for chunk in response.iter_bytes():
                            body += chunk
                            if len(body) > _ROBOTS_MAX_BYTES:
                                break
            except (httpx.HTTPError, FetchError):
                status, body = 599, b""
            if status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)
                continue
            break
        if 300 <= status < 500:
            return None
        if status >= 500:
            parser.parse(["User-agent: *", "Disallow: /"])
            return parser
        parser.parse(body[:_ROBOTS_MAX_BYTES].decode("utf-8", errors="replace").splitlines())
        return parser


def check_url(
    url: str, *, allow_private: bool = False, resolve: Callable[[str], list[str]] | None = None
) -> None:
    """Raise Blocked unless `url` is http(s) and its host resolves only to public addresses.

    With `allow_private`, loopback and private networks are allowed too (tests, intranets).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise Blocked(f"{url}: only http and https URLs are fetched")
    host = parts.hostname
    if not host:
        raise Blocked(f"{url}: no host")
    if allow_private:
        return
    try:
        addresses = (resolve or _resolve)(host)
    except OSError as exc:
        raise FetchError(f"{url}: cannot resolve {host}: {exc}", transient=True) from exc
    for address in addresses:
        if not ipaddress.ip_address(address.split("%")[0]).is_global:
            raise Blocked(f"{url}: {host} is a private or local address ({address})")


def _resolve(host: str) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    return sorted({info[4][0] for info in socket.getaddrinfo(host, None)})


def _retry_after(value: str | None) -> float:
    """Seconds from a Retry-After header (a number or an HTTP date); 0 when absent or bad."""
    if not value:
        return 0.0
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    return max(0.0, when.timestamp() - time.time())
