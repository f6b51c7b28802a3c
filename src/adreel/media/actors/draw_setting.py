"""The room behind an actor, seen as a phone's portrait mode shows it: drawn at half size (it is
blurred anyway), softened, a touch darker and less saturated so the person stands out, with a few
out-of-focus lights. Deterministic: any scatter comes from a fixed seed."""

from __future__ import annotations

import random
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter

from adreel.media.actors.looks import ActorLook
from adreel.media.actors.pen import DESIGN_H, DESIGN_W, RGB, Pen, mix, scale

Bokeh = list[tuple[float, float, float, RGB]]      # x, y, radius, colour (design units)


def _gradient(pen: Pen, x0: float, y0: float, x1: float, y1: float, top: RGB, bottom: RGB, steps: int = 24) -> None:
    for i in range(steps):
        a, b = y0 + (y1 - y0) * i / steps, y0 + (y1 - y0) * (i + 1) / steps + 1
        pen.rect(x0, a, x1, b, mix(top, bottom, i / (steps - 1)))


def _plant(pen: Pen, x: float, y: float, size: float, leaf: RGB, pot: RGB) -> None:
    """A potted plant whose pot's rim is at (x, y)."""
    for i, (dx, dy, r) in enumerate(((-0.5, -1.1, 0.42), (0.45, -1.25, 0.4), (0, -1.6, 0.45), (-0.75, -0.6, 0.36),
                                     (0.7, -0.7, 0.36), (-0.25, -0.55, 0.4), (0.3, -1.9, 0.3))):
        pen.ellipse(x + dx * size, y + dy * size, r * size, r * size * 0.8, scale(leaf, 0.85 + 0.06 * (i % 3)))
    pen.polygon([(x - 0.45 * size, y - 0.1 * size), (x + 0.45 * size, y - 0.1 * size),
                 (x + 0.35 * size, y + 0.7 * size), (x - 0.35 * size, y + 0.7 * size)], pot)


def _kitchen(pen: Pen, rng: random.Random) -> Bokeh:
    pen.rect(0, 0, 800, 1200, (238, 230, 218))
    tile, grout = (240, 238, 232), (214, 210, 202)
    pen.rect(0, 330, 800, 770, grout)
    for row in range(12):
        y = 330 + row * 37
        off = 0 if row % 2 else 40
        for col in range(-1, 11):
            pen.rect(off + col * 80 + 2, y + 2, off + col * 80 + 78, y + 35, tile)
    for i in range(3):                                          # upper cabinets
        x = i * 180
        pen.rect(x + 4, 0, x + 176, 320, (176, 198, 188))
        pen.rect(x + 20, 0, x + 160, 300, (186, 208, 198))
        pen.rect(x + 150 if i % 2 else x + 24, 250, x + 156 if i % 2 else x + 30, 300, (90, 90, 86))
    pen.rect(560, 80, 790, 600, (250, 250, 246))                # window
    _gradient(pen, 574, 94, 776, 586, (196, 224, 242), (236, 244, 246))
    pen.rect(670, 94, 680, 586, (250, 250, 246))
    pen.rect(574, 330, 776, 340, (250, 250, 246))
    pen.ellipse(640, 520, 80, 60, (150, 190, 140))
    pen.rect(-10, 760, 810, 792, (196, 150, 104))               # counter and lower cabinets
    pen.rect(-10, 792, 810, 1200, (176, 198, 188))
    for x in (0, 200, 400, 600):
        pen.rect(x + 10, 812, x + 190, 1200, (186, 208, 198))
    pen.ellipse(120, 740, 90, 24, (250, 248, 244))              # fruit bowl
    for dx, colour in ((-40, (236, 150, 48)), (0, (214, 60, 50)), (38, (240, 170, 60)), (-18, (150, 190, 70))):
        pen.ellipse(120 + dx, 712 - (10 if dx == -18 else 0), 24, 24, colour)
    pen.polygon([(30, 740), (210, 740), (180, 768), (60, 768)], (250, 248, 244))
    pen.rect(250, 640, 300, 764, (200, 196, 188), radius=10)    # utensil jar
    for dx in (-12, 0, 12):
        pen.line([(275 + dx, 640), (275 + dx * 2, 590)], (120, 90, 64), 6)
    _plant(pen, 720, 700, 90, (84, 140, 82), (226, 220, 210))
    pen.polygon([(90, 0), (100, 0), (100, 120), (90, 120)], (60, 60, 60))   # pendant lamp
    pen.polygon([(40, 170), (150, 170), (120, 110), (70, 110)], (46, 52, 50))
    return [(95, 176, 26, (255, 226, 170))]


