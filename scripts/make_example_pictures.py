"""Draw the bundled example's product pictures: the TrailPress travel coffee maker of
`examples/product-page.html`, saved beside it the way a browser's "Save page as… complete" does.

    .venv/bin/python scripts/make_example_pictures.py

Writes `examples/product-page_files/trailpress-{hero,in-use,parts}.jpg` (JPEG quality 85). The
drawing is deterministic, so running it again gives the same pictures.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

Colour = tuple[int, int, int]
Fill = Colour | list[tuple[float, Colour]]

OUT = Path(__file__).resolve().parents[1] / "examples" / "product-page_files"
WHITE: Colour = (255, 255, 255)
BLACK: Colour = (0, 0, 0)
OLIVE: Colour = (86, 100, 60)
ORANGE: Colour = (217, 105, 43)
SMOKE: Colour = (120, 126, 130)


def mix(a: Colour, b: Colour, t: float) -> Colour:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def shade(base: Colour, gloss: float = 0.45, depth: float = 0.5) -> list[tuple[float, Colour]]:
    """Left-to-right shading of a cylinder lit from the front left."""
    return [(0.0, mix(base, BLACK, depth)), (0.15, mix(base, BLACK, depth * 0.3)), (0.3, mix(base, WHITE, gloss)),
            (0.5, base), (0.85, mix(base, BLACK, depth * 0.6)), (1.0, mix(base, BLACK, depth))]


def ramp(size: tuple[int, int], stops: list[tuple[float, Colour]], vertical: bool = False) -> Image.Image:
    pixels = []
    for i in range(256):
        t = i / 255
        (p0, c0), (p1, c1) = stops[0], stops[-1]
        for (a, ca), (b, cb) in itertools.pairwise(stops):
            if a <= t <= b:
                (p0, c0), (p1, c1) = (a, ca), (b, cb)
                break
        pixels.append(mix(c0, c1, 0.0 if p1 == p0 else min(1.0, max(0.0, (t - p0) / (p1 - p0)))))
    strip = Image.new("RGB", (256, 1))
    strip.putdata(pixels)
    if vertical:
        strip = strip.transpose(Image.Transpose.ROTATE_270)
    return strip.resize(size, Image.Resampling.BILINEAR)


def stamp(image: Image.Image, kind: str, points: list[tuple[float, float]], fill: Fill, *, opacity: float = 1.0,
          blur: float = 0.0, vertical: bool = False, radius: float = 0.0, width: float = 0.0) -> None:
    """Paint one shape (pixel coordinates), touching only its bounding box."""
    pad = int(blur * 3 + width + 2)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, y0 = max(0, int(min(xs)) - pad), max(0, int(min(ys)) - pad)
    x1, y1 = min(image.width, int(max(xs)) + pad + 1), min(image.height, int(max(ys)) + pad + 1)
    if x1 <= x0 or y1 <= y0:
        return
    mask = Image.new("L", (x1 - x0, y1 - y0), 0)
    draw = ImageDraw.Draw(mask)
    local = [(x - x0, y - y0) for x, y in points]
    value, line = round(255 * opacity), max(1, round(width))
    if kind == "ellipse":
        draw.ellipse(local, fill=value)
    elif kind == "ring":
        draw.ellipse(local, outline=value, width=line)
    elif kind == "rect":
        draw.rounded_rectangle(local, radius=radius, fill=value)
    elif kind == "poly":
        draw.polygon(local, fill=value)
    else:
        draw.line(local, fill=value, width=line, joint="curve")
    if blur:
        small = mask.resize((max(1, mask.width // 4), max(1, mask.height // 4)), Image.Resampling.BOX)
        mask = small.filter(ImageFilter.GaussianBlur(blur / 4)).resize(mask.size, Image.Resampling.BILINEAR)
    paint = ramp(mask.size, fill, vertical) if isinstance(fill, list) else Image.new("RGB", mask.size, fill)
    if image.mode == "RGBA":
        layer = paint.convert("RGBA")
        layer.putalpha(mask)
        image.alpha_composite(layer, (x0, y0))
    else:
        image.paste(paint, (x0, y0), mask)


def grain(image: Image.Image, seed: int, amount: int) -> Image.Image:
    noise = Image.frombytes("L", image.size, random.Random(seed).randbytes(image.width * image.height))
    noise = noise.point(lambda v: v * 2 * amount // 255)
    out = ImageChops.add(image.convert("RGB"), Image.merge("RGB", (noise, noise, noise)), offset=-amount)
    if image.mode == "RGBA":
        out.putalpha(image.getchannel("A"))
    return out


class Pen:
    """A transparent sprite; coordinates in units of its height."""

    def __init__(self, aspect: float, height: int) -> None:
        self.u = height
        self.image = Image.new("RGBA", (round(aspect * height), height), (0, 0, 0, 0))

    def __call__(self, kind: str, coords: tuple[float, ...], fill: Fill, **kw: float) -> None:
        u = self.u
        points = [(x * u, y * u) for x, y in zip(coords[::2], coords[1::2], strict=True)]
        stamp(self.image, kind, points, fill, **{k: v * u if k in ("blur", "radius", "width") else v
                                                 for k, v in kw.items()})  # type: ignore[arg-type]


def draw_press(p: Pen) -> None:
    """The TrailPress standing upright: plunger in the chamber, filter cap below (aspect 0.5)."""
    p("rect", (0.09, 0.02, 0.41, 0.075), shade(OLIVE, 0.4), radius=0.02)
    p("rect", (0.12, 0.06, 0.38, 0.50), shade(SMOKE, 0.55, 0.45), radius=0.01, opacity=0.92)
    p("rect", (0.06, 0.27, 0.44, 0.91), shade((205, 212, 214), 0.7, 0.3), radius=0.015, opacity=0.55)
    p("rect", (0.075, 0.53, 0.425, 0.895), shade((84, 48, 24), 0.25, 0.6), opacity=0.9)
    p("ellipse", (0.075, 0.515, 0.425, 0.55), (150, 96, 52), opacity=0.9)
    p("rect", (0.11, 0.47, 0.39, 0.515), shade((40, 40, 44), 0.3), radius=0.01)
    p("rect", (0.02, 0.255, 0.48, 0.295), shade(ORANGE, 0.45), radius=0.015)
    for i, y in enumerate((0.42, 0.52, 0.62, 0.72)):
        p("line", (0.33, y, 0.40, y), WHITE, width=0.006, opacity=0.85)
        p("ellipse", (0.345, y + 0.012, 0.375 - 0.004 * i, y + 0.04), WHITE, opacity=0.6)
    p("rect", (0.05, 0.895, 0.45, 0.965), shade(ORANGE, 0.4), radius=0.015)
    for x in (0.1, 0.16, 0.22, 0.28, 0.34, 0.4):
        p("ellipse", (x - 0.008, 0.92, x + 0.008, 0.936), mix(ORANGE, BLACK, 0.45))
    p("rect", (0.085, 0.30, 0.11, 0.88), WHITE, radius=0.01, opacity=0.45, blur=0.004)
    p("rect", (0.145, 0.09, 0.16, 0.46), WHITE, radius=0.005, opacity=0.3, blur=0.003)


def draw_mug(p: Pen) -> None:
    """A camp enamel mug, white with a blue rim (aspect 1.0)."""
    rim = (40, 70, 120)
    p("ring", (0.66, 0.25, 0.98, 0.70), shade((232, 232, 228)), width=0.06)
    p("rect", (0.05, 0.12, 0.78, 1.0), shade((236, 236, 232), 0.5, 0.35), radius=0.05)
    p("rect", (0.05, 0.12, 0.78, 0.2), shade(rim, 0.4), radius=0.03)
    p("rect", (0.05, 0.94, 0.78, 1.0), shade(rim, 0.4), radius=0.03)


def draw_cap(p: Pen) -> None:
    """The filter cap lying flat, seen from above at an angle (aspect 1.6)."""
    p("ellipse", (0.0, 0.1, 1.6, 1.0), shade(ORANGE, 0.4))
    p("ellipse", (0.25, 0.3, 1.35, 0.8), (60, 62, 66))
    for row in range(4):
        for col in range(9):
            x, y = 0.38 + col * 0.105 + (row % 2) * 0.05, 0.36 + row * 0.1
            if (x - 0.8) ** 2 / 0.5**2 + (y - 0.55) ** 2 / 0.23**2 < 0.85:
                p("ellipse", (x, y, x + 0.04, y + 0.035), (170, 176, 180))


def draw_scoop(p: Pen) -> None:
    """The coffee scoop, handle up (aspect 0.5)."""
    p("rect", (0.2, 0.0, 0.3, 0.62), shade(OLIVE, 0.4), radius=0.04)
    p("ellipse", (0.0, 0.55, 0.5, 1.0), shade(OLIVE, 0.4))
    p("ellipse", (0.06, 0.6, 0.44, 0.94), mix(OLIVE, BLACK, 0.4))


def sprite(draw: Callable[[Pen], None], aspect: float, height: int, seed: int) -> Image.Image:
    pen = Pen(aspect, height * 2)
    draw(pen)
    image = pen.image.resize((round(aspect * height), height), Image.Resampling.LANCZOS)
    return grain(image, seed, 3)


def place(scene: Image.Image, thing: Image.Image, cx: float, base: float, shadow: float = 0.35) -> None:
    x, y = round(cx - thing.width / 2), round(base - thing.height)
    stamp(scene, "ellipse", [(x + thing.width * 0.02, base - thing.height * 0.03),
                             (x + thing.width * 1.1, base + thing.height * 0.04)], (20, 16, 12),
          opacity=shadow, blur=thing.height * 0.03)
    scene.paste(thing, (x, y), thing)


def hero() -> Image.Image:
    """Square packshot on white: the product centred, nothing near the border."""
    scene = Image.new("RGB", (1600, 1600), WHITE)
    press = sprite(draw_press, 0.5, 1050, 1)
    place(scene, press, 800, 1320, shadow=0.25)
    return scene


def in_use() -> Image.Image:
    """At the trailhead: the press on an enamel mug, mountains behind, a camp table."""
    width, height = 1600, 1067
    rng = random.Random(2)
    scene = ramp((width, height), [(0.0, (150, 186, 214)), (0.55, (236, 214, 186)), (1.0, (236, 214, 186))],
                 vertical=True)
    for colour, base, peaks in (((128, 146, 170), 0.52, 5), ((92, 112, 104), 0.62, 7)):
        points = [(0.0, height * 0.75)]
        for i in range(peaks + 1):
            points.append((width * i / peaks, height * (base - rng.uniform(0.04, 0.2) * (i % 2 + 0.5))))
        points.append((width, height * 0.75))
        stamp(scene, "poly", points, colour, opacity=0.9)
    top = int(height * 0.66)
    scene.paste(ramp((width, height - top), [(0.0, (176, 128, 84)), (1.0, (122, 84, 52))], vertical=True), (0, top))
    for i in range(1, 6):
        y = top + (height - top) * i / 6
        stamp(scene, "line", [(0, y), (width, y)], (70, 46, 28), opacity=0.6, width=4)
    stamp(scene, "rect", [(0, top - 10), (width, top + 2)], BLACK, opacity=0.25, blur=8)
    mug = sprite(draw_mug, 1.0, 210, 3)
    press = sprite(draw_press, 0.5, 560, 4)
    base = height * 0.86
    place(scene, mug, 740, base)
    # The press stands on the mug's rim while it brews.
    rim = base - mug.height * 0.88
    scene.paste(press, (round(740 - mug.width * 0.085 - press.width / 2), round(rim + 6 - press.height * 0.965)),
                press)
    place(scene, sprite(draw_mug, 1.0, 150, 5), 1240, top + 110, shadow=0.3)
    place(scene, sprite(draw_scoop, 0.5, 120, 6).rotate(70, expand=True), 330, top + 150, shadow=0.2)
    for _ in range(4):
        x = rng.uniform(1190, 1260)
        wisp = [(x, top + 10), (x + rng.uniform(-20, 20), top - 60), (x + rng.uniform(-15, 15), top - 130)]
        stamp(scene, "line", wisp, WHITE, opacity=0.3, width=8, blur=6)
    return grain(scene, 7, 3)


def parts() -> Image.Image:
    """Portrait of the kit laid out: press, filter cap and scoop on a soft backdrop."""
    scene = ramp((1080, 1350), [(0.0, (228, 230, 220)), (0.62, (206, 210, 196)), (1.0, (176, 182, 164))],
                 vertical=True)
    stamp(scene, "rect", [(0, 830), (1080, 1350)], (150, 158, 138), opacity=0.35, blur=20)
    place(scene, sprite(draw_press, 0.5, 900, 8), 420, 1150)
    place(scene, sprite(draw_cap, 1.6, 150, 9), 830, 1150, shadow=0.25)
    place(scene, sprite(draw_scoop, 0.5, 300, 10), 840, 960, shadow=0.25)
    return grain(scene, 11, 3)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, draw in (("trailpress-hero", hero), ("trailpress-in-use", in_use), ("trailpress-parts", parts)):
        path = OUT / f"{name}.jpg"
        draw().save(path, "JPEG", quality=85, optimize=True)
        print(f"{path.relative_to(OUT.parents[1])}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
