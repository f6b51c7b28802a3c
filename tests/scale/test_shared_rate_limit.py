"""In scale-out the rate-limit window lives in Redis (API.md §4 "Polling"): every API process
counts against the same window, and a status poll writes nothing to the database."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from adreel.platform.db import RateEvent
from tests.scale.conftest import RedisServer

pytestmark = pytest.mark.slow   # starts two server processes and restarts a Redis


@pytest.mark.timeout(180)
def test_two_api_processes_share_one_window_in_redis(farm, redis_server: RedisServer) -> None:
    cluster = farm(redis_server.url)
    first, second = cluster.serve(), cluster.serve()
    account = f"acme-{uuid.uuid4().hex[:8]}"
    first.account(account, rate_limit=5)
    key = first.key(account, ["projects:read"]).key
    answers = [server.client(key).get("/api/v1/usage") for server in (first, second, first, second, first)]
    assert [answer.status_code for answer in answers] == [200] * 5
    assert [answer.headers["x-ratelimit-remaining"] for answer in answers] == ["4", "3", "2", "1", "0"]
    refused = second.client(key).get("/api/v1/usage")
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    with first.database.session() as session:
        assert session.scalar(select(func.count()).select_from(RateEvent)) == 0   # counted in Redis only

    # Redis gone: the database counts meanwhile, rather than every request failing.
    redis_server.stop()
    other = first.key(account, ["projects:read"]).key
    assert first.client(other).get("/api/v1/usage").status_code == 200
    with first.database.session() as session:
        assert session.scalar(select(func.count()).select_from(RateEvent)) == 1
    redis_server.start()
