"""Product images: fetched through the safe fetcher, checked, oriented and described."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from adreel.media.images import ImageRejected, download_images, inspect_image
from adreel.platform.http import AddressPolicy, Fetcher


def product_shot(width: int = 800, height: int = 600, fmt: str = "JPEG", **save: object) -> bytes:
    """A product-like picture: a red object on a light backdrop with a dark band at its top."""
    image = Image.new("RGB", (width, height), (236, 232, 225))
    draw = ImageDraw.Draw(image)
    draw.ellipse((width * 0.25, height * 0.2, width * 0.75, height * 0.9), fill=(200, 30, 40))
    draw.rectangle((0, 0, width, height // 10), fill=(20, 20, 20))
    out = io.BytesIO()
    image.save(out, fmt, **save)
    return out.getvalue()


def jpeg(data: bytes) -> tuple[int, dict[str, str], bytes]:
    return 200, {"Content-Type": "image/jpeg"}, data


def test_exif_orientation_is_applied() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: rotate 90° clockwise to view
    picture = inspect_image("https://x/a.jpg", product_shot(800, 600, exif=exif))
    assert (picture.width, picture.height) == (600, 800)
    # The dark band that was at the stored top is now on the right.
    right = picture.image.getpixel((picture.width - 5, picture.height // 2))
    left = picture.image.getpixel((5, picture.height // 2))
    assert sum(right) < 100 < sum(left)


def test_dominant_colours_name_the_backdrop_and_the_product() -> None:
    picture = inspect_image("https://x/a.jpg", product_shot())
    backdrop = picture.colours[0]
    assert all(int(backdrop[i: i + 2], 16) > 215 for i in (1, 3, 5)), picture.colours
    reds = [c for c in picture.colours if int(c[1:3], 16) > 170 and int(c[3:5], 16) < 80]
    assert reds, picture.colours


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (product_shot(200, 200), "smaller than 300 px"),
        (product_shot(2400, 250), "smaller than 300 px"),
        (product_shot(2400, 400), "banner"),
        (b"<html>not an image</html>", "not a readable image"),
        (product_shot()[:200], "not a readable image"),
    ],
)
def test_unusable_images_are_rejected_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ImageRejected, match=reason):
        inspect_image("https://x/a.jpg", data)


def test_a_flat_placeholder_is_rejected() -> None:
    out = io.BytesIO()
    Image.new("RGB", (800, 800), (240, 240, 240)).save(out, "PNG")
    with pytest.raises(ImageRejected, match="flat colour"):
        inspect_image("https://x/p.png", out.getvalue())


def test_a_decompression_bomb_is_refused_before_decoding() -> None:
    out = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(out, "PNG")
    assert len(out.getvalue()) < 1_000_000   # tiny file, 144 megapixels
    with pytest.raises(ImageRejected, match="megapixels"):
        inspect_image("https://x/bomb.png", out.getvalue())


def test_transparent_cutouts_keep_their_alpha() -> None:
    image = Image.new("RGBA", (600, 600), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((150, 100, 450, 500), fill=(30, 90, 200, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    picture = inspect_image("https://x/cut.png", out.getvalue())
    assert picture.has_alpha
    data, ext = picture.encoded()
    assert ext == "png" and Image.open(io.BytesIO(data)).mode == "RGBA"
    red, green, blue = (int(picture.colours[0][i: i + 2], 16) for i in (1, 3, 5))
    assert blue > 180 and red < 60 and 70 < green < 110, picture.colours


def test_download_keeps_the_usable_images_in_page_order(serve) -> None:
    site = serve({
        "/a.jpg": jpeg(product_shot(1200, 1200)),
        "/tiny.jpg": jpeg(product_shot(120, 120)),
        "/page.html": (200, {"Content-Type": "text/html"}, b"<p>hi</p>"),
        "/b.jpg": jpeg(product_shot(900, 1200)),
        "/c.jpg": jpeg(product_shot(1000, 1000)),
    })
    urls = [site.url(p) for p in ("/a.jpg", "/tiny.jpg", "/missing.jpg", "/page.html", "/b.jpg",
                                  "/c.jpg")]
    with Fetcher(policy=AddressPolicy(allow_private=True)) as fetcher:
        kept, skipped = download_images(urls, fetcher, limit=2)
    assert [p.url for p in kept] == [site.url("/a.jpg"), site.url("/b.jpg")]
    reasons = {s.url.rsplit("/", 1)[-1]: s.reason for s in skipped}
    assert "smaller than 300 px" in reasons["tiny.jpg"]
    assert "404" in reasons["missing.jpg"]
    assert "not a image" in reasons["page.html"] or "text/html" in reasons["page.html"]
    assert "/c.jpg" not in site.hits  # two were enough: the rest is never fetched
