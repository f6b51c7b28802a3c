"""Scale-out beside embedded mode: the same jobs, the same pollers, on the same machine.

    python benchmarks/scale.py [--jobs 20] [--pollers 50] [--idle 10]

Scale-out: 2 `adreel serve` + 2 `adreel worker` processes on PostgreSQL, a Redis of its own
and S3 (moto's server, at the workers' CPU priority: real S3 costs this machine nothing).
Embedded: one `adreel serve` on SQLite and a local folder, rendering on its own threads. Each
renders `--jobs` one-page jobs (15 s, product_showcase, 1:1, webhook set) while `--pollers`
clients poll the jobs' status once a second, over keys with room to spare under the rate limit
(so it never answers for the server). The pollers run in a process of their own with a minimal
HTTP/1.1 client, each kept-alive connection on one API process in turn, as a load balancer
spreads them: the figures are the server's, not this script's. Prints, in order: status p50/p99 while nothing renders,
then while rendering; videos per minute and video-seconds rendered per wall-second, with
scale-out ÷ embedded; the CPU of one poll, the API processes' CPU beside the workers' (the
polls' share apart); duplicate stage runs; webhook deliveries per job; lost jobs. Goals on 2
cores: status p99 < 25 ms while rendering, no duplicates, nothing lost, throughput within 10 %
of embedded mode's.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import statistics
import sys
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from tempfile import TemporaryDirectory

import httpx
from cryptography.fernet import Fernet

sys.path.insert(0, str(Path(__file__).parents[1]))

from tests.api.conftest import Server, start_server, stop_server
from tests.conftest import S3_CREDENTIALS, free_port, new_postgres_database, start_s3, start_site
from tests.fixtures.shop import PRODUCTS, all_routes
from tests.scale.conftest import TERMINAL, Farm, RedisServer, duplicate_runs, stage_runs

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of these processes (all their threads) so far."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / TICKS


class Pollers:
    """Clients polling their jobs' status once a second, in a process of their own (as clients
    are on machines of their own): a minimal HTTP/1.1 keep-alive client on one asyncio loop, so
    the measuring side adds little CPU, and no wait for this process's GIL (its local shop
    serves the workers' pictures) reaches the figures."""

    def __init__(self, urls: list[str], keys: list[str], jobs: list[str], phase: str) -> None:
        self._pipe, child = multiprocessing.get_context("spawn").Pipe()
        self.process = multiprocessing.get_context("spawn").Process(
            target=poll_process, args=(child, urls, keys, {"jobs": jobs, "phase": phase}), daemon=True)
        self.process.start()
        self.latencies: dict[str, list[float]] = {}
        self.errors: Counter = Counter()

    def set(self, **state: object) -> None:
        self._pipe.send(state)

    def count(self, phase: str) -> int:
        self._pipe.send({"count": phase})
        return self._pipe.recv()

    def stop(self) -> None:
        self._pipe.send({"stop": True})
        self.latencies, self.errors = self._pipe.recv()
        self.process.join(10)


def poll_process(pipe: Connection, urls: list[str], keys: list[str], state: dict) -> None:
    asyncio.run(poll_all(pipe, urls, keys, state))


async def poll_all(pipe: Connection, urls: list[str], keys: list[str], state: dict) -> None:
    """Each client keeps one connection to one API process, taken in turn (as a load balancer
    spreads them)."""
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: Counter = Counter()
    stop = asyncio.Event()

    def on_message() -> None:
        message = pipe.recv()
        if "count" in message:
            pipe.send(len(latencies[message["count"]]))
        elif message.get("stop"):
            stop.set()
        else:
            state.update(message)

    asyncio.get_running_loop().add_reader(pipe.fileno(), on_message)
    addresses = [httpx.URL(url) for url in urls]
    await asyncio.gather(*(poll(addresses[index % len(addresses)], index, keys, state, latencies, errors, stop)
                           for index in range(len(keys))))
    pipe.send((dict(latencies), errors))


async def poll(address: httpx.URL, index: int, keys: list[str], state: dict,
               latencies: dict[str, list[float]], errors: Counter, stop: asyncio.Event) -> None:
    await asyncio.sleep(index / len(keys))     # spread over the second, as real clients are
    turn, connection = index, None
    while not stop.is_set():
        began = time.perf_counter()
        jobs, phase = state["jobs"], state["phase"]
        try:
            async with asyncio.timeout(30):
                if connection is None:
                    connection = await asyncio.open_connection(address.host, address.port)
                status = await get(*connection, address.host, f"/api/v1/jobs/{jobs[turn % len(jobs)]}", keys[index])
        except (OSError, asyncio.IncompleteReadError, TimeoutError) as error:
            errors[type(error).__name__] += 1
            connection = None
        else:
            elapsed = time.perf_counter() - began
            if status == 200:
                latencies[phase].append(elapsed)
            else:
                errors[status] += 1
        turn += len(keys)
        await asyncio.sleep(max(0.0, 1.0 - (time.perf_counter() - began)))


