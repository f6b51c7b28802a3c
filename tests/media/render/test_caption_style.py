"""Caption drawing: every style fits its zone without clipping a glyph, is even-sized for the
YUV compositor, marks the spoken word in its own colour, and draws real Japanese glyphs."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from adreel.media.captions.cues import Cue, Word
from adreel.media.captions.style import CAPTION_STYLES, render_cue
from adreel.media.scenes.palette import Palette

PALETTE = Palette(base=(10, 10, 40), base_dark=(5, 5, 20), surface=(250, 250, 250), accent=(220, 30, 60),
                  ink=(20, 20, 20), on_accent=(17, 17, 17))
RED = np.array(PALETTE.accent)
WHITE = np.array(PALETTE.light)
ZONES = [(870, 250), (1536, 200), (920, 190), (400, 120)]
HARD_CUES = {
    "long word": ["Donaudampfschifffahrtsgesellschaftskapitän"],
    "three long German words": ["Geschwindigkeitsbegrenzung", "Rechtsschutzversicherung", "Kraftfahrzeughaftpflicht"],
    "sentence": ["Unbelievably", "comfortable", "everywhere!"],
}


def cue(*texts: str, joiner: str = " ") -> Cue:
    return Cue(tuple(Word(t, i * 0.4, i * 0.4 + 0.3) for i, t in enumerate(texts)), 0.0, len(texts) * 0.4, joiner)


def pixels(image: Image.Image) -> np.ndarray:
    assert image.mode == "RGBA"
    return np.asarray(image).astype(np.int16)


def near(image: Image.Image, colour: np.ndarray, tolerance: int = 30) -> np.ndarray:
    """Opaque pixels within `tolerance` of `colour` (per channel)."""
    p = pixels(image)
    return (np.abs(p[..., :3] - colour).max(axis=2) <= tolerance) & (p[..., 3] == 255)


def columns(mask: np.ndarray) -> np.ndarray:
    return np.nonzero(mask.any(axis=0))[0]


@pytest.mark.parametrize("style", CAPTION_STYLES)
@pytest.mark.parametrize("zone", ZONES, ids=lambda z: f"{z[0]}x{z[1]}")
@pytest.mark.parametrize("name", HARD_CUES)
def test_every_style_fits_its_zone_even_sized_and_unclipped(style: str, zone: tuple[int, int], name: str) -> None:
    image = render_cue(cue(*HARD_CUES[name]), 1 if len(HARD_CUES[name]) > 1 else 0, style, zone, PALETTE)
    assert image.width <= zone[0] and image.height <= zone[1]
    assert image.width % 2 == 0 and image.height % 2 == 0
    if style == "boxed":                               # the box fills its canvas: look at the letters
        glyphs = near(image, WHITE, 60) | near(image, RED, 60)
    else:
        glyphs = pixels(image)[..., 3] > 0
    assert glyphs.sum() > 200, "nothing was drawn"
    rim = np.ones(glyphs.shape, bool)
    rim[2:-2, 2:-2] = False
    assert not (glyphs & rim).any(), "a glyph touches the edge of the caption: it was clipped"


def test_a_word_too_long_for_the_smallest_size_is_still_not_clipped() -> None:
    image = render_cue(cue("Donaudampfschifffahrtsgesellschaftskapitän"), 0, "bold_outline", (300, 80), PALETTE)
    assert image.width <= 300
    alpha = pixels(image)[..., 3]
    assert alpha[:, 0].max() == 0 and alpha[:, -1].max() == 0, "the word runs off both sides"


def test_an_odd_sized_zone_is_not_exceeded_when_rounding_to_even() -> None:
    image = render_cue(cue("Donaudampfschifffahrtsgesellschaftskapitän"), 0, "boxed", (871, 251), PALETTE)
    assert image.width <= 871 and image.width % 2 == 0


@pytest.mark.parametrize("style", CAPTION_STYLES)
def test_a_larger_base_size_still_fits(style: str) -> None:
    image = render_cue(cue("Stays", "cold", "forever"), 0, style, (600, 160), PALETTE, base_size=400)
    assert image.width <= 600 and image.height <= 160
    assert image.width % 2 == 0 and image.height % 2 == 0


def ink_rows(image: Image.Image) -> int:
    """How many separate bands of ink (lines of text) the caption has."""
    rows = np.nonzero(pixels(image)[..., 3].max(axis=1) > 0)[0]
    return 1 + int((np.diff(rows) > 1).sum())


def test_a_cue_too_wide_for_one_line_wraps_instead_of_shrinking_to_nothing() -> None:
    words = cue("Incredibly", "comfortable", "sneakers")
    wide = render_cue(words, 0, "bold_outline", (1536, 200), PALETTE)
    narrow = render_cue(words, 0, "bold_outline", (500, 300), PALETTE)
    assert ink_rows(wide) == 1
    assert ink_rows(narrow) >= 2
    assert narrow.height > wide.height                 # lines stack rather than the text getting tiny


@pytest.mark.parametrize("style", ["bold_outline", "boxed"])
def test_only_the_spoken_word_is_in_the_accent_colour(style: str) -> None:
    words = ("keep", "it", "cold")
    first = render_cue(cue(*words), 0, style, (1536, 200), PALETTE)
    last = render_cue(cue(*words), 2, style, (1536, 200), PALETTE)
    for image, side in ((first, "left"), (last, "right")):
        red, white = columns(near(image, RED)), columns(near(image, WHITE))
        assert len(red) > 10 and len(white) > 10
        middle = image.width / 2
        if side == "left":
            assert red.max() < middle < white.max()
        else:
            assert red.min() > middle > white.min()
        assert np.intersect1d(red, white).size <= 2, "the spoken word and the others overlap in colour"


def test_karaoke_fills_every_word_already_spoken() -> None:
    words = ("keep", "it", "cold")
    counts = [near(render_cue(cue(*words), i, "karaoke", (1536, 200), PALETTE), RED).sum() for i in range(3)]
    whites = [near(render_cue(cue(*words), i, "karaoke", (1536, 200), PALETTE), WHITE).sum() for i in range(3)]
    assert counts[0] > 0 and counts[0] < counts[1] < counts[2]
    assert whites[0] > whites[1] > whites[2] == 0          # at the last word nothing is left unspoken


def test_highlight_pill_sits_behind_the_spoken_word_only() -> None:
    words = ("keep", "it", "cold")
    first = render_cue(cue(*words), 0, "highlight_pill", (1536, 200), PALETTE)
    last = render_cue(cue(*words), 2, "highlight_pill", (1536, 200), PALETTE)
    left, right = columns(near(first, RED, 4)), columns(near(last, RED, 4))
    assert left.size > 20 and right.size > 20
    assert left.max() < first.width / 2 < right.min()
    assert near(first, np.array(PALETTE.on_accent), 10)[:, left].sum() > 50    # dark text on the pill


def test_uppercase_styles_draw_latin_words_in_capitals() -> None:
    for style in ("bold_outline", "highlight_pill"):
        lower = render_cue(cue("keep", "cold"), 0, style, (870, 250), PALETTE)
        upper = render_cue(cue("KEEP", "COLD"), 0, style, (870, 250), PALETTE)
        assert np.array_equal(pixels(lower), pixels(upper))
    lower = render_cue(cue("keep", "cold"), 0, "boxed", (870, 250), PALETTE)
    upper = render_cue(cue("KEEP", "COLD"), 0, "boxed", (870, 250), PALETTE)
    assert not np.array_equal(pixels(lower), pixels(upper))


def test_a_dark_accent_is_lifted_so_the_spoken_word_still_pops() -> None:
    dark = Palette(base=(0, 0, 0), base_dark=(0, 0, 0), surface=(250, 250, 250), accent=(60, 20, 20),
                   ink=(20, 20, 20), on_accent=(255, 255, 255))
    image = render_cue(cue("keep", "cold"), 0, "bold_outline", (870, 250), dark)
    assert near(image, np.array((170, 130, 130)), 3).sum() > 100
    assert near(image, np.array(dark.accent), 3).sum() == 0


@pytest.mark.parametrize("style", CAPTION_STYLES)
def test_japanese_draws_real_distinct_glyphs(style: str) -> None:
    def ink(text: str) -> np.ndarray:
        image = render_cue(cue(text, joiner=""), 0, style, (870, 250), PALETTE, language="ja")
        assert image.width <= 870 and image.height <= 250
        if style == "highlight_pill":                     # dark glyph on the accent pill
            return near(image, np.array(PALETTE.on_accent), 20)
        return near(image, RED, 60) | near(image, WHITE, 60)

    simple, dense, other = ink("一"), ink("鬱"), ink("愛")
    assert simple.sum() > 50
    # Missing glyphs ("tofu") would all be the same box; real glyphs differ in shape and ink.
    assert dense.sum() > 3 * simple.sum()
    assert not np.array_equal(dense, other)


def test_japanese_cue_keeps_its_words_together_and_fits() -> None:
    words = cue("今日は", "最高の", "一日", joiner="")
    for active in range(3):
        image = render_cue(words, active, "bold_outline", (400, 120), PALETTE, language="ja")
        assert image.width <= 400 and image.height <= 120
        assert near(image, RED).sum() > 50
