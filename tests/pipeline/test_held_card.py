"""When the actor holds the end card up (talking_head), the captions move clear of it and of the
face: the price and the button stay readable and the mouth stays visible. Checked on the real
frames: what the captions add to a frame is the difference between the frame with its cues and
without them."""

from __future__ import annotations

import uuid

import numpy as np
import pytest

from adreel.pipeline.stages import STAGE_FUNCTIONS, LocalRun
from adreel.pipeline.stitching import compose

pytestmark = pytest.mark.slow   # renders real frames in four layouts


@pytest.mark.parametrize(("slug", "aspect"), [
    ("ember-pour-over", "9:16"), ("ember-pour-over", "1:1"),
    # Japanese and German captions run taller: just above the card they would cover the mouth in 16:9.
    ("kumo-wireless-headphones", "16:9"), ("gipfel-wanderrucksack", "16:9"),
])
def test_captions_cover_neither_a_held_card_nor_the_face(shop, toolkit, slug: str, aspect: str) -> None:
    run = LocalRun(project_id=str(uuid.uuid4()), url=shop.url(f"/products/{slug}"), variant=0,
                   request={"aspect_ratio": aspect, "ad_duration": 15, "format_preset": "talking_head"},
                   report=lambda *_: None)
    for name in ("preparing", "audio", "video", "lip_sync"):
        run.stage = name
        run.outputs.update(STAGE_FUNCTIONS[name](run, toolkit) or {})
    made = compose(toolkit.work(run.project_id))
    renderer, timeline = made.renderer, made.timeline
    end = timeline.shots[-1]
    assert end.visual == "end_card" and end.actor
    captioned = [n for n in range(round(end.start * timeline.fps) + 12, timeline.frame_count, 4)
                 if any(c.start <= n / timeline.fps < c.end for c in made.cues)]
    assert captioned, "no caption over the end card to check"
    for number in captioned:
        with_captions = renderer.frame(number)[: timeline.height].copy()
        held = renderer.held_card
        assert held is not None, "the actor holds the end card up"
        renderer.cues = []
        bare = renderer.frame(number)[: timeline.height].copy()
        renderer.cues = made.cues
        drawn = np.abs(with_captions.astype(int) - bare.astype(int)) > 12
        rows = np.nonzero(drawn.any(axis=1))[0]
        assert rows.size, "the caption is drawn"
        x, y, w, h = held
        assert not drawn[y:y + h, x:x + w].any(), (number, held)
        chin = renderer.actor.chin(number / timeline.fps)
        assert rows.min() > chin, (number, rows.min(), chin)
