"""An actor's rig: the still layers (room, figure) drawn once, and the moving features (eyes, brows,
mouth) drawn on demand as patches that sit over the figure.

The figure also comes apart in two, `body` under `head`, so the head can tilt and turn a little: the
body keeps the neck (it reaches up behind the face) and the hair that hangs below the jaw, the head
has the face, ears, front hair and glasses and the hair behind the head down to the jaw, the two
overlapping where the hair is cut between them so a small turn opens no gap. Gestures are overlays
laid over the figure: an arm raised to point, or two hands holding up a card in `hold_box`.

Everything is drawn 2× and reduced with LANCZOS. A patch starts from the figure's own pixels in
its box (skin, shading, stubble: whatever is under the feature) and puts back anything that sits
in front of the face (a fringe, glasses) after the feature is drawn, so composited over the
figure only the feature changes; its alpha fades out at the box's edges and never leaves the
face. Coordinates are those of the unrotated rig canvas."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from adreel.media.actors.anatomy import INTERIOR, PUPIL, Anatomy, Tones, anatomy_for, tones_for
from adreel.media.actors.draw_body import draw_clothes, draw_ears, draw_face_skin, draw_neck
from adreel.media.actors.draw_face import draw_brows, draw_eyes, draw_mouth
from adreel.media.actors.draw_hair import draw_glasses, draw_hair_back, draw_hair_front, scalp_light
from adreel.media.actors.draw_hands import GESTURES, card_box, draw_hold, draw_point
from adreel.media.actors.draw_setting import draw_setting
from adreel.media.actors.looks import ActorLook
from adreel.media.actors.pen import DESIGN_H, DESIGN_W, RGB, SS, DrawingLayer, Pen
from adreel.media.align.visemes import SHAPES

Box = tuple[int, int, int, int]
LANCZOS = Image.Resampling.LANCZOS
__all__ = ["GESTURES", "INTERIOR", "PUPIL", "SHAPES", "ActorRig", "build_rig", "preview"]


@dataclass
class _Patch:
    box: Box                            # canvas px
    base: Image.Image                   # RGBA, 2×: the figure under the feature
    over: Image.Image                   # RGBA, 2×: what is in front of it (fringe, glasses)
    alpha: Image.Image                  # L, 1×


@dataclass
class ActorRig:
    width: int
    height: int
    background: Image.Image             # RGB, the room, full canvas
    person: Image.Image                 # RGBA, the figure without its moving features
    head_pivot: tuple[int, int]         # base of the neck
    head_box: Box
    eyes_box: Box
    mouth_box: Box
    body: Image.Image = field(default_factory=lambda: Image.new("RGBA", (1, 1)), repr=False)
    #                                     RGBA, the figure but its head: `head` over it is `person`
    head: Image.Image = field(default_factory=lambda: Image.new("RGBA", (1, 1)), repr=False)
    #                                     RGBA, canvas-sized: the head alone, to turn about head_pivot
    hold_box: Box = (0, 0, 0, 0)        # where a held card goes (see gesture("hold"))
    look: ActorLook | None = None
    iris: RGB = (96, 62, 38)
    _anatomy: Anatomy = field(default_factory=Anatomy, repr=False)
    _tones: Tones | None = field(default=None, repr=False)
    _eyes: _Patch | None = field(default=None, repr=False)
    _brows: _Patch | None = field(default=None, repr=False)
    _mouth: _Patch | None = field(default=None, repr=False)
    _gestures: dict[str, Image.Image] = field(default_factory=dict, repr=False)

    @property
    def _k(self) -> float:
        return self.height / DESIGN_H * SS

    def _draw(self, patch: _Patch | None, draw: Callable[[Pen, Anatomy, Tones], None]) -> Image.Image:
        assert patch is not None and self._tones is not None
        image = patch.base.copy()
        f = self.height / DESIGN_H
        draw(Pen(image, self._k, (patch.box[0] / f - self._offset_x, patch.box[1] / f)), self._anatomy, self._tones)
        image.alpha_composite(patch.over)
        out = image.resize((patch.box[2] - patch.box[0], patch.box[3] - patch.box[1]), LANCZOS)
        out.putalpha(ImageChops.multiply(out.getchannel("A"), patch.alpha))
        return out

    @property
    def _offset_x(self) -> float:
        """Design units the figure is shifted right by when the canvas is not exactly 2:3."""
        return (self.width / (self.height / DESIGN_H) - DESIGN_W) / 2

    def eyes(self, closed: float, raise_: float = 0.0) -> Image.Image:
        """Both eyes with brows, eyes_box-sized RGBA: `closed` 0 open … 1 shut (a lid line);
        `raise_` 0…1 lifts the brows."""
        female = self.look is not None and self.look.gender == "female"
        return self._draw(self._eyes, lambda pen, an, t: draw_eyes(pen, an, t, closed, raise_, female))

    def brows(self, raise_: float) -> Image.Image:
        """The brows alone at `raise_`, eyes_box-sized and opaque only over the brow band: laid
        over an `eyes()` patch it lifts the brows without redrawing the eyes."""
        return self._draw(self._brows, lambda pen, an, t: draw_brows(pen, an, t, raise_))

    def mouth(self, shape: str, openness: float) -> Image.Image:
        """The mouth in one of SHAPES, mouth_box-sized RGBA; `openness` 0…1 drops the jaw."""
        full = 1.1 if self.look is not None and self.look.gender == "female" else 0.92
        return self._draw(self._mouth, lambda pen, an, t: draw_mouth(pen, an, t, shape, openness, full))

    def gesture(self, name: str) -> Image.Image:
        """One of GESTURES as a canvas-sized RGBA overlay for over `person` (arms and hands, with
        their soft shadow on the figure). "point": the arm on the image's left raised, index finger
        up and out towards the top left. "hold": two hands under `hold_box`'s lower edge, fingers
        curled over it; transparent inside the box but for those fingers, so a card pasted into
        the box first is held. Drawn on first use, then kept."""
        if name not in GESTURES:
            raise ValueError(f"unknown gesture {name!r}; expected one of {', '.join(GESTURES)}")
        if name not in self._gestures:
            self._gestures[name] = self._draw_gesture(name)
        return self._gestures[name].copy()

    def _draw_gesture(self, name: str) -> Image.Image:
        assert self.look is not None and self._tones is not None
        k, dx = self._k, self._offset_x
        f = k / SS
        arms = DrawingLayer((self.width * SS, self.height * SS), k, -dx)
        if name == "point":
            draw_point(arms, self.look, self._anatomy, self._tones)
        else:
            draw_hold(arms, self.look, self._anatomy, self._tones, card_box(self._anatomy, self.width / f))
        out = _reduce(arms.image, (self.width, self.height))
        # a soft shadow on the figure (never on the room behind it) under the arms
        alpha = out.getchannel("A")
        drop = Image.new("L", out.size, 0)
        drop.paste(alpha, (round(6 * f), round(12 * f)))
        drop = drop.filter(ImageFilter.GaussianBlur(9 * f)).point(lambda v: round(v * 0.5))
        drop = ImageChops.multiply(drop, self.person.getchannel("A"))
        shadow = Image.new("RGBA", out.size, (24, 16, 14, 0))
        shadow.putalpha(drop)
        shadow.alpha_composite(out)
        if name == "hold":
            x0, y0, x1, y1 = self.hold_box
            inside = round(y1 - (y1 - y0) * 0.13)            # only the fingers over the lower edge show in the box
            clear = Image.new("L", (x1 - x0, inside - y0), 0)
            a = shadow.getchannel("A")
            a.paste(clear, (x0, y0))
            shadow.putalpha(a)
        return shadow


def _box_px(box: tuple[float, float, float, float], f: float, dx: float) -> Box:
    return (round((box[0] + dx) * f), round(box[1] * f), round((box[2] + dx) * f), round(box[3] * f))


def _reduce(image: Image.Image, size: tuple[int, int], at: tuple[int, int] = (0, 0)) -> Image.Image:
    """A 2× RGBA drawing brought down (LANCZOS) onto a transparent canvas of `size`, working only
    on the part that is drawn; `image` may be a part of the 2× canvas whose top-left corner is at
    `at` (2× px, both even)."""
    out = Image.new("RGBA", size, (0, 0, 0, 0))
    bbox = image.getbbox()
    if bbox is None:
        return out
    pad = 6 * SS
    x0, y0 = max(0, bbox[0] - pad) // SS * SS, max(0, bbox[1] - pad) // SS * SS
    x1 = min(image.width // SS, math.ceil((bbox[2] + pad) / SS)) * SS
    y1 = min(image.height // SS, math.ceil((bbox[3] + pad) / SS)) * SS
    if x1 > x0 and y1 > y0:
        part = image.resize(((x1 - x0) // SS, (y1 - y0) // SS), LANCZOS, box=(x0, y0, x1, y1))
        out.paste(part, ((at[0] + x0) // SS, (at[1] + y0) // SS))
    return out


def _apart(back: Image.Image, neck: Image.Image, body: Image.Image, head: Image.Image, front: Image.Image,
           reach: tuple[int, int], cut: tuple[float, float, float]) -> tuple[tuple[int, int], Image.Image, Image.Image]:
    """The figure's 2× layers parted into body and head, reduced: only the rows where the two
    differ from the whole figure are worked — above `reach[0]` (2× rows) there is no body, so the
    head is the figure; below `reach[1]` no head, so the body is. The hair behind is the body's
    from `cut[0]`, fully from `cut[1]`, and the head's down to `cut[1]`, fading out by `cut[2]`,
    where no neck or cloth covers it. Returns the 1× rows (from, to) the two reduced bands cover
    exactly, and the bands."""
    h2 = back.height
    y0, y1 = max(0, reach[0] - 8 * SS), min(h2, reach[1] + 8 * SS)
    band = (0, y0, back.width, y1)
    ys = np.arange(y0, y1, dtype=np.float32)[:, None] + 0.5
    fade_in = np.clip((ys - cut[0]) / (cut[1] - cut[0]), 0, 1)
    fade_out = 1 - np.clip((ys - cut[1]) / (cut[2] - cut[1]), 0, 1)
    hair = np.asarray(back.crop(band)).copy()
    low, high = hair.copy(), hair
    low[..., 3] = np.rint(hair[..., 3] * fade_in)
    torso = neck.crop(band)
    torso.alpha_composite(body.crop(band))
    bare = 1 - np.asarray(torso.getchannel("A"), dtype=np.float32) / 255
    high[..., 3] = np.rint(hair[..., 3] * fade_out * bare)
    lower, upper = Image.fromarray(low, "RGBA"), Image.fromarray(high, "RGBA")
    lower.alpha_composite(torso)
    upper.alpha_composite(head.crop(band))
    upper.alpha_composite(front.crop(band))
    out = (back.width // SS, (y1 - y0) // SS)
    # a band's first and last rows miss their neighbours beyond it: keep only the rows that do not
    r0 = y0 // SS + (4 if y0 > 0 else 0)
    r1 = y1 // SS - (4 if y1 < h2 else 0)
    keep = (0, r0 - y0 // SS, out[0], r1 - y0 // SS)
    return (r0, r1), lower.resize(out, LANCZOS).crop(keep), upper.resize(out, LANCZOS).crop(keep)


def _size(box: Box) -> tuple[int, int]:
    return (box[2] - box[0], box[3] - box[1])


def _feather(size: tuple[int, int], edge: float, ellipse: bool = True) -> Image.Image:
    """An alpha that is opaque inside and fades to nothing over `edge` px at the box's edges."""
    w, h = size
    mask = Image.new("L", size, 0)
    inset = edge * 0.6
    if ellipse:
        ImageDraw.Draw(mask).ellipse((inset, inset, w - inset, h - inset), fill=255)
    else:
        ImageDraw.Draw(mask).rounded_rectangle((inset, inset, w - inset, h - inset), radius=edge * 2, fill=255)
    return mask.filter(ImageFilter.GaussianBlur(edge / 2.5))


