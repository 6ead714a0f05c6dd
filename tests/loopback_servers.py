"""Real servers on 127.0.0.1 for the watch, sources and alerts tests: HTTP (feeds, pages,
webhook receiver) in a thread, and SMTP (aiosmtpd) collecting the messages it receives."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Route = Callable[["Handler"], None]


@dataclass
class Served:
    """What the HTTP server answers, and what it was asked (for assertions)."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, str, dict[str, str], bytes]] = field(default_factory=list)
    base: str = ""

    def add(self, path: str, route: Route) -> None:
        self.routes[path] = route

    def hits(self, path: str) -> int:
        return sum(1 for _, p, _, _ in self.requests if p == path)


class Handler(BaseHTTPRequestHandler):
    served: Served

    def log_message(self, *args: Any) -> None:  # keep test output quiet
        pass

    def _handle(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = self.path.split("?")[0]
        self.served.requests.append((method, path, dict(self.headers), body))
        route = self.served.routes.get(path)
        if route is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        # The client may give up (size limit, timeout): that is what such a test wants.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def static(body: bytes, ctype: str = "text/html; charset=utf-8", status: int = 200,
           headers: dict[str, str] | None = None) -> Route:
    return lambda h: h.send(status, body, {"Content-Type": ctype, **(headers or {})})


@contextmanager
def http_server() -> Iterator[Served]:
    served = Served()
    handler = type("BoundHandler", (Handler,), {"served": served})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    served.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Mailbox:
    """Messages an SMTP server on loopback accepted, parsed."""

    host: str = "127.0.0.1"
    port: int = 0
    messages: list[EmailMessage] = field(default_factory=list)

    def wait_for(self, n: int, timeout: float = 5.0) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < n and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.messages


class _Collect:
    def __init__(self, box: Mailbox, refuse: bool) -> None:
        self.box = box
        self.refuse = refuse

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return "554 5.7.1 Transaction refused by test server"
        self.box.messages.append(
            message_from_bytes(envelope.original_content, policy=policy.default)
        )
        return "250 OK"


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def smtp_server(*, refuse: bool = False) -> Iterator[Mailbox]:
    from aiosmtpd.controller import Controller

    box = Mailbox(port=free_port())
    controller = Controller(_Collect(box, refuse), hostname="127.0.0.1", port=box.port)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


@contextmanager
def dropping_server() -> Iterator[int]:
    """A TCP server on loopback that accepts a connection and closes it at once."""
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    stop = threading.Event()

    def loop() -> None:
        sock.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            conn.close()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield sock.getsockname()[1]
    finally:
        stop.set()
        thread.join(1)
        sock.close()
