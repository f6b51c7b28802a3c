"""The actor on screen: the rig's layers converted to YUV once, then per frame a little life —
breathing, a slow sway, nods at scene starts, blinks — and the mouth patch the track asks for.
It is the compositor's actor layer (`Renderer(actor=...)`), drawn on actor shots only."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFilter

from adreel.media.actors.framing import cutout, place, plate
from adreel.media.actors.stored import EYE_LEVELS, MOUTH_LEVELS, Rig
from adreel.media.actors.track import MouthTrack
from adreel.media.compose.yuv import Canvas, YuvLayer
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
        self.photo = getattr(rig, "kind", None) == "photo"
        framed = with_setting and not self.photo
        self.setting = YuvLayer.from_image(cover_crop(rig.background, w, h)) if framed else None
        size = (pw, ph)
        self.head: _Head | None = None
        body, head = getattr(rig, "body", None), getattr(rig, "head", None)
        if body is not None and head is not None:
            # A drawn actor's head is its own layer: it tilts and turns over the body.
            self.person = YuvLayer.from_image(_scaled(body, size))
            self.head = _Head(_scaled(head, size), (rig.head_pivot[0] * self.scale, rig.head_pivot[1] * self.scale))
        elif not self.photo:
            self.person = YuvLayer.from_image(_scaled(rig.person, size))
        self.person_at = self.origin
        if self.photo:
            # A photo is framed for the rect instead (one person, never a copy behind them).
            self.scale, self.origin = place(rig.head_box, (rig.width, rig.height), rect)  # type: ignore[attr-defined]
            self.person_at = (x, y)
            self.person = YuvLayer.from_image(cutout(rig.person, self.scale, self.origin, rect)) if not with_setting \
                else YuvLayer.from_image(Image.new("RGBA", (2, 2)))
        # Gestures are mostly empty canvas: kept as their drawn rectangle and where it sits.
        self.gestures: dict[str, tuple[YuvLayer, int, int]] = {}
        for name in ("point", "hold"):
            drawn = rig.gesture(name) if hasattr(rig, "gesture") else None
            if drawn is not None:
                box = drawn.getchannel("A").getbbox()
                if box:
                    x0, y0 = box[0] // 2 * 2, box[1] // 2 * 2
                    part = _scaled(drawn.crop((x0, y0, box[2], box[3])),
                                   (round((box[2] - x0) * self.scale), round((box[3] - y0) * self.scale)))
                    self.gestures[name] = (YuvLayer.from_image(part), round(x0 * self.scale), round(y0 * self.scale))
        self.hold_box = getattr(rig, "hold_box", None)
        self._held: tuple[YuvLayer, YuvLayer] | None = None  # (card, as held) for the card in hand
        # With a separate head the body stays still (as people sit filming themselves) and is
        # composed onto the setting once; only the head moves, tilts and nods.
        self.plate: YuvLayer | None = None
        if self.head is not None and self.setting is not None:
            self.plate = self._plate(rig.background, body, size)
        self.photo_head: tuple[YuvLayer, int, int] | None = None
        if self.photo and with_setting:
            framed_photo = plate(rig.background, self.scale, self.origin, rect)
            self.plate = YuvLayer.from_image(framed_photo)
            self.photo_head = self._photo_head(framed_photo, rig.head_box)  # type: ignore[attr-defined]
        rng = random.Random(seed)
        self.phase = (rng.random() * 6.28, rng.random() * 6.28)
        self.blinks = self._blink_times(rng, track.fps and len(track.shapes) / track.fps)
        self.nods = list(nods)
        self._mouths: dict[tuple[str, int], YuvLayer] = {}
        self._eyes: dict[int, YuvLayer] = {}

    def _plate(self, background: Image.Image, body: Image.Image, size: tuple[int, int]) -> YuvLayer:
        x, y, w, h = self.rect
        plate = cover_crop(background, w, h).convert("RGBA")
        plate.alpha_composite(_scaled(body, size), (self.origin[0] - x, self.origin[1] - y))
        return YuvLayer.from_image(plate.convert("RGB"))

    def _photo_head(self, framed: Image.Image, head_box: tuple[int, int, int, int]) -> tuple[YuvLayer, int, int]:
        """The head of a framed photo as its own feathered layer (and where it sits in the rect):
        it sways and nods over the still photo by a few pixels, so nothing tears."""
        x0, y0, x1, y1 = (v * self.scale for v in head_box)
        ox, oy = self.origin[0] - self.rect[0], self.origin[1] - self.rect[1]
        w, h = x1 - x0, y1 - y0
        box = (max(0, round(ox + x0 - w * 0.35)) // 2 * 2, max(0, round(oy + y0 - h * 0.45)) // 2 * 2,
               min(framed.width, round(ox + x1 + w * 0.35)), min(framed.height, round(oy + y1 + h * 0.12)))
        head = framed.crop(box).convert("RGBA")
        edge = max(4.0, w * 0.12)
        mask = Image.new("L", head.size, 0)
        ImageDraw.Draw(mask).ellipse((edge, edge, head.width - edge, head.height - edge), fill=255)
        head.putalpha(mask.filter(ImageFilter.GaussianBlur(edge / 2)))
        return YuvLayer.from_image(head), self.rect[0] + box[0], self.rect[1] + box[1]

    @staticmethod
    def _blink_times(rng: random.Random, duration: float) -> list[float]:
        times, t = [], rng.uniform(0.8, 2.0)
        while t < duration:
            times.append(t)
            t += rng.uniform(2.2, 4.8)
        return times

    def _patch(self, image: Image.Image, box: tuple[int, int, int, int]) -> YuvLayer:
        w = max(2, round((box[2] - box[0]) * self.scale))
        h = max(2, round((box[3] - box[1]) * self.scale))
        return YuvLayer.from_image(image.resize((w, h), Image.Resampling.LANCZOS))

    def mouth_layer(self, shape: str, openness: float) -> YuvLayer:
        level = round(min(max(openness, 0.0), 1.0) * MOUTH_LEVELS)
        key = (shape, level)
        if key not in self._mouths:
            self._mouths[key] = self._patch(self.rig.mouth(shape, level / MOUTH_LEVELS), self.rig.mouth_box)
        return self._mouths[key]

    def eyes_layer(self, t: float) -> YuvLayer:
        closed = max((1 - abs(t - b) / (BLINK_S / 2) for b in self.blinks if abs(t - b) < BLINK_S / 2),
                     default=0.0)
        level = round(closed * EYE_LEVELS)
        if level not in self._eyes:
            self._eyes[level] = self._patch(self.rig.eyes(level / EYE_LEVELS), self.rig.eyes_box)
        return self._eyes[level]

    def offset(self, t: float) -> tuple[float, float]:
        """Breathing, a slow sway and nods on stressed words (pixels on screen); half as much
        when only the head moves."""
        unit = self.rig.height * self.scale / (800 if self.head is not None else 400)
        if self.photo_head is not None:      # only a framed photo's head moves: a few pixels
            unit = self.photo_head[0].height / 260
        dx = math.sin(t * 2 * math.pi / 5.3 + self.phase[0]) * 2.2 * unit
        dy = math.sin(t * 2 * math.pi / 3.6 + self.phase[1]) * 1.4 * unit
        dy += sum(3.0 * unit * math.exp(-(((t - n) / 0.18) ** 2)) for n in self.nods if abs(t - n) < 0.6)
        return dx, dy

    def tilt(self, t: float) -> float:
        """Degrees the head leans: a slow drift, a little more while speaking."""
        return 1.3 * math.sin(t * 2 * math.pi / 6.7 + self.phase[0] * 0.5)

    def __call__(self, canvas: Canvas, t: float, shot: Shot) -> None:
        if not getattr(shot, "actor", False):
            return
        dx, dy = self.offset(t)
        ox, oy = self.origin[0] + dx, self.origin[1] + dy
        if self.plate is not None:
            canvas.paste(self.plate, self.rect[0], self.rect[1])
            if self.photo_head is not None:
                head, hx, hy = self.photo_head
                canvas.paste(head, round(hx + dx), round(hy + dy))
        else:
            if self.setting is not None:
                canvas.paste(self.setting, self.rect[0], self.rect[1])
            still = self.head is not None            # a separate head: the body does not move
            px, py = self.person_at
            canvas.paste(self.person, *((px, py) if still else (round(px + dx), round(py + dy))))
        angle = 0.0
        if self.head is not None:
            angle = self.tilt(t)
            self.head.draw(canvas, ox, oy, angle)
        frame = int(t * self.track.fps)
        shape, openness = self.track.at(frame)
        for layer, box in ((self.eyes_layer(t), self.rig.eyes_box),
                           (self.mouth_layer(shape, openness), self.rig.mouth_box)):
            canvas.paste(layer, *self.patch_origin(box, layer, t))
        body = (self.origin[0], self.origin[1]) if self.head is not None else (ox, oy)
        self._gesture(canvas, t, shot, *body)     # arms go with the body

    def face(self, t: float) -> tuple[int, int, int, int]:
        """The face on screen at `t` (x, y, w, h): brows to chin, across the eyes and mouth."""
        eyes, mouth = self.rig.eyes_box, self.rig.mouth_box
        dx, dy = self.offset(t)
        x0, y0 = min(eyes[0], mouth[0]) * self.scale, eyes[1] * self.scale
        x1, y1 = max(eyes[2], mouth[2]) * self.scale, mouth[3] * self.scale
        return (round(self.origin[0] + dx + x0), round(self.origin[1] + dy + y0), round(x1 - x0), round(y1 - y0))

    def chin(self, t: float) -> int:
        """Screen y of the bottom of the face at `t` (the mouth box ends at the chin): what is
        placed below the face stays under this line."""
        return round(self.origin[1] + self.offset(t)[1] + self.rig.mouth_box[3] * self.scale)

    def patch_origin(self, box: tuple[int, int, int, int], layer: YuvLayer, t: float) -> tuple[int, int]:
        """Where a face patch (eyes, mouth) goes on screen at `t`: its box, moved with the body
        and turned with the head."""
        dx, dy = self.offset(t)
        cx, cy = (box[0] + box[2]) / 2 * self.scale, (box[1] + box[3]) / 2 * self.scale
        if self.head is not None:
            cx, cy = self.head.turn((cx, cy), self.tilt(t))
        return (round(self.origin[0] + dx + cx - layer.width / 2) // 2 * 2,
                round(self.origin[1] + dy + cy - layer.height / 2) // 2 * 2)

    def _gesture(self, canvas: Canvas, t: float, shot: Shot, ox: float, oy: float) -> None:
        """Pointing at the product beside the actor (green_screen, split_screen) for the middle
        of a long enough shot, fading in and out over a few frames."""
        gesture = self.gestures.get("point")
        if gesture is None or shot.card is not None or shot.duration < 2.0:
            return
        point, gx, gy = gesture
        if self.rect[2] >= canvas.width and self.rect[3] >= canvas.height:
            return          # full frame (talking_head): the product is not beside the actor
        local = t - shot.start
        shown = min(1.0, (local - 0.4) / 0.17, (shot.duration - 0.3 - local) / 0.17)
        if shown > 0:
            canvas.paste(point if shown >= 1 else point.faded(shown), round(ox) + gx, round(oy) + gy)

    def hold(self, canvas: Canvas, t: float, card: YuvLayer) -> tuple[int, int, int, int] | None:
        """Hold `card` up in front of the chest (talking_head card shots); where it was drawn
        (x, y, w, h), or None when this actor cannot (a photo actor), so the card is shown the
        usual way."""
        gesture = self.gestures.get("hold")
        if gesture is None or self.hold_box is None:
            return None
        hands, hx, hy = gesture
        dx, dy = self.offset(t) if self.head is None else (0.0, 0.0)
        ox, oy = self.origin[0] + dx, self.origin[1] + dy
        x0, _y0, x1, y1 = (v * self.scale for v in self.hold_box)
        shown = self._held_card(card)
        x, y = round(ox + (x0 + x1 - shown.width) / 2), round(oy + y1 - shown.height)
        canvas.paste(shown, x, y)
        canvas.paste(hands, round(ox) + hx, round(oy) + hy)
        return (x, y, shown.width, shown.height)

    def _held_card(self, card: YuvLayer) -> YuvLayer:
        """The card at the size the hands hold it, resampled once per card (not per frame)."""
        assert self.hold_box is not None
        if self._held is None or self._held[0] is not card:
            x0, y0, x1, y1 = (v * self.scale for v in self.hold_box)
            fit = min((x1 - x0) / card.width, (y1 - y0) / card.height, 1.0)
            shown = card if fit >= 0.999 else card.resampled(int(card.width * fit), int(card.height * fit))
            self._held = (card, shown)
        return self._held[1]


def _scaled(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Resized once per video: bilinear is plenty for the small up-scales a rig needs."""
    return image if image.size == size else image.resize(size, Image.Resampling.BILINEAR)


class _Head:
    """The head layer, rotated a little about the neck each frame (only its own rectangle)."""

    def __init__(self, image: Image.Image, pivot: tuple[float, float]) -> None:
        box = image.getchannel("A").getbbox() or (0, 0, image.width, image.height)
        margin = 24
        self.box = (max(0, box[0] - margin) // 2 * 2, max(0, box[1] - margin) // 2 * 2,
                    min(image.width, box[2] + margin), min(image.height, box[3] + margin))
        self.layer = YuvLayer.from_image(image.crop(self.box))
        self.pivot = pivot

    def turn(self, point: tuple[float, float], angle: float) -> tuple[float, float]:
        """Where a point of the unrotated head goes (screen y points down)."""
        a = math.radians(angle)
        x, y = point[0] - self.pivot[0], point[1] - self.pivot[1]
        return (self.pivot[0] + x * math.cos(a) - y * math.sin(a),
                self.pivot[1] + x * math.sin(a) + y * math.cos(a))

    def draw(self, canvas: Canvas, ox: float, oy: float, angle: float) -> None:
        local = (self.pivot[0] - self.box[0], self.pivot[1] - self.box[1])
        canvas.paste(self.layer.rotated(angle, local), round(ox + self.box[0]), round(oy + self.box[1]))
