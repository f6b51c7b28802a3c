"""The still parts of an actor: neck, shoulders and clothing, ears, the face's shape and its soft
shading (nose, cheeks, the jaw's shadow on the neck). The features that move — eyes, brows,
mouth — are drawn by the draw_face module on patches over this."""

from __future__ import annotations

from PIL import Image

from adreel.media.actors.anatomy import Anatomy, Tones
from adreel.media.actors.looks import ActorLook
from adreel.media.actors.pen import RGB, DrawingLayer, Pen, Point, arc, bezier, luminance, mirror, mix, scale

UNDERSHIRT: RGB = (244, 240, 232)


def _half_body(an: Anatomy, neck_x: float, neck_y: float) -> list[Point]:
    """The right half of the torso's outline, from the neckline's edge out over the shoulder and
    down the arm to the canvas's bottom edge."""
    cx, sh, sy = an.cx, an.shoulder_hw, an.shoulder_y
    return bezier((neck_x, neck_y), (neck_x + 50, neck_y + 18), (cx + sh - 120, sy - 34), (cx + sh - 50, sy - 14),
                  (cx + sh - 6, sy - 2), (cx + sh + 16, sy + 30), (cx + sh + 18, sy + 90),
                  (cx + sh + 20, sy + 200), (cx + sh + 12, 1100), (cx + sh + 6, 1210))


def body_outline(an: Anatomy, neckline: list[Point]) -> list[Point]:
    """The torso: the left half, then `neckline` (left to right, the top edge between the
    shoulders), then the right half."""
    right = _half_body(an, neckline[-1][0], neckline[-1][1])
    left = mirror(_half_body(an, 2 * an.cx - neckline[0][0], neckline[0][1]), an.cx)
    return left[::-1] + neckline + right


def _arm_line(an: Anatomy, side: int) -> list[Point]:
    """Where an arm hanging at the side meets the torso."""
    cx, sh, sy = an.cx, an.shoulder_hw, an.shoulder_y
    return bezier((cx + side * (sh - 40), sy + 120), (cx + side * (sh - 62), sy + 200), (cx + side * (sh - 64), 1100),
                  (cx + side * (sh - 60), 1210))


def draw_neck(layer: DrawingLayer, an: Anatomy, t: Tones) -> None:
    """Neck and a little chest (what a neckline shows), with the jaw's shadow on it."""
    pen, cx, hw = layer.pen, an.cx, an.neck_hw
    right = [*bezier((cx + hw, an.head_cy + 80), (cx + hw, 560), (cx + hw - 2, 620), (cx + hw + 6, 650),
                     (cx + hw + 30, 680), (cx + hw + 90, 700), (cx + hw + 120, 740)), (cx + hw + 120, 980)]
    pen.polygon(mirror(right[::-1], cx) + right, t.skin)
    neck = layer.mask()
    jaw = [(x, y + 34) for x, y in an.face_outline()]
    layer.soft(lambda p: p.polygon(jaw, 255), t.skin_shadow, blur=6, clip=neck,
               bbox=(cx - hw - 10, an.head_cy, cx + hw + 10, an.chin_y + 60))
    layer.soft(lambda p: p.ellipse(cx, 720, 60, 18, 255), t.skin_shadow, blur=10, opacity=0.35, clip=neck,
               bbox=(cx - 80, 680, cx + 80, 760))


NECKLINES = {   # (half-width beyond the neck, depth below the neck's base) of each garment's opening
    "hoodie": (26, 96), "blazer": (18, 52), "shirt": (10, 110), "sweater": (12, 60), "tshirt": (16, 72),
}


