"""A whole talking_head video with a photo actor (the request's avatarImageUrl: scikit-image's
astronaut), measured on its decoded frames: exactly one face (OpenCV's Haar cascade, not the
product's landmark model) in every sampled frame of an actor shot, and the actor on screen for at
least a third of the video."""

from __future__ import annotations

import io
import json

import av
import cv2
import numpy as np
import pytest
import skimage.data
from PIL import Image

from adreel.media.timeline.layout import SIZES
from tests.pipeline.conftest import render
from tests.pipeline.test_product_group import linnea_shop
from tests.video_checks import check_video


def haar_faces(rgb: np.ndarray) -> int:
    scale = 720 / max(rgb.shape[:2])
    grey = cv2.cvtColor(cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2GRAY)
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_alt2.xml")
    return len(cascade.detectMultiScale(grey, 1.1, 4, minSize=(40, 40)))


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_a_photo_actor_video_shows_one_person(serve, toolkit) -> None:
    site = serve()
    page = linnea_shop(site)
    me = io.BytesIO()
    Image.fromarray(skimage.data.astronaut()).save(me, "JPEG", quality=92)
    site.routes["/me.jpg"] = (200, {"Content-Type": "image/jpeg"}, me.getvalue())
    outputs, work, _ = render(toolkit, page, format_preset="talking_head",
                              avatar_image_url=site.url("/me.jpg"))
    folder = toolkit.storage.folder(f"media/{outputs['media_token']}/")
    timeline = json.loads((work / "timeline.json").read_text("utf-8"))
    check_video(folder, size=SIZES["9:16"], target=15, shots=timeline["shots"])
    actor_shots = [(s["start"], s["end"]) for s in timeline["shots"] if s.get("actor")]
    total = timeline["shots"][-1]["end"]
    assert sum(end - start for start, end in actor_shots) >= total / 3
    counts = {}
    with av.open(str(folder / "video.mp4")) as container:
        for frame in container.decode(video=0):
            t = float(frame.time or 0.0)
            # every ~0.5 s, inside actor shots (away from the transitions at their edges)
            if round(t * 30) % 15 == 0 and any(start + 0.35 < t < end - 0.1 for start, end in actor_shots):
                counts[round(t, 2)] = haar_faces(frame.to_ndarray(format="rgb24"))
    assert len(counts) >= 6
    assert all(n == 1 for n in counts.values()), counts
