"""Hands and forearms for an actor's gestures, drawn over the figure: a hand raised beside the body
pointing up and out ("point"), and two hands holding up a card by its lower edge ("hold").

A hand is laid out in its own units — wrist at the origin, fingers towards −y, +x towards the
thumb — and placed with a `_Place` (where the wrist goes, a turn, a size, a mirror). It is drawn as
the rest of the actor is: flat skin, each part with a slightly darker rim so fingers separate,
soft shading for form, knuckle creases and nails. A forearm comes up from below the frame: a
sleeve with a cuff in the actor's clothing, or bare skin under a t-shirt's short sleeve."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from adreel.media.actors.anatomy import Anatomy, Tones
from adreel.media.actors.draw_body import UNDERSHIRT
from adreel.media.actors.looks import ActorLook
from adreel.media.actors.pen import RGB, DrawingLayer, Pen, Point, arc, bezier, mix, scale

GESTURES = ("point", "hold")
HOLD_W, HOLD_H = 0.55, 0.30          # the held card's box, as fractions of the canvas
HOLD_TOP = 660.0                     # its top edge (design units): below the chin, over the chest


class _Place:
    """Maps a hand's own units to design units: scaled by `s`, turned `angle` degrees clockwise,
    mirrored left–right when `flip`, with the hand's origin at (x, y)."""

    def __init__(self, x: float, y: float, angle: float, s: float, flip: bool = False) -> None:
        self.x, self.y, self.s, self.flip = x, y, s, flip
        a = math.radians(angle)
        self.cos, self.sin = math.cos(a), math.sin(a)

    def __call__(self, x: float, y: float) -> Point:
        if self.flip:
            x = -x
        x, y = x * self.s, y * self.s
        return (self.x + x * self.cos - y * self.sin, self.y + x * self.sin + y * self.cos)

    def all(self, points: Sequence[Point]) -> list[Point]:
        return [self(x, y) for x, y in points]

    def oval(self, cx: float, cy: float, rx: float, ry: float, steps: int = 24) -> list[Point]:
        return self.all(arc(cx, cy, rx, ry, 0, 360, steps))


def _rim(t: Tones) -> RGB:
    return mix(t.skin, t.skin_deep, 0.7)


def _nail_colour(t: Tones) -> RGB:
    return mix(t.skin, (246, 222, 214), 0.42)


def _part(pen: Pen, outline: Sequence[Point], fill: RGB, rim: RGB, rim_w: float, closed: bool = True) -> None:
    """A closed shape with a thin darker rim outside its edge (all round, or open between its last
    point and its first: where it grows out of the part drawn before it)."""
    pen.line([*outline, outline[0]] if closed else list(outline), rim, rim_w)
    pen.polygon(outline, fill)


def _finger(place: _Place, base: Point, tip: Point, w0: float, w1: float, bend: float = 0.0) -> list[Point]:
    """A finger's outline: a tapered, slightly bent capsule from `base` to a rounded `tip`."""
    (x0, y0), (x1, y1) = base, tip
    length = math.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    nx, ny = -uy, ux
    side_a, side_b = [], []
    steps = 10
    for i in range(steps + 1):
        f = i / steps
        w = (w0 + (w1 - w0) * f) / 2
        off = bend * math.sin(math.pi * f)
        cx, cy = x0 + (x1 - x0) * f + nx * off, y0 + (y1 - y0) * f + ny * off
        side_a.append((cx + nx * w, cy + ny * w))
        side_b.append((cx - nx * w, cy - ny * w))
    r = w1 / 2
    angle = math.degrees(math.atan2(uy, ux))
    cap = arc(x1, y1, r, r, angle - 90, angle + 90, 12)
    return place.all(side_b + cap[1:-1] + side_a[::-1])


