"""Wrapping and fitting card text. Widths are measured once per word at a reference size and
scaled: under RAQM advances are unhinted, so they scale linearly with the size, which keeps the
shrink-until-it-fits loop cheap (no re-measuring at every size)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

import pyphen
from PIL import ImageFont

from adreel.media.fonts import face_for, font_of, needs_cjk

_REF = 100
# Japanese line breaking (kinsoku): these never start a line, the openers never end one.
NO_LINE_START = frozenset("、。，．,.!?！？)）」』】〉》・ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ…:;：；%％")
NO_LINE_END = frozenset("(（「『【〈《")
_SOFT = frozenset("、。，！？!?,")
_NUMBER = re.compile(r"[\d.,]+")
# Latin runs (model names, prices) stay whole inside Japanese text; everything else breaks anywhere.
_CJK_TOKEN = re.compile(r"[A-Za-z0-9$€£¥%.,'’\-]+|\s+|.", re.S)
ELLIPSIS = "…"
HYPHEN = "-"
# Hyphenation dictionaries (pyphen's, from LibreOffice) by language; others use English rules.
_DICTIONARIES = {"en": "en_US", "de": "de_DE", "es": "es", "fr": "fr"}
_LATIN_LETTER = re.compile(r"[^\W\d_]")


# While `recording()` runs, every block set is noted here: how the review tool and the tests
# audit the text layout that was actually drawn.
_SET_BLOCKS: ContextVar[list[tuple[str, TextBlock]] | None] = ContextVar("set_blocks", default=None)


class TooBig(Exception):
    """The text does not fit at this size; the caller shrinks and tries again."""


@dataclass(frozen=True)
class Typeface:
    """A typeface choice: `cjk` when the text is set the Japanese way (broken by characters,
    with kinsoku); `face` is the shipped face that has every glyph of the text (fonts.face_for);
    `language` picks the hyphenation dictionary."""

    weight: str = "extrabold"
    display: bool = False
    cjk: bool = False
    face: str | None = None
    language: str = "en"

    @classmethod
    def of(cls, text: str, language: str, weight: str = "extrabold", display: bool = False) -> Typeface:
        return cls(weight, display, language == "ja" or needs_cjk(text),
                   face_for(text, display=display, language=language), language)

    @property
    def face_name(self) -> str:
        return self.face or ("noto_cjk" if self.cjk else "anton" if self.display else "montserrat")

    def font(self, size: float) -> ImageFont.FreeTypeFont:
        return font_of(self.face_name, px(size), self.weight)

    def width(self, text: str, size: float) -> float:
        return _ref_width(self, text) * px(size) / _REF

    def extent(self, size: float) -> tuple[float, float]:
        """Ink above and below the baseline for a typical line (cap height, descender)."""
        top, bottom = _ref_extent(self)
        return top * px(size) / _REF, bottom * px(size) / _REF


def px(size: float) -> int:
    return max(8, round(size))


@lru_cache(maxsize=8192)
def _ref_width(face: Typeface, text: str) -> float:
    return face.font(_REF).getlength(text)


@lru_cache(maxsize=64)
def _ref_extent(face: Typeface) -> tuple[float, float]:
    box = face.font(_REF).getbbox("国g" if face.cjk else "Hg", anchor="ls")
    return -box[1], box[3]


def _tokens(text: str, cjk: bool) -> list[str]:
    if not cjk:
        tokens = []
        for word in text.split():           # "750 ml", "24 h": a number keeps its short unit
            if tokens and _NUMBER.fullmatch(tokens[-1]) and len(word.rstrip(",.;:!?)")) <= 3:
                tokens[-1] += " " + word
            else:
                tokens.append(word)
        return tokens
    tokens = []
    for token in _CJK_TOKEN.findall(text.strip()):
        glue = tokens and not token.isspace() and not tokens[-1].isspace()
        if glue and (token[0] in NO_LINE_START or tokens[-1][-1] in NO_LINE_END):
            tokens[-1] += token
        else:
            tokens.append(" " if token.isspace() else token)
    return tokens


@lru_cache(maxsize=8)
def _dictionary(language: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=_DICTIONARIES.get(language.split("-")[0].lower(), "en_US"))


def _break_points(word: str, language: str) -> list[int]:
    """Where `word` may be broken: after a hyphen it already has, and at the dictionary's
    hyphenation points inside each of its parts (never leaving fewer than two letters)."""
    points: set[int] = set()
    start = 0
    for part in re.split(r"(?<=-)", word):
        if part.endswith("-") and start + len(part) < len(word):
            points.add(start + len(part))
        letters = part.rstrip("-")
        if len(letters) >= 5 and _LATIN_LETTER.search(letters):
            points.update(start + p for p in _dictionary(language).positions(letters) if 2 <= p <= len(letters) - 2)
        start += len(part)
    return sorted(points)


def _head(word: str, cut: int) -> str:
    """The part of `word` before `cut` as it ends a line: with a hyphen, unless it has one."""
    return word[:cut] if word[cut - 1] == HYPHEN else word[:cut] + HYPHEN


def _break_word(word: str, face: Typeface, size: float, max_width: float) -> list[str]:
    """A word wider than the line, broken at its hyphenation points with a hyphen at each break
    (a word that has none, such as a long code or URL, is cut by characters, still hyphenated):
    a Latin word is never split without one."""
    pieces: list[str] = []
    rest = word
    while face.width(rest, size) > max_width and len(rest) > 1:
        fitting = [p for p in _break_points(rest, face.language)
                   if face.width(_head(rest, p), size) <= max_width]
        if not fitting:                  # no dictionary point fits: cut where it must, hyphenated
            fitting = [p for p in range(1, len(rest)) if face.width(_head(rest, p), size) <= max_width] or [1]
        # A hyphen the word already has is the better break, where one fits.
        cut = max((p for p in fitting if rest[p - 1] == HYPHEN), default=fitting[-1])
        pieces.append(_head(rest, cut))
        rest = rest[cut:]
    return [*pieces, rest]


def split_words(text: str, lines: Sequence[str]) -> int:
    """How many words of `text` the wrapping broke across lines (Latin text)."""
    return max(0, sum(len(line.split()) for line in lines) - len(text.split()))


def _soft_break(line: list[tuple[str, float]], max_width: float) -> int:
    """Where a Japanese line had better end: after the last space or 、。 past a third of the
    line, rather than mid-word; else the whole line."""
    best, used = len(line), 0.0
    for i, (token, width) in enumerate(line[:-1]):
        used += width
        if (token == " " or token[-1] in _SOFT) and used >= max_width / 3:
            best = i + 1
    return best


def wrap(text: str, face: Typeface, size: float, max_width: float, soft: bool = True) -> list[str]:
    """Greedy wrap: by words for Latin scripts, by characters (with kinsoku) for Japanese, there
    preferring to end lines at spaces and 、。 when `soft`."""
    sep, gap = ("", 0.0) if face.cjk else (" ", face.width(" ", size))
    lines: list[str] = []
    line: list[tuple[str, float]] = []
    used = 0.0

    def close(upto: int) -> None:
        nonlocal line, used
        lines.append(sep.join(token for token, _ in line[:upto]).strip())
        line = [item for i, item in enumerate(line[upto:]) if i or item[0] != " "]
        used = sum(width for _, width in line) + gap * max(len(line) - 1, 0)

    for token in _tokens(text, face.cjk):
        width = face.width(token, size)
        if token == " " and not line:        # only CJK text keeps spaces as tokens
            continue
        if line and used + gap + width > max_width:
            close(_soft_break(line, max_width) if face.cjk and soft else len(line))
            if line and used + width > max_width:
                close(len(line))
        if width > max_width:
            *full, token = _break_word(token, face, size, max_width)
            lines.extend(full)
            width = face.width(token, size)
        used += (gap if line else 0.0) + width
        line.append((token, width))
    if line:
        close(len(line))
    return lines


def balance(text: str, face: Typeface, size: float, max_width: float, lines: list[str]) -> list[str]:
    """The same number of lines at the narrowest width that keeps it, so the last line is not a
    lone word (bisecting the width; wrapping is cheap with cached widths)."""
    if len(lines) < 2 or (face.cjk and len(lines[-1]) > 3):    # ragged Japanese reads fine; orphans do not
        return lines
    low, high = max_width * 0.3, max_width
    for _ in range(8):
        middle = (low + high) / 2
        trial = wrap(text, face, size, middle)
        if len(trial) <= len(lines) and (face.cjk or split_words(text, trial) <= split_words(text, lines)):
            high, lines = middle, trial
        else:
            low = middle
    return lines


def ellipsize(lines: list[str], face: Typeface, size: float, max_width: float, max_lines: int) -> list[str]:
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1].rstrip() + ELLIPSIS
    while len(last) > 1 and face.width(last, size) > max_width:
        last = last[:-2].rstrip() + ELLIPSIS
    return [*kept[:-1], last]


@dataclass(frozen=True)
class TextBlock:
    """Lines set in one face and size; `top` is the ink above the first baseline, `bottom` below
    the last, so blocks stack by their visible ink rather than by the font's line box."""

    lines: tuple[str, ...]
    face: Typeface
    size: int
    line_height: float
    width: float
    top: float
    bottom: float
    left: float = 0.0                   # ink left of the pen position (tight blocks only)

    @property
    def height(self) -> float:
        return self.top + self.line_height * (len(self.lines) - 1) + self.bottom

    @property
    def font(self) -> ImageFont.FreeTypeFont:
        return self.face.font(self.size)

    def line_width(self, line: str) -> float:
        return self.face.width(line, self.size)


