"""The product through its API: a real `adreel serve` with the built-in pipeline renders a fixture
page served on loopback; the finished MP4 is downloaded with a Range request and matches what
the job body says about it."""

from __future__ import annotations

import time

import httpx
import pytest

from adreel.media.encode.probe import probe_mp4
from tests.video_checks import parse_cues


def poll(client: httpx.Client, job_id: str, timeout: float = 240) -> tuple[dict, list[dict]]:
    seen: list[dict] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answer = client.get(f"/api/v1/jobs/{job_id}")
        if answer.status_code == 429:       # a slow machine polls long enough to meet the limit
            time.sleep(float(answer.headers.get("retry-after", "1")))
            continue
        body = answer.json()
        seen.append(body)
        if body["status"] in ("completed", "partial", "failed", "cancelled"):
            return body, seen
        time.sleep(0.5)
    raise AssertionError(f"job {job_id} still {seen[-1]['status']} after {timeout} s")


@pytest.mark.slow
@pytest.mark.timeout(400)
def test_generate_renders_a_video_that_downloads_with_range(storefront, tmp_path) -> None:
    front = storefront(rate_limit=10_000)
    shop, server, client = front.shop, front.server, front.client

    answer = client.post("/api/v1/generate", json={"urls": [shop.url("/products/stride-pro-runner")],
                                                    "aspectRatio": "16:9", "adDuration": 15})
    assert answer.status_code == 200, answer.text
    job_id = answer.json()["jobId"]
    final, seen = poll(client, job_id)
    assert final["status"] == "completed", final
    # Progress only ever rose, through the stages in order.
    progress = [b["overallProgress"] for b in seen]
    assert progress == sorted(progress) and progress[-1] == 100
    stages = [b["stage"] for b in seen]
    order = ["preparing", "audio", "video", "lip_sync", "stitching"]
    assert [order.index(s) for s in stages] == sorted(order.index(s) for s in stages)

    detail = final["completedDetails"][0]
    assert detail["status"] == "completed" and detail["error"] is None
    assert detail["script"] and detail["sceneCount"] >= 3 and detail["aspectRatio"] == "16:9"
    assert detail["title"] and detail["description"]
    public = server.client()     # media URLs need no key (closed with the server)
    head = public.get(detail["finalOutputUrl"], headers={"Range": "bytes=0-1023"})
    assert head.status_code == 206 and len(head.content) == 1024
    assert head.headers["content-type"] == "video/mp4"
    total = int(head.headers["content-range"].split("/")[1])
    whole = public.get(detail["finalOutputUrl"])
    assert len(whole.content) == total and whole.content[:1024] == head.content
    video = tmp_path / "download.mp4"
    video.write_bytes(whole.content)
    probe = probe_mp4(video)
    assert (probe.width, probe.height) == (1920, 1080) and probe.faststart
    assert detail["durationSeconds"] == pytest.approx(probe.duration, abs=0.01)
    assert 13.5 <= probe.duration <= 16.5

    thumbnail = public.get(detail["thumbnailUrl"])
    assert thumbnail.status_code == 200 and thumbnail.headers["content-type"] == "image/jpeg"
    srt = parse_cues(public.get(detail["captionsUrl"]["srt"]).text)
    vtt = parse_cues(public.get(detail["captionsUrl"]["vtt"]).text)
    assert srt == vtt and srt[-1][1] <= probe.duration

    project = client.get(f"/api/v1/projects/{detail['projectId']}").json()
    scenes = project["scenes"]
    assert [s["scene_order"] for s in scenes] == list(range(len(scenes)))
    assert all(s["status"] == "completed" and s["prompt"] and s["script_text"] for s in scenes[:-1])
    assert sum(s["duration_seconds"] for s in scenes) == pytest.approx(probe.duration, abs=0.1)
    assert project["project"]["final_output_url"] == detail["finalOutputUrl"]
    assert project["project"]["caption_style"] in ("bold_outline", "boxed", "highlight_pill", "karaoke")


def test_actors_are_listed_with_previews_and_unknown_ids_refused(serve_api, tmp_path) -> None:
    server = serve_api(tmp_path / "data")
    server.account("acme")
    client = server.client(server.key("acme", ["generate", "projects:read"]).key)
    actors = client.get("/api/v1/actors").json()["actors"]
    assert len(actors) >= 8 and len({a["id"] for a in actors}) == len(actors)
    assert {a["gender"] for a in actors} >= {"female", "male"}
    preview = client.get(actors[0]["previewUrl"])
    assert preview.status_code == 200 and preview.headers["content-type"] == "image/jpeg"
    unknown = client.post("/api/v1/generate", json={"urls": ["https://shop.example/p/1"],
                                                     "selectedActorId": "nobody"})
    assert unknown.status_code == 400 and "not an actor id" in unknown.json()["error"]


def test_an_avatar_photo_without_a_face_is_422_and_charges_nothing(storefront) -> None:
    front = storefront(plan_limit=5)
    shop, client = front.shop, front.client
    answer = client.post("/api/v1/generate", json={
        "urls": [shop.url("/products/ember-pour-over")],
        "avatarImageUrl": shop.url("/images/ember-pour-over/packshot.jpg")})
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["error"] == "no_face" and "No face was found" in body["reason"]
    assert client.get("/api/v1/jobs").json()["pagination"]["total"] == 0
    assert client.get("/api/v1/usage").json()["used"] == 0
