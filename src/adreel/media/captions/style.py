"""Drawing a caption cue with its spoken word highlighted, in one of the caption styles,
auto-sized to its zone (it wraps to two lines, then shrinks; it is never clipped)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from PIL import Image, ImageDraw, ImageFont

from adreel.media.captions.cues import Cue
from adreel.media.fonts import face_for, font_of
from adreel.media.scenes.palette import Palette
from adreel.media.scenes.text_fit import NO_LINE_END, NO_LINE_START

CaptionStyle = Literal["bold_outline", "boxed", "highlight_pill", "karaoke"]
CAPTION_STYLES: tuple[CaptionStyle, ...] = ("bold_outline", "boxed", "highlight_pill", "karaoke")
_UPPER = frozenset({"bold_outline", "highlight_pill"})


@dataclass(frozen=True)
class _Fit:
    face: str
    font: ImageFont.FreeTypeFont
    lines: list[list[int]]
    widths: list[float]
    space: float
    line_height: int
    pad: int


def _words(cue: Cue, style: CaptionStyle) -> list[str]:
    texts = [w.text for w in cue.words]
    return [t.upper() for t in texts] if style in _UPPER and cue.joiner else texts


def _fit(words: list[str], joiner: str, width: int, height: int, size: int, language: str) -> _Fit:
    face = face_for("".join(words), language=language)
    # Japanese lines never start with a closing mark or small kana, nor end with an opener.
    glued = [i > 0 and not joiner and (word[:1] in NO_LINE_START or words[i - 1][-1:] in NO_LINE_END)
             for i, word in enumerate(words)]
    while True:
        font = font_of(face, size, "black")
        pad = max(6, size // 6)          # room for the outline / box / pill around the glyphs
        widths = [font.getlength(w) for w in words]
        space = font.getlength(" ") if joiner else 0.0
        ascent, descent = font.getmetrics()
        line_height = int((ascent + descent) * 1.08)
        for count in (1, 2, 3):
            lines = _split(widths, space, count, glued)
            if lines is None:
                continue
            longest = max(sum(widths[i] for i in line) + space * (len(line) - 1) for line in lines)
            if longest + 4 * pad <= width and line_height * len(lines) + 2 * pad <= height:
                return _Fit(face, font, lines, widths, space, line_height, pad)
        if size <= 6:
            return _Fit(face, font, [list(range(len(words)))], widths, space, line_height, pad)
        size = int(size * 0.9)


def _split(widths: list[float], space: float, count: int, glued: list[bool]) -> list[list[int]] | None:
    """Split word indices into `count` balanced lines, never before a word `glued` to the one
    before it (None when there are too few places to break)."""
    n = len(widths)
    if count > n:
        return None
    if count == 1:
        return [list(range(n))]
    total = sum(widths) + space * (n - 1)
    lines, current, run = [], [], 0.0
    for i, w in enumerate(widths):
        remaining_lines = count - len(lines)
        if (current and not glued[i] and run + w > total / count and len(lines) < count - 1
                and n - i >= remaining_lines - 1):
            lines.append(current)
            current, run = [], 0.0
        current.append(i)
        run += w + space
    lines.append(current)
    return lines if len(lines) == count else None


def _fit_cue(cue: Cue, style: CaptionStyle, zone: tuple[int, int], language: str,
             base_size: int | None) -> tuple[list[str], _Fit]:
    words = _words(cue, style)
    return words, _fit(words, cue.joiner, *zone, base_size or int(min(zone[0] * 0.11, zone[1] * 0.42)), language)


def cue_lines(cue: Cue, style: CaptionStyle, zone: tuple[int, int], language: str = "en",
              base_size: int | None = None) -> tuple[str, list[str]]:
    """The face a cue is drawn in and its lines as drawn (what the text audit checks)."""
    words, fit = _fit_cue(cue, style, zone, language, base_size)
    return fit.face, [cue.joiner.join(words[i] for i in line) for line in fit.lines]


def render_cue(cue: Cue, active: int, style: CaptionStyle, zone: tuple[int, int], palette: Palette,
               language: str = "en", base_size: int | None = None) -> Image.Image:
    """An RGBA image of the cue at most `zone` (w, h), word `active` highlighted."""
    words, fit = _fit_cue(cue, style, zone, language, base_size)
    width, height = zone
    font, pad = fit.font, fit.pad
    stroke = max(3, font.size // 9)
    line_widths = [sum(fit.widths[i] for i in line) + fit.space * (len(line) - 1) for line in fit.lines]
    canvas_w = int(min(width, max(line_widths) + 4 * pad + 2 * stroke))
    canvas_h = int(min(height, fit.line_height * len(fit.lines) + 2 * pad + 2 * stroke))
    image = Image.new("RGBA", (_even_within(canvas_w, width), _even_within(canvas_h, height)), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    top = (image.height - fit.line_height * len(fit.lines)) // 2
    if style == "boxed":
        draw.rounded_rectangle((0, 0, image.width - 1, image.height - 1), radius=pad * 2, fill=(12, 12, 12, 215))
    for row, line in enumerate(fit.lines):
        x = (image.width - line_widths[row]) / 2
        y = top + row * fit.line_height
        for index in line:
            word = words[index]
            w = fit.widths[index]
            spoken = index == active
            colour: tuple[int, ...] = (*palette.light, 255)
            if (style == "karaoke" and index <= active) or (style in ("bold_outline", "boxed") and spoken):
                colour = (*_bright(palette.accent), 255)
            if style == "highlight_pill" and spoken:
                draw.rounded_rectangle((x - pad, y - pad // 3, x + w + pad, y + fit.line_height - pad // 3),
                                       radius=pad * 2, fill=(*palette.accent, 255))
                colour = (*palette.on_accent, 255)
            outline = style != "boxed" and not (style == "highlight_pill" and spoken)
            draw.text((x, y), word, font=font, fill=colour,
                      stroke_width=stroke if outline else 0, stroke_fill=(0, 0, 0, 255))
            x += w + fit.space
    return image


def _even_within(size: int, limit: int) -> int:
    """`size` made even (chroma planes are half size) without passing `limit`."""
    if size % 2 == 0:
        return size
    return size + 1 if size + 1 <= limit else size - 1


def _bright(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    """The accent lifted enough to read on dark outlines and video (a highlight must pop)."""
    r, g, b = rgb
    lift = max(0, 170 - max(rgb))
    return min(255, r + lift), min(255, g + lift), min(255, b + lift)
