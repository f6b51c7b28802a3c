"""The faces adreel draws text with, shipped as Python packages (never assumed from the
system): Montserrat for Latin, Greek and Cyrillic scripts, Anton for display numbers, Noto Sans
CJK for Japanese (and Chinese / Korean glyphs)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

WEIGHTS = {"regular": 400, "semibold": 600, "bold": 700, "extrabold": 800, "black": 900}


def _montserrat() -> Path:
    import fontpkg_montserrat

    return fontpkg_montserrat.ROOT / "files" / "Montserrat[wght].ttf"


def _anton() -> Path:
    import fontpkg_anton

    return fontpkg_anton.ROOT / "files" / "Anton-Regular.ttf"


def _noto_cjk() -> Path:
    import cvttf_NotoSansCJK_Bold

    return Path(cvttf_NotoSansCJK_Bold.get_TTF_path())


def needs_cjk(text: str) -> bool:
    """True when the text has glyphs only the CJK face carries (kana, kanji, hangul, fullwidth)."""
    for char in text:
        if ord(char) < 0x2E80:
            continue
        name = unicodedata.name(char, "")
        if any(word in name for word in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "FULLWIDTH",
                                         "IDEOGRAPHIC")):
            return True
    return False


@lru_cache(maxsize=256)
def _load(path: str, size: int, weight: int | None) -> ImageFont.FreeTypeFont:
    font = ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.RAQM)
    if weight is not None:
        font.set_variation_by_axes([weight])
    return font


def font_for(text: str, size: int, weight: str = "extrabold", *, display: bool = False,
             language: str | None = None) -> ImageFont.FreeTypeFont:
    """A face that has every glyph of `text` (CJK when the text or language needs it);
    `display` picks the condensed headline face for Latin numbers and titles."""
    size = max(8, int(size))
    if language == "ja" or needs_cjk(text):
        return _load(str(_noto_cjk()), size, None)
    if display:
        return _load(str(_anton()), size, None)
    return _load(str(_montserrat()), size, WEIGHTS[weight])
