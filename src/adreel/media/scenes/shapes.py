"""Drawing primitives for cards: a canvas that draws shapes supersampled (Pillow's polygons and
arcs are aliased) and text at final size (FreeType already antialiases, and hinting at the real
size is crisper), plus stars, ticks, pills and a soft drop shadow."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from adreel.media.scenes.palette import RGB

SS = 2                                  # supersampling factor for shapes
Point = tuple[float, float]
Box = tuple[float, float, float, float]


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """`a` moved a fraction `t` of the way towards `b`."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


class Canvas:
    """One card, drawn opaque in RGB with its shape kept as a separate mask: every shape sits on
    the card, so only the outline needs alpha, and RGB avoids Pillow's premultiplying round trip
    when the SS× layer is reduced. Text and hairlines are queued and drawn at 1× on top."""

    def __init__(self, width: int, height: int, fill: RGB) -> None:
        self.size = (width, height)
        self.hi = Image.new("RGB", (width * SS, height * SS), fill)
        self.mask = Image.new("L", self.hi.size, 0)
        self._draw = ImageDraw.Draw(self.hi)
        self._shape = ImageDraw.Draw(self.mask)
        self._late: list[Callable[[ImageDraw.ImageDraw], None]] = []

    @staticmethod
    def _box(box: Box) -> list[float]:
        return [v * SS for v in box]

    def outline(self, box: Box, radius: float) -> None:
        """The card's own shape (rounded rectangle)."""
        self._shape.rounded_rectangle(self._box(box), radius=radius * SS, fill=255)

    def cut(self, box: Box) -> None:
        """A round bite out of the card's shape."""
        self._shape.ellipse(self._box(box), fill=0)

    def rounded(self, box: Box, radius: float, fill: RGB) -> None:
        self._draw.rounded_rectangle(self._box(box), radius=radius * SS, fill=fill)

    def rounded_outline(self, box: Box, radius: float, colour: RGB, width: float) -> None:
        self._draw.rounded_rectangle(self._box(box), radius=radius * SS, outline=colour, width=round(width * SS))

    def ellipse(self, box: Box, fill: RGB) -> None:
        self._draw.ellipse(self._box(box), fill=fill)

    def polygon(self, points: Sequence[Point], fill: RGB) -> None:
        self._draw.polygon([(x * SS, y * SS) for x, y in points], fill=fill)

    def polygon_clipped(self, points: Sequence[Point], fill: RGB, right: float) -> None:
        """The polygon left of x = `right` only (a partly filled star)."""
        xs, ys = [x for x, _ in points], [y for _, y in points]
        x0, y0 = math.floor(min(xs) * SS), math.floor(min(ys) * SS)
        x1, y1 = math.ceil(max(xs) * SS), math.ceil(max(ys) * SS)
        mask = Image.new("L", (x1 - x0, y1 - y0), 0)
        draw = ImageDraw.Draw(mask)
        draw.polygon([(x * SS - x0, y * SS - y0) for x, y in points], fill=255)
        draw.rectangle((round(right * SS) - x0, 0, x1 - x0, y1 - y0), fill=0)
        self.hi.paste(fill, (x0, y0, x1, y1), mask)

    def polyline(self, points: Sequence[Point], colour: RGB, width: float) -> None:
        """A stroke with round joins and caps."""
        scaled = [(x * SS, y * SS) for x, y in points]
        self._draw.line(scaled, fill=colour, width=round(width * SS), joint="curve")
        r = width * SS / 2
        for x, y in (scaled[0], scaled[-1]):
            self._draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)

    def text(self, xy: Point, text: str, font: ImageFont.FreeTypeFont, fill: RGB) -> None:
        """Text with its pen at `xy` on the baseline."""
        self._late.append(lambda draw: draw.text(xy, text, font=font, fill=fill, anchor="ls"))

    def hline(self, x0: float, x1: float, y: float, colour: RGB, width: float) -> None:
        self._late.append(lambda draw: draw.line((x0, y, x1, y), fill=colour, width=max(1, round(width))))

    def render(self) -> tuple[Image.Image, Image.Image]:
        """The card's colours (RGB) and its shape (L), at 1×."""
        # reduce() is an exact box average: no ringing at the card's hard edges, unlike LANCZOS.
        image = self.hi.reduce(SS)
        draw = ImageDraw.Draw(image)
        for paint in self._late:
            paint(draw)
        return image, self.mask.reduce(SS)


def star_points(cx: float, cy: float, radius: float, inner: float = 0.5) -> list[Point]:
    """A five-pointed star, point up; `inner` is the inner radius as a fraction (0.5 reads softer
    than the geometric 0.38)."""
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return points


STAR_WIDTH = 2 * math.sin(math.radians(72))       # in radii
STAR_HEIGHT = 1 + math.cos(math.radians(36))


def star(canvas: Canvas, x: float, y: float, radius: float, fraction: float, on: RGB, off: RGB) -> None:
    """One star whose bounding box starts at (x, y), filled `fraction` of its width in `on`."""
    cx, cy = x + radius * STAR_WIDTH / 2, y + radius
    points = star_points(cx, cy, radius)
    if fraction < 1:
        canvas.polygon(points, off)
    if fraction >= 1:
        canvas.polygon(points, on)
    elif fraction > 0:
        canvas.polygon_clipped(points, on, x + radius * STAR_WIDTH * fraction)


def check_badge(canvas: Canvas, x: float, y: float, diameter: float, circle: RGB, tick: RGB) -> None:
    canvas.ellipse((x, y, x + diameter, y + diameter), circle)
    d = diameter
    canvas.polyline([(x + 0.29 * d, y + 0.52 * d), (x + 0.44 * d, y + 0.66 * d), (x + 0.72 * d, y + 0.37 * d)],
                    tick, 0.1 * d)


def with_shadow(card: Image.Image, shape: Image.Image, size: tuple[int, int], at: tuple[int, int], blur: float,
                dy: float, colour: RGB, opacity: float) -> Image.Image:
    """An RGBA image of `size` with the card at `at` over a soft shadow of its shape moved down by
    `dy`. The shadow is blurred at a quarter size: a blur that wide loses nothing by it, and it is
    16× fewer pixels."""
    q = 4
    small = Image.new("L", (-(-size[0] // q), -(-size[1] // q)), 0)
    small.paste(shape.reduce(q), (round(at[0] / q), round((at[1] + dy) / q)))
    small = small.filter(ImageFilter.GaussianBlur(blur / q))
    shadow = small.resize((small.width * q, small.height * q), Image.Resampling.BILINEAR).crop((0, 0, *size))
    shadow = shadow.point([round(v * opacity) for v in range(256)])
    alpha = Image.new("L", size, 0)
    alpha.paste(shape, at)
    image = Image.new("RGB", size, colour)
    image.paste(card, at, shape)
    # max() of the two alphas: exact wherever the card is opaque, and the shadow is soft anyway.
    image.putalpha(ImageChops.lighter(alpha, shadow))
    return image
