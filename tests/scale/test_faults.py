"""Scale-out under faults, with the quick test stages (tests.api.stage_plugin): a worker killed
mid-stage, a worker stopped politely mid-stage, the broker restarted with work queued, the
database's connections dropped mid-job, and every worker gone for a while. Nothing is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter

import httpx
import psycopg
import pytest

from tests.conftest import POSTGRES_URL
from tests.scale.conftest import Farm, RedisServer, Worker, duplicate_runs, stage_runs, wait_for

pytestmark = pytest.mark.slow   # starts and kills several server and worker processes

# Quick stages, and a lease short enough that a dead worker's stage is retaken in seconds.
QUICK = {"ADREEL_PLUGINS": "tests.api.stage_plugin", "ADREEL_LEASE_S": "3"}


def client_for(farm: Farm) -> httpx.Client:
    api = farm.servers[0]
    account = f"acme-{uuid.uuid4().hex[:8]}"
    api.account(account, rate_limit=100_000)
    return api.client(api.key(account, ["generate", "projects:read"]).key)


def submit(client: httpx.Client, farm: Farm, *queries: str) -> str:
    urls = [farm.product(f"/products/ember-pour-over{query}") for query in queries]
    answer = client.post("/api/v1/generate", json={"urls": urls})
    assert answer.status_code == 200, answer.text
    return answer.json()["jobId"]


def in_stage(stage: str, low: int) -> object:
    """The job's first project is in `stage` and past `low` percent."""
    return lambda body: body["projects"][0]["stage"] == stage and body["projects"][0]["progress"] > low


@pytest.mark.timeout(300)
def test_two_apis_and_two_workers_run_each_stage_once(farm, redis_server: RedisServer) -> None:
    cluster = farm(redis_server.url, **QUICK)
    cluster.serve()
    cluster.serve()
    cluster.worker()
    cluster.worker()
    client = client_for(cluster)
    jobs = []
    for i in range(6):
        urls = [cluster.product(f"/products/ember-pour-over?n={i}-{j}") for j in range(1 + i % 3)]
        answer = client.post("/api/v1/generate", json={"urls": urls, "webhookUrl": cluster.product(f"/hooks/{i}")})
        assert answer.status_code == 200, answer.text
        jobs.append(answer.json()["jobId"])
    for job_id in jobs:
        assert wait_for(client, job_id)["status"] == "completed"

    # Each job's webhook: sent once by one of the two API processes (a slow answer on a busy
    # machine may be retried, and every try is on the job's record), never sent twice.
    def attempts(job_id: str) -> list[dict]:
        return client.get(f"/api/v1/jobs/{job_id}/webhooks").json()["webhooks"]

    deadline = time.monotonic() + 90
    while not all(any(a["state"] == "sent" for a in attempts(job_id)) for job_id in jobs):
        assert time.monotonic() < deadline, [attempts(job_id) for job_id in jobs]
        time.sleep(0.5)
    time.sleep(2)                      # a second delivery, if any, would arrive by now
    hits = Counter(hit for hit in cluster.shop.hits if hit.startswith("/hooks/"))
    for i, job_id in enumerate(jobs):
        record = attempts(job_id)
        assert [a["state"] for a in record].count("sent") == 1, record
        assert hits[f"/hooks/{i}"] == len(record), (hits, record)
    runs = stage_runs(cluster.workers)
    assert len(runs) == sum(1 + i % 3 for i in range(6)) * 5, runs
    assert not duplicate_runs(cluster.workers)
    assert len({worker.split("/")[0] for *_rest, worker in runs}) == 2   # both workers took work


def one_worker_mid_video(farm, redis_server: RedisServer) -> tuple[Farm, Worker, httpx.Client, str]:
    """An API and one worker, running the slow video stage of a new job."""
    cluster = farm(redis_server.url, **QUICK)
    cluster.serve()
    worker = cluster.worker()
    client = client_for(cluster)
    job_id = submit(client, cluster, "?slow=video")
    wait_for(client, job_id, until=in_stage("video", 31))
    return cluster, worker, client, job_id


@pytest.mark.timeout(300)
def test_a_worker_killed_mid_stage_is_replaced_and_the_job_completes(farm, redis_server: RedisServer) -> None:
    cluster, doomed, client, job_id = one_worker_mid_video(farm, redis_server)
    survivor = cluster.worker()
    doomed.stop(signal.SIGKILL)
    final = wait_for(client, job_id)
    assert final["status"] == "completed", final
    # The doomed worker never finished the video stage; the survivor ran it, once.
    assert [stage for _p, stage, _o, _w in stage_runs([doomed])] == ["preparing", "audio"]
    assert [(stage, outcome) for _p, stage, outcome, _w in stage_runs([survivor])] == [
        ("video", "done"), ("lip_sync", "done"), ("stitching", "done")]