def draw_clothes(layer: DrawingLayer, back: DrawingLayer, look: ActorLook, an: Anatomy, t: Tones) -> None:
    pen, cx, hw, sh, sy = layer.pen, an.cx, an.neck_hw, an.shoulder_hw, an.shoulder_y
    kind = look.clothing if look.clothing in NECKLINES else "tshirt"
    wide, deep = NECKLINES[kind]
    top = 646.0
    neckline = bezier((cx - hw - wide, top), (cx - hw + 2, top + deep * 0.55), (cx - 34, top + deep), (cx, top + deep),
                      (cx + 34, top + deep), (cx + hw - 2, top + deep * 0.55), (cx + hw + wide, top))
    if kind == "hoodie":
        hood = bezier((cx - hw - 70, 740), (cx - hw - 86, 640), (cx - hw - 40, 590), (cx, 592),
                      (cx + hw + 40, 590), (cx + hw + 86, 640), (cx + hw + 70, 740))
        back.pen.polygon(hood, t.cloth_shadow)
        back.pen.polygon(bezier((cx - hw - 44, 740), (cx - hw - 54, 660), (cx - hw - 22, 620), (cx, 622),
                                (cx + hw + 22, 620), (cx + hw + 54, 660), (cx + hw + 44, 740)), scale(t.cloth, 0.62))
    pen.polygon(body_outline(an, neckline), t.cloth)
    body = layer.mask()
    # form: shade down the arms' outer edges and along where they meet the torso, light on the shoulders
    for side in (-1, 1):
        x = cx + side * sh
        layer.soft(lambda p, x=x, side=side: p.ellipse(x + side * 40, 1000, 60, 300, 255), t.cloth_shadow, blur=22,
                   clip=body, bbox=(x - 110, 700, x + 110, 1200))
        arm = _arm_line(an, side)
        layer.soft(lambda p, arm=arm, side=side: p.polygon([*arm, (arm[-1][0] - side * 30, 1210)], 255), t.cloth_shadow,
                   blur=8, opacity=0.8, clip=body, bbox=(x - 140, sy + 100, x, 1200))
        lx = cx + side * (sh - 110)
        layer.soft(lambda p, lx=lx: p.ellipse(lx, sy - 26, 100, 22, 255), t.cloth_light, blur=14, opacity=0.7,
                   clip=body, bbox=(lx - 130, sy - 70, lx + 130, sy + 20))
    layer.soft(lambda p: p.polygon([(x, y + 14) for x, y in neckline], 255), t.cloth_shadow, blur=10, opacity=0.8,
               clip=body, bbox=(cx - hw - 40, 640, cx + hw + 40, 780))
    for side in (-1, 1):
        pen.line(_arm_line(an, side), t.cloth_shadow, 3)
    if kind == "tshirt":
        hem = 980
        for side in (-1, 1):
            arm = _arm_line(an, side)
            skin = [(x, y) for x, y in arm if y >= hem] + [(cx + side * (sh + 60), 1210), (cx + side * (sh + 60), hem)]
            pen.polygon(skin, t.skin)
            a, b = sorted((cx + side * (sh - 54), cx + side * (sh + 60)))
            layer.soft(lambda p, a=a, b=b: p.rect(a, hem - 6, b, hem + 14, 255), t.skin_shadow, blur=5,
                       opacity=0.7, clip=body, bbox=(a - 20, hem - 10, b + 20, hem + 30))
            pen.line([(cx + side * (sh - 62), hem), (cx + side * (sh + 40), hem - 6)], t.cloth_shadow, 8)
            pen.line([(cx + side * (sh - 62), hem - 5), (cx + side * (sh + 40), hem - 11)], scale(t.cloth, 0.92), 3)
    layer.clip_to(body)
    if kind == "tshirt":
        pen.line(neckline, t.cloth_shadow, 10)
        pen.line([(x, y + 1) for x, y in neckline], scale(t.cloth, 0.9), 5)
    elif kind == "sweater":
        _ribbed_collar(pen, neckline, t)
    elif kind == "hoodie":
        _hoodie_front(pen, an, t, neckline)
    elif kind == "blazer":
        _blazer_front(pen, an, t, neckline)
    elif kind == "shirt":
        _shirt_front(pen, an, t, neckline)


def _ribbed_collar(pen: Pen, neckline: list[Point], t: Tones) -> None:
    band = [(x, y + 2) for x, y in neckline]
    pen.line(band, t.cloth_shadow, 20)
    pen.line(band, scale(t.cloth, 0.94), 14)
    for i in range(2, len(band) - 2, 2):
        x, y = band[i]
        pen.line([(x, y - 6), (x, y + 6)], t.cloth_shadow, 2)


