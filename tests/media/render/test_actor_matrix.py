"""Every drawn actor renders in every preset and aspect ratio, over pictures of every framing
(a packshot cut out, a photo that covers the frame, a wide photo shown whole): the whole
composition path (timeline, layers, cards, the stored rig, captions) draws sampled frames
without an exception, the actor shows where the preset puts them, and no caption covers the
face or a card or leaves the safe zone."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw
from scripts.review import frame_defects

from adreel.catalogue import PRESETS
from adreel.media.actors import BUILTIN_ACTORS
from adreel.media.actors.layer import ActorLayer
from adreel.media.actors.stored import StoredRig, save_rig
from adreel.media.actors.track import MouthTrack
from adreel.media.captions.cues import group_words
from adreel.media.compose.frame import Renderer
from adreel.media.compose.yuv import YuvLayer
from adreel.media.extract.model import Product, Review
from adreel.media.scenes.layers import draw_layers, plan_layers
from adreel.media.scenes.palette import palette_from_colours
from adreel.media.timeline.layout import layout_for
from adreel.media.timeline.plan import PlanInput, plan_timeline
from adreel.media.write import WriteRequest, write_script
from adreel.pipeline.actors import rig_for
from tests.media.render.test_cards_from_scripts import timed

pytestmark = pytest.mark.slow

SIZES = {"9:16": (1080, 1920), "16:9": (1920, 1080), "1:1": (1080, 1080)}
RIG_HEIGHT = 960
PALETTE = palette_from_colours(["#7a3b2e", "#e8d9c4"])
PRODUCT = Product(url="https://shop.test/p/lamp", title="Arc Dome Pendant", brand="Lichtveld Studio",
                  price=Decimal("149.00"), compare_at_price=Decimal("189.00"), currency="EUR", discount_percent=21,
                  rating=4.6, review_count=212,
                  features=["Spun-metal shade in brass, matte black or opal white",
                            "Dimmable with any trailing-edge dimmer", "Two sizes: 30 and 45 cm"],
                  reviews=[Review(body="Looks even better than the photos. The brass glows warm.", rating=5)],
                  images=["https://shop.test/a.jpg", "https://shop.test/b.jpg", "https://shop.test/c.jpg"],
                  language="en")


def pictures() -> list[Image.Image]:
    """A packshot on white (cut out), a portrait photo with a busy background (covers the frame)
    and a wide landscape photo (shown whole): the three framings a picture can get."""
    packshot = Image.new("RGB", (900, 900), (250, 250, 250))
    ImageDraw.Draw(packshot).ellipse((220, 260, 680, 620), fill=(176, 132, 58))
    rng = np.random.default_rng(4)
    busy = Image.fromarray(rng.integers(30, 220, (1400, 1000, 3), dtype=np.uint8)).resize((1000, 1400))
    ImageDraw.Draw(busy).ellipse((250, 400, 750, 900), fill=(176, 132, 58))
    wide = Image.fromarray(rng.integers(60, 200, (500, 1500, 3), dtype=np.uint8))
    return [packshot, busy, wide]


@cache
def stored_rig(actor_id: str, height: int, root: Path) -> StoredRig:
    look = next(look for look in BUILTIN_ACTORS if look.id == actor_id)
    folder = root / f"{actor_id}-{height}"
    save_rig(rig_for(look, height), folder)
    return StoredRig(folder)


@pytest.fixture(scope="module")
def rig_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("rigs")


@pytest.mark.parametrize("aspect", list(SIZES))
@pytest.mark.parametrize("preset", PRESETS)
def test_every_actor_renders_in_every_preset_and_aspect(preset: str, aspect: str, rig_root: Path) -> None:
    width, height = SIZES[aspect]
    script = write_script(WriteRequest(product=PRODUCT, style="problem_solution", duration=30,
                                       format_preset=preset, actors_available=True))   # type: ignore[arg-type]
    words = timed(script)
    duration = words[-1].end + 0.5
    layout = layout_for(aspect, preset)
    shown = pictures()
    frames_checked = 0
    # Each picture gets its own run as the first picture, so every framing meets every shot kind.
    for first in range(len(shown)):
        order = shown[first:] + shown[:first]
        timeline = plan_timeline(PlanInput(script=script, words=words, product=PRODUCT, image_count=len(order),
                                           image_for={0: 0, 1: 1, 2: 2}, aspect=aspect, width=width,
                                           height=height, duration=duration, caption_style="boxed", seed=first))
        shots, jobs = plan_layers(timeline, order, PALETTE, layout)
        layers = {name: YuvLayer.from_image(image) for name, image in draw_layers(jobs)}
        cues = group_words(words, "en")
        if layout.actor is None:
            assert not any(shot.actor for shot in timeline.shots)
            actors = [None]
        else:
            assert any(shot.actor for shot in timeline.shots), "an actor preset puts the actor on screen"
            # Each actor once per preset and aspect, the framings shared out among them.
            actors = [look.id for look in BUILTIN_ACTORS][first::len(shown)]
        samples = [shot.start + shot.duration / 2 for shot in timeline.shots]
        for actor_id in actors:
            actor = None
            if actor_id is not None:
                assert layout.actor is not None
                rig = stored_rig(actor_id, RIG_HEIGHT, rig_root)     # the layer scales it to the rect
                frames = int(duration * timeline.fps) + 1
                track = MouthTrack(timeline.fps, ["open", "closed", "wide", "rest"] * frames,
                                   [0.8, 0.0, 0.5, 0.1] * frames)
                actor = ActorLayer(rig, track, layout.actor, with_setting=preset != "green_screen", seed=first,
                                   nods=[1.0])
            renderer = Renderer(timeline, shots, layers, cues, PALETTE, layout, actor=actor)
            for t, shot in zip(samples, timeline.shots, strict=True):
                buffer = renderer.frame(int(t * timeline.fps))
                assert buffer.shape == (height * 3 // 2, width) and 20 < float(buffer[:height].mean()) < 235
                caption = renderer.caption_rect
                if caption is not None:
                    assert not frame_defects(t, layout.safe, caption, renderer.card_rect, renderer.held_card,
                                             actor.face(t) if actor is not None and shot.actor else None)
                frames_checked += 1
    assert frames_checked >= len(shown) * len(timeline.shots)
