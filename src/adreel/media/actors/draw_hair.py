"""Hair in two layers — the back (behind the head and shoulders, in shadow) and the front (over the
forehead and the sides of the face) — and glasses, which sit over the eyes like a fringe does."""

from __future__ import annotations

import math
import random

from PIL import Image

from adreel.media.actors.anatomy import Anatomy, Tones
from adreel.media.actors.looks import ActorLook
from adreel.media.actors.pen import DrawingLayer, Pen, Point, arc, bezier, mirror, mix

FRAMES = (62, 44, 36)


def draw_hair_back(layer: DrawingLayer, look: ActorLook, an: Anatomy, t: Tones) -> None:
    pen, cx, hy, hr, ry, top = layer.pen, an.cx, an.head_cy, an.head_rx, an.head_ry, an.top
    style = look.hair
    if style == "long":
        side = bezier((cx + hr + 30, hy - 4), (cx + hr + 50, 520), (cx + hr + 58, 700), (cx + hr + 44, 830),
                      (cx + 80, 870), (cx + 20, 862), (cx, 860))
        pen.polygon(arc(cx, hy - 4, hr + 30, ry + 30, 180, 360) + side + mirror(side[::-1]), t.hair_shadow)
    elif style == "bob":
        side = bezier((cx + hr + 30, hy - 6), (cx + hr + 42, 450), (cx + hr + 40, 540), (cx + hr + 18, 586),
                      (cx + 60, 592), (cx + 20, 590), (cx, 590))
        pen.polygon(arc(cx, hy - 6, hr + 30, ry + 28, 180, 360) + side + mirror(side[::-1]), t.hair_shadow)
    elif style == "curly":
        _cloud(pen, an, t)
        base = layer.mask()
        _curl_texture(pen, an, t, (cx - hr - 90, top - 70, cx + hr + 90, hy + 170), seed=3)
        layer.clip_to(base)
    elif style == "bun":
        pen.ellipse(cx, top - 14, 60, 54, t.hair)
        pen.ellipse(cx, top - 14, 60, 54, t.hair)
        for r in (44, 28):
            pen.line(arc(cx, top - 14, r, r * 0.86, 200, 330, 16), t.hair_shadow, 3)
        _sheen(layer, arc(cx, top - 12, 40, 30, 210, 290, 12), 10, t, None)
    elif style == "ponytail":
        path = bezier((cx + hr - 40, top + 40), (cx + hr + 40, top + 50), (cx + hr + 70, hy), (cx + hr + 56, hy + 140),
                      (cx + hr + 44, hy + 240), (cx + hr + 20, hy + 300), (cx + hr + 30, hy + 370))
        pen.stroke(path, t.hair, lambda f: 66 * (1 - f) ** 0.8 + 8)
        for dx in (-14, 4, 20):
            pen.line([(x + dx * (1 - i / len(path)), y) for i, (x, y) in enumerate(path)][6:-3], t.hair_shadow, 3)
        _sheen(layer, [(x - 8, y) for x, y in path][3:18], 12, t, None)
    elif style == "short":
        pen.polygon(arc(cx, hy - 8, hr + 12, ry + 12, 175, 365), t.hair_shadow)


def _cloud(pen: Pen, an: Anatomy, t: Tones) -> None:
    cx, cy, rx, ry = an.cx, an.head_cy - 40, an.head_rx + 74, an.head_ry + 46
    bottom = an.head_cy + 140
    outline = [(x, min(y, bottom)) for x, y in arc(cx, cy, rx, ry, 0, 360, 64)]
    pen.polygon(outline, t.hair)
    for i in range(26):
        a = math.radians(125 + 290 * i / 25)
        x, y = cx + rx * math.cos(a), cy + ry * math.sin(a)
        if y < bottom + 10:
            pen.ellipse(x, min(y, bottom), 34, 32, t.hair)


