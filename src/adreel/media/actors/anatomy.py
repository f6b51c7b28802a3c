"""Where an actor's parts sit (design units, 800 × 1200 canvas) and the colours they are drawn in,
both derived from the look alone, so the body, the face patches and the rig's boxes agree."""

from __future__ import annotations

import math
from dataclasses import dataclass

from adreel.media.actors.looks import ActorLook
from adreel.media.actors.pen import RGB, Point, arc, luminance, mix, scale

INTERIOR: RGB = (40, 12, 18)            # inside of an open mouth
TEETH: RGB = (248, 246, 240)
TONGUE: RGB = (176, 72, 88)
SCLERA: RGB = (250, 248, 246)
PUPIL: RGB = (8, 10, 26)
LASH: RGB = (44, 30, 28)


@dataclass(frozen=True)
class Anatomy:
    cx: float = 400
    head_cy: float = 345                # centre of the cranium ellipse
    head_rx: float = 146
    head_ry: float = 182
    chin_y: float = 558
    jaw_p: float = 2.3                  # superellipse power of the jaw: 2 round … 3 square
    eye_y: float = 376
    eye_dx: float = 60                  # eye centre from the midline
    eye_rx: float = 26
    eye_ry: float = 15
    brow_y: float = 334
    brow_w: float = 8                   # brow thickness at its head
    lash_w: float = 3.4
    nose_y: float = 446
    mouth_y: float = 496
    mouth_hw: float = 34                # half-width of a relaxed mouth
    neck_hw: float = 64
    shoulder_hw: float = 290
    shoulder_y: float = 748

    @property
    def top(self) -> float:
        return self.head_cy - self.head_ry

    def face_half_width(self, y: float) -> float:
        """Half-width of the face at height `y` (0 above the crown or below the chin)."""
        if y < self.head_cy:
            d = (self.head_cy - y) / self.head_ry
            return self.head_rx * math.sqrt(max(0.0, 1 - d * d))
        s = (y - self.head_cy) / (self.chin_y - self.head_cy)
        if s >= 1:
            return 0.0
        return self.head_rx * (1 - s ** self.jaw_p) ** (1 / self.jaw_p)

    def face_outline(self, steps: int = 48) -> list[Point]:
        """The head's silhouette without hair or ears: the cranium ellipse over a superellipse jaw."""
        top = arc(self.cx, self.head_cy, self.head_rx, self.head_ry, 180, 360, steps)
        right = []
        for i in range(1, steps + 1):
            s = i / steps
            y = self.head_cy + s * (self.chin_y - self.head_cy)
            right.append((self.cx + self.face_half_width(y), y))
        left = [(2 * self.cx - x, y) for x, y in reversed(right)]
        return top + right + left


def anatomy_for(look: ActorLook) -> Anatomy:
    if look.gender == "female":
        return Anatomy(head_rx=141, chin_y=550, jaw_p=2.3, eye_rx=27.5, eye_ry=16.5, brow_w=6.5, lash_w=4.0,
                       mouth_hw=33, neck_hw=56, shoulder_hw=268)
    if look.gender == "male":
        return Anatomy(head_rx=150, chin_y=564, jaw_p=2.45, eye_rx=25, eye_ry=13.5, brow_w=10.5, lash_w=3.0,
                       mouth_hw=36, neck_hw=74, shoulder_hw=306)
    return Anatomy()


@dataclass(frozen=True)
class Tones:
    skin: RGB
    skin_shadow: RGB
    skin_deep: RGB                      # inner ear, nostrils, creases
    skin_light: RGB
    blush: RGB
    lip: RGB
    lip_upper: RGB
    lip_line: RGB
    lid: RGB
    brow: RGB
    hair: RGB
    hair_shadow: RGB
    hair_light: RGB
    cloth: RGB
    cloth_shadow: RGB
    cloth_light: RGB
    iris: RGB


def tones_for(look: ActorLook) -> Tones:
    skin = look.skin
    lum = luminance(skin) / 255
    lip = scale(mix(skin, (190, 50, 70), 0.45 + 0.25 * (1 - lum)), 0.8 + 0.1 * lum)
    lip_line = scale(lip, 0.72)
    if luminance(lip_line) < 48:        # never as dark as the mouth's inside
        lip_line = mix(lip_line, lip, 0.45)
    hair = look.hair_colour
    hair_lum = luminance(hair)
    brow = scale(hair, 0.8) if hair_lum > 70 else mix(hair, (60, 44, 36), 0.25)
    if look.hair in ("bald", "buzz") and hair_lum > 150:
        brow = scale(hair, 0.7)
    cloth = look.clothing_colour
    return Tones(
        skin=skin,
        skin_shadow=scale(skin, 0.88, 0.80, 0.78),
        skin_deep=scale(skin, 0.74, 0.60, 0.58),
        skin_light=mix(skin, (255, 246, 236), 0.22),
        blush=mix(skin, (236, 96, 96), 0.55),
        lip=lip,
        lip_upper=scale(lip, 0.86),
        lip_line=lip_line,
        lid=scale(skin, 0.95, 0.91, 0.90),
        brow=brow,
        hair=hair,
        hair_shadow=scale(hair, 0.72) if hair_lum > 40 else mix(hair, (0, 0, 0), 0.35),
        hair_light=mix(hair, (255, 244, 228), 0.16 if hair_lum > 60 else 0.12),
        cloth=cloth,
        cloth_shadow=scale(cloth, 0.80),
        cloth_light=mix(cloth, (255, 255, 255), 0.14),
        iris=look.eye_colour,
    )
