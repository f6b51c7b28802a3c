"""Drawing helpers for the actors: everything is laid out in design units on an 800 × 1200 canvas
and drawn k× larger (the rig's scale times the supersampling factor), so a look is one set of
numbers at every output size. Curves are cubic Béziers flattened to polygons."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter

RGB = tuple[int, int, int]
Point = tuple[float, float]
DESIGN_W, DESIGN_H = 800, 1200          # the design canvas (2:3 portrait)
SS = 2                                  # supersampling factor


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """`a` moved a fraction `t` of the way towards `b`."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def scale(c: RGB, r: float, g: float | None = None, b: float | None = None) -> RGB:
    """Each channel multiplied (one factor, or one per channel), clamped to 0…255."""
    g = r if g is None else g
    b = r if b is None else b
    return (min(255, round(c[0] * r)), min(255, round(c[1] * g)), min(255, round(c[2] * b)))


def luminance(c: RGB) -> float:
    return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]


def bezier(*points: Point, steps: int = 16) -> list[Point]:
    """A chain of cubic Bézier segments: anchor, control, control, anchor, control, control, anchor…
    flattened to a polyline (the shared anchors appear once)."""
    out: list[Point] = [points[0]]
    for i in range(0, len(points) - 3, 3):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points[i:i + 4]
        for j in range(1, steps + 1):
            t = j / steps
            u = 1 - t
            a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
            out.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return out


def arc(cx: float, cy: float, rx: float, ry: float, start: float, end: float, steps: int = 32) -> list[Point]:
    """Points on an ellipse from angle `start` to `end` (degrees, 0 = right, 90 = down)."""
    return [(cx + rx * math.cos(math.radians(start + (end - start) * i / steps)),
             cy + ry * math.sin(math.radians(start + (end - start) * i / steps))) for i in range(steps + 1)]


def mirror(points: Sequence[Point], cx: float = DESIGN_W / 2) -> list[Point]:
    return [(2 * cx - x, y) for x, y in points]


class Pen:
    """Draws design-unit shapes on `image`, `k` image pixels per unit, with `origin` (design units)
    at the image's top-left corner."""

    def __init__(self, image: Image.Image, k: float, origin: Point = (0.0, 0.0)) -> None:
        self.image = image
        self.k = k
        self.ox, self.oy = origin
        self.draw = ImageDraw.Draw(image)

    def pt(self, x: float, y: float) -> Point:
        return ((x - self.ox) * self.k, (y - self.oy) * self.k)

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        a, b = self.pt(x0, y0)
        c, d = self.pt(x1, y1)
        return (a, b, c, d)

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, fill: object) -> None:
        self.draw.ellipse(self.box(cx - rx, cy - ry, cx + rx, cy + ry), fill=fill)

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill: object, radius: float = 0) -> None:
        if radius > 0:
            self.draw.rounded_rectangle(self.box(x0, y0, x1, y1), radius=radius * self.k, fill=fill)
        else:
            self.draw.rectangle(self.box(x0, y0, x1, y1), fill=fill)

    def polygon(self, points: Sequence[Point] | np.ndarray, fill: object) -> None:
        if len(points) >= 3:
            xy = (np.asarray(points, dtype=float) - (self.ox, self.oy)) * self.k
            self.draw.polygon(xy.ravel().tolist(), fill=fill)

    def line(self, points: Sequence[Point], fill: object, width: float) -> None:
        """A stroke with round joins and caps."""
        scaled = [self.pt(x, y) for x, y in points]
        w = max(1, round(width * self.k))
        self.draw.line(scaled, fill=fill, width=w, joint="curve")
        r = w / 2
        for x, y in (scaled[0], scaled[-1]):
            self.draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)

    def stroke(self, points: Sequence[Point], fill: object, widths: Callable[[float], float]) -> None:
        """A tapered stroke: `widths(t)` is the width at fraction t along the line (a polygon plus
        round ends), for brows, lashes and strands."""
        n = len(points)
        left: list[Point] = []
        right: list[Point] = []
        for i, (x, y) in enumerate(points):
            xa, ya = points[max(0, i - 1)]
            xb, yb = points[min(n - 1, i + 1)]
            dx, dy = xb - xa, yb - ya
            d = math.hypot(dx, dy) or 1.0
            h = widths(i / (n - 1)) / 2
            left.append((x - dy / d * h, y + dx / d * h))
            right.append((x + dy / d * h, y - dx / d * h))
        self.polygon(left + right[::-1], fill)
        for i in (0, n - 1):
            h = widths(i / (n - 1)) / 2
            if h * self.k >= 1:
                self.ellipse(points[i][0], points[i][1], h, h, fill)


class DrawingLayer:
    """One transparent RGBA layer the size of the canvas (k× design units), with a `Pen` on it."""

    def __init__(self, size: tuple[int, int], k: float, ox: float = 0.0) -> None:
        self.image = Image.new("RGBA", size, (0, 0, 0, 0))
        self.pen = Pen(self.image, k, (ox, 0.0))
        self.k = k
        self.ox = ox

    def mask(self) -> Image.Image:
        return self.image.getchannel("A")

    def blank(self) -> tuple[Image.Image, Pen]:
        """An empty "L" mask the layer's size, with a pen on it in the layer's coordinates."""
        mask = Image.new("L", self.image.size, 0)
        return mask, Pen(mask, self.k, (self.ox, 0.0))

    def shape_mask(self, points: list[tuple[float, float]]) -> Image.Image:
        """The "L" mask of one polygon in the layer's coordinates (what a part's shading is clipped to)."""
        mask, pen = self.blank()
        pen.polygon(points, 255)
        return mask

    def clip_to(self, mask: Image.Image) -> None:
        """Keep only what lies inside `mask` (details drawn freely over a part, then trimmed)."""
        self.image.putalpha(ImageChops.multiply(self.image.getchannel("A"), mask))

    def soft(self, draw: Callable[[Pen], None], colour: RGB, blur: float, opacity: float = 1.0,
             clip: Image.Image | None = None, bbox: tuple[float, float, float, float] | None = None) -> None:
        """Composite `colour` through a blurred mask that `draw` paints (with fill 255) — shadows,
        blush, glows — optionally clipped to `clip`. `bbox` (design units) bounds the work."""
        w, h = self.image.size
        if bbox is None:
            x0, y0, x1, y1 = 0, 0, w, h
        else:
            pad = blur * 3
            x0 = max(0, math.floor((bbox[0] - self.ox - pad) * self.k))
            y0 = max(0, math.floor((bbox[1] - pad) * self.k))
            x1 = min(w, math.ceil((bbox[2] - self.ox + pad) * self.k))
            y1 = min(h, math.ceil((bbox[3] + pad) * self.k))
        if x1 <= x0 or y1 <= y0:
            return
        mask = Image.new("L", (x1 - x0, y1 - y0), 0)
        draw(Pen(mask, self.k, (self.ox + x0 / self.k, y0 / self.k)))
        if blur > 0:
            mask = mask.filter(ImageFilter.GaussianBlur(blur * self.k))
        if opacity < 1:
            mask = mask.point(lambda v: round(v * opacity))
        if clip is not None:
            mask = ImageChops.multiply(mask, clip.crop((x0, y0, x1, y1)))
        paint = Image.new("RGBA", mask.size, (*colour, 255))
        paint.putalpha(mask)
        self.image.alpha_composite(paint, (x0, y0))
