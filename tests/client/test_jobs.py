"""The client's calls against a real `adreel serve`: generate → wait → download (sync and async),
idempotent submits, every listing, and the server's errors as named exceptions."""

from __future__ import annotations

import asyncio
import json
import uuid
from pathlib import Path

import adreel_client
import pytest
from adreel_client import AsyncClient, Client

from tests.client.conftest import FAST, Remote
from tests.client.media_plugin import CAPTIONS, fake_video

OUTPUT_FILES = ["captions.srt", "captions.vtt", "script.json", "thumbnail.jpg", "video.mp4"]


def test_generate_wait_download(remote: Remote, tmp_path: Path) -> None:
    client = remote.client()
    job = client.generate([remote.product, remote.product + "?fail=video"], aspect_ratio="1:1", ad_duration=30)
    assert job.status == "running" and job.total_projects == 2 and not job.finished
    seen: list[adreel_client.Job] = []
    done = job.wait(on_progress=seen.append, timeout=60)
    assert done.status == "partial" and done.finished and seen[-1] == done
    progress = [j.overall_progress for j in seen]
    assert progress == sorted(progress) and progress[-1] == 100
    sent = remote.proxy.requests("POST", "/api/v1/generate")[0]
    assert sent.headers["X-API-Key"] == remote.key and sent.headers["Idempotency-Key"]

    folders = client.download(done, tmp_path / "videos")
    # The second video failed: its number is skipped, as `adreel generate` numbers them.
    assert [f.name for f in folders] == ["01-trailpress-travel-coffee-maker"]
    folder = folders[0]
    assert sorted(p.name for p in folder.iterdir()) == OUTPUT_FILES
    detail = done.completed_details[0]
    assert (folder / "video.mp4").read_bytes() == fake_video(detail.project_id)
    assert (folder / "captions.vtt").read_text("utf-8") == CAPTIONS["vtt"]
    script = json.loads((folder / "script.json").read_text("utf-8"))
    assert script["text"] == detail.script == "Meet the TrailPress." and script["aspect_ratio"] == "1:1"
    # Media URLs are public: the key never goes to them.
    assert all("X-API-Key" not in s.headers for s in remote.proxy.requests("GET", "/media/"))
    # Downloading again never overwrites; one project downloads alone, through its job.
    project = next(p for p in client.projects() if p.status == "completed")
    again = client.download(project, tmp_path / "videos", slug=lambda title: title.upper().replace(" ", "_"))
    assert [f.name for f in again] == ["01-TRAILPRESS_TRAVEL_COFFEE_MAKER"]
    failed = done.completed_details[1]
    assert failed.status == "failed" and failed.error is not None and failed.error.stage == "video"


def test_the_async_client_does_the_same(remote: Remote, tmp_path: Path) -> None:
    async def main() -> tuple[adreel_client.AsyncJob, list[Path], list[str]]:
        async with AsyncClient(remote.proxy.url + "/api/v1/", remote.key, **FAST) as client:  # type: ignore[arg-type]
            job = await client.generate([remote.product], variant_count=2)
            done = await job.wait(timeout=60)
            folders = await client.download(done, tmp_path)
            listed = [j.job_id async for j in client.list_jobs(page_size=1)]
            return done, folders, listed

    done, folders, listed = asyncio.run(main())
    assert done.status == "completed" and len(done.completed_details) == 2
    assert [f.name for f in folders] == ["01-trailpress-travel-coffee-maker", "02-trailpress-travel-coffee-maker"]
    assert listed == [done.job_id]


def test_a_submit_whose_answer_is_lost_is_retried_into_the_same_job(remote: Remote) -> None:
    posts = 0

    def lose_first_answer(seen) -> tuple | None:
        nonlocal posts
        if seen.method == "POST" and seen.path == "/api/v1/generate":
            posts += 1
            return ("lose",) if posts == 1 else None
        return None

    remote.proxy.rule = lose_first_answer
    client = remote.client()
    job = client.generate([remote.product])
    first, second = remote.proxy.requests("POST", "/api/v1/generate")
    assert first.status is None and second.status == 200     # the first answer never arrived
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"]
    assert [j.job_id for j in client.list_jobs()] == [job.job_id]   # the server made one job
    # The same key and body, sent again by hand, is the same job; another body is refused.
    assert client.generate([remote.product], idempotency_key="order-1").job_id == \
        client.generate([remote.product], idempotency_key="order-1").job_id
    with pytest.raises(adreel_client.IdempotencyConflict, match="different body"):
        client.generate([remote.product, remote.product], idempotency_key="order-1")


def test_listings_and_errors_carry_the_server_words(remote: Remote) -> None:
    client = remote.client()
    jobs = [client.generate([remote.product]) for _ in range(3)]
    finished = [job.wait(timeout=60) for job in jobs]
    listed = [j.job_id for j in client.list_jobs(page_size=2)]          # two pages
    assert listed == [j.job_id for j in reversed(jobs)]
    assert [j.job_id for j in client.list_jobs(status="completed")] == listed
    projects = list(client.projects(page_size=2))
    assert len(projects) == 3 and {p.job_id for p in projects} == set(listed)
    detail = client.project(projects[0].id)
    assert detail.project.id == projects[0].id and detail.project.content_mode == "ad"
    assert client.usage().used == 3
    assert client.actors() and all(a.id and a.name for a in client.actors())
    voices = client.voices()
    assert "en" in voices.languages and any(v.language == "en" for v in voices.voices)

    with pytest.raises(adreel_client.NotAProduct, match="is not a product page") as not_product:
        client.generate([remote.product.replace("/products/trailpress", "/")])
    assert not_product.value.status_code == 422 and not_product.value.error == "not_a_product"
    with pytest.raises(adreel_client.InvalidRequest, match="aspectRatio must be one of"):
        client.generate([remote.product], aspect_ratio="4:3")
    with pytest.raises(adreel_client.NotFound, match="Job not found"):
        client.get_job(str(uuid.uuid4()))
    with pytest.raises(adreel_client.Conflict, match="Job already finished"):
        finished[0].cancel()
    with pytest.raises(TypeError, match="ad_duraton"):
        client.generate([remote.product], ad_duraton=30)
    with Client(remote.proxy.url, "nvl_" + "x" * 40) as stranger, \
            pytest.raises(adreel_client.AuthenticationError, match="Unable to resolve user from API key"):
        stranger.usage()
    reader = remote.server.key(remote.account, ["projects:read"]).key
    with pytest.raises(adreel_client.PermissionDenied, match="'generate' permission"):
        remote.client(api_key=reader).generate([remote.product])
    remote.server.account(remote.account + "-broke", plan_limit=0)
    broke = remote.client(api_key=remote.server.key(remote.account + "-broke", ["generate"]).key)
    with pytest.raises(adreel_client.QuotaExceeded) as quota:
        broke.generate([remote.product])
    assert quota.value.usage is not None and (quota.value.usage.used, quota.value.usage.limit) == (0, 0)
    assert str(quota.value) == quota.value.reason and quota.value.reason
    # Nothing here was retried: a 4xx other than 429 is final.
    assert len(remote.proxy.requests("POST", "/api/v1/generate")) == 7
