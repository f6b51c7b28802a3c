"""An outside lip-sync service plugged in by an operator: the lip_sync stage submits the actor
clip, polls the service (progress inside the stage's range), and the service's frames are what
the finished video shows on actor shots; a failing service fails the project with its reason."""

from __future__ import annotations

import numpy as np
import pytest

from tests.api.test_video_jobs import poll

pytestmark = pytest.mark.slow   # renders actor clips through a real server

LINE = "Meet the Ember pour-over. It brews a clean, bright cup. Grab yours today."


def start(storefront, **env):
    front = storefront(rate_limit=10_000, ADREEL_PLUGINS="tests.api.lipsync_plugin", **env)
    shop, server, client = front.shop, front.server, front.client
    answer = client.post("/api/v1/generate", json={"urls": [shop.url("/products/ember-pour-over")],
                                                    "formatPreset": "talking_head", "aspectRatio": "1:1",
                                                    "overrideScript": LINE})
    assert answer.status_code == 200, answer.text
    return server, client, answer.json()["jobId"]


@pytest.mark.timeout(300)
def test_the_services_clip_is_what_the_actor_shots_show(storefront, tmp_path) -> None:
    import av

    server, client, job_id = start(storefront)
    final, seen = poll(client, job_id)
    assert final["status"] == "completed", final["projects"]
    assert any(b["projects"][0]["status"] == "post_processing" for b in seen)
    video = tmp_path / "video.mp4"
    video.write_bytes(server.client().get(final["completedDetails"][0]["finalOutputUrl"]).content)
    with av.open(str(video)) as container:
        first = next(container.decode(video=0)).to_ndarray(format="rgb24")   # the hook: the actor on camera
    corner = first[5:30, 5:30].reshape(-1, 3).mean(axis=0)
    assert np.abs(corner - (255, 0, 255)).max() < 40, corner


@pytest.mark.timeout(300)
def test_a_failing_service_fails_the_project_with_its_reason(storefront) -> None:
    _server, client, job_id = start(storefront, ADREEL_TEST_LIPSYNC="fail")
    final, _ = poll(client, job_id)
    assert final["status"] == "failed"
    error = final["completedDetails"][0]["error"]
    assert (error["stage"], error["code"]) == ("lip_sync", "provider_failed")
    assert "out of GPUs" in error["message"]