def _living_room(pen: Pen, rng: random.Random) -> Bokeh:
    pen.rect(0, 0, 800, 1200, (220, 204, 188))
    pen.rect(50, 190, 270, 430, (250, 246, 240))                # framed prints
    pen.rect(70, 210, 250, 410, (234, 226, 214))
    pen.ellipse(130, 300, 50, 50, (214, 140, 100))
    pen.rect(150, 300, 240, 400, (120, 150, 150))
    pen.rect(560, 170, 690, 300, (60, 56, 54))
    pen.rect(572, 182, 678, 288, (232, 220, 196))
    pen.polygon([(580, 280), (630, 210), (672, 280)], (168, 128, 90))
    pen.line([(740, 360), (740, 1200)], (60, 58, 56), 10)       # floor lamp
    pen.polygon([(680, 360), (800, 360), (780, 260), (700, 260)], (250, 232, 200))
    _plant(pen, 110, 860, 150, (70, 128, 86), (196, 170, 140))
    pen.rect(-20, 860, 820, 1200, (104, 118, 136), radius=60)    # sofa back and cushions
    pen.rect(60, 800, 250, 960, (214, 168, 92), radius=30)
    pen.rect(560, 800, 760, 960, (196, 110, 84), radius=30)
    pen.rect(-20, 1000, 820, 1040, (90, 102, 120))
    return [(740, 300, 40, (255, 236, 196)), (660, 330, 14, (255, 230, 190))]


def _studio(pen: Pen, look: ActorLook) -> Bokeh:
    cloth = look.clothing_colour
    base = mix((232, 222, 208), scale(cloth, 1.0), 0.12) if sum(cloth) > 250 else (226, 214, 198)
    edge = scale(base, 0.78)
    for i in range(40):                                         # a light pool behind the head
        t = i / 39
        pen.ellipse(400, 420, 700 * (1 - t) + 120, 900 * (1 - t) + 160, mix(edge, mix(base, (255, 255, 255), 0.2), t))
    _gradient(pen, 0, 980, 800, 1200, scale(base, 0.86), scale(base, 0.74), 12)
    pen.rect(-40, 80, 30, 700, (255, 255, 250))                 # a softbox's edge
    return []


def _bedroom(pen: Pen, rng: random.Random) -> Bokeh:
    pen.rect(0, 0, 800, 1200, (200, 206, 218))
    pen.rect(20, 430, 260, 446, (214, 190, 160))                # wall shelf with books, a frame, a plant
    x = 40.0
    for _ in range(6):
        w, h = rng.uniform(14, 24), rng.uniform(70, 100)
        pen.rect(x, 430 - h, x + w, 430, rng.choice([(190, 90, 80), (90, 110, 150), (220, 200, 150), (120, 150, 120)]))
        x += w + 2
    pen.rect(170, 350, 230, 430, (250, 246, 240))
    _plant(pen, 220, 365, 40, (90, 140, 96), (230, 220, 210))
    pen.rect(40, 700, 760, 1200, (170, 150, 146), radius=40)    # headboard, pillows
    for i in range(6):
        pen.line([(100 + i * 120, 730), (100 + i * 120, 1200)], (150, 130, 128), 6)
    pen.rect(80, 900, 340, 1100, (244, 240, 236), radius=50)
    pen.rect(460, 900, 720, 1100, (236, 196, 196), radius=50)
    pen.rect(650, 600, 780, 700, (250, 226, 180), radius=8)     # bedside lamp
    pen.rect(705, 700, 725, 760, (120, 100, 90))
    lights: Bokeh = []
    for i in range(13):                                         # string lights across the wall
        t = i / 12
        x = -20 + 840 * t
        y = 110 + 110 * (1 - (2 * t - 1) ** 2) + (i % 2) * 6
        pen.ellipse(x, y, 5, 5, (255, 236, 190))
        lights.append((x, y, 16, (255, 222, 160)))
    return [*lights, (715, 620, 42, (255, 236, 196))]