def _sleeve(layer: DrawingLayer, look: ActorLook, t: Tones, wrist: Point, elbow: Point, w_wrist: float,
            w_elbow: float) -> None:
    """The forearm from below the frame (`elbow`) up to `wrist`: the clothing's sleeve ending in a
    cuff, or bare skin under a t-shirt."""
    pen = layer.pen
    (wx, wy), (ex, ey) = wrist, elbow
    length = math.hypot(wx - ex, wy - ey)
    ux, uy = (wx - ex) / length, (wy - ey) / length          # towards the wrist
    nx, ny = -uy, ux

    def at(d: float, w: float) -> tuple[Point, Point]:
        """The two edges `d` units back from the wrist, `w` apart."""
        cx, cy = wx - ux * d, wy - uy * d
        return (cx + nx * w / 2, cy + ny * w / 2), (cx - nx * w / 2, cy - ny * w / 2)

    def band(d0: float, d1: float, w0: float, w1: float) -> list[Point]:
        a0, b0 = at(d0, w0)
        a1, b1 = at(d1, w1)
        return [a0, a1, b1, b0]

    if look.clothing == "tshirt":
        arm = band(-6, length, w_wrist * 0.86, w_elbow * 0.9)
        _part(pen, arm, t.skin, _rim(t), 3)
        mask = layer.shape_mask(arm)
        side = at(length * 0.5, w_elbow * 0.9)[0]
        layer.soft(lambda p: p.line([at(0, w_wrist * 0.8)[0], side, at(length, w_elbow)[0]], 255, 26), t.skin_shadow,
                   blur=10, opacity=0.8, clip=mask, bbox=_bounds(arm))
        layer.soft(lambda p: p.line([at(20, w_wrist * 0.2)[1], at(length, w_elbow * 0.3)[1]], 255, 16), t.skin_light,
                   blur=9, opacity=0.5, clip=mask, bbox=_bounds(arm))
        return
    cuff_len = 30.0
    sleeve = band(cuff_len - 4, length, w_wrist + 10, w_elbow)
    _part(pen, sleeve, t.cloth, t.cloth_shadow, 4)
    mask = layer.shape_mask(sleeve)
    layer.soft(lambda p: p.line([at(cuff_len, w_wrist * 0.9)[0], at(length, w_elbow)[0]], 255, 34), t.cloth_shadow,
               blur=12, clip=mask, bbox=_bounds(sleeve))
    layer.soft(lambda p: p.line([at(cuff_len + 20, w_wrist * 0.2)[1], at(length, w_elbow * 0.3)[1]], 255, 20),
               t.cloth_light, blur=10, opacity=0.8, clip=mask, bbox=_bounds(sleeve))
    for d in (cuff_len + 60, cuff_len + 130):                # folds where the sleeve bunches
        a, b = at(d, w_wrist + 14)
        pen.line(bezier(a, (a[0] * 0.6 + b[0] * 0.4, a[1] * 0.6 + b[1] * 0.4 + 8),
                        (a[0] * 0.2 + b[0] * 0.8, a[1] * 0.2 + b[1] * 0.8 + 6), b, steps=10)[2:9],
                 t.cloth_shadow, 3)
    if look.clothing == "blazer":                            # a shirt cuff peeks out of the jacket's sleeve
        _part(pen, band(-8, cuff_len * 0.5, w_wrist + 2, w_wrist + 4), UNDERSHIRT, scale(UNDERSHIRT, 0.8), 3)
        cuff = band(cuff_len * 0.45, cuff_len + 4, w_wrist + 12, w_wrist + 12)
        _part(pen, cuff, t.cloth, t.cloth_shadow, 4)
        pen.line([at(cuff_len * 0.55, w_wrist + 10)[i] for i in (0, 1)], t.cloth_light, 3)
        return
    colour = scale(t.cloth, 0.9) if look.clothing in ("hoodie", "sweater") else t.cloth_light
    cuff = band(-4, cuff_len, w_wrist + 4, w_wrist + 10)
    _part(pen, cuff, colour, t.cloth_shadow, 4)
    if look.clothing in ("hoodie", "sweater"):               # ribbing
        for i in range(1, 9):
            a, b = at(-4 + (cuff_len + 4) * 0.06, w_wrist + 4), at(cuff_len * 0.94, w_wrist + 10)
            f = i / 9
            pen.line([(a[1][0] + (a[0][0] - a[1][0]) * f, a[1][1] + (a[0][1] - a[1][1]) * f),
                      (b[1][0] + (b[0][0] - b[1][0]) * f, b[1][1] + (b[0][1] - b[1][1]) * f)], t.cloth_shadow, 1.6)
    else:                                                    # a shirt's button
        c = at(cuff_len * 0.5, w_wrist * 0.5)[1]
        pen.ellipse(c[0], c[1], 4.5, 4.5, scale(t.cloth_light, 1.06))
        pen.line(arc(c[0], c[1], 4.5, 4.5, 20, 160, 6), t.cloth_shadow, 1.2)
    pen.line([at(cuff_len, w_wrist + 10)[i] for i in (0, 1)], t.cloth_shadow, 3)


