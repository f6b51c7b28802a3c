"""Framing a photo actor in its rectangle, whatever the aspect ratio: the face at a talking-head
size, centred across, its eyes a little above the middle; where the photo does not reach the
rectangle's edge, its own edge pixels are stretched outwards and blurred (never a second,
mirrored or enlarged copy of the person)."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

Box = tuple[int, int, int, int]
Rect = tuple[int, int, int, int]

# The face in the upper part, clear of where cards go in a full frame (9:16 and 1:1: below the
# chin; 16:9: to the right of a face that sits in the left third).
FACE_SHARE_H = 0.21     # the face's height as a share of the rectangle's height
FACE_SHARE_W = 0.42     # …and at most this share of its width
EYE_LINE = 0.28         # where the face's top third sits, down the rectangle
WIDE = 1.3              # a rectangle this much wider than tall puts the face in its left third


def place(head_box: Box, size: tuple[int, int], rect: Rect) -> tuple[float, tuple[int, int]]:
    """Scale and top-left screen position of the rig's canvas (`size`) so its face (`head_box`)
    sits well in `rect`; the photo's bottom edge is kept at or below the rectangle's when it can be."""
    x, y, w, h = rect
    fx0, fy0, fx1, fy1 = head_box
    scale = min(h * FACE_SHARE_H / max(fy1 - fy0, 1), w * FACE_SHARE_W / max(fx1 - fx0, 1))
    eyes = fy0 + (fy1 - fy0) / 3
    # A photo that ends close under the chin is shown larger (up to half as much again) to reach
    # the bottom edge; the face then goes lower, down to the middle, and the rest is filled.
    reach = h * (1 - EYE_LINE) / max(size[1] - eyes, 1)
    scale = min(max(scale, reach), scale * 1.5)
    ox = x + w * (0.3 if w > h * WIDE else 0.5) - (fx0 + fx1) / 2 * scale
    oy = y + h * EYE_LINE - eyes * scale
    oy = min(max(oy, y + h - size[1] * scale), y + h * 0.5 - eyes * scale)
    width = size[0] * scale
    if width >= w:                                                 # no gap at the sides when it is wide enough
        ox = min(max(ox, x + w - width), x)
    return scale, (round(ox), round(oy))


def _matrix(scale: float, origin: tuple[int, int], rect: Rect) -> np.ndarray:
    return np.array([[scale, 0, origin[0] - rect[0]], [0, scale, origin[1] - rect[1]]], np.float32)


def _warp(image: np.ndarray, scale: float, origin: tuple[int, int], rect: Rect, border: int) -> np.ndarray:
    if scale < 1:              # shrink with area averaging first; warpAffine only samples
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        scale = 1.0
    return cv2.warpAffine(image, _matrix(scale, origin, rect), (rect[2], rect[3]), flags=cv2.INTER_CUBIC,
                          borderMode=border, borderValue=0)


def plate(background: Image.Image, scale: float, origin: tuple[int, int], rect: Rect) -> Image.Image:
    """The photo filling `rect` (RGB): beyond its edges, its edge pixels stretched and blurred."""
    rgb = np.asarray(background.convert("RGB"))
    placed = _warp(rgb, scale, origin, rect, cv2.BORDER_REPLICATE)
    inside = _warp(np.full(rgb.shape[:2], 255, np.uint8), scale, origin, rect, cv2.BORDER_CONSTANT)
    if inside.min() >= 250:
        return Image.fromarray(placed)
    soft = max(rect[2], rect[3]) * 0.03
    # blurred at an eighth of the size (the same look, a fraction of the work), a little darker
    small = cv2.resize(placed, (max(1, rect[2] // 8), max(1, rect[3] // 8)), interpolation=cv2.INTER_AREA)
    fill = cv2.resize(cv2.GaussianBlur(small, (0, 0), soft * 1.5 / 8), (rect[2], rect[3]))
    fill = (fill.astype(np.float32) * 0.8).astype(np.uint8)
    keep = cv2.GaussianBlur(cv2.erode(inside, np.ones((5, 5), np.uint8)), (0, 0), soft / 3)[..., None] / 255.0
    return Image.fromarray(np.round(placed * keep + fill * (1 - keep)).astype(np.uint8))


def cutout(person: Image.Image, scale: float, origin: tuple[int, int], rect: Rect) -> Image.Image:
    """The matted person (RGBA) placed in `rect`, transparent around them."""
    rgba = np.asarray(person.convert("RGBA"))
    return Image.fromarray(_warp(rgba, scale, origin, rect, cv2.BORDER_CONSTANT), "RGBA")
