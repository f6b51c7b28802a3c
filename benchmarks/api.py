"""Status endpoint latency under load: 50 concurrent pollers, 1,000 jobs in the database.

    python benchmarks/api.py [--seconds 10] [--pollers 50] [--jobs 1000]

Starts `adreel serve` on SQLite in a temporary directory, fills it with finished jobs, and
polls `GET /api/v1/jobs/{id}` from many threads. Prints p50 / p99 latency and requests per
second, beside the same figures for `/healthz` (no database, no auth) measured in the same
run, so the ratio shows what auth, the rate limit, the tick and the aggregation cost.
Goal: p99 < 25 ms on SQLite.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
from pathlib import Path
from tempfile import TemporaryDirectory

import httpx

sys.path.insert(0, str(Path(__file__).parents[1]))

from tests.api.conftest import start_server, stop_server

from adreel.engine import accounts
from adreel.engine.admission import create_job
from adreel.platform.db import Project


def hammer(url: str, paths: list[str], headers: dict[str, str], pollers: int,
           seconds: float, interval: float) -> tuple[list[float], float]:
    """`pollers` clients, each polling every `interval` seconds as a real client does (0: as
    fast as it can, which measures saturation rather than latency)."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def poll(offset: float) -> None:
        own: list[float] = []
        time.sleep(offset)
        with httpx.Client(base_url=url, headers=headers, timeout=30) as client:
            while time.monotonic() < stop:
                started = time.perf_counter()
                response = client.get(random.choice(paths))
                elapsed = time.perf_counter() - started
                own.append(elapsed)
                if response.status_code != 200:
                    raise RuntimeError(f"{response.status_code}: {response.text}")
                if interval:
                    time.sleep(max(0.0, interval - elapsed))
        with lock:
            latencies.extend(own)

    threads = [threading.Thread(target=poll, args=(interval * i / pollers,)) for i in range(pollers)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, time.monotonic() - began


def report(name: str, latencies: list[float], elapsed: float) -> None:
    ordered = sorted(latencies)
    p99 = ordered[int(len(ordered) * 0.99) - 1] * 1000
    print(f"{name:<28} p50 {statistics.median(ordered) * 1000:7.1f} ms   p99 {p99:7.1f} ms   "
          f"{len(ordered) / elapsed:8.0f} req/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--pollers", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=1000)
    parser.add_argument("--interval", type=float, default=1.0,
                        help="seconds between one poller's requests (0 = flat out)")
    args = parser.parse_args()
    with TemporaryDirectory() as folder:
        server = start_server(Path(folder))
        try:
            with server.database.session() as session:
                account = accounts.create_account(session, server.box, "bench", rate_limit=10**9)
                token = accounts.create_key(session, account, "bench", ["projects:read"], None).key
                ids = []
                for index in range(args.jobs):
                    job = create_job(session, account.id, [f"https://shop.example/p/{index}"], 1,
                                     {"aspect_ratio": "9:16"}, None)
                    job.status, job.progress, job.stage = "completed", 100, "stitching"
                    ids.append(job.id)
                session.flush()
                for project in session.query(Project).all():
                    project.status, project.progress, project.stage_state = "completed", 100, "done"
            headers = {"X-API-Key": token}
            paths = [f"/api/v1/jobs/{i}" for i in ids]
            print(f"{args.jobs} jobs in SQLite, {args.pollers} pollers, {args.seconds:g} s per run")
            print(f"-- each poller every {args.interval:g} s (clients as they really poll):")
            health, health_time = hammer(server.url, ["/healthz"], {}, args.pollers, args.seconds,
                                         args.interval)
            report("GET /healthz", health, health_time)
            status, status_time = hammer(server.url, paths, headers, args.pollers, args.seconds,
                                         args.interval)
            report("GET /api/v1/jobs/{id}", status, status_time)
            print(f"status / healthz p50: {statistics.median(status) / statistics.median(health):.1f}x  "
                  "(goal: status p99 < 25 ms)")
            print("-- flat out (saturation; client threads share the cores with the server):")
            flat, flat_time = hammer(server.url, paths, headers, args.pollers, args.seconds, 0.0)
            report("GET /api/v1/jobs/{id}", flat, flat_time)
        finally:
            stop_server(server)


if __name__ == "__main__":
    main()