@pytest.mark.timeout(300)
def test_sigterm_lets_a_worker_finish_its_stage_first(farm, redis_server: RedisServer) -> None:
    cluster, leaving, client, job_id = one_worker_mid_video(farm, redis_server)
    leaving.stop(signal.SIGTERM, wait=60)
    assert leaving.process.returncode == 0
    assert [(stage, outcome) for _p, stage, outcome, _w in stage_runs([leaving])][-1] == ("video", "done")
    cluster.worker()
    assert wait_for(client, job_id)["status"] == "completed"
    assert not duplicate_runs(cluster.workers)


@pytest.mark.timeout(300)
def test_a_broker_restart_loses_no_queued_work(farm, redis_server: RedisServer) -> None:
    cluster = farm(redis_server.url, **QUICK)
    cluster.serve()
    client = client_for(cluster)
    jobs = [submit(client, cluster, f"?n={i}") for i in range(3)]
    time.sleep(2)                      # the ticker has queued every first stage; no worker runs
    redis_server.stop()
    time.sleep(2)                      # the API ticks on while the broker is down
    redis_server.start()
    cluster.worker()
    cluster.worker()
    for job_id in jobs:
        assert wait_for(client, job_id)["status"] == "completed"
    assert len(stage_runs(cluster.workers)) == 15
    assert not duplicate_runs(cluster.workers)


def drop_connections(database_url: str) -> int:
    """Terminate every connection to the test's database (as a failover or restart would)."""
    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        rows = admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             "WHERE datname = %s AND pid <> pg_backend_pid()", (name,)).fetchall()
    return len(rows)


@pytest.mark.timeout(300)
def test_workers_reconnect_when_the_database_drops_their_connections(farm, redis_server: RedisServer) -> None:
    cluster = farm(redis_server.url, **QUICK)
    cluster.serve()
    cluster.worker()
    cluster.worker()
    client = client_for(cluster)
    jobs = [submit(client, cluster, "?slow=video", "?slow=stitching") for _ in range(2)]
    wait_for(client, jobs[0], until=in_stage("video", 31))
    assert drop_connections(cluster.database_url) > 0
    time.sleep(3)
    assert drop_connections(cluster.database_url) > 0
    for job_id in jobs:
        final = wait_for(client, job_id, timeout=180)
        assert final["status"] == "completed", final


@pytest.mark.timeout(300)
def test_with_no_worker_jobs_wait_pending_and_the_clocks_do_not_run(farm, redis_server: RedisServer) -> None:
    cluster = farm(redis_server.url, **QUICK, ADREEL_JOB_TIMEOUT_S="6", ADREEL_STALL_TIMEOUT_S="3")
    cluster.serve()
    client = client_for(cluster)
    jobs = [submit(client, cluster, "?n=1", "?n=2"), submit(client, cluster, "?n=3")]
    time.sleep(10)                     # longer than the job timeout, with no worker anywhere
    for job_id in jobs:
        body = wait_for(client, job_id, until=lambda body: True)
        assert body["status"] == "pending"
        assert {(p["status"], p["progress"], p["error"]) for p in body["projects"]} == {("pending", 0, None)}
    cluster.worker()
    for job_id in jobs:
        final = wait_for(client, job_id)
        assert final["status"] == "completed", final


@pytest.mark.timeout(300)
def test_readiness_and_doctor_name_a_broker_that_is_down(farm, redis_server: RedisServer) -> None:
    cluster = farm(redis_server.url, **QUICK)
    api = cluster.serve()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("ADREEL_")}, **cluster.env,
           "ADREEL_DATABASE_URL": cluster.database_url, "ADREEL_DATA_DIR": str(cluster.root / "doctor")}
    doctor = [sys.executable, "-m", "adreel", "doctor"]
    assert api.client().get("/readyz").json() == {"status": "ready", "database": "ok", "storage": "ok",
                                                  "queue": "ok"}
    healthy = subprocess.run(doctor, env=env, capture_output=True, text=True, check=False)
    assert healthy.returncode == 0 and f"✓ queue     redis://127.0.0.1:{redis_server.port}/0" in healthy.stdout

    redis_server.stop()
    down = api.client().get("/readyz")
    assert (down.status_code, down.json()) == (503, {"error": "Queue unreachable"})
    broken = subprocess.run(doctor, env=env, capture_output=True, text=True, check=False)
    assert broken.returncode == 1
    assert f"✗ queue     redis://127.0.0.1:{redis_server.port}/0 cannot be reached" in broken.stdout
    assert "ADREEL_QUEUE" in broken.stdout
    redis_server.start()
    assert api.client().get("/readyz").status_code == 200
