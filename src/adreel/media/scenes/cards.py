"""The ad's cards (price, rating, feature, review, offer, end card) as transparent RGBA images
that the compositor lays over moving product pictures. Every card is sized from one unit `u`
taken from the box; when something does not fit, `u` shrinks and the card is laid out again."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from PIL import Image

from adreel.media.scenes.card_kinds import BUILDERS, CardLayout, Ctx
from adreel.media.scenes.palette import Palette
from adreel.media.scenes.shapes import Canvas, mix, with_shadow
from adreel.media.scenes.text_fit import TooBig

CardKind = Literal["price", "rating", "feature", "review", "offer", "end_card"]
U_MIN = 9.0                 # the smallest unit: body text near 9 px, below which text is ellipsized
SHRINK = 0.93


@dataclass(frozen=True)
class CardSpec:
    kind: CardKind
    text: str | None = None                 # feature text, review quote, offer text, CTA for end_card
    price: str | None = None                # formatted for display: "$39", "39,00 €", "¥4,980"
    compare_at: str | None = None           # the old price, drawn struck through
    discount_percent: int | None = None     # a "-25%" badge
    rating: float | None = None             # 0–5
    review_count: int | None = None
    review_count_label: str | None = None   # localised, e.g. "2,314 reviews"; else the number
    author: str | None = None
    title: str | None = None
    brand: str | None = None
    language: str = "en"


# The box divided by these gives the starting unit: small divisors make bold cards that read on
# a phone at a glance (the text wraps and shrinks from there to fit).
_UNITS = {"end_card": (11.0, 7.5), "feature": (12.0, 6.5), "rating": (11.0, 6.0), "price": (10.0, 6.0),
          "offer": (11.0, 6.0), "review": (15.0, 8.0)}


def _check(spec: CardSpec) -> None:
    needs = {"price": ("price", spec.price), "rating": ("rating", spec.rating), "feature": ("text", spec.text),
             "review": ("text", spec.text), "offer": ("text", spec.text),
             "end_card": ("title or brand", spec.title or spec.brand)}
    if spec.kind not in needs:
        raise ValueError(f"unknown card kind {spec.kind!r}")
    field, value = needs[spec.kind]
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError(f"a {spec.kind} card needs its {field}")


def _fit(spec: CardSpec, palette: Palette, width: float, height: float) -> CardLayout:
    across, down = _UNITS.get(spec.kind, (17.0, 9.0))
    u = first = min(width / across, height / down)
    while True:
        final = u * SHRINK < U_MIN
        try:
            layout = BUILDERS[spec.kind](Ctx(spec, palette, u, width, height, final, first))
            w, h = layout.size
            if final or (w <= width and h <= height):
                return layout
        except TooBig:
            if final:       # cannot happen: a final layout ellipsizes instead
                raise
        u *= SHRINK


def draw_card(spec: CardSpec, box: tuple[int, int], palette: Palette) -> Image.Image:
    """The card as an RGBA image no larger than `box`, cropped to the card and its shadow (both
    sides even), transparent around it."""
    _check(spec)
    blur = max(3.0, min(box) * 0.016)
    dy = blur * 0.7          # margins of 2.7 σ: the shadow has faded to nothing at the image's edge
    mx, mt, mb = math.ceil(2.7 * blur), math.ceil(max(2.7 * blur - dy, 2)), math.ceil(2.7 * blur + dy)
    room_w, room_h = box[0] - 2 * mx, box[1] - mt - mb
    if room_w < 40 or room_h < 40:
        raise ValueError(f"box {box} is too small for a card")
    layout = _fit(spec, palette, room_w, room_h)
    w, h = layout.size
    cw, ch = _even(math.ceil(w), 2 * mx, box[0]), _even(math.ceil(h), mt + mb, box[1])
    canvas = Canvas(cw, ch, layout.fill)
    radius = min(max(0.04 * cw, 0.07 * ch), ch * 0.3)
    canvas.outline((0, 0, cw, ch), radius)
    if layout.ticket:
        _ticket(canvas, (0, 0, cw, ch), radius, layout.u, palette)
    layout.content.paint(canvas, (cw - layout.content.width) / 2, (ch - layout.content.height) / 2)
    card, shape = canvas.render()
    image = with_shadow(card, shape, (cw + 2 * mx, ch + mt + mb), (mx, mt), blur, dy, palette.base_dark, 0.42)
    if image.width > box[0] or image.height > box[1]:    # only when the box is too small even for U_MIN
        scale = min(box[0] / image.width, box[1] / image.height)
        image = image.resize((int(image.width * scale) // 2 * 2, int(image.height * scale) // 2 * 2),
                             Image.Resampling.LANCZOS)
    return image


def _even(size: int, margins: int, limit: int) -> int:
    """The card's side so that with its margins it is even and within `limit` where it can be."""
    if (size + margins) % 2 == 0:
        return size
    return size + 1 if size + margins + 1 <= limit else size - 1


def _ticket(canvas: Canvas, card: tuple[float, float, float, float], radius: float, u: float,
            palette: Palette) -> None:
    """A coupon: a thin inner rule and half-circle notches bitten out of both sides (they stay
    within the side padding, clear of the text)."""
    x0, y0, x1, y1 = card
    inset = 0.35 * u
    canvas.rounded_outline((x0 + inset, y0 + inset, x1 - inset, y1 - inset), max(radius - inset, 2),
                           mix(palette.accent, palette.on_accent, 0.45), max(0.07 * u, 1.5))
    notch, mid = 0.6 * u, (y0 + y1) / 2
    for x in (x0, x1):
        canvas.cut((x - notch, mid - notch, x + notch, mid + notch))