def _patch(box: Box, base: Image.Image, over: Image.Image, face: Image.Image, shape: Image.Image) -> _Patch:
    hi = tuple(v * SS for v in box)
    size = (box[2] - box[0], box[3] - box[1])
    inside = face.crop(hi).resize(size, Image.Resampling.BOX).filter(ImageFilter.MinFilter(5))
    inside = inside.filter(ImageFilter.GaussianBlur(1.2))
    alpha = ImageChops.multiply(shape, inside)
    return _Patch(box, base.crop(hi), over.crop(hi), alpha)


def _cast_shadow(layer: DrawingLayer, caster: Image.Image, clip: Image.Image, drop: float, colour: RGB,
                 opacity: float, box: Box) -> None:
    """`caster`'s silhouette moved down `drop` px and blurred, painted on `layer` inside `clip`."""
    x0, y0, x1, y1 = box
    shadow = Image.new("L", (x1 - x0, y1 - y0), 0)
    shadow.paste(caster.crop((x0, y0 - round(drop), x1, y1 - round(drop))), (0, 0))
    shadow = shadow.filter(ImageFilter.GaussianBlur(drop * 0.8)).point(lambda v: round(v * opacity))
    shadow = ImageChops.multiply(shadow, clip.crop(box))
    paint = Image.new("RGBA", shadow.size, (*colour, 255))
    paint.putalpha(shadow)
    layer.image.alpha_composite(paint, (x0, y0))