def _curl_texture(pen: Pen, an: Anatomy, t: Tones, box: tuple[float, float, float, float], seed: int) -> None:
    """Coils: small bumps, each a disc of hair over its own shadow with a glint, scattered
    (from a fixed seed) over `box`; the caller clips them to the hair's shape."""
    rng = random.Random(seed)
    x0, y0, x1, y1 = box
    light = mix(t.hair, t.hair_light, 0.7)
    shadow = mix(t.hair, t.hair_shadow, 0.7)
    for _ in range(int((x1 - x0) * (y1 - y0) / 420)):
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        r = rng.uniform(7, 11)
        pen.ellipse(x + r * 0.2, y + r * 0.25, r, r, shadow)
        pen.ellipse(x, y, r * 0.8, r * 0.8, t.hair)
        pen.line(arc(x, y, r * 0.5, r * 0.5, 195, 275, 5), light, 2)


def _sheen(layer: DrawingLayer, points: list[Point], width: float, t: Tones, clip: Image.Image | None) -> None:
    """A soft band of light along `points` (hair catches light in streaks)."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    layer.soft(lambda p: p.line(points, 255, width), t.hair_light, blur=width * 0.35, opacity=0.75, clip=clip,
               bbox=(min(xs) - width, min(ys) - width, max(xs) + width, max(ys) + width))


def draw_hair_front(layer: DrawingLayer, look: ActorLook, an: Anatomy, t: Tones) -> None:
    pen, cx, hy, hr, ry, top = layer.pen, an.cx, an.head_cy, an.head_rx, an.head_ry, an.top
    style = look.hair
    if style == "long":
        right = (bezier((cx + hr + 20, hy - 8), (cx + hr + 28, hy + 110), (cx + hr + 30, 620), (cx + hr + 44, 730))
                 + bezier((cx + hr + 4, 712), (cx + hr - 18, 580), (cx + hr - 34, 430), (cx + hr - 30, 336),
                          (cx + hr - 44, 260), (cx + 80, top + 38), (cx + 36, top + 34)))
        left = (bezier((cx + 36, top + 34), (cx - 30, top + 96), (cx - hr + 44, top + 108), (cx - hr + 26, 350),
                       (cx - hr + 30, 450), (cx - hr + 16, 590), (cx - hr + 4, 712))
                + bezier((cx - hr - 44, 736), (cx - hr - 32, 620), (cx - hr - 28, hy + 110), (cx - hr - 20, hy - 8)))
        outline = arc(cx, hy - 8, hr + 20, ry + 24, 180, 360) + right + left
        pen.polygon(outline, t.hair)
        mask = layer.mask()
        for dx in (-1, 1):
            pen.line(bezier((cx + dx * (hr - 4), hy - 20), (cx + dx * (hr + 6), 460), (cx + dx * (hr + 4), 580),
                            (cx + dx * (hr + 18), 690)), t.hair_shadow, 3)
        pen.line(bezier((cx + 30, top + 40), (cx - 30, top + 90), (cx - hr + 50, top + 100), (cx - hr + 24, 320)),
                 t.hair_shadow, 3)
        layer.clip_to(mask)
        _sheen(layer, bezier((cx + 20, top + 20), (cx - 40, top + 18), (cx - hr + 10, top + 60), (cx - hr - 4, hy)),
               16, t, mask)
        _sheen(layer, bezier((cx + 56, top + 24), (cx + 100, top + 30), (cx + hr, top + 70), (cx + hr + 8, hy - 10)),
               12, t, mask)
    elif style == "bob":
        side = bezier((cx + hr + 26, hy - 6), (cx + hr + 38, 440), (cx + hr + 36, 540), (cx + hr + 14, 590),
                      (cx + hr - 4, 586), (cx + hr - 16, 570), (cx + hr - 22, 560),
                      (cx + hr - 22, 490), (cx + hr - 26, 400), (cx + hr - 24, 300))
        fringe = [(cx + hr - 24 - (2 * hr - 48) * i / 30, 0.0) for i in range(31)]
        fringe = [(x, 298 + 12 * ((x - cx) / hr) ** 2 + 2.5 * abs(math.sin(i * math.pi / 3)))
                  for i, (x, _) in enumerate(fringe)]
        outline = arc(cx, hy - 6, hr + 26, ry + 26, 180, 360) + side + fringe + mirror(side[::-1])
        pen.polygon(outline, t.hair)
        mask = layer.mask()
        for i in range(1, 9):
            x = cx - hr + 24 + (2 * hr - 48) * i / 9
            y = 298 + 12 * ((x - cx) / hr) ** 2
            pen.line([(x, y), (x - 6, y - 36)], t.hair_shadow, 2.5)
        for dx in (-1, 1):
            pen.line(bezier((cx + dx * (hr + 4), hy - 30), (cx + dx * (hr + 16), 430), (cx + dx * (hr + 14), 520),
                            (cx + dx * (hr + 2), 574)), t.hair_shadow, 3)
        layer.clip_to(mask)
        _sheen(layer, arc(cx, hy - 6, hr + 6, ry + 6, 215, 325, 24), 18, t, mask)
    elif style == "curly":
        line = bezier((cx + hr - 2, 336), (cx + hr - 24, 250), (cx + 70, top + 70), (cx, top + 74),
                      (cx - 70, top + 70), (cx - hr + 24, 250), (cx - hr + 2, 336))
        pen.polygon(arc(cx, hy - 10, hr + 16, ry + 22, 180, 360) + line, t.hair)
        for i in range(0, len(line), 3):
            pen.ellipse(line[i][0], line[i][1], 15, 14, t.hair)
        mask = layer.mask()
        _curl_texture(pen, an, t, (cx - hr - 20, top - 30, cx + hr + 20, 340), seed=5)
        layer.clip_to(mask)
    elif style in ("bun", "ponytail"):
        part = 0 if style == "bun" else 34
        right = bezier((cx + hr + 8, hy + 4), (cx + hr - 8, hy + 20), (cx + hr - 12, hy + 10), (cx + hr - 12, hy - 10),
                       (cx + hr - 20, 262), (cx + 70 + part, top + 54), (cx + part, top + 60))
        left = bezier((cx + part, top + 60), (cx - 70 + part, top + 54), (cx - hr + 20, 262), (cx - hr + 12, hy - 10),
                      (cx - hr + 12, hy + 10), (cx - hr + 8, hy + 20), (cx - hr - 8, hy + 4))
        pen.polygon(arc(cx, hy - 2, hr + 9, ry + 11, 180, 360) + right + left, t.hair)
        mask = layer.mask()
        for dx in (-80, -40, 40, 80):
            x = cx + part + dx * 0.9
            pen.line(bezier((x, top + 62 - abs(dx) * 0.1), (x + dx * 0.2, top + 30), (cx + dx * 0.3, top),
                            (cx, top - 14)),
                     t.hair_shadow, 2.5)
        layer.clip_to(mask)
        _sheen(layer, arc(cx, hy - 2, hr - 6, ry - 2, 220, 300, 20), 14, t, mask)
        for dx in (-1, 1):   # loose strands by the temples
            pen.stroke(bezier((cx + dx * (hr - 10), 280), (cx + dx * (hr - 4), 340), (cx + dx * (hr - 18), 390),
                              (cx + dx * (hr - 8), 430)), t.hair, lambda f: 5 * (1 - f) + 1)
    elif style == "short":
        right = (bezier((cx, top - 44), (cx + 70, top - 46), (cx + hr - 10, top - 4), (cx + hr + 4, top + 60),
                        (cx + hr + 12, hy - 60), (cx + hr + 8, hy), (cx + hr - 2, an.eye_y + 6))
                 + bezier((cx + hr - 14, an.eye_y + 6), (cx + hr - 16, 340), (cx + hr - 18, 310), (cx + hr - 22, 296),
                          (cx + hr - 34, top + 84), (cx + 80, top + 56), (cx + 20, top + 64)))
        left = (bezier((cx + 20, top + 64), (cx - 40, top + 72), (cx - hr + 40, top + 80), (cx - hr + 22, 296),
                       (cx - hr + 18, 310), (cx - hr + 16, 340), (cx - hr + 14, an.eye_y + 6))
                + bezier((cx - hr + 2, an.eye_y + 6), (cx - hr - 8, hy), (cx - hr - 12, hy - 60),
                         (cx - hr - 4, top + 60),
                         (cx - hr + 10, top - 4), (cx - 70, top - 40), (cx, top - 44)))
        pen.polygon(right + left, t.hair)
        mask = layer.mask()
        for i, dx in enumerate((-70, -30, 10, 50, 90)):
            pen.line(bezier((cx + dx, top + 72 - i * 2), (cx + dx + 10, top + 30), (cx + dx + 40, top + 4),
                            (cx + dx + 70, top - 10)), t.hair_shadow, 3)
        layer.clip_to(mask)
        _sheen(layer, bezier((cx - 80, top + 10), (cx - 40, top - 24), (cx + 10, top - 30), (cx + 50, top - 24)), 16, t,
               mask)
    elif style == "buzz":
        colour = mix(t.skin, t.hair, 0.8)
        right = bezier((cx + hr + 3, hy - 14), (cx + hr + 2, hy + 10), (cx + hr - 4, an.eye_y - 6),
                       (cx + hr - 10, an.eye_y - 4),
                       (cx + hr - 16, hy - 10), (cx + hr - 18, 300), (cx + hr - 24, 290),
                       (cx + hr - 40, top + 70), (cx + 50, top + 54), (cx, top + 62))
        pen.polygon(arc(cx, hy, hr + 3, ry + 4, 180, 360) + right + mirror(right[::-1]), colour)
        mask = layer.mask()
        layer.soft(lambda p: p.ellipse(cx - 30, top + 36, 64, 20, 255), mix(colour, t.hair_light, 0.5), blur=12,
                   opacity=0.6, clip=mask, bbox=(cx - 110, top, cx + 50, top + 80))
    elif style == "bald":
        for dx in (-1, 1):
            crescent = (bezier((cx + dx * (hr - 22), hy - 50), (cx + dx * (hr + 2), hy - 40),
                               (cx + dx * (hr + 6), an.eye_y),
                               (cx + dx * (hr + 1), an.eye_y + 24))
                        + bezier((cx + dx * (hr - 18), an.eye_y + 16), (cx + dx * (hr - 26), an.eye_y - 10),
                                 (cx + dx * (hr - 30), hy - 20), (cx + dx * (hr - 22), hy - 50)))
            pen.polygon(crescent, t.hair)
            for i in (0, 1):
                pen.line(bezier((cx + dx * (hr - 8 + 6 * i), hy - 30), (cx + dx * (hr + 2 + 5 * i), hy),
                                (cx + dx * (hr + 2 + 4 * i), an.eye_y), (cx + dx * (hr - 4 + 4 * i), an.eye_y + 16)),
                         t.hair_shadow, 2)


def scalp_light(layer: DrawingLayer, look: ActorLook, an: Anatomy, t: Tones, face: Image.Image) -> None:
    """A soft shine on a bald head."""
    if look.hair == "bald":
        layer.soft(lambda p: p.ellipse(an.cx - 30, an.top + 50, 70, 34, 255), t.skin_light, blur=14, opacity=0.9,
                   clip=face, bbox=(an.cx - 110, an.top, an.cx + 50, an.top + 100))


def draw_glasses(layer: DrawingLayer, an: Anatomy) -> None:
    pen = layer.pen
    y = an.eye_y - 2
    for side in (-1, 1):
        ex = an.cx + side * an.eye_dx
        pen.draw.rounded_rectangle(pen.box(ex - 40, y - 26, ex + 40, y + 26), radius=18 * pen.k, outline=FRAMES,
                                   width=round(5 * pen.k))
        glare = [(ex - 2, y - 24), (ex + 16, y - 24), (ex - 14, y + 24), (ex - 32, y + 24)]
        layer.soft(lambda p, glare=glare: p.polygon(glare, 255), (255, 255, 255), blur=2, opacity=0.22,
                   bbox=(ex - 40, y - 30, ex + 40, y + 30))
        arm_x = an.cx + side * (an.face_half_width(y - 12) - 2)
        pen.line([(ex + side * 40, y - 14), (arm_x, y - 10)], FRAMES, 5)
    pen.line(arc(an.cx, y - 4, 21, 10, 200, 340, 12), FRAMES, 5)
