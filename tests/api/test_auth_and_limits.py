"""Authentication, permissions, rate limits and the error contract, over real HTTP against
`adreel serve` (spec/API.md §1, §2)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from adreel.platform.db import ApiKey

UNAUTHORIZED = {"error": "Unable to resolve user from API key"}


def test_missing_malformed_unknown_revoked_and_expired_keys_answer_401(serve_api) -> None:
    server = serve_api()
    server.account("acme")
    good = server.key("acme", ["projects:read"])
    revoked = server.key("acme", ["projects:read"])
    expired = server.key("acme", ["projects:read"], expires_at=datetime.now(UTC) + timedelta(days=1))
    with server.database.session() as session:
        session.execute(update(ApiKey).where(ApiKey.id == revoked.id).values(revoked_at=datetime.now(UTC)))
        session.execute(update(ApiKey).where(ApiKey.id == expired.id)
                        .values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    for key in (None, "", "sk_live_" + "x" * 40, "nvl_" + "x" * 43, revoked.key, expired.key):
        response = server.client(key).get("/api/v1/voices")
        assert response.status_code == 401, key
        assert response.json() == UNAUTHORIZED
        assert "X-RateLimit-Limit" not in response.headers
    assert server.client(good.key).get("/api/v1/voices").status_code == 200
    bearer = server.client().get("/api/v1/voices", headers={"Authorization": f"Bearer {good.key}"})
    assert bearer.status_code == 200


def test_a_missing_permission_is_403_with_the_permission_named(serve_api) -> None:
    server = serve_api()
    server.account("acme")
    key = server.key("acme", ["generate"])
    response = server.client(key.key).get("/api/v1/voices")
    assert response.status_code == 403
    assert response.json() == {"error": "This API key does not have the 'projects:read' permission"}
    assert response.headers["X-RateLimit-Limit"] == "60"


def test_voices_lists_languages_and_accents(serve_api) -> None:
    server = serve_api()
    server.account("acme")
    body = server.client(server.key("acme", ["projects:read"]).key).get("/api/v1/voices").json()
    assert {"en", "es", "de", "fr", "ja"} <= set(body["languages"])
    assert "american" in body["languages"]["en"]
    joe = next(v for v in body["voices"] if v["id"] == "en-us-joe")
    assert joe == {"id": "en-us-joe", "name": "Joe", "language": "en", "locale": "en-US",
                   "accent": "american", "gender": "male", "engine": "piper"}


def test_rate_limit_headers_and_429(serve_api) -> None:
    server = serve_api()
    server.account("acme", rate_limit=3)
    client = server.client(server.key("acme", ["projects:read"]).key)
    remaining = []
    for _ in range(3):
        response = client.get("/api/v1/voices")
        assert response.status_code == 200
        remaining.append(int(response.headers["X-RateLimit-Remaining"]))
        reset = int(response.headers["X-RateLimit-Reset"])
        assert time.time() < reset <= time.time() + 61
    assert remaining == [2, 1, 0]
    refused = client.get("/api/v1/voices")
    assert refused.status_code == 429
    body = refused.json()
    assert body["error"] == "Rate limit exceeded" and body["reason"]
    assert 1 <= body["retryAfter"] <= 60
    assert refused.headers["Retry-After"] == str(body["retryAfter"])
    assert refused.headers["X-RateLimit-Remaining"] == "0"
    # Another key of the same account has its own window.
    assert server.client(server.key("acme", ["projects:read"]).key).get("/api/v1/voices").status_code == 200


def test_the_limit_holds_across_two_server_processes(serve_api, tmp_path) -> None:
    first = serve_api()
    second = serve_api(tmp_path)   # same data directory, same database
    first.account("acme", rate_limit=4)
    key = first.key("acme", ["projects:read"]).key
    statuses = []
    for server in (first, second, first, second, first, second):
        statuses.append(server.client(key).get("/api/v1/voices").status_code)
    assert statuses == [200, 200, 200, 200, 429, 429]


def test_framework_errors_keep_the_error_shape(serve_api) -> None:
    server = serve_api()
    client = server.client()
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and missing.json() == {"error": "Not found"}
    wrong = client.delete("/healthz")
    assert wrong.status_code == 405 and wrong.json() == {"error": "Method not allowed"}
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready", "database": "ok", "storage": "ok",
                                                       "queue": "ok"}
    spec = client.get("/openapi.json").json()
    assert "/api/v1/voices" in spec["paths"]


def test_postgresql_backend_serves_the_same_contract(serve_api, postgres_url, tmp_path) -> None:
    server = serve_api(tmp_path, postgres_url)
    server.account("pg-acme", rate_limit=2)
    client = server.client(server.key("pg-acme", ["projects:read"]).key)
    assert [client.get("/api/v1/voices").status_code for _ in range(3)] == [200, 200, 429]
    assert server.client("nvl_" + "y" * 43).get("/api/v1/voices").json() == UNAUTHORIZED
