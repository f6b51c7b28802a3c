"""The client against a real `adreel serve` on loopback, seen through a proxy that records every
request and can misbehave on cue (answer 429, lose an answer, cut a body, play dead)."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from adreel_client import Client, RetryPolicy

from tests.api.conftest import Server, start_server, stop_server
from tests.api.test_jobs import NOT_A_PRODUCT, PAGE
from tests.conftest import html, start_site

# Short waits: the tests' servers answer in milliseconds, and restarts take seconds.
FAST = {"retry": RetryPolicy(budget_s=60, base_s=0.05, cap_s=0.5), "poll_intervals": (0.1, 0.2)}
HOP_BY_HOP = {"host", "connection", "content-length", "transfer-encoding", "keep-alive", "accept-encoding"}


@dataclass
class Seen:
    """One request that reached the proxy, and what it was answered."""

    method: str
    path: str
    headers: dict[str, str]
    at: float          # monotonic, when it arrived
    wall: float        # Unix time, when it arrived
    status: int | None = None          # None: the connection was dropped without an answer
    answered_at: float | None = None   # monotonic, just before the answer was written
    answer_headers: dict[str, str] = field(default_factory=dict)


# A rule sees each request; it returns None to forward it, or one of these actions:
#   ("answer", status, headers, body)   answer without asking the server
#   ("lose",)                           forward, then close the connection without an answer
#   ("cut", n)                          forward, send the headers and only the first n body bytes
#   ("headers", {...})                  forward, and add or replace these answer headers
Action = tuple
Rule = Callable[[Seen], Action | None]


class Proxy:
    """A recording HTTP proxy on 127.0.0.1 in front of `upstream` (None: the server is down)."""

    def __init__(self) -> None:
        self.upstream: str | None = None
        self.rule: Rule = lambda _seen: None
        self.seen: list[Seen] = []
        self._forward = httpx.Client(timeout=60)
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def handle_one(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                seen = Seen(self.command, self.path, dict(self.headers), time.monotonic(), time.time())
                proxy.seen.append(seen)
                action = proxy.rule(seen) or ("forward",)
                if action[0] == "answer":
                    _, status, headers, payload = action
                    self._reply(seen, status, headers, payload)
                    return
                upstream = proxy.upstream
                try:
                    if upstream is None:
                        raise httpx.ConnectError("the server is down")
                    answer = proxy._forward.request(
                        self.command, upstream + self.path, content=body,
                        headers={k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP})
                except httpx.TransportError:
                    self._hang_up()
                    return
                if action[0] == "lose":
                    self._hang_up()
                    return
                headers = {k: v for k, v in answer.headers.items() if k.lower() not in HOP_BY_HOP}
                if action[0] == "headers":
                    replaced = {k.lower() for k in action[1]}
                    headers = {k: v for k, v in headers.items() if k.lower() not in replaced} | action[1]
                payload = answer.content
                self._reply(seen, answer.status_code, headers, payload,
                            cut=action[1] if action[0] == "cut" else None)

            def _reply(self, seen: Seen, status: int, headers: dict[str, str], payload: bytes,
                       cut: int | None = None) -> None:
                # Recorded before a byte leaves: the client cannot act on an answer not yet recorded.
                seen.status, seen.answered_at, seen.answer_headers = status, time.monotonic(), headers
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload if cut is None else payload[:cut])
                self.wfile.flush()
                if cut is not None:
                    self._hang_up()

            def _hang_up(self) -> None:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)

            do_GET = do_POST = do_HEAD = handle_one

            def log_message(self, *args: object) -> None:
                del args

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def requests(self, method: str, prefix: str) -> list[Seen]:
        return [s for s in self.seen if s.method == method and s.path.startswith(prefix)]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._forward.close()


@dataclass
class Remote:
    """A running server behind the proxy, the shop it reads, and a fresh account's key."""

    proxy: Proxy
    servers: list[Server]
    product: str
    data_dir: Path
    key: str = ""
    account: str = ""
    clients: list[Client] = field(default_factory=list)

    @property
    def server(self) -> Server:
        return self.servers[-1]

    def start(self) -> Server:
        """Start `adreel serve` on the data folder (again, after a crash) and point the proxy at it."""
        server = start_server(self.data_dir, extra_env={
            "ADREEL_PLUGINS": "tests.client.media_plugin", "ADREEL_ALLOW_PRIVATE_NETWORKS": "1",
            "ADREEL_ALLOW_PRIVATE_WEBHOOKS": "1", "ADREEL_PUBLIC_URL": self.proxy.url, "ADREEL_LEASE_S": "2"})
        self.servers.append(server)
        self.proxy.upstream = server.url
        return server

    def client(self, api_key: str | None = None, **options: object) -> Client:
        client = Client(self.proxy.url, api_key or self.key, **{**FAST, **options})  # type: ignore[arg-type]
        self.clients.append(client)
        return client


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Remote]:
    """One `adreel serve` per test module, with the publishing test stages and media URLs that
    point at the proxy (so downloads pass through it too)."""
    site, shop = start_site({"/products/trailpress": html(PAGE), "/": html(NOT_A_PRODUCT)})
    proxy = Proxy()
    remote = Remote(proxy, [], site.url("/products/trailpress"), tmp_path_factory.mktemp("server"))
    try:
        remote.start()
        yield remote
    finally:
        for server in remote.servers:
            stop_server(server)
        proxy.close()
        shop.shutdown()
        shop.server_close()


@pytest.fixture
def remote(backend: Remote) -> Iterator[Remote]:
    """The module's server with a new account (its own jobs, usage and rate limit) and a clean proxy."""
    backend.account = f"acct-{uuid.uuid4().hex[:8]}"
    backend.server.account(backend.account, rate_limit=100_000)
    backend.key = backend.server.key(backend.account, ["generate", "projects:read"]).key
    backend.proxy.seen.clear()
    backend.proxy.rule = lambda _seen: None
    yield backend
    for client in backend.clients:
        client.close()
    backend.clients.clear()
