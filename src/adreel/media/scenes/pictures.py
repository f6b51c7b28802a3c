"""Product pictures made ready for the screen, never stretched: a photo that nearly matches the
frame fills it; another sits whole over a blurred copy of itself; a product shot on a plain
background is cut out onto a brand-coloured backdrop with a soft shadow."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFilter
from scipy import ndimage

from adreel.media.scenes.palette import Palette

OVERSIZE = 1.12         # heroes are drawn this much larger so a move never runs out of picture


def _border(pixels: np.ndarray, width: int = 6) -> np.ndarray:
    return np.concatenate([pixels[:width].reshape(-1, 3), pixels[-width:].reshape(-1, 3),
                           pixels[:, :width].reshape(-1, 3), pixels[:, -width:].reshape(-1, 3)])


def has_plain_background(image: Image.Image) -> bool:
    """True when the picture's border is one even colour (a studio packshot)."""
    if image.mode == "RGBA" and np.asarray(image)[..., 3].min() < 128:
        return True
    small = image.convert("RGB")
    small.thumbnail((256, 256))
    border = _border(np.asarray(small).astype(np.float32))
    return bool(np.percentile(np.abs(border - np.median(border, axis=0)).max(axis=1), 90) < 14)


def cut_out(image: Image.Image) -> Image.Image:
    """The product without its plain background: pixels close to the border colour and
    connected to the border become transparent; the edge is feathered; cropped to the product."""
    if image.mode == "RGBA" and np.asarray(image)[..., 3].min() < 128:
        rgba = image
    else:
        rgb = image.convert("RGB")
        pixels = np.asarray(rgb).astype(np.int16)
        colour = np.median(_border(pixels.astype(np.float32)), axis=0)
        near = np.abs(pixels - colour).max(axis=2) < 24
        labels, _count = ndimage.label(near)
        edge = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
        background = np.isin(labels, edge[edge > 0])
        alpha = Image.fromarray(np.where(background, 0, 255).astype(np.uint8))
        alpha = alpha.filter(ImageFilter.GaussianBlur(1.2))
        rgba = rgb.copy()
        rgba.putalpha(alpha)
    box = rgba.getchannel("A").point(lambda v: 255 if v > 16 else 0).getbbox()
    return rgba.crop(box) if box else rgba


def framing_for(image: Image.Image, width: int, height: int) -> str:
    """`cutout`, `cover` (the crop loses under a third) or `contain`."""
    if has_plain_background(image):
        return "cutout"
    frame, picture = width / height, image.width / image.height
    kept = min(frame, picture) / max(frame, picture)
    return "cover" if kept >= 0.7 else "contain"


def fit(size: tuple[int, int], box: tuple[int, int], cover: bool) -> tuple[int, int]:
    """`size` scaled to fit inside (or cover) `box`, aspect kept."""
    scale = (max if cover else min)(box[0] / size[0], box[1] / size[1])
    return max(2, round(size[0] * scale)), max(2, round(size[1] * scale))


def cover_crop(image: Image.Image, width: int, height: int) -> Image.Image:
    """Fill `width`×`height` exactly, cropping the excess around the centre."""
    w, h = fit(image.size, (width, height), cover=True)
    scaled = image.convert("RGB").resize((w, h), Image.Resampling.LANCZOS)
    left, top = (w - width) // 2, (h - height) // 2
    return scaled.crop((left, top, left + width, top + height))


def gradient_backdrop(palette: Palette, width: int, height: int) -> Image.Image:
    """A radial glow from the base colour to its dark shade, with a faint grain so flat areas
    do not band after compression."""
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    cx, cy = width / 2, height * 0.42
    distance = np.sqrt(((xx - cx) / width) ** 2 + ((yy - cy) / height) ** 2) / 0.75
    t = np.clip(distance, 0, 1)[..., None]
    base, dark = np.array(palette.base, np.float32), np.array(palette.base_dark, np.float32)
    grain = np.random.default_rng(7).normal(0, 1.5, (height, width, 1)).astype(np.float32)
    pixels = base * (1 - t) + dark * t + grain
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")


def blurred_backdrop(image: Image.Image, width: int, height: int) -> Image.Image:
    """The picture itself, covering the frame, heavily blurred and dimmed."""
    small = cover_crop(image, max(2, width // 8), max(2, height // 8))
    blurred = small.filter(ImageFilter.GaussianBlur(6)).resize((width, height), Image.Resampling.BICUBIC)
    return Image.eval(blurred, lambda v: int(v * 0.55))


def with_shadow(product: Image.Image, radius: int = 28) -> Image.Image:
    """An RGBA cut-out on a soft shadow that grounds it on the backdrop."""
    pad = radius * 2
    canvas = Image.new("RGBA", (product.width + 2 * pad, product.height + 2 * pad), (0, 0, 0, 0))
    shadow = Image.new("L", canvas.size, 0)
    shadow.paste(product.getchannel("A").point(lambda v: v * 0.55), (pad, pad + radius // 2))
    shadow = shadow.filter(ImageFilter.GaussianBlur(radius))
    canvas.putalpha(shadow)
    black = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    black.putalpha(shadow)
    canvas = Image.alpha_composite(Image.new("RGBA", canvas.size, (0, 0, 0, 0)), black)
    canvas.alpha_composite(product, (pad, pad))
    return canvas


def rounded_photo(photo: Image.Image, radius: int) -> Image.Image:
    """A photo with rounded corners (alpha), for pictures shown inside card scenes."""
    mask = Image.new("L", (photo.width * 2, photo.height * 2), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, mask.width - 1, mask.height - 1), radius=radius * 2, fill=255)
    rgba = photo.convert("RGB").copy()
    rgba.putalpha(mask.resize(photo.size, Image.Resampling.LANCZOS))
    return rgba