def _bounds(points: Sequence[Point]) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _pointing_hand(layer: DrawingLayer, t: Tones, place: _Place) -> None:
    """A right hand, palm to the camera: index finger up, the other three curled with their nails
    showing, the thumb across them."""
    pen, rim, nail = layer.pen, _rim(t), _nail_colour(t)
    crease = mix(t.skin, t.skin_deep, 0.75)
    s = place.s
    index = _finger(place, (27, -80), (31, -192), 27, 22, bend=-2)
    _part(pen, index, t.skin, rim, 3)
    mask = layer.shape_mask(index)
    layer.soft(lambda p: p.line(place.all([(17, -92), (20, -186)]), 255, 9 * s), t.skin_shadow, blur=4, opacity=0.8,
               clip=mask, bbox=_bounds(index))
    layer.soft(lambda p: p.line(place.all([(37, -96), (38, -176)]), 255, 5 * s), t.skin_light, blur=3, opacity=0.6,
               clip=mask, bbox=_bounds(index))
    for y, w in ((-128, 9), (-160, 8)):                      # the finger's joint creases
        pen.line(place.all([(30 - w, y + 1), (30, y - 1), (30 + w, y + 1)]), crease, 2.2)
    palm = place.all(bezier((-24, 0), (-32, -18), (-45, -40), (-45, -70), (-45, -90), (-30, -99), (-8, -99),
                            (14, -99), (36, -98), (42, -84), (50, -66), (52, -40), (36, -18),
                            (28, -6), (10, 2), (-24, 0), steps=10))
    _part(pen, palm, t.skin, rim, 3)
    palm_mask = layer.shape_mask(palm)
    layer.soft(lambda p: p.polygon(place.all([(-48, -92), (-30, -60), (-26, -8), (-50, -10)]), 255), t.skin_shadow,
               blur=8, opacity=0.9, clip=palm_mask, bbox=_bounds(palm))
    layer.soft(lambda p: p.ellipse(*place(-4, -44), 16 * s, 20 * s, 255), t.skin_shadow, blur=10, opacity=0.7,
               clip=palm_mask, bbox=_bounds(palm))
    # the curled fingers: a bump at the top where each folds, its nail at the bottom tucked into the palm
    for x, w, top, bottom in ((-34, 20, -98, -58), (-13, 23, -106, -56), (9, 24, -108, -56)):
        finger = place.all([*arc(x, top + w / 2, w / 2, w / 2, 180, 360, 10),
                            *arc(x, bottom - w * 0.3, w / 2, w * 0.3, 0, 180, 8)])
        _part(pen, finger, t.skin, rim, 3)
        fmask = layer.shape_mask(finger)
        layer.soft(lambda p, x=x, top=top: p.ellipse(*place(x - 2, top + 8), 5 * s, 4 * s, 255), t.skin_light,
                   blur=3, opacity=0.8, clip=fmask, bbox=_bounds(finger))
        layer.soft(lambda p, x=x, w=w, bottom=bottom: p.ellipse(*place(x, bottom - 18), w * 0.55 * s, 10 * s, 255),
                   t.skin_shadow, blur=4, opacity=0.8, clip=fmask, bbox=_bounds(finger))
        _part(pen, place.all(arc(x, bottom - 10, w * 0.3, 8, 0, 360, 16)), nail, mix(t.skin, crease, 0.6), 1.6)
        pen.line(place.all(arc(x, top + 30, w * 0.28, 4, 200, 340, 6)), mix(t.skin, crease, 0.7), 1.8)
    # the thumb over them, with its shadow on the fingers
    thumb = _finger(place, (34, -26), (-6, -74), 30, 23, bend=-4)
    layer.soft(lambda p: p.polygon([(x, y + 7) for x, y in thumb], 255), t.skin_deep, blur=4, opacity=0.55,
               bbox=_bounds(thumb))
    _part(pen, thumb, t.skin, rim, 3, closed=False)
    tmask = layer.shape_mask(thumb)
    layer.soft(lambda p: p.line(place.all([(40, -24), (0, -64)]), 255, 9 * s), t.skin_shadow, blur=5, opacity=0.7,
               clip=tmask, bbox=_bounds(thumb))
    layer.soft(lambda p: p.line(place.all([(34, -46), (4, -80)]), 255, 5 * s), t.skin_light, blur=3, opacity=0.6,
               clip=tmask, bbox=_bounds(thumb))
    nail_pts = place.all([(p[0] * 0.8 + p[1] * 0.55 - 8, p[1] * 0.8 - p[0] * 0.55 - 74)
                          for p in arc(0, 0, 9, 6, 0, 360, 16)])
    _part(pen, nail_pts, nail, mix(t.skin, crease, 0.6), 1.6)
    # the thumb grows out of the ball of the palm, which covers its root; the crease round it
    layer.soft(lambda p: p.polygon(place.oval(36, -20, 16, 22), 255), t.skin, blur=3, clip=palm_mask,
               bbox=_bounds(palm))
    pen.line(place.all(bezier((16, -40), (10, -30), (8, -20), (10, -8), steps=10)), mix(t.skin, crease, 0.7), 2)


