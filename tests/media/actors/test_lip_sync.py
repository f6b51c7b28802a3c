"""Mouths that follow the voice, measured from rendered frames: for a real utterance, the dark
area inside the lips tracks the expected openness curve (Pearson r ≥ 0.7) and the lips are shut
on m / b / p — for every built-in actor (photo actors: test_photo_actor.py, measured with the
landmark model)."""

from __future__ import annotations

import numpy as np
import pytest

from adreel.media.actors import BUILTIN_ACTORS, build_rig
from adreel.media.actors.layer import ActorLayer
from adreel.media.compose.yuv import Canvas
from adreel.media.timeline.model import Shot

FPS = 30
SHOT = Shot(index=0, scene=0, start=0, end=60, visual="image", image=0, move="zoom_in", actor=True)


def dark_inside_mouth(layer: ActorLayer, frame: int, canvas: Canvas) -> int:
    """Pixels as dark as a mouth's interior on the composed frame, inside the mouth patch's
    footprint on the face (not the hair or background beside it)."""
    t = frame / FPS
    layer(canvas, t, SHOT)
    shape, openness = layer.track.at(frame)
    patch = layer.mouth_layer(shape, openness)
    x, y = layer.patch_origin(layer.rig.mouth_box, patch, t)
    luma = canvas.y[y:y + patch.height, x:x + patch.width]
    footprint = patch.a[:luma.shape[0], :luma.shape[1]] > 200 if patch.a is not None else True
    return int(((luma < 42) & footprint).sum())   # the interior (Y≈31), darker than any skin or lip


def measure(rig, track) -> tuple[float, float]:
    canvas = Canvas(720, 1080)
    layer = ActorLayer(rig, track, (0, 0, 720, 1080), with_setting=True, seed=3)
    dark = np.array([dark_inside_mouth(layer, f, canvas) for f in range(len(track.shapes))], float)
    expected = np.array(track.openness)
    r = float(np.corrcoef(dark, expected)[0, 1])
    closures = [i for i, shape in enumerate(track.shapes) if shape == "closed"]
    shut = sum(1 for i in closures if dark[i] <= max(2.0, dark.max() * 0.02)) / max(len(closures), 1)
    return r, shut


def test_the_utterance_has_closures_and_openings(utterance) -> None:
    assert utterance.shapes.count("closed") >= 8
    assert max(utterance.openness) > 0.5


@pytest.mark.parametrize("look", BUILTIN_ACTORS, ids=[a.id for a in BUILTIN_ACTORS])
def test_a_drawn_actor_mouth_follows_the_voice(look, utterance) -> None:
    r, shut = measure(build_rig(look, 720), utterance)
    assert r >= 0.7, f"{look.id}: mouth opening vs openness r = {r:.2f}"
    assert shut >= 0.9, f"{look.id}: shut on {shut:.0%} of m/b/p frames"


def test_eyes_blink_and_the_actor_moves(utterance) -> None:
    rig = build_rig(BUILTIN_ACTORS[0], 720)
    layer = ActorLayer(rig, utterance, (0, 0, 720, 1080), with_setting=True, seed=3)
    assert layer.blinks, "blinks are scheduled"
    offsets = {tuple(round(v, 1) for v in layer.offset(f / FPS)) for f in range(0, 90, 5)}
    assert len(offsets) > 10, "the actor never freezes"