def _hoodie_front(pen: Pen, an: Anatomy, t: Tones, neckline: list[Point]) -> None:
    cx, hw = an.cx, an.neck_hw
    # the hood's edges crossing at the front
    for side in (-1, 1):
        edge = bezier((cx + side * (hw + 30), 650), (cx + side * (hw + 26), 700), (cx + side * 30, 748),
                      (cx - side * 10, 766))
        pen.line(edge, t.cloth_shadow, 18)
        pen.line(edge, t.cloth_light, 9)
    string = mix(t.cloth, (250, 250, 250), 0.55) if sum(t.cloth) < 600 else scale(t.cloth, 0.7)
    for side in (-1, 1):
        x = cx + side * 34
        line = bezier((x, 740), (x + side * 4, 800), (x - side * 4, 860), (x + side * 2, 910))
        pen.line(line, string, 6)
        pen.rect(x - 5 + side * 2, 908, x + 5 + side * 2, 938, scale(string, 0.85), radius=3)


def _blazer_front(pen: Pen, an: Anatomy, t: Tones, neckline: list[Point]) -> None:
    cx, hw = an.cx, an.neck_hw
    # the undershirt in the blazer's V, its own crew neck, then lapels over it
    pen.polygon([(cx - hw - 30, 646), (cx - 6, 980), (cx + 6, 980), (cx + hw + 30, 646), *neckline[::-1]], UNDERSHIRT)
    pen.line(neckline, scale(UNDERSHIRT, 0.86), 6)
    for side in (-1, 1):
        lapel = [(cx + side * (hw + 22), 642), (cx + side * (hw + 60), 672), (cx + side * (hw + 54), 762),
                 (cx + side * (hw + 76), 782), (cx + side * 54, 1000), (cx + side * 8, 990),
                 (cx + side * (hw + 2), 684)]
        pen.polygon(lapel, t.cloth_shadow)
        inner = [(cx + side * (hw + 26), 654), (cx + side * (hw + 50), 676), (cx + side * (hw + 44), 766),
                 (cx + side * (hw + 64), 784), (cx + side * 50, 984), (cx + side * 16, 980),
                 (cx + side * (hw + 10), 688)]
        pen.polygon(inner, t.cloth_light)
        pen.line([(cx + side * (hw + 44), 766), (cx + side * (hw + 64), 784)], t.cloth_shadow, 4)


def _shirt_front(pen: Pen, an: Anatomy, t: Tones, neckline: list[Point]) -> None:
    cx, hw = an.cx, an.neck_hw
    pen.line([(cx + 6, 750), (cx + 6, 1210)], t.cloth_shadow, 3)
    pen.line([(cx + 20, 760), (cx + 20, 1210)], t.cloth_shadow, 2)
    for y in (830, 950, 1070):
        pen.ellipse(cx + 13, y, 5, 5, t.cloth_light)
    for side in (-1, 1):
        collar = [(cx + side * (hw + 2), 612), (cx + side * (hw + 50), 642), (cx + side * (hw + 44), 684),
                  (cx + side * 14, 760), (cx + side * (hw - 10), 656)]
        pen.polygon([(x, y + 6) for x, y in collar], t.cloth_shadow)
        pen.polygon(collar, t.cloth_light)
        pen.line([*collar, collar[0]], scale(t.cloth, 0.78), 2.5)


def draw_ears(layer: DrawingLayer, look: ActorLook, an: Anatomy, t: Tones) -> None:
    pen = layer.pen
    y = an.eye_y + 34
    for side in (-1, 1):
        x = an.cx + side * (an.face_half_width(y) - 6)
        pen.ellipse(x + side * 10, y, 20, 36, t.skin)
        pen.ellipse(x + side * 12, y + 2, 10, 22, t.skin_shadow)
        pen.ellipse(x + side * 8, y + 6, 6, 14, t.skin)
        if "earrings" in look.extras:
            pen.line(bezier((x + side * 10, y + 34), (x + side * 4, y + 56), (x + side * 24, y + 64),
                            (x + side * 14, y + 40)), (214, 170, 72), 4)


