"""Checks on text as it was laid out (lines, not pixels): every glyph exists in the face that
draws it, a Latin word is split across lines only with a hyphen, and Japanese lines keep the
kinsoku rules. Used by the tests and by `scripts/review.py` over cards and captions alike."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from adreel.media.fonts import missing_glyphs
from adreel.media.scenes.text_fit import ELLIPSIS, HYPHEN, NO_LINE_END, NO_LINE_START

_SOFT_HYPHENS = (HYPHEN, "‐", "­")


def line_defects(text: str, lines: Sequence[str], face: str, *, cjk: bool) -> list[str]:
    """What is wrong with `lines` as a setting of `text` in `face` (empty when nothing is)."""
    defects = [f"{face} has no glyph for {missing!r} in {line!r}"
               for line in lines if (missing := missing_glyphs(line, face))]
    if cjk:
        for before, after in pairwise(lines):
            if after and after[0] in NO_LINE_START:
                defects.append(f"a line starts with {after[0]!r}: {before!r} / {after!r}")
            if before and before[-1] in NO_LINE_END:
                defects.append(f"a line ends with {before[-1]!r}: {before!r} / {after!r}")
        return defects
    return defects + _bare_splits(text, lines)


def _bare_splits(text: str, lines: Sequence[str]) -> list[str]:
    """Line ends that fall inside a word of `text` without a hyphen, found by walking the text
    along the lines (a hyphen the wrapping added is not in the text; one the word had is)."""
    found, at = [], 0
    for number, line in enumerate(lines):
        if line.endswith(ELLIPSIS):             # the rest was cut short on purpose
            break
        for char in line:
            while at < len(text) and text[at].isspace():
                at += 1
            if at < len(text) and text[at] == char:
                at += 1
            elif char not in _SOFT_HYPHENS:     # the line holds what the text does not: stop here
                return found
        inside = 0 < at < len(text) and not text[at].isspace() and not text[at - 1].isspace()
        if inside and number + 1 < len(lines) and not line.endswith(_SOFT_HYPHENS):
            found.append(f"a word is split without a hyphen: {line!r} / {lines[number + 1]!r}")
    return found
