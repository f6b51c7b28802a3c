"""The faces adreel draws text with, shipped as Python packages (never assumed from the
system): Montserrat for Latin, Greek and Cyrillic scripts, Anton for display numbers, Noto Sans
CJK for Japanese (and Chinese / Korean glyphs, and the symbols the Latin faces lack). Which face
draws a text is decided by what each face's character map holds, never guessed."""

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


FACES = ("montserrat", "anton", "noto_cjk")
_PATHS = {"montserrat": _montserrat, "anton": _anton, "noto_cjk": _noto_cjk}
# Variation selectors, joiners and marks that only steer how a neighbour is drawn: never a glyph.
_INVISIBLE = frozenset({0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF}) | frozenset(range(0xFE00, 0xFE10))
# Brackets that dress up a label ("【Waterproof】") rather than enclose words of a sentence.
DECORATIVE_BRACKETS = "【】〖〗〔〕［］"


@lru_cache(maxsize=4)
def coverage(face: str) -> frozenset[int]:
    """The code points a face has a glyph for (its character map)."""
    from fontTools.ttLib import TTFont

    with TTFont(str(_PATHS[face]()), lazy=True, fontNumber=0) as font:
        return frozenset(font.getBestCmap())


@lru_cache(maxsize=1)
def _any_face() -> frozenset[int]:
    return frozenset().union(*(coverage(face) for face in FACES))


def face_for(text: str, *, display: bool = False, language: str | None = None) -> str:
    """The first face of the chain that draws every character of `text`: Anton for display
    type, then Montserrat, then Noto Sans CJK (which also carries symbols the Latin faces lack);
    Japanese text and language go straight to the CJK face."""
    if language == "ja" or needs_cjk(text):
        return "noto_cjk"
    wanted = {ord(char) for char in text if not char.isspace()}
    chain = ("anton", "montserrat", "noto_cjk") if display else ("montserrat", "noto_cjk")
    return next((face for face in chain if wanted <= coverage(face)), chain[-1])


def missing_glyphs(text: str, face: str) -> str:
    """The characters of `text` (spaces aside) that `face` has no glyph for."""
    have = coverage(face)
    return "".join(dict.fromkeys(c for c in text if not c.isspace() and ord(c) not in have))


def drawable(text: str) -> str:
    """`text` without what no shipped face can draw (emoji, pictographs, stray marks), so screen
    and spoken text never hold an empty box; spaces left behind are collapsed."""
    have = _any_face()
    kept = "".join(c for c in unicodedata.normalize("NFC", text)
                   if c.isspace() or (ord(c) in have and ord(c) not in _INVISIBLE))
    return " ".join(kept.split()) if kept != text else text


@lru_cache(maxsize=256)
def _load(path: str, size: int, weight: int | None) -> ImageFont.FreeTypeFont:
    font = ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.RAQM)
    if weight is not None:
        font.set_variation_by_axes([weight])
    return font


def font_of(face: str, size: int, weight: str = "extrabold") -> ImageFont.FreeTypeFont:
    """`face` (one of FACES) at `size`; Montserrat takes the weight, the others have one."""
    size = max(8, int(size))
    return _load(str(_PATHS[face]()), size, WEIGHTS[weight] if face == "montserrat" else None)


def font_for(text: str, size: int, weight: str = "extrabold", *, display: bool = False,
             language: str | None = None) -> ImageFont.FreeTypeFont:
    """A face that has every glyph of `text` (see `face_for`) at `size`."""
    return font_of(face_for(text, display=display, language=language), size, weight)
