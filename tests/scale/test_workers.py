"""The scale-out acceptance: two `adreel serve` and two `adreel worker` processes on PostgreSQL,
S3 (moto's server) and a broker (Redis, then RabbitMQ) render ten jobs of one to three product
pages with the real pipeline. Every video downloads from either API process, byte for byte the
same, and the workers' stage-run log shows every stage ran exactly once."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest

from adreel.engine.stages import STAGE_NAMES
from adreel.media.encode.probe import probe_mp4
from adreel.platform.queue.broker import CeleryQueue
from tests.scale.conftest import RABBITMQ_URL, Farm, RedisServer, duplicate_runs, stage_runs, wait_for

pytestmark = pytest.mark.slow   # renders twenty videos on each broker

PAGES = ("ember-pour-over", "stride-pro-runner", "kumo-wireless-headphones", "lumen-amber-candle",
         "gipfel-wanderrucksack", "dew-drop-serum")
ASPECTS = ("1:1", "9:16", "16:9")


def render_ten_jobs(cluster: Farm, tmp_path: Path) -> None:
    apis = [cluster.serve(), cluster.serve()]
    cluster.worker()
    cluster.worker()
    account = f"acme-{uuid.uuid4().hex[:8]}"
    apis[0].account(account, rate_limit=100_000, plan_limit=1000)
    key = apis[0].key(account, ["generate", "projects:read"]).key
    clients = [api.client(key) for api in apis]
    jobs = []
    for i in range(10):
        urls = [cluster.product(f"/products/{PAGES[(i + j) % len(PAGES)]}") for j in range(1 + i % 3)]
        answer = clients[i % 2].post("/api/v1/generate", json={
            "urls": urls, "formatPreset": "product_showcase", "adDuration": 15,
            "aspectRatio": ASPECTS[i % 3] if i < 3 else "1:1"})
        assert answer.status_code == 200, answer.text
        jobs.append(answer.json()["jobId"])

    projects = 0
    for i, job_id in enumerate(jobs):
        final = wait_for(clients[(i + 1) % 2], job_id, timeout=600)
        assert final["status"] == "completed", final
        for detail in final["completedDetails"]:
            projects += 1
            # A worker has no public address: the API that answers links to itself.
            assert detail["finalOutputUrl"].startswith(f"{apis[(i + 1) % 2].url}/media/")
            assert detail["captionsUrl"]["vtt"].startswith(f"{apis[(i + 1) % 2].url}/media/")
            path = httpx.URL(detail["finalOutputUrl"]).path
            copies = [client.get(path) for client in clients]
            assert [copy.status_code for copy in copies] == [200, 200]
            assert copies[0].content == copies[1].content and len(copies[0].content) > 10_000
            video = tmp_path / f"{detail['projectId']}.mp4"
            video.write_bytes(copies[0].content)
            probe = probe_mp4(video)
            assert (probe.video_codec, probe.audio_codec) == ("h264", "aac")
            assert abs(probe.duration - 15) <= 15 * 0.2, probe
    assert projects == sum(1 + i % 3 for i in range(10))

    runs = stage_runs(cluster.workers)
    assert not duplicate_runs(cluster.workers), duplicate_runs(cluster.workers)
    assert sorted(stage for _p, stage, _o, _w in runs) == sorted(STAGE_NAMES * projects)
    assert {outcome for _p, _s, outcome, _w in runs} == {"done"}
    assert len({worker.split("/")[0] for *_rest, worker in runs}) == 2


@pytest.mark.timeout(900)
def test_ten_jobs_over_redis(farm, redis_server: RedisServer, tmp_path: Path) -> None:
    render_ten_jobs(farm(redis_server.url), tmp_path)


@pytest.mark.timeout(900)
def test_ten_jobs_over_rabbitmq(farm, tmp_path: Path) -> None:
    queue = CeleryQueue(RABBITMQ_URL)
    try:
        queue.check()                 # the machine's RabbitMQ (.ci/run starts it when it is down)
        queue.app.control.purge()     # nothing left over from an earlier run
    finally:
        queue.close()
    render_ten_jobs(farm(RABBITMQ_URL), tmp_path)
