"""The actor on screen: the rig's layers converted to YUV once, then per frame a little life —
breathing, a slow sway, nods at scene starts, blinks — and the mouth patch the track asks for.
It is the compositor's actor layer (`Renderer(actor=...)`), drawn on actor shots only."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from PIL import Image

from adreel.media.actors.stored import EYE_LEVELS, MOUTH_LEVELS, Rig
from adreel.media.actors.track import MouthTrack
from adreel.media.compose.yuv import Canvas, Layer
from adreel.media.scenes.pictures import cover_crop
from adreel.media.timeline.layout import Rect
from adreel.media.timeline.model import Shot

BLINK_S = 0.16


class ActorLayer:
    def __init__(self, rig: Rig, track: MouthTrack, rect: Rect, *, with_setting: bool, seed: int,
                 nods: Sequence[float] = ()) -> None:
        self.rig, self.track, self.rect = rig, track, rect
        x, y, w, h = rect
        # The person fits the rect's height (or width), standing on its bottom edge, centred.
        self.scale = min(w / rig.width, h / rig.height)
        pw, ph = round(rig.width * self.scale), round(rig.height * self.scale)
        self.origin = (x + (w - pw) // 2, y + h - ph)
        self.setting = Layer.from_image(cover_crop(rig.background, w, h)) if with_setting else None
        self.person = Layer.from_image(rig.person.resize((pw, ph), Image.Resampling.LANCZOS))
        rng = random.Random(seed)
        self.phase = (rng.random() * 6.28, rng.random() * 6.28)
        self.blinks = self._blink_times(rng, track.fps and len(track.shapes) / track.fps)
        self.nods = list(nods)
        self._mouths: dict[tuple[str, int], Layer] = {}
        self._eyes: dict[int, Layer] = {}

    @staticmethod
    def _blink_times(rng: random.Random, duration: float) -> list[float]:
        times, t = [], rng.uniform(0.8, 2.0)
        while t < duration:
            times.append(t)
            t += rng.uniform(2.2, 4.8)
        return times

    def _patch(self, image: Image.Image, box: tuple[int, int, int, int]) -> Layer:
        w = max(2, round((box[2] - box[0]) * self.scale))
        h = max(2, round((box[3] - box[1]) * self.scale))
        return Layer.from_image(image.resize((w, h), Image.Resampling.LANCZOS))

    def mouth_layer(self, shape: str, openness: float) -> Layer:
        level = round(min(max(openness, 0.0), 1.0) * MOUTH_LEVELS)
        key = (shape, level)
        if key not in self._mouths:
            self._mouths[key] = self._patch(self.rig.mouth(shape, level / MOUTH_LEVELS), self.rig.mouth_box)
        return self._mouths[key]

    def eyes_layer(self, t: float) -> Layer:
        closed = max((1 - abs(t - b) / (BLINK_S / 2) for b in self.blinks if abs(t - b) < BLINK_S / 2),
                     default=0.0)
        level = round(closed * EYE_LEVELS)
        if level not in self._eyes:
            self._eyes[level] = self._patch(self.rig.eyes(level / EYE_LEVELS), self.rig.eyes_box)
        return self._eyes[level]

    def offset(self, t: float) -> tuple[float, float]:
        """Breathing, a slow sway and a nod at each scene start (pixels on screen)."""
        unit = self.rig.height * self.scale / 400
        dx = math.sin(t * 2 * math.pi / 5.3 + self.phase[0]) * 2.2 * unit
        dy = math.sin(t * 2 * math.pi / 3.6 + self.phase[1]) * 1.4 * unit
        dy += sum(3.0 * unit * math.exp(-(((t - n) / 0.18) ** 2)) for n in self.nods if abs(t - n) < 0.6)
        return dx, dy

    def __call__(self, canvas: Canvas, t: float, shot: Shot) -> None:
        if not getattr(shot, "actor", False):
            return
        if self.setting is not None:
            canvas.paste(self.setting, self.rect[0], self.rect[1])
        dx, dy = self.offset(t)
        ox, oy = self.origin[0] + dx, self.origin[1] + dy
        canvas.paste(self.person, round(ox), round(oy))
        frame = int(t * self.track.fps)
        shape, openness = self.track.at(frame)
        for layer, box in ((self.eyes_layer(t), self.rig.eyes_box),
                           (self.mouth_layer(shape, openness), self.rig.mouth_box)):
            canvas.paste(layer, round(ox + box[0] * self.scale), round(oy + box[1] * self.scale))
