"""Request-time media work in scale-out: the pages a request names are read by a light worker,
and the API answers its refusals exactly as embedded mode does. With no worker to take the
check, the API process reads the page itself rather than keep the client waiting."""

from __future__ import annotations

import signal
import uuid

import pytest
from sqlalchemy import func, select

from adreel.platform.db import RelayedCheck
from tests.scale.conftest import RedisServer

pytestmark = pytest.mark.slow   # starts server and worker processes


@pytest.mark.timeout(300)
def test_a_light_worker_reads_the_pages_a_request_names(farm, redis_server: RedisServer) -> None:
    cluster = farm(redis_server.url, ADREEL_PLUGINS="tests.api.stage_plugin")
    api = cluster.serve()
    light = cluster.worker("--queues", "light")
    account = f"acme-{uuid.uuid4().hex[:8]}"
    api.account(account, rate_limit=100_000)
    client = api.client(api.key(account, ["generate", "projects:read"]).key)

    gone = client.post("/api/v1/generate", json={"urls": [cluster.product("/products/missing")]})
    assert gone.status_code == 422, gone.text
    assert gone.json()["error"] == "not_a_product" and "404" in gone.json()["reason"]
    home = client.post("/api/v1/generate", json={"urls": [cluster.product("/")]})
    assert home.status_code == 422 and home.json()["reason"].startswith("127.0.0.1 is not a product page.")
    created = client.post("/api/v1/generate", json={"urls": [cluster.product("/products/ember-pour-over")]})
    assert created.status_code == 200, created.text
    assert light.text().count("Task adreel.check[") >= 6        # three pages: received and succeeded
    # The studio's page read is the same kind of work: a light worker does it, pictures and all.
    read = client.post("/api/v1/studio/pages", json={"url": cluster.product("/products/ember-pour-over")})
    assert read.status_code == 200 and read.json()["isProduct"], read.text
    assert read.json()["pictures"][0].startswith(f"{api.url}/media/")
    assert client.get(read.json()["pictures"][0]).headers["content-type"] == "image/jpeg"
    assert light.text().count("Task adreel.check[") >= 8
    with api.database.session() as session:
        assert session.scalar(select(func.count()).select_from(RelayedCheck)) == 0   # nothing left behind

    light.stop(signal.SIGTERM)
    fallback = client.post("/api/v1/generate", json={"urls": [cluster.product("/products/missing")]})
    assert fallback.status_code == 422 and fallback.json()["error"] == "not_a_product"
    [log] = cluster.root.glob("api-0/serve-*.log")
    assert "no light worker answered a page check (none took it within 2 s" in log.read_text()
