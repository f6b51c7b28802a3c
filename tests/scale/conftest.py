"""Scale-out on real servers: `adreel serve` and `adreel worker` processes sharing a fresh
PostgreSQL database, one S3 bucket (moto's server) and a broker: a `redis-server` of the test's
own on a free port (so it can be killed and restarted), or the machine's RabbitMQ."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet

from tests.api.conftest import ROOT, Server, start_server, stop_server
from tests.conftest import LocalSite, S3Endpoint, free_port, new_postgres_database
from tests.fixtures.shop import all_routes

RABBITMQ_URL = os.environ.get("ADREEL_TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672//")
STAGE_RUN = re.compile(r"stage-run job=(\S+) project=(\S+) stage=(\S+)( \(poll\))? seconds=\S+ "
                       r"outcome=(\S+) worker=(\S+)")


@dataclass
class RedisServer:
    """A `redis-server` of the test's own, with an append-only file so a restart keeps the queue."""

    port: int
    folder: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "yes", "--appendfsync", "always", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            ping = subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True,
                                  check=False)
            if ping.stdout.strip() == "PONG":
                return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start within 20 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    log: Path

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self, sig: int = signal.SIGTERM, wait: float = 60) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(wait)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def start_worker(data_dir: Path, env: dict[str, str], *options: str) -> Worker:
    """`adreel worker` in its own scratch folder; returns once it takes work from the broker."""
    data_dir.mkdir(parents=True, exist_ok=True)
    log = data_dir / f"worker-{time.monotonic_ns()}.log"
    full = {k: v for k, v in os.environ.items() if not k.startswith("ADREEL_")}
    full.update(env, ADREEL_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "adreel", "worker", "--nice", "0", *options],
                                   env=full, stdout=out, stderr=subprocess.STDOUT)
    worker = Worker(process, log)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"adreel worker exited: {worker.text()[-3000:]}")
        if " ready." in worker.text():
            return worker
        time.sleep(0.2)
    worker.stop(signal.SIGKILL)
    raise RuntimeError(f"adreel worker did not start within 90 s: {worker.text()[-3000:]}")


def stage_runs(workers: list[Worker]) -> list[tuple[str, str, str, str]]:
    """(project, stage, outcome, worker) of every stage run the workers logged (polls excluded)."""
    runs = []
    for worker in workers:
        for match in STAGE_RUN.finditer(worker.text()):
            if not match.group(4):
                runs.append((match.group(2), match.group(3), match.group(5), match.group(6)))
    return runs


def duplicate_runs(workers: list[Worker]) -> list[tuple[str, str]]:
    counts = Counter((project, stage) for project, stage, _outcome, _worker in stage_runs(workers))
    return [pair for pair, count in counts.items() if count > 1]


@dataclass
class Farm:
    """API processes and workers sharing one database, one bucket and one broker."""

    root: Path
    env: dict[str, str]
    database_url: str
    shop: LocalSite
    servers: list[Server] = field(default_factory=list)
    workers: list[Worker] = field(default_factory=list)

    def serve(self, **env: str) -> Server:
        server = start_server(self.root / f"api-{len(self.servers)}", self.database_url, {**self.env, **env})
        self.servers.append(server)
        return server

    def worker(self, *options: str, **env: str) -> Worker:
        worker = start_worker(self.root / f"worker-{len(self.workers)}",
                              {**self.env, "ADREEL_DATABASE_URL": self.database_url, **env}, *options)
        self.workers.append(worker)
        return worker

    def product(self, path: str) -> str:
        return self.shop.url(path)

    def close(self) -> None:
        for worker in self.workers:
            worker.stop(signal.SIGKILL)
        for server in self.servers:
            stop_server(server)


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(free_port(), tmp_path / "redis")
    server.folder.mkdir()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def farm(tmp_path: Path, serve, s3: S3Endpoint) -> Iterator[Callable[..., Farm]]:
    """`farm(broker_url, **env)`: a fresh database and bucket and the fixture shop, with no
    processes yet (`farm.serve()`, `farm.worker()` start them)."""
    farms: list[Farm] = []
    with new_postgres_database() as database_url:
        def make(broker_url: str, **env: str) -> Farm:
            shop = serve()
            shop.routes.update(all_routes(shop.url("")))
            shop.routes.update({f"/hooks/{i}": (200, {"Content-Type": "text/plain"}, b"ok") for i in range(100)})
            bucket = s3.new_bucket()
            shared = {**s3.env, "ADREEL_QUEUE": broker_url, "ADREEL_STORAGE": f"s3://{bucket}/adreel",
                      "ADREEL_S3_ENDPOINT_URL": s3.url, "ADREEL_ALLOW_PRIVATE_NETWORKS": "1",
                      "ADREEL_ALLOW_PRIVATE_WEBHOOKS": "1", "ADREEL_SECRET_KEY": Fernet.generate_key().decode(), **env}
            made = Farm(tmp_path / f"farm-{len(farms)}", shared, database_url, shop)
            farms.append(made)
            return made

        yield make
        for made in farms:
            made.close()


TERMINAL = ("completed", "partial", "failed", "cancelled")


def wait_for(client: httpx.Client, job_id: str, timeout: float = 120,
             until: Callable[[dict], bool] = lambda body: body["status"] in TERMINAL) -> dict:
    """Poll the job until `until(body)`; a 5xx or a refused connection (a server or its database
    restarting) is polled again, as a client should."""
    deadline = time.monotonic() + timeout
    body: dict = {}
    while time.monotonic() < deadline:
        try:
            answer = client.get(f"/api/v1/jobs/{job_id}")
        except httpx.TransportError:
            time.sleep(0.5)
            continue
        if answer.status_code == 429:
            time.sleep(float(answer.headers.get("retry-after", "1")))
            continue
        if answer.status_code < 500:
            assert answer.status_code == 200, answer.text
            body = answer.json()
            if until(body):
                return body
        time.sleep(0.3)
    raise AssertionError(f"job {job_id} did not get there in {timeout} s: {body}")
