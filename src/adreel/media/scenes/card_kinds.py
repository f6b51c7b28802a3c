"""How each kind of card is laid out at a given unit `u` (all sizes are multiples of it); the
fitting loop in `cards` picks the unit."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from babel.core import UnknownLocaleError
from babel.numbers import format_decimal

from adreel.media.fonts import drawable
from adreel.media.scenes.layout import Item, column, row, text_item, tracked_item
from adreel.media.scenes.palette import RGB, Palette
from adreel.media.scenes.shapes import STAR_HEIGHT, STAR_WIDTH, Canvas, check_badge, mix, star
from adreel.media.scenes.text_fit import TextBlock, TooBig, Typeface, set_text

if TYPE_CHECKING:
    from adreel.media.scenes.cards import CardSpec

CTA = {"ja": "今すぐチェック"}


@dataclass(frozen=True)
class Ctx:
    spec: CardSpec
    palette: Palette
    u: float
    width: float            # room for the card itself: the box less the shadow's margins
    height: float
    final: bool             # the last try: text is ellipsized instead of shrinking further
    first_u: float = 0.0    # the unit the fitting started from

    @property
    def muted(self) -> RGB:
        return mix(self.palette.ink, self.palette.surface, 0.45)

    def text(self, text: str, size: float, max_width: float, weight: str = "extrabold", *, display: bool = False,
             max_lines: int | None = None, min_size: float | None = None, max_height: float = math.inf,
             tight: bool = False, final: bool | None = None) -> TextBlock:
        text = drawable(text)        # what no shipped face can draw is left out, never a box
        face = Typeface.of(text, self.spec.language, weight, display)
        return set_text(text, face, size, max(max_width, size), max_height=max_height, max_lines=max_lines,
                        min_size=min_size, final=self.final if final is None else final, tight=tight)


@dataclass(frozen=True)
class CardLayout:
    content: Item
    pad_x: float
    pad_y: float
    fill: RGB
    min_width: float = 0.0
    min_height: float = 0.0
    ticket: bool = False    # notched sides, like a coupon
    u: float = 0.0

    @property
    def size(self) -> tuple[float, float]:
        return (max(self.content.width + 2 * self.pad_x, self.min_width),
                max(self.content.height + 2 * self.pad_y, self.min_height))


def _number(value: float, pattern: str, language: str) -> str:
    try:
        return format_decimal(value, format=pattern, locale=language.replace("-", "_") or "en")
    except (UnknownLocaleError, ValueError):      # a language babel does not know: plain digits
        return f"{value:.1f}" if "." in pattern else f"{value:,.0f}"


def _stars(rating: float, radius: float, gap: float, on: RGB, off: RGB) -> Item:
    step = radius * STAR_WIDTH + gap

    def paint(canvas: Canvas, x: float, y: float) -> None:
        for i in range(5):
            star(canvas, x + i * step, y, radius, min(max(rating - i, 0.0), 1.0), on, off)

    return Item(5 * step - gap, radius * STAR_HEIGHT, paint)


def _pill(ctx: Ctx, label: str, size: float, max_width: float, min_width: float = 0.0) -> Item:
    """Accent capsule with the label's capitals centred (descenders hang into the padding)."""
    pad_x, pad_y = size * 0.6, size * 0.42
    block = ctx.text(label, size, max_width - 2 * pad_x, max_lines=1, min_size=size * 0.6)
    height = block.top + 2 * pad_y
    width = max(block.width + 2 * pad_x, min_width, height)
    palette = ctx.palette

    def paint(canvas: Canvas, x: float, y: float) -> None:
        canvas.rounded((x, y, x + width, y + height), height / 2, palette.accent)
        canvas.text((x + (width - block.width) / 2, y + pad_y + block.top), block.lines[0], block.font,
                    palette.on_accent)

    return Item(width, height, paint, pad_y + block.top)


def _price_row(ctx: Ctx, size: float, max_width: float) -> Item:
    spec, side = ctx.spec, []
    if spec.compare_at:
        old = ctx.text(spec.compare_at, size * 0.34, max_width * 0.45, "semibold", max_lines=1, min_size=size * 0.2)
        side.append((0.0, text_item(old, ctx.muted, strike=ctx.muted)))
    if spec.discount_percent:
        side.append((size * 0.1, _pill(ctx, f"-{abs(spec.discount_percent)}%", size * 0.24, max_width * 0.45)))
    aside = column(side) if side else None
    gap = size * 0.16
    room = max_width - (aside.width + gap if aside else 0.0)
    price = ctx.text(spec.price or "", size, room, display=True, max_lines=1, min_size=size * 0.5, tight=True)
    return row([text_item(price, ctx.palette.ink), aside], gap)


def _price(ctx: Ctx) -> CardLayout:
    u = ctx.u
    return CardLayout(_price_row(ctx, 3.4 * u, ctx.width - 2 * u), u, 0.8 * u, ctx.palette.surface)


def _rating(ctx: Ctx) -> CardLayout:
    spec, u, palette = ctx.spec, ctx.u, ctx.palette
    rating = min(max(spec.rating or 0.0, 0.0), 5.0)
    room = ctx.width - 2 * u
    stars = _stars(rating, 0.8 * u, 0.22 * u, palette.accent, mix(palette.ink, palette.surface, 0.82))
    number = text_item(ctx.text(_number(rating, "0.0", spec.language), 1.5 * u, room / 2, display=True,
                                max_lines=1, tight=True), palette.ink)
    label_text = spec.review_count_label or (
        f"({_number(spec.review_count, '#,##0', spec.language)})" if spec.review_count is not None else None)
    label = None
    if label_text:
        block = ctx.text(label_text, 0.75 * u, room - number.width - 0.35 * u, "semibold", max_lines=1,
                         min_size=0.5 * u)
        label = text_item(block, ctx.muted)
    content = column([(0.0, stars), (0.5 * u, row([number, label], 0.35 * u, "baseline"))], "center")
    return CardLayout(content, u, 0.8 * u, palette.surface)


