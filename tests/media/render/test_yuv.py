"""The YUV 4:2:0 compositor: BT.709 limited-range conversion both ways, layers with alpha,
pasting clipped at every edge, alpha blending, resampling crops and cross-fades."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from adreel.media.compose.yuv import Canvas, YuvLayer, planes_of, rgb_to_yuv, yuv_to_rgb


def packed(y: np.ndarray, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    return np.concatenate([y.ravel(), u.ravel(), v.ravel()]).reshape(y.shape[0] * 3 // 2, y.shape[1])


def solid_rgb(rgb: tuple[int, int, int], width: int = 4, height: int = 4) -> np.ndarray:
    return np.full((height, width, 3), rgb, np.uint8)


def smooth(width: int = 96, height: int = 64) -> np.ndarray:
    """A soft diagonal colour gradient (no sharp chroma edges for 4:2:0 to lose)."""
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    r = 40 + 170 * xx / width
    g = 200 - 150 * yy / height
    b = 60 + 80 * (xx + yy) / (width + height)
    return np.stack([r, g, b], axis=-1).round().astype(np.uint8)


def numbered(width: int, height: int, alpha: int | None = None) -> YuvLayer:
    """A layer whose Y values say where each pixel came from (for clipping checks)."""
    y = (np.arange(width * height).reshape(height, width) % 200 + 20).astype(np.uint8)
    u = np.full((height // 2, width // 2), 90, np.uint8)
    v = np.full((height // 2, width // 2), 170, np.uint8)
    if alpha is None:
        return YuvLayer(y, u, v)
    return YuvLayer(y, u, v, np.full((height, width), alpha, np.uint8),
                 np.full((height // 2, width // 2), alpha, np.uint8))


# Conversion ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("rgb", "yuv"), [
    ((255, 255, 255), (235, 128, 128)),
    ((0, 0, 0), (16, 128, 128)),
    ((255, 0, 0), (63, 102, 240)),         # BT.709 limited-range red
    ((0, 255, 0), (173, 42, 26)),
    ((0, 0, 255), (32, 240, 118)),
])
def test_bt709_limited_range_values(rgb: tuple[int, int, int], yuv: tuple[int, int, int]) -> None:
    y, u, v = rgb_to_yuv(solid_rgb(rgb))
    assert y.shape == (4, 4) and u.shape == v.shape == (2, 2)
    assert y.dtype == u.dtype == v.dtype == np.uint8
    assert (int(y[0, 0]), int(u[0, 0]), int(v[0, 0])) == yuv
    assert len(np.unique(y)) == len(np.unique(u)) == len(np.unique(v)) == 1


def test_chroma_is_the_average_of_each_two_by_two_block() -> None:
    rgb = np.zeros((2, 2, 3), np.uint8)
    rgb[0, 0] = rgb[1, 1] = (255, 0, 0)               # half red, half black
    _y, u, v = rgb_to_yuv(rgb)
    assert int(v[0, 0]) == pytest.approx((240 + 128) / 2, abs=1)
    assert int(u[0, 0]) == pytest.approx((102 + 128) / 2, abs=1)


def test_round_trip_of_smooth_colours_is_within_a_few_levels() -> None:
    rgb = smooth()
    back = yuv_to_rgb(packed(*rgb_to_yuv(rgb)), rgb.shape[1], rgb.shape[0])
    error = np.abs(back.astype(int) - rgb.astype(int))
    assert back.shape == rgb.shape and back.dtype == np.uint8
    assert error.max() <= 4
    assert error.mean() < 1.5


@pytest.mark.parametrize("rgb", [(255, 255, 255), (0, 0, 0), (255, 0, 0), (30, 120, 220), (128, 128, 128)])
def test_round_trip_of_flat_colours(rgb: tuple[int, int, int]) -> None:
    back = yuv_to_rgb(packed(*rgb_to_yuv(solid_rgb(rgb, 8, 6))), 8, 6)
    assert np.abs(back.astype(int) - np.array(rgb)).max() <= 2


def test_planes_are_views_into_the_packed_buffer() -> None:
    buffer = np.zeros((12, 8), np.uint8)
    y, u, v = planes_of(buffer, 8, 8)
    y[...], u[...], v[...] = 1, 2, 3
    assert (buffer[:8] == 1).all()
    assert buffer.ravel()[64:80].tolist() == [2] * 16 and buffer.ravel()[80:].tolist() == [3] * 16


# Layers ----------------------------------------------------------------------------------------------------------


def test_layer_from_rgba_keeps_alpha_at_full_and_half_resolution() -> None:
    image = Image.new("RGBA", (8, 6), (255, 0, 0, 255))
    image.paste((0, 0, 255, 0), (0, 0, 4, 6))           # left half fully transparent
    image.putpixel((5, 0), (255, 0, 0, 0))               # one clear pixel in a 2×2 block
    layer = YuvLayer.from_image(image)
    assert layer.a is not None and layer.a2 is not None
    assert layer.a.shape == (6, 8) and layer.a2.shape == (3, 4)
    assert (layer.a[:, :4] == 0).all() and layer.a[0, 5] == 0 and layer.a[1, 5] == 255
    assert layer.a2[:, :2].max() == 0
    assert layer.a2[0, 2] == pytest.approx(255 * 3 / 4, abs=1)      # averaged over its 2×2 block
    assert layer.a2[1:, 2:].min() == 255
    assert layer.v[0, 3] == 240                                        # red stays red under the alpha


def test_opaque_images_have_no_alpha() -> None:
    assert YuvLayer.from_image(Image.new("RGBA", (4, 4), (9, 9, 9, 255))).a is None
    assert YuvLayer.from_image(Image.new("RGB", (4, 4), (9, 9, 9))).a is None
    grey = YuvLayer.from_image(Image.new("L", (4, 4), 255))
    assert grey.a is None and (grey.y == 235).all()
    indexed = Image.new("P", (4, 4), 0)
    indexed.putpalette([255, 0, 0] * 256)
    assert (YuvLayer.from_image(indexed).v == 240).all()


def test_odd_sized_images_become_even() -> None:
    layer = YuvLayer.from_image(Image.new("RGBA", (7, 5), (0, 0, 0, 100)))
    assert layer.width in (6, 8) and layer.height in (4, 6)            # the nearest even size
    assert layer.width % 2 == 0 and layer.height % 2 == 0
    assert layer.u.shape == (layer.height // 2, layer.width // 2)
    assert layer.a is not None and layer.a2 is not None and layer.a2.shape == layer.u.shape


def test_solid_matches_the_conversion() -> None:
    layer = YuvLayer.solid(10, 6, (255, 0, 0))
    assert layer.y.shape == (6, 10) and layer.u.shape == (3, 5)
    assert (layer.y == 63).all() and (layer.u == 102).all() and (layer.v == 240).all()


def test_faded_scales_alpha() -> None:
    half = numbered(4, 4).faded(0.5)
    assert half.a is not None and half.a2 is not None
    assert (half.a == 127).all() and (half.a2 == 127).all()
    assert (numbered(4, 4, alpha=200).faded(2.0).a == 200).all()       # clamped to 1
    assert (numbered(4, 4).faded(-1).a == 0).all()


# Resampling ------------------------------------------------------------------------------------------------------

QUADRANTS = {(0, 0): (255, 0, 0), (1, 0): (0, 200, 0), (0, 1): (0, 0, 255), (1, 1): (255, 255, 255)}


def quadrant_layer(size: int = 64) -> YuvLayer:
    image = Image.new("RGB", (size, size))
    half = size // 2
    for (col, row), colour in QUADRANTS.items():
        image.paste(colour, (col * half, row * half, (col + 1) * half, (row + 1) * half))
    return YuvLayer.from_image(image)


@pytest.mark.parametrize(("col", "row"), list(QUADRANTS))
def test_resampled_crop_box_picks_that_part_of_the_picture(col: int, row: int) -> None:
    layer = quadrant_layer()
    part = layer.resampled(40, 20, (col * 32, row * 32, col * 32 + 32, row * 32 + 32))
    assert (part.width, part.height) == (40, 20) and part.u.shape == (10, 20)
    expected = YuvLayer.solid(2, 2, QUADRANTS[(col, row)])
    # The crop may take one even pixel of the neighbour; the middle is the quadrant's colour.
    assert np.abs(part.y[4:16, 6:34].astype(int) - int(expected.y[0, 0])).max() <= 2
    assert np.abs(part.v[2:8, 3:17].astype(int) - int(expected.v[0, 0])).max() <= 2


def test_resampled_without_box_scales_the_whole_layer_and_its_alpha() -> None:
    layer = numbered(16, 8, alpha=128)
    bigger = layer.resampled(33, 17)
    assert bigger.width in (32, 34) and bigger.height in (16, 18)      # rounded to even
    assert bigger.a is not None and bigger.a2 is not None
    assert bigger.a.shape == bigger.y.shape and bigger.a2.shape == bigger.u.shape
    assert (bigger.a == 128).all()
    smaller = quadrant_layer(64).resampled(8, 8)
    assert smaller.y.shape == (8, 8)
    assert int(smaller.y[1, 1]) == 63 and int(smaller.y[6, 6]) == 235


def test_resampled_box_is_clamped_to_the_layer() -> None:
    part = quadrant_layer(64).resampled(10, 10, (40, 40, 500, 500))
    assert part.y.shape == (10, 10)
    assert np.abs(part.y[2:, 2:].astype(int) - 235).max() <= 2        # the white quadrant


# Canvas ----------------------------------------------------------------------------------------------------------


def expected_paste(canvas_y: np.ndarray, layer_y: np.ndarray, x: int, y: int) -> np.ndarray:
    """Reference: every canvas pixel that lies over the layer takes the layer's value."""
    out = canvas_y.copy()
    for row in range(out.shape[0]):
        for col in range(out.shape[1]):
            if 0 <= row - y < layer_y.shape[0] and 0 <= col - x < layer_y.shape[1]:
                out[row, col] = layer_y[row - y, col - x]
    return out


