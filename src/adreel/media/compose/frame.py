"""frame(t): one full-resolution frame composed from the timeline and the prepared layers —
backdrop, moving hero picture, card, transition, captions — written into one reused yuv420p
buffer. Every layer was converted to YUV once; a frame copies, resamples and blends planes."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import cv2
import numpy as np

from adreel.media.captions.cues import Cue
from adreel.media.captions.style import render_cue
from adreel.media.compose.yuv import Canvas, YuvLayer, planes_of
from adreel.media.scenes.layers import ShotLayers
from adreel.media.scenes.palette import Palette
from adreel.media.scenes.pictures import OVERSIZE
from adreel.media.timeline.layout import Layout
from adreel.media.timeline.model import Shot, Timeline

TRANSITION_S = 0.3
GAP = 16          # px kept between a moved caption and what it avoids
CARD_IN_S = 0.35


def _ease(p: float) -> float:
    p = min(max(p, 0.0), 1.0)
    return 0.5 - 0.5 * math.cos(math.pi * p)


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _ease_out(p: float) -> float:
    p = min(max(p, 0.0), 1.0)
    return 1 - (1 - p) ** 3


class Renderer:
    """Composes frames by index. `layers` maps layer names to loaded `YuvLayer`s."""

    def __init__(self, timeline: Timeline, shots: Sequence[ShotLayers], layers: dict[str, YuvLayer],
                 cues: Sequence[Cue], palette: Palette, layout: Layout,
                 actor: Callable[[Canvas, float, Shot], None] | None = None) -> None:
        self.timeline, self.shots, self.layers = timeline, list(shots), layers
        self.cues, self.palette, self.layout = list(cues), palette, layout
        self.actor = actor           # the actor layer (actor presets); draws itself onto the canvas
        self.canvas = Canvas(timeline.width, timeline.height)
        self._other = Canvas(timeline.width, timeline.height)
        self._caption_cache: dict[tuple[int, int, tuple[int, int]], YuvLayer] = {}
        self._held: tuple[int, int, int, int] | None = None    # this frame's card in the actor's hands
        # Where this frame's card and caption were drawn (x, y, w, h): what the review checks.
        self._card_rect: tuple[int, int, int, int] | None = None
        self._caption_rect: tuple[int, int, int, int] | None = None
        self._shot = 0                 # this frame's shot

    # -- shots ------------------------------------------------------------------------------

    def _draw_shot(self, canvas: Canvas, index: int, t: float) -> None:
        shot, spec = self.timeline.shots[index], self.shots[index]
        p = (t - shot.start) / max(shot.duration, 1e-3)
        if spec.backdrop is not None:
            canvas.fill(self.layers[spec.backdrop])
        if spec.hero is not None:
            hero = self.layers[spec.hero]
            if spec.hero_mode == "crop":
                self._crop_move(canvas, hero, spec, shot, p)
            else:
                self._scale_move(canvas, hero, spec, shot, p)
        if self.actor is not None:
            self.actor(canvas, t, shot)
        if spec.card is not None:
            card = self.layers[spec.card]
            holder = getattr(self.actor, "hold", None)
            # On camera, full frame, the actor holds the card up; otherwise it enters on its own.
            held = shot.actor and holder is not None and self.layout.actor == (0, 0, self.timeline.width,
                                                                                  self.timeline.height)
            drawn = holder(canvas, t, card) if held else None
            if drawn is None:
                self._card(canvas, card, t - shot.start)
            elif canvas is self.canvas:
                self._held = drawn

    def _crop_move(self, canvas: Canvas, hero: YuvLayer, spec: ShotLayers, shot: Shot, p: float) -> None:
        x, y, w, h = spec.hero_rect
        e = _ease(p) * 0.85 + p * 0.15         # never quite still, even at the ends
        if shot.move == "zoom_in":
            zoom = 1.0 + (OVERSIZE - 1.0) * e
            cx, cy = 0.5, 0.5
        elif shot.move == "zoom_out":
            zoom = OVERSIZE - (OVERSIZE - 1.0) * e
            cx, cy = 0.5, 0.5
        else:
            zoom = 1.0 + (OVERSIZE - 1.0) * 0.85
            cx = 0.5 + (e - 0.5) * (1 if shot.move == "pan_right" else -1) * 0.9
            cy = 0.5
        # The window shows 1/zoom of the oversized picture, which is OVERSIZE × the rect.
        win_w, win_h = hero.width / zoom, hero.height / zoom
        left = (hero.width - win_w) * cx
        top = (hero.height - win_h) * cy
        canvas.paste(hero.resampled(w, h, (left, top, left + win_w, top + win_h)), x, y)

    def _scale_move(self, canvas: Canvas, hero: YuvLayer, spec: ShotLayers, shot: Shot, p: float) -> None:
        x, y, w, h = spec.hero_rect
        e = _ease(p) * 0.85 + p * 0.15
        scale = {"zoom_in": 0.9 + 0.1 * e, "zoom_out": 1.0 - 0.1 * e}.get(shot.move, 0.95)
        drift = 0.0
        if shot.move in ("pan_left", "pan_right"):
            drift = (e - 0.5) * w * 0.06 * (1 if shot.move == "pan_right" else -1)
        # The sprite fits its rect at scale 1.
        base = min(w / hero.width, h / hero.height, 1.0)
        sw, sh = hero.width * base * scale, hero.height * base * scale
        moved = hero.resampled(int(sw), int(sh))
        canvas.paste(moved, int(x + (w - moved.width) / 2 + drift), int(y + (h - moved.height) / 2))

    def _card(self, canvas: Canvas, card: YuvLayer, local: float) -> None:
        x, y, w, h = self.layout.card
        e = _ease_out(local / CARD_IN_S)
        shown = card if e >= 1.0 else card.faded(e)
        lift = int((1 - e) * 70)
        canvas.paste(shown, x + (w - card.width) // 2, y + (h - card.height) // 2 + lift)
        if canvas is self.canvas:
            self._card_rect = (x + (w - card.width) // 2, y + (h - card.height) // 2 + lift, card.width, card.height)

    # -- transitions ------------------------------------------------------------------------

    def _transition(self, index: int, t: float) -> None:
        shot = self.timeline.shots[index]
        p = (t - shot.start) / TRANSITION_S
        if index == 0 or shot.transition == "cut" or p >= 1.0:
            return
        e = _ease(p)
        if shot.transition == "punch":
            self._punch(1.0 + 0.14 * (1 - _ease_out(p)))
            return
        self._draw_shot(self._other, index - 1, t)
        if shot.transition == "fade":
            self.canvas.mix(self._other.buffer, 1.0 - e)
        else:
            self._slide(e)

    def _punch(self, zoom: float) -> None:
        W, H = self.timeline.width, self.timeline.height
        for plane, scale in zip((self.canvas.y, self.canvas.u, self.canvas.v), (1, 2, 2), strict=True):
            w, h = W // scale, H // scale
            cw, ch = int(w / zoom), int(h / zoom)
            x0, y0 = (w - cw) // 2, (h - ch) // 2
            plane[...] = cv2.resize(plane[y0:y0 + ch, x0:x0 + cw], (w, h), interpolation=cv2.INTER_LINEAR)

    def _slide(self, e: float) -> None:
        """The new shot pushes the old one out to the left."""
        W, H = self.timeline.width, self.timeline.height
        offset = int(e * W) // 2 * 2
        new = planes_of(self.canvas.buffer.copy(), W, H)
        old = (self._other.y, self._other.u, self._other.v)
        for dst, before, after, scale in zip((self.canvas.y, self.canvas.u, self.canvas.v), old, new, (1, 2, 2),
                                             strict=True):
            off = offset // scale
            width = W // scale
            dst[:, :width - off] = before[:, off:]
            dst[:, width - off:] = after[:, :off]

    # -- captions ---------------------------------------------------------------------------

    def _captions(self, t: float) -> None:
        cue_index = next((i for i, c in enumerate(self.cues) if c.start <= t < c.end), None)
        if cue_index is None:
            return
        x, y, w, h = self.layout.captions
        layer = self._caption(cue_index, t, (w, h))
        left, top = x + (w - layer.width) // 2, y + (h - layer.height) // 2
        if self._held is not None and top + layer.height > self._held[1]:
            left, top, layer = self._clear_of_held(cue_index, t, layer, left)
        elif (face := self._face(t)) is not None and _overlap((left, top, layer.width, layer.height), face):
            left, top, layer = self._clear_of_face(cue_index, t, layer, left, face)
        self.canvas.paste(layer, left, top)
        self._caption_rect = (left, top, layer.width, layer.height)

    def _caption(self, cue_index: int, t: float, zone: tuple[int, int]) -> YuvLayer:
        """The cue drawn to fit `zone`, its spoken word highlighted (cached per word and zone)."""
        cue = self.cues[cue_index]
        key = (cue_index, cue.active(t), zone)
        layer = self._caption_cache.get(key)
        if layer is None:
            if len(self._caption_cache) > 12:
                self._caption_cache.clear()
            image = render_cue(cue, key[1], self.timeline.caption_style, zone, self.palette,  # type: ignore[arg-type]
                               self.timeline.language)
            layer = self._caption_cache[key] = YuvLayer.from_image(image)
        return layer

    def _face(self, t: float) -> tuple[int, int, int, int] | None:
        """The actor's face on screen at `t`, when this frame's shot shows the actor."""
        face = getattr(self.actor, "face", None)
        return face(t) if face is not None and self.timeline.shots[self._shot].actor else None

    def _clear_of_face(self, cue_index: int, t: float, layer: YuvLayer, left: int,
                       face: tuple[int, int, int, int]) -> tuple[int, int, YuvLayer]:
        """Where the caption goes when its zone would cover the actor's face (an actor standing
        low in the frame): under the chin when there is room for it (drawn a little smaller if
        it must), else just above the head's face, inside the safe zone either way."""
        _, sy, _, sh = self.layout.safe
        _, _, zone_w, _ = self.layout.captions
        below = face[1] + face[3] + GAP
        room = sy + sh - below
        if room >= layer.height * 0.8:
            if room < layer.height:
                layer = self._caption(cue_index, t, (zone_w, room))
                left = self.layout.captions[0] + (zone_w - layer.width) // 2
            return left, below, layer
        return left, max(sy, face[1] - GAP - layer.height), layer

    def _clear_of_held(self, cue_index: int, t: float, layer: YuvLayer, left: int) -> tuple[int, int, YuvLayer]:
        """Where the caption goes while the actor holds a card up, so it covers neither the card
        (its price and button) nor the face: between chin and card; else beside the card (wide
        frames), drawn smaller if it must; else drawn smaller between chin and card."""
        assert self._held is not None
        cx, cy, cw, ch = self._held
        sx, sy, sw, sh = self.layout.safe
        _, _, zone_w, zone_h = self.layout.captions
        chin = getattr(self.actor, "chin", None)
        ceiling = max(sy, chin(t) + GAP if chin is not None else sy)
        floor = cy - GAP
        if floor - ceiling >= layer.height:
            return left, floor - layer.height, layer
        sides = [(sx, cx - GAP - sx), (cx + cw + GAP, sx + sw - (cx + cw + GAP))]
        side_x, room = max(sides, key=lambda side: side[1])
        if room >= zone_w * 0.4:
            if room < layer.width:
                layer = self._caption(cue_index, t, (room, zone_h))
            top = min(max(cy + (ch - layer.height) // 2, ceiling), sy + sh - layer.height)
            return side_x + (room - layer.width) // 2, top, layer
        smaller = self._caption(cue_index, t, (zone_w, max(floor - ceiling, 40)))
        return self.layout.captions[0] + (zone_w - smaller.width) // 2, max(ceiling, floor - smaller.height), smaller

    # -- the frame --------------------------------------------------------------------------

    @property
    def held_card(self) -> tuple[int, int, int, int] | None:
        """Where the actor holds the last frame's card (x, y, w, h), if they hold one."""
        return self._held

    @property
    def card_rect(self) -> tuple[int, int, int, int] | None:
        """Where the last frame showed a card on its own (x, y, w, h), if it showed one."""
        return self._card_rect

    @property
    def caption_rect(self) -> tuple[int, int, int, int] | None:
        """Where the last frame's caption was drawn (x, y, w, h), if it had one."""
        return self._caption_rect

    def frame(self, number: int) -> np.ndarray:
        """The packed yuv420p buffer of frame `number` (reused: copy it before the next call)."""
        t = number / self.timeline.fps
        self._held = self._card_rect = self._caption_rect = None
        index = next((i for i, s in enumerate(self.timeline.shots) if t < s.end), len(self.timeline.shots) - 1)
        self._shot = index
        self._draw_shot(self.canvas, index, t)
        self._transition(index, t)
        self._captions(t)
        return self.canvas.buffer
