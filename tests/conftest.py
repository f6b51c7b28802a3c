"""Shared test fixtures: real HTTP servers on loopback serving what each test declares."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from adreel.app import make_voice_registry
from adreel.config import Settings
from adreel.media.voice import VoiceRegistry

# A route either answers (status, headers, body) or takes over the handler to misbehave.
Answer = tuple[int, dict[str, str], bytes]
Route = Answer | Callable[[BaseHTTPRequestHandler], None]


@dataclass
class LocalSite:
    """A threaded HTTP server on a loopback address; `routes` maps a path to its answer."""

    host: str
    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"


def _handler_for(site: LocalSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            site.hits.append(self.path)
            route = site.routes.get(self.path) or site.routes.get(self.path.split("?", 1)[0])
            if route is None:
                route = (404, {"Content-Type": "text/html"}, b"<h1>Not found</h1>")
            if callable(route):
                route(self)
                return
            status, headers, body = route
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if "Content-Length" not in headers and "Transfer-Encoding" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            route = site.routes.get(self.path) or site.routes.get(self.path.split("?", 1)[0])
            if not callable(route):
                # A fixed answer: read the body and drop it, or its bytes would be parsed as the
                # next request on this kept-alive connection (a 400 for the client's next POST).
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.do_GET()

        def log_message(self, format: str, *args: object) -> None:  # quiet test output
            del format, args

    return Handler


def start_site(routes: dict[str, Route] | None = None,
               host: str = "127.0.0.1") -> tuple[LocalSite, ThreadingHTTPServer]:
    """A running local site and its server (the caller shuts it down)."""
    site = LocalSite(host=host, routes=dict(routes or {}))
    server = ThreadingHTTPServer((host, 0), _handler_for(site))
    server.daemon_threads = True
    site.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return site, server


@pytest.fixture
def serve() -> Iterator[Callable[..., LocalSite]]:
    """Start local sites: `serve(routes, host="127.0.0.1")`; all stop after the test."""
    servers: list[ThreadingHTTPServer] = []

    def start(routes: dict[str, Route] | None = None, host: str = "127.0.0.1") -> LocalSite:
        site, server = start_site(routes, host)
        servers.append(server)
        return site

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def html(body: str, status: int = 200, charset: str = "utf-8") -> Answer:
    return status, {"Content-Type": f"text/html; charset={charset}"}, body.encode(charset)


@pytest.fixture(scope="session")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoiceRegistry]:
    """Every installed voice; the neural one loads once per test session."""
    with make_voice_registry(Settings(data_dir=tmp_path_factory.mktemp("data"))) as voices:
        yield voices


POSTGRES_URL = os.environ.get("ADREEL_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


@contextmanager
def new_postgres_database() -> Iterator[str]:
    """A fresh PostgreSQL database on the local server, dropped (connections and all) after."""
    import psycopg

    name = f"adreel_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.fail(f"PostgreSQL is not reachable at {POSTGRES_URL}: {exc}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database on the local server for this test session, dropped after.
    The scale-out tests need a real server: `.ci/run` starts the local one when it is down."""
    with new_postgres_database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Each contract test runs once per backend: SQLite in a temp dir, then PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'adreel.db'}"
    return request.getfixturevalue("postgres_url")


@dataclass
class S3Endpoint:
    """moto's standalone S3 server on loopback: real HTTP, the real client (STACK.md)."""

    url: str
    process: subprocess.Popen
    port: int
    env: dict[str, str] = field(default_factory=lambda: dict(S3_CREDENTIALS))

    def new_bucket(self) -> str:
        import boto3

        name = f"adreel-{uuid.uuid4().hex[:12]}"
        boto3.client("s3", endpoint_url=self.url, region_name="us-east-1", **S3_CLIENT_KEYS).create_bucket(
            Bucket=name)
        return name

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)

    def start(self) -> None:
        """(Re)start the server on the same port: a new one holds no buckets."""
        self.process = _launch_moto(self.port)


S3_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "adreel-test", "AWS_SECRET_ACCESS_KEY": "adreel-test-secret",
                  "AWS_DEFAULT_REGION": "us-east-1"}
S3_CLIENT_KEYS = {"aws_access_key_id": "adreel-test", "aws_secret_access_key": "adreel-test-secret"}


def _launch_moto(port: int) -> subprocess.Popen:
    import httpx

    process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
            return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("moto's S3 server did not start within 30 s")


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_s3() -> S3Endpoint:
    """A new moto S3 server on a free loopback port (stop it with `.stop()`)."""
    port = free_port()
    return S3Endpoint(f"http://127.0.0.1:{port}", _launch_moto(port), port)


@pytest.fixture(scope="session")
def s3() -> Iterator[S3Endpoint]:
    saved = {k: os.environ.get(k) for k in S3_CREDENTIALS}
    os.environ.update(S3_CREDENTIALS)
    endpoint = start_s3()
    yield endpoint
    endpoint.stop()
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