@pytest.mark.parametrize(("x", "y"), [
    (0, 0), (10, 6), (-6, -4), (40, -8), (-10, 30), (44, 36), (50, 40), (-18, 8), (-20, -10),
    (64, 0), (0, 48), (-200, 0), (-2, -2), (-40, -10),
])
def test_paste_clips_at_every_edge(x: int, y: int) -> None:
    canvas = Canvas(64, 48)
    canvas.fill(YuvLayer.solid(64, 48, (0, 0, 0)))
    layer = numbered(20, 12)
    before = canvas.y.copy()
    canvas.paste(layer, x, y)
    assert np.array_equal(canvas.y, expected_paste(before, layer.y, x, y))
    chroma = expected_paste(np.full((24, 32), 128, np.uint8), layer.u, x // 2, y // 2)
    assert np.array_equal(canvas.u, chroma)


def test_a_layer_larger_than_the_canvas_covers_it() -> None:
    canvas = Canvas(16, 8)
    layer = numbered(40, 20)
    canvas.paste(layer, -10, -6)
    assert np.array_equal(canvas.y, layer.y[6:14, 10:26])
    assert (canvas.u == 90).all() and (canvas.v == 170).all()


def test_odd_coordinates_are_rounded_to_even() -> None:
    canvas = Canvas(16, 16)
    canvas.paste(YuvLayer.solid(4, 4, (255, 255, 255)), 3, 5)
    rows, cols = np.nonzero(canvas.y)
    assert rows.min() % 2 == 0 and cols.min() % 2 == 0
    assert len(rows) == 16 and np.count_nonzero(canvas.u) == 4


def test_paste_with_alpha_clips_too() -> None:
    canvas = Canvas(20, 10)
    canvas.fill(YuvLayer.solid(20, 10, (0, 0, 0)))
    canvas.paste(numbered(8, 8, alpha=255), 16, -4)
    assert np.array_equal(canvas.y, expected_paste(np.full((10, 20), 16, np.uint8), numbered(8, 8).y, 16, -4))


def test_alpha_blending_at_half_gives_the_midpoint() -> None:
    canvas = Canvas(8, 8)
    canvas.fill(YuvLayer.solid(8, 8, (0, 0, 0)))
    white = YuvLayer.from_image(Image.new("RGBA", (4, 4), (255, 255, 255, 128)))
    canvas.paste(white, 2, 2)
    assert canvas.y[2:6, 2:6] == pytest.approx(np.full((4, 4), (235 + 16) / 2), abs=1)
    assert (canvas.y[:2] == 16).all() and (canvas.y[6:] == 16).all()
    red = YuvLayer.from_image(Image.new("RGBA", (8, 8), (255, 0, 0, 128)))
    canvas.fill(YuvLayer.solid(8, 8, (0, 0, 0)))
    canvas.paste(red, 0, 0)
    assert canvas.v == pytest.approx(np.full((4, 4), (240 + 128) / 2), abs=1)


def test_transparent_pixels_leave_the_canvas_alone() -> None:
    canvas = Canvas(8, 8)
    canvas.fill(YuvLayer.solid(8, 8, (0, 0, 255)))
    before = canvas.snapshot()
    canvas.paste(YuvLayer.from_image(Image.new("RGBA", (8, 8), (255, 0, 0, 0))).faded(1.0), 0, 0)
    assert np.array_equal(canvas.buffer, before)


def test_mix_cross_fades_two_frames() -> None:
    canvas = Canvas(8, 4)
    canvas.buffer[...] = 100
    other = np.full_like(canvas.buffer, 200)
    canvas.mix(other, 0.25)
    assert (canvas.buffer == 125).all()
    assert (canvas.y == 125).all()                     # the plane views still see the buffer
    canvas.mix(other, 1.0)
    assert (canvas.buffer == 200).all()
    canvas.buffer[...] = 10
    canvas.mix(other, 0.0)
    assert (canvas.buffer == 10).all()


def test_snapshot_is_a_copy() -> None:
    canvas = Canvas(4, 4)
    shot = canvas.snapshot()
    canvas.y[...] = 99
    assert (shot == 0).all() and shot.shape == (6, 4)
