"""Cards: real pixels checked for size, shape, text that stays inside, and the details each kind
promises (partial stars, a struck-through old price, the CJK face for Japanese)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from adreel.media.fonts import font_for
from adreel.media.scenes.cards import CardSpec, _fit, draw_card
from adreel.media.scenes.palette import RGB, palette_from_colours
from adreel.media.scenes.shapes import mix
from adreel.media.scenes.text_fit import Typeface, set_text, wrap

PALETTE = palette_from_colours(["#2e86de"])
DARK = palette_from_colours(["#8e44ad"])        # an accent dark enough for white text on it
BOXES = [(960, 700), (1700, 800), (960, 560), (500, 300), (1800, 900)]
LONG = ("Made from recycled ocean plastic and lined with soft merino wool, it keeps drinks cold for a full "
        "day, fits every cup holder, survives the dishwasher, and comes with a lifetime warranty included.")
SPECS = {
    "price": CardSpec("price", price="$39", compare_at="$52", discount_percent=25),
    "rating": CardSpec("rating", rating=4.6, review_count_label="2,314 reviews"),
    "feature": CardSpec("feature", text="Keeps drinks cold for 24 hours"),
    "review": CardSpec("review", text="Best bottle I have owned. No leaks.", rating=5, author="Maya R."),
    "offer": CardSpec("offer", text="20% off today only"),
    "end_card": CardSpec("end_card", brand="Hydra Co.", title="Insulated Steel Bottle 750 ml", price="$39",
                         compare_at="$52", discount_percent=25, rating=4.6),
}
LONG_SPECS = {
    "feature": CardSpec("feature", text=LONG),
    "review": CardSpec("review", text=LONG, rating=4, author="Jonathan from Portland, Oregon"),
    "offer": CardSpec("offer", text=LONG),
    "end_card": CardSpec("end_card", brand="Hydra Co.", title=LONG, price="$1,299.00", text="Get yours today"),
    "ja_review": CardSpec("review", text="今日は最高の一日でした。" * 16, author="さくら", language="ja"),
}


def pixels(image: Image.Image) -> np.ndarray:
    return np.asarray(image, dtype=np.int32)


def near(array: np.ndarray, colour: RGB, tolerance: float = 40) -> np.ndarray:
    """Opaque pixels within `tolerance` of `colour`."""
    distance = np.sqrt(((array[..., :3] - np.array(colour)) ** 2).sum(axis=-1))
    return (distance < tolerance) & (array[..., 3] == 255)


def card_box(array: np.ndarray) -> tuple[int, int, int, int]:
    """The opaque card's bounding box (x0, y0, x1, y1), exclusive ends."""
    ys, xs = np.nonzero(array[..., 3] == 255)
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


@pytest.mark.parametrize("box", BOXES, ids=lambda b: f"{b[0]}x{b[1]}")
@pytest.mark.parametrize("kind", list(SPECS))
def test_every_card_is_a_tight_rounded_rgba_card_within_its_box(kind: str, box: tuple[int, int]) -> None:
    image = draw_card(SPECS[kind], box, PALETTE)
    assert image.mode == "RGBA"
    assert image.width <= box[0] and image.height <= box[1]
    assert image.width % 2 == 0 and image.height % 2 == 0
    array = pixels(image)
    alpha = array[..., 3]
    for corner in (alpha[0, 0], alpha[0, -1], alpha[-1, 0], alpha[-1, -1]):
        assert corner < 8                               # the shadow has faded out before the edge
    x0, y0, x1, y1 = card_box(array)
    for corner in (alpha[y0, x0], alpha[y0, x1 - 1], alpha[y1 - 1, x0], alpha[y1 - 1, x1 - 1]):
        assert corner < 230                             # rounded: the bounding box's corners are not card
    card_area = (x1 - x0) * (y1 - y0)
    assert (alpha == 255).sum() > 0.9 * card_area       # the card itself is solid
    assert card_area > 0.6 * image.width * image.height  # and the image is the card, not margins
    assert card_area > 0.08 * box[0] * box[1]           # big enough to read in the frame
    if kind == "end_card":
        assert card_area > 0.35 * box[0] * box[1]


@pytest.mark.parametrize("box", [(960, 700), (1700, 800), (960, 560), (500, 300)], ids=lambda b: f"{b[0]}x{b[1]}")
@pytest.mark.parametrize("name", list(LONG_SPECS))
def test_long_text_stays_inside_the_card(name: str, box: tuple[int, int]) -> None:
    spec = LONG_SPECS[name]
    image = draw_card(spec, box, DARK)
    assert image.width <= box[0] and image.height <= box[1]
    array = pixels(image)
    x0, y0, x1, y1 = card_box(array)
    ink = near(array, DARK.on_accent if spec.kind == "offer" else DARK.ink)
    inside = ink[y0:y1, x0:x1]
    assert inside.sum() > 500                           # the text is there
    ring = inside.copy()
    ring[4:-4, 4:-4] = False
    assert not ring.any()                               # and none of it touches the card's edge
    assert not ink[:y0].any() and not ink[y1:].any() and not ink[:, :x0].any() and not ink[:, x1:].any()