async def get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, path: str, key: str) -> int:
    """One GET on a kept-alive connection: the status code (the body is read and dropped)."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nX-API-Key: {key}\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    fields = dict(line.split(b":", 1) for line in head.split(b"\r\n")[1:] if b":" in line)
    await reader.readexactly(int(fields.get(b"content-length", fields.get(b"Content-Length", b"0"))))
    return int(head[9:12])


def percentiles(values: list[float]) -> str:
    if not values:
        return "no answers"
    ordered = sorted(values)
    p99 = ordered[max(0, int(len(ordered) * 0.99) - 1)] * 1000
    return f"p50 {statistics.median(ordered) * 1000:6.1f} ms  p99 {p99:6.1f} ms  ({len(ordered)} polls)"


@dataclass
class Run:
    name: str
    wall_s: float
    videos: int
    video_s: float
    lost: int
    pollers: Pollers
    api_cpu: float
    worker_cpu: float
    duplicates: int | None
    webhooks: Counter
    per_poll_cpu: float      # seconds of API CPU per status poll, measured while nothing rendered


def account_keys(server: Server, pollers: int) -> tuple[str, list[str]]:
    """A key that generates, and one read key per poller drawn from the account's four others
    (an account holds five), with a limit that leaves each key twice its pollers' rate."""
    name = f"bench-{uuid.uuid4().hex[:6]}"
    server.account(name, rate_limit=max(120, 2 * 60 * -(-pollers // 4)), plan_limit=10_000)
    generate = server.key(name, ["generate", "projects:read"]).key
    readers = [server.key(name, ["projects:read"]).key for _ in range(4)]
    return generate, [readers[i % 4] for i in range(pollers)]


def submit(client: httpx.Client, shop_url: str, index: int) -> str:
    slug = list(PRODUCTS)[index % len(PRODUCTS)]
    answer = client.post("/api/v1/generate", json={
        "urls": [f"{shop_url}/products/{slug}"], "formatPreset": "product_showcase", "adDuration": 15,
        "aspectRatio": "1:1", "webhookUrl": f"{shop_url}/hooks/{index}"})
    answer.raise_for_status()
    return answer.json()["jobId"]


def wait_all(client: httpx.Client, jobs: list[str], timeout: float = 1800) -> list[dict]:
    deadline = time.monotonic() + timeout
    finished: dict[str, dict] = {}
    while len(finished) < len(jobs) and time.monotonic() < deadline:
        for job_id in jobs:
            if job_id not in finished:
                body = client.get(f"/api/v1/jobs/{job_id}").json()
                if body.get("status") in TERMINAL:
                    finished[job_id] = body
        time.sleep(1)
    return list(finished.values())


def measure(name: str, apis: list[Server], worker_pids: list[int], shop, jobs: int, pollers: int,
            idle_s: float, duplicates=None) -> Run:
    generate, keys = account_keys(apis[0], pollers)
    client = apis[0].client(generate)
    warm = submit(client, shop.url(""), 10_000)          # voices, fonts and caches load once
    wait_all(client, [warm])
    polling = Pollers([api.url for api in apis], keys, jobs=[warm], phase="warm-up")
    time.sleep(3)                                          # connections open, caches fill
    api_pids = [api.process.pid for api in apis]
    idle_before = cpu_seconds(api_pids)
    polling.set(phase="idle")
    time.sleep(idle_s)
    api_before, workers_before = cpu_seconds(api_pids), cpu_seconds(worker_pids)
    # With nothing rendering the API's CPU is the polls' (and an idle ticker's): the cost of one poll.
    per_poll = (api_before - idle_before) / max(1, polling.count("idle"))
    polling.set(phase="rendering")
    began = time.monotonic()
    with ThreadPoolExecutor(4) as submitting:              # clients submit side by side
        ids = list(submitting.map(lambda index: submit(client, shop.url(""), index), range(jobs)))
    polling.set(jobs=ids)
    bodies = wait_all(client, ids)
    wall = time.monotonic() - began
    api_cpu, worker_cpu = cpu_seconds(api_pids) - api_before, cpu_seconds(worker_pids) - workers_before
    polling.stop()
    done = [d for body in bodies for d in body.get("completedDetails", []) if d["status"] == "completed"]

    def hooks() -> Counter:
        return Counter(path for path in shop.hits if path.startswith("/hooks/") and path != "/hooks/10000")

    deadline = time.monotonic() + 20
    while len(hooks()) < len(bodies) and time.monotonic() < deadline:   # the last webhooks leave
        time.sleep(0.5)
    time.sleep(2)                                          # a second delivery would arrive by now
    return Run(name, wall, len(done), sum(d["durationSeconds"] or 0 for d in done), jobs - len(done), polling,
               api_cpu, worker_cpu, duplicates() if duplicates else None, hooks(), per_poll)


def scale_out(folder: Path, shop, jobs: int, pollers: int, idle_s: float) -> Run:
    s3 = start_s3()
    # moto stands in for S3, which costs this machine no CPU in a deployment: it yields to the
    # API as the workers do.
    os.setpriority(os.PRIO_PROCESS, s3.process.pid, 10)
    redis = RedisServer(free_port(), folder / "redis")
    redis.folder.mkdir()
    redis.start()
    try:
        with new_postgres_database() as database_url:
            import boto3

            bucket = f"bench-{uuid.uuid4().hex[:8]}"
            boto3.client("s3", endpoint_url=s3.url, region_name="us-east-1",
                         aws_access_key_id=S3_CREDENTIALS["AWS_ACCESS_KEY_ID"],
                         aws_secret_access_key=S3_CREDENTIALS["AWS_SECRET_ACCESS_KEY"]).create_bucket(Bucket=bucket)
            farm = Farm(folder / "farm", {
                **S3_CREDENTIALS, "ADREEL_QUEUE": redis.url, "ADREEL_STORAGE": f"s3://{bucket}/bench",
                "ADREEL_S3_ENDPOINT_URL": s3.url, "ADREEL_ALLOW_PRIVATE_NETWORKS": "1",
                "ADREEL_ALLOW_PRIVATE_WEBHOOKS": "1", "ADREEL_SECRET_KEY": Fernet.generate_key().decode()},
                database_url, shop)
            try:
                apis = [farm.serve(), farm.serve()]
                workers = [farm.worker("--nice", "10"), farm.worker("--nice", "10")]   # as deployed
                return measure("scale-out", apis, [w.process.pid for w in workers], shop, jobs, pollers, idle_s,
                               duplicates=lambda: len(duplicate_runs(farm.workers)) + sum(
                                   outcome != "done" for *_r, outcome, _w in stage_runs(farm.workers)))
            finally:
                farm.close()
    finally:
        redis.stop()
        s3.stop()


def embedded(folder: Path, shop, jobs: int, pollers: int, idle_s: float) -> Run:
    server = start_server(folder / "embedded", extra_env={"ADREEL_ALLOW_PRIVATE_NETWORKS": "1",
                                                          "ADREEL_ALLOW_PRIVATE_WEBHOOKS": "1"})
    try:
        return measure("embedded", [server], [], shop, jobs, pollers, idle_s)
    finally:
        stop_server(server)


def print_run(run: Run) -> None:
    print(f"== {run.name}")
    print(f"   status while idle       {percentiles(run.pollers.latencies.get('idle', []))}")
    print(f"   status while rendering  {percentiles(run.pollers.latencies.get('rendering', []))}"
          + (f"  non-200: {dict(run.pollers.errors)}" if run.pollers.errors else ""))
    print(f"   {run.videos} videos in {run.wall_s:.0f} s: {run.videos / run.wall_s * 60:.2f} videos/min, "
          f"{run.video_s / run.wall_s:.2f} video-s per wall-s; lost jobs: {run.lost}")
    polls = len(run.pollers.latencies.get("rendering", []))
    print(f"   one status poll costs the API {run.per_poll_cpu * 1000:.1f} ms of CPU (measured while idle)")
    if run.worker_cpu:
        background = max(0.0, run.api_cpu - polls * run.per_poll_cpu)
        print(f"   CPU: API processes {run.api_cpu:.0f} s, workers {run.worker_cpu:.0f} s "
              f"(API / workers {run.api_cpu / run.worker_cpu:.1%}; goal < 10 %); of the API's, "
              f"{polls} polls ≈ {polls * run.per_poll_cpu:.0f} s, the rest (ticks, webhooks, submits) "
              f"{background:.0f} s = {background / run.worker_cpu:.1%} of the workers'")
    else:
        print(f"   CPU: the one process {run.api_cpu:.0f} s")
    if run.duplicates is not None:
        print(f"   duplicate or repeated stage runs: {run.duplicates}")
    attempts = Counter(run.webhooks.values())
    print(f"   webhook deliveries per job: {dict(sorted(attempts.items()))} over {len(run.webhooks)} jobs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=20)
    parser.add_argument("--pollers", type=int, default=50)
    parser.add_argument("--idle", type=float, default=10, help="seconds of polling before the jobs start")
    parser.add_argument("--skip-embedded", action="store_true")
    args = parser.parse_args()
    routes = all_routes("http://127.0.0.1:0")     # replaced below, once the port is known
    shop, server = start_site(routes)
    shop.routes.clear()
    shop.routes.update(all_routes(shop.url("")))
    shop.routes.update({f"/hooks/{i}": (200, {"Content-Type": "text/plain"}, b"ok")
                        for i in [*range(args.jobs), 10_000]})
    print(f"{args.jobs} jobs (15 s product_showcase 1:1, one page each), {args.pollers} pollers at 1 req/s, "
          f"{os.cpu_count()} cores")
    try:
        with TemporaryDirectory() as folder:
            out = scale_out(Path(folder), shop, args.jobs, args.pollers, args.idle)
            print_run(out)
            shop.hits.clear()
            if not args.skip_embedded:
                one = embedded(Path(folder), shop, args.jobs, args.pollers, args.idle)
                print_run(one)
                ratio = (out.videos / out.wall_s) / (one.videos / one.wall_s)
                print(f"== throughput scale-out / embedded: {ratio:.2f} (goal >= 0.90)")
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