def build_rig(look: ActorLook, height: int = 1200) -> ActorRig:
    width = round(height * 2 / 3)
    f = height / DESIGN_H
    k = f * SS
    size = (width * SS, height * SS)
    an, t = anatomy_for(look), tones_for(look)
    dx = (width / f - DESIGN_W) / 2

    def layer() -> DrawingLayer:
        return DrawingLayer(size, k, -dx)

    back, neck, body, head, front = layer(), layer(), layer(), layer(), layer()
    draw_hair_back(back, look, an, t)
    draw_neck(neck, an, t)
    draw_clothes(body, back, look, an, t)
    draw_ears(head, look, an, t)
    face = draw_face_skin(head, look, an, t)
    scalp_light(head, look, an, t, face)
    draw_hair_front(front, look, an, t)
    if "glasses" in look.extras:
        draw_glasses(front, an)
    head_hi = _box_px((an.cx - an.head_rx - 120, an.top - 140, an.cx + an.head_rx + 120, an.chin_y + 20), k, dx)
    head_hi = (max(0, head_hi[0]), max(0, head_hi[1]), min(size[0], head_hi[2]), min(size[1], head_hi[3]))
    _cast_shadow(head, front.mask(), face, 7 * k, t.skin_shadow, 0.55, head_hi)
    _cast_shadow(body, head.mask(), body.mask(), 16 * k, t.cloth_shadow, 0.5,
                 (head_hi[0], head_hi[3] - round(80 * k), head_hi[2], min(size[1], head_hi[3] + round(160 * k))))

    # apart: the body under the head (see the module's docstring), the hair cut between them at the jaw
    cut = (an.chin_y - (80 if look.hair in ("long", "bob", "ponytail") else 40)) * k   # hair that hangs: cut higher
    top = round((an.head_cy + 60) * k / SS) * SS                # above it, nothing of the body
    reach = [b[3] for b in (head.image.getbbox(), front.image.getbbox()) if b is not None]
    bottom = min(size[1], math.ceil(max(cut + 80 * k, *reach) / SS) * SS)   # below it, nothing of the head
    rows, body_band, head_band = _apart(back.image, neck.image, body.image, head.image, front.image, (top, bottom),
                                        (cut, cut + 40 * k, cut + 80 * k))

    base = back.image
    for part in (neck, body, head):
        base.alpha_composite(part.image)
    person_hi = base.copy()
    person_hi.alpha_composite(front.image)
    person = person_hi.resize((width, height), LANCZOS)
    body_only, head_only = Image.new("RGBA", person.size, (0, 0, 0, 0)), Image.new("RGBA", person.size, (0, 0, 0, 0))
    body_only.paste(body_band, (0, rows[0]))
    body_only.paste(person.crop((0, rows[1], width, height)), (0, rows[1]))
    head_only.paste(person.crop((0, 0, width, rows[0])), (0, 0))
    head_only.paste(head_band, (0, rows[0]))

    eyes_box = _box_px((an.cx - an.eye_dx - 56, an.brow_y - 46, an.cx + an.eye_dx + 56, an.eye_y + 32), f, dx)
    mouth_box = _box_px((an.cx - 86, an.mouth_y - 38, an.cx + 86, an.chin_y - 2), f, dx)
    eye_size = _size(eyes_box)
    band = Image.new("L", eye_size, 0)                 # the brows' strip: from the box's top to below the brows
    ImageDraw.Draw(band).rectangle((0, 0, eye_size[0], round((an.brow_y + 12) * f) - eyes_box[1]), fill=255)
    band = ImageChops.multiply(band.filter(ImageFilter.GaussianBlur(3 * f)), _feather(eye_size, 8 * f, False))

    # the head's box: face, ears and hair above the chin
    above = Image.new("L", size, 0)
    chin = round(an.chin_y * k)
    above.paste(255, (0, 0, size[0], chin))
    union = ImageChops.lighter(ImageChops.lighter(head.mask(), front.mask()), back.mask())
    bx0, by0, bx1, _ = ImageChops.multiply(union, above).getbbox() or (0, 0, size[0], chin)
    head_box = (bx0 // SS, by0 // SS, -(-bx1 // SS), min(height, round((an.chin_y + 6) * f)))
    return ActorRig(
        width=width, height=height, background=draw_setting(look, width, height), person=person,
        head_pivot=(round((an.cx + dx) * f), round(670 * f)), head_box=head_box, eyes_box=eyes_box,
        mouth_box=mouth_box, body=body_only, head=head_only,
        hold_box=_box_px(card_box(an, width / f), f, dx), look=look, iris=t.iris, _anatomy=an, _tones=t,
        _eyes=_patch(eyes_box, base, front.image, face, _feather(eye_size, 8 * f, ellipse=False)),
        _brows=_patch(eyes_box, base, front.image, face, band),
        _mouth=_patch(mouth_box, base, front.image, face, _feather(_size(mouth_box), 10 * f)),
    )


def preview(look: ActorLook, height: int = 600) -> Image.Image:
    """The actor at rest in their room: background, figure, open eyes, resting mouth."""
    rig = build_rig(look, height)
    frame = rig.background.convert("RGBA")
    frame.alpha_composite(rig.person)
    frame.alpha_composite(rig.eyes(0.0), rig.eyes_box[:2])
    frame.alpha_composite(rig.mouth("rest", 0.0), rig.mouth_box[:2])
    return frame.convert("RGB")