@pytest.mark.parametrize("name", list(LONG_SPECS))
def test_the_layout_fits_by_shrinking_not_by_scaling_the_picture(name: str) -> None:
    for width, height in [(440, 240), (900, 600), (1600, 700)]:
        layout = _fit(LONG_SPECS[name], PALETTE, width, height)
        assert layout.size[0] <= width and layout.size[1] <= height


def test_a_long_text_draws_more_ink_than_a_short_one() -> None:
    short = near(pixels(draw_card(SPECS["feature"], (960, 700), PALETTE)), PALETTE.ink).sum()
    long = near(pixels(draw_card(LONG_SPECS["feature"], (960, 700), PALETTE)), PALETTE.ink).sum()
    assert long > 1.5 * short


def test_japanese_uses_the_cjk_face() -> None:
    # With tofu every character would be the same box: the card and its reversed text would match.
    forward = draw_card(CardSpec("feature", text="今日は最高", language="ja"), (960, 700), PALETTE)
    backward = draw_card(CardSpec("feature", text="高最は日今", language="ja"), (960, 700), PALETTE)
    assert forward.size == backward.size
    differing = (np.abs(pixels(forward) - pixels(backward)).sum(axis=-1) > 60).sum()
    assert differing > 2000
    # and the CJK face is picked for Japanese text even when the language says otherwise
    cjk = Typeface.of("今日は最高", "en").font(64)
    latin = font_for("abc", 64)
    assert np.asarray(cjk.getmask("今")).sum() != np.asarray(latin.getmask("今")).sum()
    assert np.asarray(cjk.getmask("今")).sum() != np.asarray(cjk.getmask("日")).sum()


def test_japanese_wraps_by_characters_and_never_starts_a_line_with_punctuation() -> None:
    face = Typeface.of("x", "ja", "bold")
    text = "今日は最高の一日でした。買ってよかったです！" * 3
    lines = wrap(text, face, 40, 400)
    assert len(lines) > 2 and "".join(lines) == text
    assert all(line[0] not in "、。！？」" for line in lines)
    assert all(face.font(40).getlength(line) <= 400 + 1 for line in lines)


def test_latin_wraps_by_words_within_the_width_and_keeps_numbers_with_units() -> None:
    face = Typeface.of(LONG, "en", "semibold")
    block = set_text(LONG, face, 40, 500)
    assert " ".join(block.lines) == LONG
    assert all(face.font(40).getlength(line) <= 501 for line in block.lines)
    assert not any(line.endswith("750") for line in wrap("A steel bottle holding 750 ml of water", face, 40, 470))


def test_text_that_cannot_fit_is_ellipsized_only_on_the_last_try() -> None:
    face = Typeface.of(LONG, "en")
    block = set_text(LONG, face, 40, 300, max_lines=2, final=True)
    assert len(block.lines) == 2 and block.lines[-1].endswith("…")
    with pytest.raises(Exception, match="Made from"):
        set_text(LONG, face, 40, 300, max_lines=2)


def accent_area(rating: float) -> int:
    image = draw_card(CardSpec("rating", rating=rating, review_count=120), (960, 700), PALETTE)
    return int(near(pixels(image), PALETTE.accent, 30).sum())


def test_partial_stars_fill_in_proportion() -> None:
    four, four_half, five = accent_area(4.0), accent_area(4.5), accent_area(5.0)
    assert four < four_half < five
    star = five - four
    assert star > 500
    assert 0.3 * star < four_half - four < 0.7 * star     # half a star, near enough


def test_compare_at_is_struck_through() -> None:
    with_old = pixels(draw_card(CardSpec("price", price="$39", compare_at="$52"), (960, 700), PALETTE))
    without = pixels(draw_card(CardSpec("price", price="$39"), (960, 700), PALETTE))
    muted = mix(PALETTE.ink, PALETTE.surface, 0.45)
    assert near(with_old, muted, 30).sum() > 5 * near(without, muted, 30).sum()   # (the rest is antialiasing)
    price_right = np.nonzero(near(with_old, PALETTE.ink))[1].max()
    old = near(with_old, muted, 30)
    old[:, :price_right + 8] = False                    # the old price sits right of the new one
    ys, xs = np.nonzero(old)
    region = old[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    assert (region.mean(axis=1) > 0.9).any()            # one row runs the whole width: the strike line
    ink = ~near(with_old, PALETTE.surface, 30) & (with_old[..., 3] == 255)
    assert ink.sum() > (~near(without, PALETTE.surface, 30) & (without[..., 3] == 255)).sum()


def test_discount_badge_is_an_accent_pill() -> None:
    plain = near(pixels(draw_card(CardSpec("price", price="$39"), (960, 700), PALETTE)), PALETTE.accent, 30)
    badge = near(pixels(draw_card(SPECS["price"], (960, 700), PALETTE)), PALETTE.accent, 30)
    assert plain.sum() == 0 and badge.sum() > 1000


@pytest.mark.parametrize("spec", [CardSpec("price"), CardSpec("rating"), CardSpec("feature", text="  "),
                                  CardSpec("end_card")])
def test_a_card_without_its_content_is_refused(spec: CardSpec) -> None:
    with pytest.raises(ValueError, match="needs"):
        draw_card(spec, (960, 700), PALETTE)


