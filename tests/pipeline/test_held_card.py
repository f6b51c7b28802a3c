"""When the actor holds the end card up (talking_head), the captions move above it: the price
and the button stay readable. Checked on the real frames: what the captions add to a frame is
the difference between the frame with its cues and without them."""

from __future__ import annotations

import uuid

import numpy as np
import pytest

from adreel.pipeline.stages import STAGE_FUNCTIONS, LocalRun
from adreel.pipeline.stitching import compose


@pytest.mark.parametrize("aspect", ["1:1", "16:9"])
def test_captions_never_cover_a_held_card(shop, toolkit, aspect: str) -> None:
    run = LocalRun(project_id=str(uuid.uuid4()), url=shop.url("/products/ember-pour-over"), variant=0,
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
        rows = np.nonzero((np.abs(with_captions.astype(int) - bare.astype(int)) > 12).any(axis=1))[0]
        assert rows.size, "the caption is drawn"
        assert rows.max() < held[1], (number, rows.max(), held)
