"""One image's bytes → a checked, upright picture with its size and dominant colours."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, ImageStat, UnidentifiedImageError

from adreel.errors import AdreelError

MAX_PIXELS = 40_000_000   # a 20 MB file that claims more than this is a decompression bomb
MIN_SIDE = 300
MAX_ASPECT = 4.0          # wider or taller than 4:1 is a banner or a strip, not a product shot


class ImageRejected(AdreelError):
    """The file is not an image adreel can use; the message says why."""

    code = "no_images"


@dataclass(frozen=True)
class ProductImage:
    """A usable product picture: upright RGB(A) pixels and what they look like."""

    url: str
    image: Image.Image
    format: str
    colours: tuple[str, ...]   # dominant colours, most common first, as #rrggbb

    @property
    def width(self) -> int:
        return self.image.width

    @property
    def height(self) -> int:
        return self.image.height

    @property
    def has_alpha(self) -> bool:
        return self.image.mode == "RGBA"

    def encoded(self) -> tuple[bytes, str]:
        """The picture re-encoded for storage: PNG when it has transparency, else JPEG."""
        out = io.BytesIO()
        if self.has_alpha:
            self.image.save(out, "PNG", optimize=False)
            return out.getvalue(), "png"
        self.image.save(out, "JPEG", quality=92)
        return out.getvalue(), "jpg"


def dominant_colours(image: Image.Image, count: int = 5) -> tuple[str, ...]:
    """The `count` most common colours of a small copy, ignoring transparent pixels."""
    small = image.copy()
    small.thumbnail((96, 96))
    if small.mode == "RGBA":
        # Only opaque pixels count: a cut-out's transparent surround is not its colour.
        raw = small.tobytes()
        opaque = b"".join(raw[i: i + 3] for i in range(0, len(raw), 4) if raw[i + 3] > 128)
        if not opaque:
            return ()
        small = Image.frombytes("RGB", (len(opaque) // 3, 1), opaque)
    palette_image = small.convert("RGB").quantize(colors=count, method=Image.Quantize.FASTOCTREE)
    palette = palette_image.getpalette() or []
    ranked = sorted(palette_image.getcolors() or [], reverse=True)
    return tuple(
        "#{:02x}{:02x}{:02x}".format(*palette[index * 3: index * 3 + 3]) for _n, index in ranked
    )


def inspect_image(url: str, data: bytes, *, min_side: int = MIN_SIDE) -> ProductImage:
    """Decode and check one image; raise `ImageRejected` with a reason when it is unusable."""
    bomb = ImageRejected(f"{url} is too large to decode safely; images over "
                         f"{MAX_PIXELS // 1_000_000} megapixels are refused.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            if probe.width * probe.height > MAX_PIXELS:
                raise bomb
            fmt = probe.format or "unknown"
            probe.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise bomb from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ImageRejected(f"{url} is not a readable image.") from exc
    upright = ImageOps.exif_transpose(probe) or probe
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or (
        upright.mode == "P" and "transparency" in upright.info)
    picture = upright.convert("RGBA" if has_alpha else "RGB")
    if has_alpha and picture.getchannel("A").getextrema()[0] == 255:
        picture = picture.convert("RGB")
    if min(picture.size) < min_side:
        raise ImageRejected(
            f"{url} is {picture.width}×{picture.height}: smaller than {min_side} px on a side."
        )
    aspect = max(picture.size) / min(picture.size)
    if aspect > MAX_ASPECT:
        raise ImageRejected(f"{url} is a {aspect:.1f}:1 strip (a banner), not a product shot.")
    stats = ImageStat.Stat(picture.convert("L"))
    if stats.stddev[0] < 2.0:
        raise ImageRejected(f"{url} is a single flat colour (a placeholder).")
    return ProductImage(url=url, image=picture, format=fmt, colours=dominant_colours(picture))