def set_text(text: str, face: Typeface, size: float, max_width: float, *, max_height: float = math.inf,
             max_lines: int | None = None, min_size: float | None = None, final: bool = False,
             tight: bool = False, spacing: float | None = None) -> TextBlock:
    """Wrap `text` to `max_width`, shrinking from `size` towards `min_size` until it fits
    `max_lines` and `max_height`. Past that it raises TooBig, unless `final`, where the last line
    is ellipsized so nothing is ever drawn outside the card."""
    spacing = spacing or (1.42 if face.cjk else 1.22)
    size = float(px(size))
    floor = float(px(min_size if min_size is not None else size))
    while True:
        top, bottom = face.extent(size)
        line_height = size * spacing
        lines = wrap(text, face, size, max_width)
        if face.cjk:            # soft breaks only where they cost no extra line
            hard = wrap(text, face, size, max_width, soft=False)
            lines = hard if len(hard) < len(lines) else lines
        room = max((max_height - top - bottom) / line_height, 0.0)
        allowed = 1 + int(room) if math.isfinite(room) else len(lines)
        limit = min(allowed, max_lines or allowed)
        # A word broken across lines is the last resort: smaller type comes first.
        whole = face.cjk or not split_words(text, lines) or size * 0.94 < floor
        if len(lines) <= limit and whole:
            lines = balance(text, face, size, max_width, lines)
            break
        if size * 0.94 >= floor:
            size = float(px(size * 0.94))
            continue
        if not final:
            raise TooBig(text)
        lines = ellipsize(lines, face, size, max_width, max(limit, 1))
        break
    width = max((face.width(line, size) for line in lines), default=0.0)
    block = TextBlock(tuple(lines), face, px(size), line_height, width, top, bottom)
    if tight and len(lines) == 1:       # single display lines (prices, numbers) frame their own ink
        x0, y0, x1, y1 = block.font.getbbox(lines[0], anchor="ls")
        block = TextBlock(block.lines, face, px(size), line_height, x1 - x0, -y0, y1, x0)
    if (sink := _SET_BLOCKS.get()) is not None:
        sink.append((text, block))
    return block


@contextmanager
def recording() -> Iterator[list[tuple[str, TextBlock]]]:
    """Collect (text, block) for every block set inside the `with` (the tries that raised
    TooBig and the one drawn alike; the caller keeps the ones it cares about)."""
    sink: list[tuple[str, TextBlock]] = []
    token = _SET_BLOCKS.set(sink)
    try:
        yield sink
    finally:
        _SET_BLOCKS.reset(token)
