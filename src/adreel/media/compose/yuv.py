"""Pictures kept the way the encoder wants them: YUV 4:2:0 (BT.709, limited range), so the
full-resolution frame is never converted from RGB. Layers are converted once when they are
made; each frame only copies, pastes and resamples planes (OpenCV releases the GIL)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import cv2
import numpy as np
from PIL import Image

# BT.709 limited range: Y in 16..235, Cb/Cr in 16..240.
_TO_YUV = np.array([[0.2126, 0.7152, 0.0722],
                    [-0.1146, -0.3854, 0.5],
                    [0.5, -0.4542, -0.0458]], dtype=np.float32)


def rgb_to_yuv(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Full-resolution Y and 2×2-averaged Cb, Cr planes (uint8) of an even-sized RGB array."""
    flat = rgb.astype(np.float32) @ _TO_YUV.T
    y = flat[..., 0] * (219 / 255) + 16
    chroma = cv2.resize(flat[..., 1:], (rgb.shape[1] // 2, rgb.shape[0] // 2), interpolation=cv2.INTER_AREA)
    u = chroma[..., 0] * (224 / 255) + 128
    v = chroma[..., 1] * (224 / 255) + 128
    return tuple(np.clip(p + 0.5, 0, 255).astype(np.uint8) for p in (y, u, v))  # type: ignore[return-value]


def yuv_to_rgb(buffer: np.ndarray, width: int, height: int) -> np.ndarray:
    """An RGB array from a packed yuv420p buffer (for thumbnails and tests)."""
    y, u, v = planes_of(buffer, width, height)
    yf = (y.astype(np.float32) - 16) * (255 / 219)
    up = cv2.resize(u, (width, height), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    vp = cv2.resize(v, (width, height), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    cb = (up - 128) * (255 / 224)
    cr = (vp - 128) * (255 / 224)
    r = yf + 1.5748 * cr
    g = yf - 0.1873 * cb - 0.4681 * cr
    b = yf + 1.8556 * cb
    return np.clip(np.stack([r, g, b], axis=-1) + 0.5, 0, 255).astype(np.uint8)


def planes_of(buffer: np.ndarray, width: int, height: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Views of the Y, U and V planes inside one packed (height·3/2, width) yuv420p buffer."""
    flat = buffer.reshape(-1)
    area = width * height
    y = flat[:area].reshape(height, width)
    u = flat[area: area + area // 4].reshape(height // 2, width // 2)
    v = flat[area + area // 4:].reshape(height // 2, width // 2)
    return y, u, v


def _even(value: float) -> int:
    return round(value / 2) * 2


@dataclass(frozen=True)
class YuvLayer:
    """A YUV 4:2:0 picture with optional alpha (`a` full size, `a2` chroma size), even-sized."""

    y: np.ndarray
    u: np.ndarray
    v: np.ndarray
    a: np.ndarray | None = None
    a2: np.ndarray | None = None

    @property
    def width(self) -> int:
        return self.y.shape[1]

    @property
    def height(self) -> int:
        return self.y.shape[0]

    @cached_property
    def blend_planes(self) -> tuple[np.ndarray, ...]:
        """Premultiplied Y, U, V and the inverse alphas, made once per layer: a paste is then a
        multiply and an add (OpenCV, saturating, vectorised)."""
        assert self.a is not None and self.a2 is not None
        scale = 1 / 255
        return (cv2.multiply(self.y, self.a, scale=scale), cv2.multiply(self.u, self.a2, scale=scale),
                cv2.multiply(self.v, self.a2, scale=scale), 255 - self.a, 255 - self.a2)

    @classmethod
    def from_image(cls, image: Image.Image) -> YuvLayer:
        """Convert a Pillow image once; an RGBA image keeps its alpha (straight, not premultiplied)."""
        width, height = _even(image.width) or 2, _even(image.height) or 2
        if (width, height) != image.size:
            image = image.resize((width, height), Image.Resampling.LANCZOS)
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.getbands() or image.mode == "P" else "RGB")
        pixels = np.asarray(image)
        y, u, v = rgb_to_yuv(pixels[..., :3])
        if image.mode != "RGBA" or pixels[..., 3].min() == 255:
            return cls(y, u, v)
        alpha = np.ascontiguousarray(pixels[..., 3])
        return cls(y, u, v, alpha, cv2.resize(alpha, (width // 2, height // 2), interpolation=cv2.INTER_AREA))

    @classmethod
    def solid(cls, width: int, height: int, rgb: tuple[int, int, int]) -> YuvLayer:
        y, u, v = rgb_to_yuv(np.array([[rgb]], dtype=np.uint8).repeat(2, 0).repeat(2, 1))
        return cls(np.full((height, width), y[0, 0], np.uint8), np.full((height // 2, width // 2), u[0, 0], np.uint8),
                   np.full((height // 2, width // 2), v[0, 0], np.uint8))

    def resampled(self, width: int, height: int, box: tuple[float, float, float, float] | None = None) -> YuvLayer:
        """The part `box` (x0, y0, x1, y1 in this layer's pixels) scaled to `width`×`height`."""
        width, height = max(2, _even(width)), max(2, _even(height))
        x0, y0, x1, y1 = box or (0, 0, self.width, self.height)
        # Whole chroma pixels: crop on even coordinates so the planes stay aligned.
        x0, y0 = max(0, _even(x0 - 1)), max(0, _even(y0 - 1))
        x1, y1 = min(self.width, max(x0 + 2, _even(x1))), min(self.height, max(y0 + 2, _even(y1)))

        def fit(plane: np.ndarray | None, scale: int) -> np.ndarray | None:
            if plane is None:
                return None
            part = plane[y0 // scale: y1 // scale, x0 // scale: x1 // scale]
            size = (width // scale, height // scale)
            shrinking = part.shape[1] > size[0] * 1.5
            return cv2.resize(part, size, interpolation=cv2.INTER_AREA if shrinking else cv2.INTER_LINEAR)

        return YuvLayer(fit(self.y, 1), fit(self.u, 2), fit(self.v, 2), fit(self.a, 1), fit(self.a2, 2))  # type: ignore[arg-type]

    def rotated(self, degrees: float, centre: tuple[float, float]) -> YuvLayer:
        """The same picture turned by `degrees` (clockwise on screen) about `centre`, same size;
        what turns in from outside is transparent."""
        if abs(degrees) < 0.01:
            return self
        matrix = cv2.getRotationMatrix2D(centre, -degrees, 1.0)
        half = matrix.copy()
        half[:, 2] /= 2
        size, small = (self.width, self.height), (self.width // 2, self.height // 2)
        alpha = self.a if self.a is not None else np.full(self.y.shape, 255, np.uint8)
        alpha2 = self.a2 if self.a2 is not None else np.full(self.u.shape, 255, np.uint8)

        def turn(plane: np.ndarray, m: np.ndarray, to: tuple[int, int]) -> np.ndarray:
            return cv2.warpAffine(plane, m, to, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)

        return YuvLayer(turn(self.y, matrix, size), turn(self.u, half, small), turn(self.v, half, small),
                     turn(alpha, matrix, size), turn(alpha2, half, small))

    def faded(self, opacity: float) -> YuvLayer:
        """The same picture at `opacity` (0…1) — used for fades of small layers."""
        opacity = min(max(opacity, 0.0), 1.0)
        alpha = self.a if self.a is not None else np.full(self.y.shape, 255, np.uint8)
        alpha2 = self.a2 if self.a2 is not None else np.full(self.u.shape, 255, np.uint8)
        return YuvLayer(self.y, self.u, self.v, (alpha * opacity).astype(np.uint8), (alpha2 * opacity).astype(np.uint8))


def _blend(dst: np.ndarray, premultiplied: np.ndarray, inverse: np.ndarray) -> None:
    """dst = src·α + dst·(1−α) in place, from the layer's premultiplied planes (±1 level)."""
    cv2.add(cv2.multiply(dst, inverse, scale=1 / 255), premultiplied, dst=dst)


class Canvas:
    """One frame being composed: a packed yuv420p buffer with plane views into it."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.buffer = np.zeros((height * 3 // 2, width), np.uint8)
        self.y, self.u, self.v = planes_of(self.buffer, width, height)

    def fill(self, layer: YuvLayer) -> None:
        """Start from a full-frame opaque layer (a shot's backdrop)."""
        self.y[...] = layer.y
        self.u[...] = layer.u
        self.v[...] = layer.v

    def paste(self, layer: YuvLayer, x: int, y: int) -> None:
        """Draw `layer` with its top-left at (x, y), clipped to the frame; alpha-blended when it
        has alpha. Coordinates are rounded to even so chroma lines up."""
        x, y = _even(x), _even(y)
        left, top = max(x, 0), max(y, 0)
        right, bottom = min(x + layer.width, self.width), min(y + layer.height, self.height)
        if right <= left or bottom <= top:
            return
        sx, sy = left - x, top - y
        w, h = right - left, bottom - top
        if layer.a is None:
            self.y[top:bottom, left:right] = layer.y[sy:sy + h, sx:sx + w]
            self.u[top // 2:bottom // 2, left // 2:right // 2] = layer.u[sy // 2:(sy + h) // 2, sx // 2:(sx + w) // 2]
            self.v[top // 2:bottom // 2, left // 2:right // 2] = layer.v[sy // 2:(sy + h) // 2, sx // 2:(sx + w) // 2]
            return
        py, pu, pv, inv, inv2 = layer.blend_planes
        _blend(self.y[top:bottom, left:right], py[sy:sy + h, sx:sx + w], inv[sy:sy + h, sx:sx + w])
        chroma = (slice(top // 2, bottom // 2), slice(left // 2, right // 2))
        inside = (slice(sy // 2, (sy + h) // 2), slice(sx // 2, (sx + w) // 2))
        _blend(self.u[chroma], pu[inside], inv2[inside])
        _blend(self.v[chroma], pv[inside], inv2[inside])

    def mix(self, other: np.ndarray, weight: float) -> None:
        """Cross-fade: this frame becomes (1−w)·this + w·other (another packed buffer)."""
        cv2.addWeighted(self.buffer, 1.0 - weight, other, weight, 0.0, dst=self.buffer)

    def snapshot(self) -> np.ndarray:
        return self.buffer.copy()
