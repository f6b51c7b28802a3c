"""A real `adreel serve` on loopback, with accounts and keys made straight in its database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from adreel.engine import accounts
from adreel.platform.crypto import SecretBox, load_or_create_key
from adreel.platform.db import Database
from tests.conftest import LocalSite, free_port
from tests.fixtures.shop import all_routes


@dataclass
class Server:
    """One running `adreel serve` and the database it uses."""

    url: str
    database: Database
    box: SecretBox
    process: subprocess.Popen[bytes]
    clients: list[httpx.Client] = field(default_factory=list)

    def client(self, key: str | None = None) -> httpx.Client:
        headers = {"X-API-Key": key} if key else {}
        client = httpx.Client(base_url=self.url, headers=headers, timeout=30)
        self.clients.append(client)
        return client

    def account(self, name: str, **options: object) -> None:
        with self.database.session() as session:
            accounts.create_account(session, self.box, name, **options)

    def key(self, account: str, permissions: list[str], name: str | None = None,
            expires_at: datetime | None = None) -> accounts.CreatedKey:
        with self.database.session() as session:
            owner = accounts.find_account(session, account)
            return accounts.create_key(session, owner, name or f"k{time.monotonic_ns()}",
                                       permissions, expires_at)


ROOT = Path(__file__).parents[2]


def start_server(data_dir: Path, database_url: str | None = None,
                 extra_env: dict[str, str] | None = None) -> Server:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADREEL_")}
    env.update({"ADREEL_DATA_DIR": str(data_dir)})   # the server makes (or reuses) its key file
    if database_url:
        env["ADREEL_DATABASE_URL"] = database_url
    env.update(extra_env or {})
    env["PYTHONPATH"] = str(ROOT)   # so ADREEL_PLUGINS can name test modules
    data_dir.mkdir(parents=True, exist_ok=True)
    log = open(data_dir / f"serve-{port}.log", "wb")  # noqa: SIM115 (closed when the server stops)
    process = subprocess.Popen([sys.executable, "-m", "adreel", "serve", "--port", str(port)],
                               env=env, stdout=subprocess.DEVNULL, stderr=log)
    log.close()   # the child keeps its own descriptor
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"adreel serve exited: {log_text(data_dir, port)}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.2)
    else:
        process.kill()
        raise RuntimeError("adreel serve did not start within 60 s")
    database = Database(database_url or f"sqlite:///{data_dir / 'adreel.db'}")
    # The harness encrypts accounts' secrets with the key the server uses (its file, or ADREEL_SECRET_KEY).
    return Server(url, database, SecretBox(load_or_create_key(data_dir, env.get("ADREEL_SECRET_KEY"))), process)


def log_text(data_dir: Path, port: int) -> str:
    return (data_dir / f"serve-{port}.log").read_text(errors="replace")[-3000:]


def stop_server(server: Server) -> None:
    for client in server.clients:
        client.close()
    server.process.terminate()
    try:
        server.process.wait(10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(10)
    server.database.close()


@pytest.fixture
def serve_api(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start `adreel serve` processes: `serve_api()` or `serve_api(data_dir, database_url)`."""
    servers: list[Server] = []

    def start(data_dir: Path | None = None, database_url: str | None = None,
              **extra_env: str) -> Server:
        server = start_server(data_dir or tmp_path, database_url, extra_env)
        servers.append(server)
        return server

    yield start
    for server in servers:
        stop_server(server)


@dataclass
class Storefront:
    """The fixture shop on loopback and a server allowed to fetch it, with a key that generates."""

    shop: LocalSite
    server: Server
    client: httpx.Client


@pytest.fixture
def storefront(serve_api, serve, tmp_path: Path) -> Callable[..., Storefront]:
    """`storefront(rate_limit=..., plan_limit=..., **server_env)`: the shop's products served,
    `adreel serve` started with private addresses allowed, account `acme` and its client."""

    def start(*, rate_limit: int | None = None, plan_limit: int | None = None, **env: str) -> Storefront:
        shop = serve()
        shop.routes.update(all_routes(shop.url("")))
        server = serve_api(tmp_path / "data", ADREEL_ALLOW_PRIVATE_NETWORKS="1", **env)
        limits = {k: v for k, v in (("rate_limit", rate_limit), ("plan_limit", plan_limit)) if v is not None}
        server.account("acme", **limits)
        return Storefront(shop, server, server.client(server.key("acme", ["generate", "projects:read"]).key))

    return start