def draw_face_skin(layer: DrawingLayer, look: ActorLook, an: Anatomy, t: Tones) -> Image.Image:
    """The face's shape and shading; returns its mask (for clipping and the patches' alpha)."""
    pen, cx = layer.pen, an.cx
    mask = layer.shape_mask(an.face_outline())
    pen.polygon(an.face_outline(), mix(t.skin, t.skin_shadow, 0.45))
    layer.soft(lambda p: p.ellipse(cx, an.head_cy + 10, an.head_rx - 22, an.head_ry + 6, 255), t.skin, blur=14,
               clip=mask, bbox=(cx - an.head_rx, an.top, cx + an.head_rx, an.chin_y))
    ny = an.nose_y
    # nose: a soft shadow down one side and under the tip, a light tip, nostrils
    layer.soft(lambda p: p.polygon(bezier((cx - 10, an.eye_y - 6), (cx - 16, ny - 40), (cx - 22, ny - 14),
                                          (cx - 14, ny + 2), (cx - 4, ny + 4), (cx - 8, ny - 30),
                                          (cx - 10, an.eye_y - 6)), 255),
               t.skin_shadow, blur=4, opacity=0.8, bbox=(cx - 40, an.eye_y - 20, cx + 10, ny + 20))
    layer.soft(lambda p: p.ellipse(cx, ny + 4, 22, 8, 255), t.skin_shadow, blur=4, opacity=0.9,
               bbox=(cx - 40, ny - 10, cx + 40, ny + 20))
    layer.soft(lambda p: p.ellipse(cx + 2, ny - 8, 11, 8, 255), t.skin_light, blur=3, opacity=0.7,
               bbox=(cx - 20, ny - 20, cx + 20, ny + 5))
    pen.line(arc(cx, ny - 4, 10, 7, 30, 150, 12), mix(t.skin, t.skin_deep, 0.45), 2.2)
    for side in (-1, 1):
        pen.ellipse(cx + side * 8, ny + 3, 3.6, 2.2, mix(t.skin, t.skin_deep, 0.6))
    # cheeks
    blush = (0.42 if look.gender == "female" else 0.16) * (0.35 + 0.65 * luminance(t.skin) / 255)
    for side in (-1, 1):
        bx = cx + side * (an.eye_dx + 30)
        layer.soft(lambda p, bx=bx: p.ellipse(bx, an.eye_y + 58, 32, 18, 255), t.blush, blur=10, opacity=blush,
                   bbox=(bx - 40, an.eye_y + 30, bx + 40, an.eye_y + 90))
    if "stubble" in look.extras:
        stub = mix(t.skin, t.hair, 0.22)
        layer.soft(lambda p: (p.ellipse(cx, an.chin_y - 30, an.head_rx * 0.72, 62, 255),
                              p.ellipse(cx, an.mouth_y - 18, 38, 9, 255)), stub, blur=16,
                   opacity=0.5, clip=mask, bbox=(cx - an.head_rx, an.nose_y, cx + an.head_rx, an.chin_y))
    if "freckles" in look.extras:
        dots = [(-70, 30), (-58, 42), (-84, 44), (-46, 34), (-72, 54), (-60, 62), (-92, 60), (-40, 50)]
        for dx, dy in dots:
            for side in (-1, 1):
                pen.ellipse(cx + side * dx, an.eye_y + dy, 2.6, 2.4, mix(t.skin, t.skin_deep, 0.6))
        for dx, dy in ((-14, 40), (10, 46), (-2, 52)):
            pen.ellipse(cx + dx, an.eye_y + dy, 2.2, 2.0, mix(t.skin, t.skin_deep, 0.5))
    if look.age in ("50s", "60s"):
        fold = mix(t.skin, t.skin_deep, 0.55)
        for side in (-1, 1):
            pen.stroke(bezier((cx + side * 30, ny + 4), (cx + side * 42, ny + 16), (cx + side * 48, ny + 32),
                              (cx + side * 49, ny + 48)), mix(t.skin, fold, 0.7), lambda f: 2.6 * (1 - f) + 0.6)
            ex, ey = cx + side * an.eye_dx, an.eye_y
            pen.line(bezier((ex - side * 16, ey + 22), (ex - side * 4, ey + 30), (ex + side * 10, ey + 30),
                            (ex + side * 20, ey + 24)), fold, 2)
        if look.age == "60s":
            for dy in (0, 18):
                y = an.top + 78 + dy
                pen.line(bezier((cx - 50, y + 4), (cx - 20, y - 4), (cx + 20, y - 4), (cx + 50, y + 4)),
                         mix(t.skin, t.skin_deep, 0.35), 2.2)
    return mask
