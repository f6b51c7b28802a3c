"""The fixture shop is what other tests take it for: product pages adreel reads fully, and
product pictures that pass adreel's image checks, served over real HTTP."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from PIL import Image, ImageDraw, ImageStat

from adreel.media.extract import read_html, read_url
from adreel.media.images import download_images, inspect_image
from adreel.platform.http import AddressPolicy, Fetcher
from tests.fixtures.shop import CATALOGUE, PICTURES, PRODUCTS, all_routes, page, picture, pictures, routes

BASE = "http://127.0.0.1:8123"


def border_stats(data: bytes, strip: int = 8) -> ImageStat.Stat:
    """Statistics of the outer `strip` pixels of a picture."""
    with Image.open(io.BytesIO(data)) as opened:
        image = opened.convert("RGB")
    mask = Image.new("L", image.size, 255)
    ImageDraw.Draw(mask).rectangle((strip, strip, image.width - strip - 1, image.height - strip - 1), fill=0)
    return ImageStat.Stat(image, mask)


def test_the_shop_has_six_products_in_three_themes_and_languages() -> None:
    assert len(PRODUCTS) == 6
    assert {CATALOGUE[s].theme for s in PRODUCTS} == {"shopify", "woocommerce", "custom"}
    assert sorted(CATALOGUE[s].language for s in PRODUCTS).count("en") == 4
    assert {(CATALOGUE[s].language, CATALOGUE[s].currency) for s in PRODUCTS} == {
        ("en", "USD"), ("de", "EUR"), ("ja", "JPY")}
    assert sum(CATALOGUE[s].compare_at is not None for s in PRODUCTS) >= 3


@pytest.mark.parametrize("slug", PRODUCTS)
def test_every_page_reads_as_a_full_product(slug: str) -> None:
    item = CATALOGUE[slug]
    read = read_html(page(slug, BASE), f"{BASE}/products/{slug}")
    assert read.verdict.is_product, read.verdict.reason
    found = read.product
    assert (found.title, found.brand, found.sku) == (item.name, item.brand, item.sku)
    assert (found.price, found.currency) == (Decimal(item.price), item.currency)
    assert found.compare_at_price == (Decimal(item.compare_at) if item.compare_at else None)
    assert found.images == [f"{BASE}/images/{slug}/{name}.jpg" for name in PICTURES]
    assert (found.rating, found.review_count) == (item.rating, item.review_count)
    assert found.features == list(item.features) and 3 <= len(found.features) <= 5
    assert [r.author for r in found.reviews] == [r.author for r in item.reviews]
    assert found.language == item.language
    assert found.availability == "InStock"


@pytest.mark.parametrize("slug", PRODUCTS)
def test_every_picture_passes_the_image_checks(slug: str) -> None:
    sizes = {name: (image.width, image.height) for name, image in (
        (name, inspect_image(f"{BASE}/images/{slug}/{name}.jpg", data)) for name, data in pictures(slug).items())}
    assert sizes == {"packshot": (1200, 1200), "lifestyle": (1600, 1067), "detail": (1080, 1350)}


@pytest.mark.parametrize("slug", PRODUCTS)
def test_the_packshot_has_a_plain_light_border_and_the_lifestyle_shot_does_not(slug: str) -> None:
    packshot = border_stats(picture(slug, "packshot"))
    assert min(packshot.median) >= 235 and max(packshot.stddev) < 2.5, (packshot.median, packshot.stddev)
    lifestyle = border_stats(picture(slug, "lifestyle"))
    assert max(lifestyle.stddev) > 8, lifestyle.stddev


def test_pictures_are_deterministic_and_palettes_differ_between_products() -> None:
    assert picture.__wrapped__(PRODUCTS[0], "detail") == picture(PRODUCTS[0], "detail")
    product_colours = {inspect_image(s, picture(s, "packshot")).colours[1] for s in PRODUCTS}
    assert len(product_colours) == len(PRODUCTS)


def test_the_shop_is_served_over_http(serve) -> None:
    site = serve()
    site.routes.update(all_routes(site.url("")))
    assert len(site.routes) == len(PRODUCTS) * 4
    slug = PRODUCTS[4]
    status, headers, body = routes(slug, site.url(""))[f"/images/{slug}/packshot.jpg"]
    assert (status, headers["Content-Type"], body) == (200, "image/jpeg", picture(slug, "packshot"))
    with Fetcher(policy=AddressPolicy(allow_private=True)) as fetcher:
        read = read_url(site.url(f"/products/{slug}"), fetcher)
        assert read.verdict.is_product and read.product.title == CATALOGUE[slug].name
        kept, skipped = download_images(read.product.images, fetcher)
    assert not skipped
    assert [p.url.rsplit("/", 1)[1] for p in kept] == [f"{name}.jpg" for name in PICTURES]
