"""Scale-out storage through the API: `adreel serve` processes with different data folders share
one PostgreSQL database and one S3 bucket (moto's server over HTTP). One renders; the others
only serve, and hand out what it made."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import boto3
import httpx
import pytest
from cryptography.fernet import Fernet

from adreel.media.encode.probe import probe_mp4
from tests.api.test_video_jobs import poll
from tests.conftest import S3_CLIENT_KEYS, S3_CREDENTIALS, S3Endpoint, start_s3
from tests.fixtures.shop import all_routes

pytestmark = pytest.mark.slow   # renders whole videos across several server processes
HARNESS_FILES = ("secret.key", "serve-")   # written by the test harness, not by the servers


def left_behind(data_dir: Path) -> list[str]:
    """What a server left in its data folder beyond scratch and caches."""
    return sorted(name for name in (p.relative_to(data_dir).as_posix() for p in data_dir.rglob("*") if p.is_file())
                  if not name.startswith(("scratch/", "cache/", *HARNESS_FILES)))


def bucket_keys(s3: S3Endpoint, bucket: str) -> list[str]:
    client = boto3.client("s3", endpoint_url=s3.url, region_name="us-east-1", **S3_CLIENT_KEYS)
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


def shared_env(s3: S3Endpoint, bucket: str) -> dict[str, str]:
    return {**S3_CREDENTIALS, "ADREEL_STORAGE": f"s3://{bucket}/adreel", "ADREEL_S3_ENDPOINT_URL": s3.url,
            "ADREEL_ALLOW_PRIVATE_NETWORKS": "1", "ADREEL_SECRET_KEY": Fernet.generate_key().decode()}


@pytest.mark.timeout(600)
def test_one_server_renders_another_serves_the_video_from_the_bucket(serve_api, serve, s3, postgres_url,
                                                                     tmp_path) -> None:
    shop = serve()
    shop.routes.update(all_routes(shop.url("")))
    bucket = s3.new_bucket()
    env = shared_env(s3, bucket)
    renderer = serve_api(tmp_path / "renderer", postgres_url, **env)
    front = serve_api(tmp_path / "front", postgres_url, ADREEL_WORKER_THREADS="0", **env)
    signer = serve_api(tmp_path / "signer", postgres_url, ADREEL_WORKER_THREADS="0",
                       ADREEL_MEDIA_URLS="presigned", **env)
    account = f"acme-{uuid.uuid4().hex[:8]}"
    front.account(account)
    client = front.client(front.key(account, ["generate", "projects:read"]).key)
    created = client.post("/api/v1/generate", json={
        "urls": [shop.url("/products/ember-pour-over")], "formatPreset": "product_showcase"})
    assert created.status_code == 200, created.text
    final, _seen = poll(client, created.json()["jobId"])
    assert final["status"] == "completed", final
    detail = final["completedDetails"][0]
    path = httpx.URL(detail["finalOutputUrl"]).path
    assert path.startswith("/media/") and detail["finalOutputUrl"].startswith(renderer.url)

    # The serving process streams it from the bucket, with ranges; the signer redirects to S3.
    token = path.split("/")[2]
    stored = boto3.client("s3", endpoint_url=s3.url, region_name="us-east-1", **S3_CLIENT_KEYS).get_object(
        Bucket=bucket, Key=f"adreel/media/{token}/video.mp4")["Body"].read()
    head = client.get(path, headers={"Range": "bytes=0-1023"})
    assert head.status_code == 206 and head.content == stored[:1024]
    assert head.headers["content-range"] == f"bytes 0-1023/{len(stored)}"
    tail = client.get(path, headers={"Range": "bytes=-100"})
    assert tail.status_code == 206 and tail.content == stored[-100:]
    assert client.get(path, headers={"Range": f"bytes={len(stored)}-"}).status_code == 416
    whole = client.get(path)
    assert whole.status_code == 200 and whole.content == stored
    assert whole.headers["content-type"] == "video/mp4"
    redirect = signer.client().get(path)
    assert redirect.status_code == 307
    signed = redirect.headers["location"]
    assert signed.startswith(s3.url) and "Signature" in signed
    assert httpx.get(signed).content == stored
    (tmp_path / "video.mp4").write_bytes(stored)
    assert probe_mp4(tmp_path / "video.mp4").duration == pytest.approx(detail["durationSeconds"], abs=0.01)
    assert signer.client().get(f"/media/{token}/missing.mp4").status_code == 404

    # The bucket holds every artifact under readable keys; the data folders hold only scratch.
    keys = bucket_keys(s3, bucket)
    project = detail["projectId"]
    for name in ("product.json", "script.json", "concept.json", "voice.wav", "words.json", "visemes.json",
                 "timeline.json", "layers.json"):
        assert f"adreel/work/{project}/{name}" in keys, name
    assert [k for k in keys if k.startswith(f"adreel/media/{token}/")] == [
        f"adreel/media/{token}/{name}"
        for name in ("captions.srt", "captions.vtt", "script.json", "thumbnail.jpg", "video.mp4")]
    for folder in ("renderer", "front", "signer"):
        assert left_behind(tmp_path / folder) == [], folder
    assert front.client().get("/readyz").json() == {"status": "ready", "database": "ok", "storage": "ok",
                                                       "queue": "ok"}


@pytest.fixture
def own_s3() -> Iterator[S3Endpoint]:
    """A moto server of this test's own, so stopping it disturbs no other test."""
    endpoint = start_s3()
    yield endpoint
    if endpoint.process.poll() is None:
        endpoint.stop()


@pytest.mark.timeout(600)
def test_a_store_that_stops_mid_stage_fails_it_and_a_restarted_one_serves_a_new_job(
        serve_api, serve, own_s3, postgres_url, tmp_path) -> None:
    shop = serve()
    shop.routes.update(all_routes(shop.url("")))
    bucket = own_s3.new_bucket()
    server = serve_api(tmp_path / "data", postgres_url, **shared_env(own_s3, bucket))
    account = f"acme-{uuid.uuid4().hex[:8]}"
    server.account(account)
    client = server.client(server.key(account, ["generate", "projects:read"]).key)
    request = {"urls": [shop.url("/products/ember-pour-over")], "formatPreset": "product_showcase",
               "adDuration": 30}
    job_id = client.post("/api/v1/generate", json=request).json()["jobId"]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:   # wait for the pipeline to be under way, then take the store away
        answer = client.get(f"/api/v1/jobs/{job_id}")
        body = answer.json()
        if answer.status_code == 200:
            assert body["status"] in ("pending", "running"), body
            if body["projects"][0]["progress"] >= 20:
                break
        time.sleep(0.5)
    own_s3.stop()
    final, _seen = poll(client, job_id)
    error = final["projects"][0]["error"]
    assert final["status"] == "failed" and error["code"] == "storage_failed", final
    assert own_s3.url in error["message"]
    assert client.get("/readyz").status_code == 503

    own_s3.start()                      # a new, empty server on the same endpoint
    boto3.client("s3", endpoint_url=own_s3.url, region_name="us-east-1", **S3_CLIENT_KEYS).create_bucket(
        Bucket=bucket)
    again, _seen = poll(client, client.post("/api/v1/generate", json=request).json()["jobId"])
    assert again["status"] == "completed", again
