"""A tiny box layout for cards: items know their size and paint themselves at a position, rows
and columns place them. Sizes are measured first so a card can be sized to hug its content."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from adreel.media.scenes.palette import RGB
from adreel.media.scenes.shapes import Canvas
from adreel.media.scenes.text_fit import TextBlock

Painter = Callable[[Canvas, float, float], None]


@dataclass(frozen=True)
class Item:
    width: float
    height: float
    paint: Painter
    baseline: float | None = None       # from the top, for lining text up in rows


def row(items: Sequence[Item | None], gap: float, align: Literal["center", "baseline"] = "center") -> Item:
    parts = [item for item in items if item is not None]
    lined = align == "baseline" and all(item.baseline is not None for item in parts)
    if lined:
        above = max(item.baseline or 0.0 for item in parts)
        height = above + max(item.height - (item.baseline or 0.0) for item in parts)
        offsets = [above - (item.baseline or 0.0) for item in parts]
    else:
        height = max(item.height for item in parts)
        offsets = [(height - item.height) / 2 for item in parts]
    width = sum(item.width for item in parts) + gap * (len(parts) - 1)

    def paint(canvas: Canvas, x: float, y: float) -> None:
        for item, dy in zip(parts, offsets, strict=True):
            item.paint(canvas, x, y + dy)
            x += item.width + gap

    first = parts[0].baseline
    return Item(width, height, paint, offsets[0] + first if first is not None else None)


def column(entries: Sequence[tuple[float, Item | None]], align: Literal["start", "center"] = "start") -> Item:
    """Items stacked top to bottom, each (gap above it, item); a None item drops with its gap."""
    parts = [(gap if i else 0.0, item) for i, (gap, item) in enumerate(e for e in entries if e[1] is not None)]
    placed: list[tuple[float, Item]] = []
    height = 0.0
    for gap, item in parts:
        assert item is not None
        height += gap
        placed.append((height, item))
        height += item.height
    width = max(item.width for _, item in placed)

    def paint(canvas: Canvas, x: float, y: float) -> None:
        for dy, item in placed:
            dx = (width - item.width) / 2 if align == "center" else 0.0
            item.paint(canvas, x + dx, y + dy)

    return Item(width, height, paint)


def text_item(block: TextBlock, fill: RGB, align: Literal["start", "center"] = "start",
              strike: RGB | None = None) -> Item:
    """A text block; `strike` draws a line through it (a compare-at price)."""
    overshoot = block.size * 0.06 if strike else 0.0

    def paint(canvas: Canvas, x: float, y: float) -> None:
        font = block.font
        for i, line in enumerate(block.lines):
            dx = (block.width - block.line_width(line)) / 2 if align == "center" and len(block.lines) > 1 else 0.0
            baseline = y + block.top + i * block.line_height
            canvas.text((x + overshoot + dx - block.left, baseline), line, font, fill)
        if strike:
            mid = y + block.top * 0.55
            canvas.hline(x, x + block.width + 2 * overshoot, mid, strike, max(2.0, block.size * 0.075))

    return Item(block.width + 2 * overshoot, block.height, paint, block.top)


def tracked_item(text: str, block: TextBlock, fill: RGB, tracking: float) -> Item:
    """One line drawn letter by letter with extra spacing (a brand name in spaced capitals)."""
    font = block.font
    advances = [block.line_width(char) for char in text]
    width = sum(advances) + tracking * (len(text) - 1)

    def paint(canvas: Canvas, x: float, y: float) -> None:
        for char, advance in zip(text, advances, strict=True):
            canvas.text((x, y + block.top), char, font, fill)
            x += advance + tracking

    return Item(width, block.height, paint, block.top)