def _feature(ctx: Ctx) -> CardLayout:
    u, palette = ctx.u, ctx.palette
    badge, gap, pad = 1.6 * u, 0.55 * u, 0.8 * u

    def paint_badge(canvas: Canvas, x: float, y: float) -> None:
        check_badge(canvas, x, y, badge, palette.accent, palette.on_accent)

    block = ctx.text(ctx.spec.text or "", 1.0 * u, ctx.width - 2 * pad - badge - gap, max_height=ctx.height - 2 * pad)
    content = row([Item(badge, badge, paint_badge), text_item(block, palette.ink)], gap)
    return CardLayout(content, pad, 0.75 * u, palette.surface)


def _review(ctx: Ctx) -> CardLayout:
    spec, u, palette = ctx.spec, ctx.u, ctx.palette
    pad, size = 1.0 * u, 0.95 * u
    quote = text_item(set_text("“", Typeface("black"), 3.6 * u, math.inf, tight=True), palette.accent)
    stars = _stars(spec.rating, 0.36 * u, 0.08 * u, palette.accent, mix(palette.ink, palette.surface, 0.82)) \
        if spec.rating is not None else None
    author = text_item(ctx.text(f"— {spec.author}", 0.72 * u, ctx.width - 2 * pad - (stars.width if stars else 0),
                                max_lines=1, min_size=0.5 * u), ctx.muted) if spec.author else None
    footer = row([stars, author], 0.45 * u) if stars or author else None
    room = ctx.height - 2 * pad - quote.height - 0.2 * u - (footer.height + 0.6 * u if footer else 0.0)
    wide = ctx.width - 2 * pad
    try:        # a readable measure first; the full width only when the quote is long
        body = ctx.text(spec.text or "", size, min(wide, 17 * size), "semibold", max_height=room, final=False)
    except TooBig:
        body = ctx.text(spec.text or "", size, wide, "semibold", max_height=room)
    content = column([(0.0, quote), (0.2 * u, text_item(body, palette.ink)), (0.6 * u, footer)])
    return CardLayout(content, pad, 0.85 * u, palette.surface)


def _offer(ctx: Ctx) -> CardLayout:
    u, pad_x, pad_y = ctx.u, 1.6 * ctx.u, 1.0 * ctx.u
    size = 1.45 * u
    block = ctx.text(ctx.spec.text or "", size, min(ctx.width - 2 * pad_x, 12 * size), "black",
                     max_height=ctx.height - 2 * pad_y)
    return CardLayout(text_item(block, ctx.palette.on_accent, "center"), pad_x, pad_y, ctx.palette.accent, ticket=True,
                   u=u)


def _end_card(ctx: Ctx) -> CardLayout:
    spec, u, palette = ctx.spec, ctx.u, ctx.palette
    pad_x, pad_y = 1.3 * u, 1.1 * u
    room = ctx.width - 2 * pad_x
    brand = None
    if spec.brand:
        block = ctx.text(spec.brand.upper(), 0.6 * u, room * 0.8, "bold", max_lines=1, min_size=0.45 * u)
        brand = tracked_item(block.lines[0], block, ctx.muted, 0.2 * block.size) if not block.face.cjk \
            else text_item(block, ctx.muted)
    title = None
    if spec.title:   # a long title loses its tail to an ellipsis rather than shrink the card for good
        block = ctx.text(spec.title, 1.4 * u, room, max_lines=2, min_size=0.9 * u,
                         final=ctx.final or u < 0.75 * ctx.first_u)
        title = text_item(block, palette.ink, "center")
    rating = None
    if spec.rating is not None:
        value = min(max(spec.rating, 0.0), 5.0)
        stars = _stars(value, 0.42 * u, 0.1 * u, palette.accent, mix(palette.ink, palette.surface, 0.82))
        number = ctx.text(_number(value, "0.0", spec.language), 0.75 * u, room / 3, "bold", max_lines=1)
        rating = row([stars, text_item(number, ctx.muted)], 0.3 * u)
    price = _price_row(ctx, 2.2 * u, room) if spec.price else None
    cta = _pill(ctx, spec.text or CTA.get(spec.language, "Shop now"), 1.0 * u, room, min_width=6 * u)
    gap = 0.9 * u
    if price and price.width + gap + cta.width <= room:      # price and button side by side save a row
        tail = [(0.8 * u, row([price, cta], gap))]
    else:
        tail = [(0.6 * u, price), (0.8 * u, cta)]
    content = column([(0.0, brand), (0.4 * u, title), (0.45 * u, rating), *tail], "center")
    return CardLayout(content, pad_x, pad_y, palette.surface, min_width=min(ctx.width, 14 * u),
                   min_height=min(ctx.height, 0.55 * ctx.height))


BUILDERS: dict[str, Callable[[Ctx], CardLayout]] = {
    "price": _price, "rating": _rating, "feature": _feature, "review": _review, "offer": _offer,
    "end_card": _end_card,
}
