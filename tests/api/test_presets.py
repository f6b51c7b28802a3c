"""Every format preset in every aspect ratio, through the API: short override scripts keep each
video a few seconds long, so the whole grid renders in about a minute."""

from __future__ import annotations

import pytest

from adreel.media.encode.probe import probe_mp4
from tests.api.test_video_jobs import poll

PRESETS = ("talking_head", "green_screen", "split_screen", "product_showcase")
ASPECTS = {"9:16": (1080, 1920), "16:9": (1920, 1080), "1:1": (1080, 1080)}
LINE = "Meet the Ember pour-over. It brews a clean, bright cup. Grab yours today."


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_every_preset_renders_in_every_aspect_ratio(storefront, tmp_path) -> None:
    front = storefront(rate_limit=10_000)     # twelve jobs polled together
    shop, server, client = front.shop, front.server, front.client
    actors = [a["id"] for a in client.get("/api/v1/actors").json()["actors"]]
    jobs = {}
    for number, (preset, aspect) in enumerate((p, a) for p in PRESETS for a in ASPECTS):
        body = {"urls": [shop.url("/products/ember-pour-over")], "formatPreset": preset, "aspectRatio": aspect,
                "overrideScript": LINE}
        if preset != "product_showcase":
            body["selectedActorId"] = actors[number % len(actors)]
        # Generous: the earlier jobs render in this server's threads while it reads the page.
        answer = client.post("/api/v1/generate", json=body, timeout=180)
        assert answer.status_code == 200, answer.text
        jobs[(preset, aspect)] = (answer.json()["jobId"], body.get("selectedActorId"))
    for (preset, aspect), (job_id, actor) in jobs.items():
        final, _ = poll(client, job_id, timeout=600)
        assert final["status"] == "completed", (preset, aspect, final["projects"])
        detail = final["completedDetails"][0]
        video = tmp_path / f"{preset}-{aspect.replace(':', 'x')}.mp4"
        video.write_bytes(server.client().get(detail["finalOutputUrl"]).content)
        probe = probe_mp4(video)
        assert (probe.width, probe.height) == ASPECTS[aspect] and probe.audio_codec == "aac"
        scenes = client.get(f"/api/v1/projects/{detail['projectId']}").json()["scenes"]
        shown = {s["avatar_id"] for s in scenes} - {None}
        assert shown == ({actor} if actor else set()), (preset, aspect, shown)
