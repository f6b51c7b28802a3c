"""Product pictures: studio packshots are told apart from photos and cut out cleanly; photos are
framed by cover or contain depending on their shape, and are never stretched."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from adreel.media.scenes.palette import Palette
from adreel.media.scenes.pictures import (
    blurred_backdrop,
    cover_crop,
    cut_out,
    fit,
    framing_for,
    gradient_backdrop,
    has_plain_background,
    rounded_photo,
    with_shadow,
)

PALETTE = Palette(base=(18, 46, 63), base_dark=(10, 23, 31), surface=(245, 248, 250), accent=(57, 160, 224),
                  ink=(21, 33, 40), on_accent=(17, 17, 17))


def packshot(width: int = 400, height: int = 300, background: tuple[int, int, int] = (255, 255, 255),
             noise: float = 1.5) -> Image.Image:
    """A red bottle-ish product on a plain studio background, with a white label inside it and
    the slight noise of a JPEG."""
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((width * 0.35, height * 0.15, width * 0.65, height * 0.85), radius=20, fill=(200, 30, 40))
    draw.rectangle((width * 0.42, height * 0.4, width * 0.58, height * 0.6), fill=background)   # the label
    pixels = np.asarray(image).astype(np.float32)
    pixels += np.random.default_rng(3).normal(0, noise, pixels.shape)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def photo(width: int = 400, height: int = 300) -> Image.Image:
    """A lifestyle photo: a sky-to-ground gradient with texture and objects reaching the edges."""
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    sky = np.stack([90 + 100 * yy / height, 140 + 60 * xx / width, 220 - 150 * yy / height], axis=-1)
    texture = np.random.default_rng(5).normal(0, 25, (height // 8, width // 8, 3)).astype(np.float32)
    texture = np.asarray(Image.fromarray(np.clip(texture + 128, 0, 255).astype(np.uint8)).resize((width, height)))
    image = Image.fromarray(np.clip(sky + texture.astype(np.float32) - 128, 0, 255).astype(np.uint8))
    ImageDraw.Draw(image).ellipse((-40, height * 0.6, width * 0.5, height * 1.3), fill=(40, 90, 30))
    return image


def circle_picture(width: int, height: int, radius: int) -> Image.Image:
    """A black disc in the middle of a textured picture."""
    image = photo(width, height)
    cx, cy = width // 2, height // 2
    ImageDraw.Draw(image).ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=(0, 0, 0))
    return image


def disc_box(image: Image.Image) -> tuple[int, int]:
    """Width and height of the near-black disc."""
    dark = np.asarray(image.convert("RGB")).max(axis=2) < 20
    rows, cols = np.nonzero(dark)
    return cols.max() - cols.min() + 1, rows.max() - rows.min() + 1


# Packshot or photo -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("background", [(255, 255, 255), (238, 238, 240), (30, 30, 30)])
def test_a_studio_packshot_has_a_plain_background(background: tuple[int, int, int]) -> None:
    assert has_plain_background(packshot(background=background))


def test_a_photo_does_not() -> None:
    assert not has_plain_background(photo())
    assert not has_plain_background(photo(1200, 1600))


def test_a_transparent_png_counts_as_plain() -> None:
    image = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((20, 20, 80, 80), fill=(200, 30, 40, 255))
    assert has_plain_background(image)


def test_an_opaque_rgba_photo_is_still_a_photo() -> None:
    assert not has_plain_background(photo().convert("RGBA"))


# Cut-out ---------------------------------------------------------------------------------------------------------


def test_cut_out_clears_the_background_and_keeps_the_product() -> None:
    shot = packshot()
    result = cut_out(shot)
    assert result.mode == "RGBA"
    alpha = np.asarray(result.getchannel("A"))
    # Cropped to the product (120 × 210 px), give or take the feathered edge.
    assert abs(result.width - 121) <= 6 and abs(result.height - 211) <= 6
    assert alpha[alpha.shape[0] // 4, alpha.shape[1] // 2] == 255          # the red body is opaque
    assert alpha[alpha.shape[0] // 2, alpha.shape[1] // 2] == 255          # the white label is enclosed: kept
    assert alpha[0, 0] < 32 and alpha[-1, -1] < 32                         # rounded corners: background
    rgb = np.asarray(result.convert("RGB")).astype(int)
    assert np.abs(rgb[alpha.shape[0] // 4, alpha.shape[1] // 2] - (200, 30, 40)).max() < 10


def test_cut_out_leaves_no_background_around_the_product() -> None:
    shot = packshot(600, 600, background=(240, 240, 240))
    full = np.asarray(cut_out(shot).getchannel("A"))
    red = (np.abs(np.asarray(shot).astype(int) - (200, 30, 40)).max(axis=2) < 20)
    rows, cols = np.nonzero(red)
    product_area = (rows.max() - rows.min() + 1) * (cols.max() - cols.min() + 1)
    assert (full > 128).sum() <= product_area * 1.05
    assert (full > 128).sum() >= red.sum()


def test_cut_out_of_a_transparent_png_only_crops() -> None:
    image = Image.new("RGBA", (100, 80), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((30, 20, 59, 49), fill=(10, 200, 10, 255))
    result = cut_out(image)
    assert result.size == (30, 30)
    assert np.asarray(result.getchannel("A")).min() == 255


# Framing ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("picture", "frame", "framing"), [
    ((1200, 1600), (1080, 1920), "cover"),       # 3:4 in 9:16: keeps 75 %
    ((1080, 1920), (1080, 1920), "cover"),
    ((1600, 1200), (1920, 1080), "cover"),
    ((1000, 1000), (1080, 1080), "cover"),
    ((1920, 1080), (1080, 1920), "contain"),     # landscape in a vertical frame: would keep 32 %
    ((1000, 1000), (1080, 1920), "contain"),     # square in 9:16 keeps 56 %
    ((600, 1800), (1920, 1080), "contain"),
])
def test_photos_cover_when_near_the_frame_shape_else_contain(picture: tuple[int, int], frame: tuple[int, int],
                                                           framing: str) -> None:
    assert framing_for(photo(*picture), *frame) == framing


@pytest.mark.parametrize("frame", [(1080, 1920), (1920, 1080), (1080, 1080)])
def test_packshots_are_cut_out_whatever_the_frame(frame: tuple[int, int]) -> None:
    assert framing_for(packshot(), *frame) == "cutout"
    assert framing_for(packshot(300, 900), *frame) == "cutout"


def test_fit_keeps_the_aspect() -> None:
    assert fit((400, 300), (200, 200), cover=False) == (200, 150)
    assert fit((400, 300), (200, 200), cover=True) == (267, 200)
    assert fit((1, 1000), (100, 100), cover=False) == (2, 100)            # never under 2 px


# Never stretched -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("source", "target"), [
    ((400, 300), (200, 400)), ((400, 300), (600, 100)), ((300, 500), (300, 300)), ((640, 480), (1080, 1920)),
    ((500, 500), (1920, 1080)),
])
def test_cover_crop_fills_exactly_and_keeps_circles_round(source: tuple[int, int], target: tuple[int, int]) -> None:
    scale = max(target[0] / source[0], target[1] / source[1])
    radius = int(min(target) * 0.35 / scale)              # the disc stays whole after the crop
    result = cover_crop(circle_picture(*source, radius), *target)
    assert result.size == target and result.mode == "RGB"
    width, height = disc_box(result)
    assert abs(width - height) <= 2, f"the disc became {width}×{height}: the picture was stretched"
    assert width == pytest.approx(2 * radius * scale, abs=3)


def test_cover_crop_keeps_the_centre() -> None:
    result = cover_crop(circle_picture(400, 300, 40), 100, 300)
    width, height = disc_box(result)
    dark = np.asarray(result).max(axis=2) < 20
    rows, cols = np.nonzero(dark)
    assert abs((cols.min() + cols.max()) / 2 - 50) <= 2 and abs((rows.min() + rows.max()) / 2 - 150) <= 2
    assert abs(width - height) <= 2


def test_blurred_backdrop_fills_the_frame_darker() -> None:
    picture = photo(400, 300)
    backdrop = blurred_backdrop(picture, 360, 640)
    assert backdrop.size == (360, 640)
    assert np.asarray(backdrop).mean() < np.asarray(picture).mean() * 0.7


def test_gradient_backdrop_is_the_palette_with_grain() -> None:
    backdrop = np.asarray(gradient_backdrop(PALETTE, 200, 300)).astype(int)
    assert backdrop.shape == (300, 200, 3)
    centre = backdrop[120, 100]
    corner = backdrop[299, 0]
    assert np.abs(centre - PALETTE.base).max() <= 6
    assert np.abs(corner - PALETTE.base_dark).max() <= 6


def test_shadow_and_rounded_photo_have_alpha_where_expected() -> None:
    product = cut_out(packshot())
    shadowed = with_shadow(product, radius=10)
    assert shadowed.size == (product.width + 40, product.height + 40)
    alpha = np.asarray(shadowed.getchannel("A"))
    assert alpha[0, 0] == 0 and alpha[alpha.shape[0] // 2, alpha.shape[1] // 2] == 255
    rounded = np.asarray(rounded_photo(photo(200, 100), 20).getchannel("A"))
    assert rounded[0, 0] == 0 and rounded[50, 100] == 255 and rounded[0, 100] == 255


def test_a_blurred_edge_photo_is_not_mistaken_for_a_packshot() -> None:
    blurry = photo().filter(ImageFilter.GaussianBlur(4))
    assert not has_plain_background(blurry)
    assert framing_for(blurry, 1080, 1920) == "contain"