def _office(pen: Pen, rng: random.Random) -> Bokeh:
    pen.rect(0, 0, 800, 1200, (226, 224, 218))
    pen.rect(520, 60, 810, 720, (244, 244, 240))                # window with blinds
    _gradient(pen, 536, 76, 810, 704, (210, 228, 240), (240, 244, 244))
    for y in range(90, 700, 34):
        pen.rect(536, y, 810, y + 10, (250, 250, 246))
    wood, back = (116, 84, 60), (90, 66, 50)
    pen.rect(-10, 60, 310, 1200, wood)                          # bookshelf
    pen.rect(6, 76, 294, 1200, back)
    palette = [(200, 80, 66), (60, 96, 140), (230, 200, 120), (90, 130, 100), (236, 232, 220), (150, 90, 130),
               (220, 140, 70), (40, 44, 52)]
    for shelf_y in (250, 430, 610, 790, 970):
        pen.rect(6, shelf_y, 294, shelf_y + 14, wood)
        x = 14.0
        while x < 280:
            if rng.random() < 0.12:
                _plant(pen, x + 30, shelf_y - 40, 34, (86, 140, 92), (230, 226, 216))
                x += 66
                continue
            w, h = rng.uniform(12, 24), rng.uniform(90, 150)
            if x + w > 288:
                break
            pen.rect(x, shelf_y - h, x + w, shelf_y, rng.choice(palette))
            x += w + rng.uniform(0, 3)
    _plant(pen, 700, 900, 120, (76, 132, 84), (70, 70, 72))
    return []


def _outdoors(pen: Pen, rng: random.Random) -> Bokeh:
    _gradient(pen, 0, 0, 800, 700, (150, 196, 236), (222, 236, 240))
    for layer, (colour, y0) in enumerate((((134, 170, 120), 420), ((98, 146, 92), 520), ((74, 124, 74), 640))):
        for i in range(16):
            x = -40 + i * 58 + rng.uniform(-20, 20)
            r = rng.uniform(60, 110) * (1 + 0.2 * layer)
            pen.ellipse(x, y0 + rng.uniform(-60, 40), r, r * 1.1, scale(colour, rng.uniform(0.9, 1.08)))
        pen.rect(-10, y0 + 40, 810, 1200, colour)
    _gradient(pen, 0, 820, 800, 1200, (140, 180, 96), (110, 154, 80), 10)
    pen.polygon([(330, 820), (470, 820), (640, 1200), (160, 1200)], (214, 200, 170))
    return [(560, 300, 20, (255, 248, 220)), (120, 380, 24, (248, 252, 230)), (720, 420, 18, (255, 250, 226)),
            (660, 140, 14, (255, 250, 226))]


def draw_setting(look: ActorLook, width: int, height: int) -> Image.Image:
    lo_w, lo_h = max(1, width // 2), max(1, height // 2)
    image = Image.new("RGB", (lo_w, lo_h), (200, 200, 200))
    k = lo_h / DESIGN_H
    pen = Pen(image, k, (-(lo_w / k - DESIGN_W) / 2, 0))        # centred if the canvas is not 2:3
    rng = random.Random(sum(ord(c) for c in look.setting))
    painters: dict[str, Callable[[Pen, random.Random], Bokeh]] = {
        "kitchen": _kitchen, "living_room": _living_room, "bedroom": _bedroom, "office": _office,
        "outdoors": _outdoors,
    }
    if look.setting in painters:
        lights = painters[look.setting](pen, rng)
    else:
        lights = _studio(pen, look)
    image = image.filter(ImageFilter.GaussianBlur(7 * k))
    image = ImageEnhance.Color(image).enhance(0.82)
    image = ImageEnhance.Brightness(image).enhance(0.9)
    glow = Image.new("RGB", image.size, (0, 0, 0))
    mask = Image.new("L", image.size, 0)
    mpen, gpen = Pen(mask, k, (pen.ox, pen.oy)), Pen(glow, k, (pen.ox, pen.oy))
    for x, y, r, colour in lights:
        mpen.ellipse(x, y, r, r, 90)
        gpen.ellipse(x, y, r, r, colour)
    mask = mask.filter(ImageFilter.GaussianBlur(6 * k))
    image.paste(glow, (0, 0), mask)
    vignette = Image.new("L", image.size, 0)
    ImageDraw.Draw(vignette).ellipse((-lo_w * 0.35, -lo_h * 0.2, lo_w * 1.35, lo_h * 1.2), fill=255)
    vignette = vignette.filter(ImageFilter.GaussianBlur(lo_h * 0.12))
    image = Image.composite(image, ImageEnhance.Brightness(image).enhance(0.72), vignette)
    return image.resize((width, height), Image.Resampling.BICUBIC)