def _holding_hand(layer: DrawingLayer, t: Tones, place: _Place) -> None:
    """A hand under a card's lower edge (at local y = 0), back to the camera: four fingers curl up
    over the edge onto the card's face, nails showing; the thumb goes up behind the card. The wrist
    is at local y ≈ 100."""
    pen, rim, nail = layer.pen, _rim(t), _nail_colour(t)
    crease = mix(t.skin, t.skin_deep, 0.75)
    s = place.s
    back = place.all(bezier((-30, 104), (-44, 84), (-52, 56), (-50, 30), (-48, 12), (44, 12), (48, 28),
                            (50, 56), (40, 84), (26, 104), steps=10))
    thumb = _finger(place, (-30, 74), (-58, 12), 30, 24, bend=4)
    _part(pen, thumb, t.skin, rim, 3)
    tmask = layer.shape_mask(thumb)
    layer.soft(lambda p: p.line(place.all([(-24, 70), (-48, 10)]), 255, 10 * s), t.skin_shadow, blur=5, opacity=0.8,
               clip=tmask, bbox=_bounds(thumb))
    _part(pen, back, t.skin, rim, 3)
    bmask = layer.shape_mask(back)
    fingers = ((-33, 24, -28), (-10, 25, -33), (13, 24, -31), (34, 20, -24))   # index … little: x, width, tip
    for x, w, tip in fingers:
        finger = _finger(place, (x * 0.9, 46), (x, tip + w / 2), w + 2, w, bend=0)
        _part(pen, finger, t.skin, rim, 3, closed=False)
        fmask = layer.shape_mask(finger)
        edge = place.all([(x - w * 0.38, tip + 10), (x - w * 0.4, 40)])
        layer.soft(lambda p, edge=edge: p.line(edge, 255, 6 * s), t.skin_shadow, blur=4, opacity=0.8, clip=fmask,
                   bbox=_bounds(finger))
        layer.soft(lambda p, x=x, w=w: p.ellipse(*place(x + 2, 4), w * 0.32 * s, 5 * s, 255), t.skin_light,
                   blur=3, opacity=0.7, clip=fmask, bbox=_bounds(finger))
        _part(pen, place.all(arc(x, tip + 13, w * 0.3, 9, 0, 360, 16)), nail, mix(t.skin, crease, 0.6), 1.6)
        pen.line(place.all(arc(x, 14, w * 0.3, 4, 200, 340, 6)), mix(t.skin, crease, 0.8), 2)   # over the edge
        pen.line(place.all(arc(x, -12, w * 0.26, 3, 20, 160, 6)), mix(t.skin, crease, 0.6), 1.8)
    # the knuckles across the back of the hand, and its shading
    layer.soft(lambda p: p.polygon(place.all([(-52, 60), (-30, 104), (-10, 104), (-40, 50)]), 255), t.skin_shadow,
               blur=8, opacity=0.7, clip=bmask, bbox=_bounds(back))
    for x, _w, _tip in fingers:
        layer.soft(lambda p, x=x: p.ellipse(*place(x * 0.9, 50), 8 * s, 5 * s, 255), t.skin_light, blur=3,
                   opacity=0.5, clip=bmask, bbox=_bounds(back))
    for a, b in itertools.pairwise(fingers):
        x = (a[0] + b[0]) / 2 * 0.9
        pen.line(place.all([(x, 44), (x * 0.9, 62)]), mix(t.skin, crease, 0.7), 2)


def card_box(an: Anatomy, canvas_w: float) -> tuple[float, float, float, float]:
    """The card's box in design units for a canvas `canvas_w` design units wide."""
    w, h = canvas_w * HOLD_W, 1200 * HOLD_H
    return (an.cx - w / 2, HOLD_TOP, an.cx + w / 2, HOLD_TOP + h)


def draw_point(layer: DrawingLayer, look: ActorLook, an: Anatomy, t: Tones) -> None:
    """The actor's right arm (the image's left) raised beside the body, forearm up from below the
    frame, index finger pointing up and out towards the top left."""
    wrist = (an.cx - an.shoulder_hw + 56, an.shoulder_y + 20)
    elbow = (wrist[0] + 80, 1320.0)
    _pointing_hand(layer, t, _Place(wrist[0], wrist[1] - 4, -24, 1.3))
    _sleeve(layer, look, t, wrist, elbow, 76, 124)


def draw_hold(layer: DrawingLayer, look: ActorLook, an: Anatomy, t: Tones,
              box: tuple[float, float, float, float]) -> None:
    """Both hands under `box`'s lower edge near its corners, holding the card up."""
    x0, _y0, x1, y1 = box
    inset = (x1 - x0) * 0.2
    for side, x in ((-1, x0 + inset), (1, x1 - inset)):
        place = _Place(x, y1 + 5, -side * 10, 1.25, flip=side > 0)
        _holding_hand(layer, t, place)
        wrist = place(0, 100)
        _sleeve(layer, look, t, wrist, (wrist[0] + side * 150, 1330.0), 74, 124)
