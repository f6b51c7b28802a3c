"""Reading product pages over real HTTP, including Shopify's `/products/<handle>.js`."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from adreel.media.extract import read_url
from adreel.platform.http import AddressPolicy, BlockedAddressError, ContentTypeError, Fetcher
from tests.conftest import html

PAGES = Path(__file__).parents[2] / "fixtures" / "pages"

# A lean Shopify theme: the page names the product, but price, vendor and images live only
# behind the store's `/products/<handle>.js` endpoint.
LEAN_SHOPIFY = """<!doctype html><html lang="en"><head>
<title>Tidal Linen Throw – Saltmarsh Home</title>
<link rel="stylesheet" href="//cdn.shopify.com/s/files/1/0999/1111/t/4/assets/theme.css">
<script>window.Shopify = window.Shopify || {}; Shopify.shop = "saltmarsh-home.myshopify.com";
Shopify.currency = {"active":"GBP","rate":"1.0"};</script>
</head><body><div id="shopify-section-header" class="shopify-section"><a href="/">Saltmarsh Home</a></div>
<main><h1 class="product__title">Tidal Linen Throw</h1>
<form action="/cart/add" method="post"><button type="submit" name="add">Add to basket</button></form>
</main></body></html>"""

PRODUCT_JS = {
    "id": 81234, "title": "Tidal Linen Throw", "handle": "tidal-linen-throw", "vendor": "Saltmarsh",
    "description": "<p>Stonewashed <strong>Baltic linen</strong>, 130 × 180 cm.</p>",
    "price": 6800, "compare_at_price": 8500,
    "images": ["//cdn.shopify.com/s/files/1/0999/1111/products/throw-sand.jpg?v=1"],
    "variants": [{"id": 1, "title": "Sand", "price": 6800, "compare_at_price": 8500,
                  "available": True, "sku": "SM-TLT-SAND"}],
}


def fetcher() -> Fetcher:
    return Fetcher(policy=AddressPolicy(allow_private=True))


def test_a_corpus_page_reads_the_same_over_http(serve) -> None:
    spec = json.loads((PAGES / "shopify-dawn-sale.json").read_text("utf-8"))
    markup = (PAGES / "shopify-dawn-sale.html").read_text("utf-8")
    site = serve({"/products/item": html(markup)})
    with fetcher() as client:
        page = read_url(site.url("/products/item"), client)
    assert page.verdict.is_product
    assert page.product.title == spec["expected"]["title"]
    assert page.product.price == Decimal(spec["expected"]["price"])
    assert page.product.url == site.url("/products/item")


def test_a_lean_shopify_theme_is_completed_from_products_js(serve) -> None:
    site = serve({
        "/products/tidal-linen-throw": html(LEAN_SHOPIFY),
        "/products/tidal-linen-throw.js": (200, {"Content-Type": "application/javascript"},
                                           json.dumps(PRODUCT_JS).encode()),
    })
    with fetcher() as client:
        page = read_url(site.url("/products/tidal-linen-throw?variant=1"), client)
    product = page.product
    assert "/products/tidal-linen-throw.js" in site.hits
    assert page.verdict.is_product, page.verdict.reason
    assert (product.title, product.brand, product.currency) == ("Tidal Linen Throw", "Saltmarsh", "GBP")
    assert product.price == Decimal("68.00") and product.compare_at_price == Decimal("85.00")
    assert product.discount_percent == 20
    assert product.description == "Stonewashed Baltic linen, 130 × 180 cm."
    assert product.images == ["https://cdn.shopify.com/s/files/1/0999/1111/products/throw-sand.jpg?v=1"]
    assert "shopify_js" in product.sources


def test_a_missing_products_js_does_not_fail_the_page(serve) -> None:
    site = serve({"/products/tidal-linen-throw": html(LEAN_SHOPIFY)})
    with fetcher() as client:
        page = read_url(site.url("/products/tidal-linen-throw"), client)
    assert page.product.title == "Tidal Linen Throw"
    assert page.product.price is None


def test_a_404_page_is_read_and_judged_not_a_product(serve) -> None:
    site = serve({"/products/gone": html("<h1>Gone</h1><p>Try our bestsellers</p>", status=404)})
    with fetcher() as client:
        page = read_url(site.url("/products/gone"), client)
    assert not page.verdict.is_product
    assert page.verdict.reason == "127.0.0.1 is not a product page. It answered 404 (page not found)."


def test_a_non_html_page_is_refused(serve) -> None:
    site = serve({"/products/manual": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4")})
    with fetcher() as client, pytest.raises(ContentTypeError, match="not a web page"):
        read_url(site.url("/products/manual"), client)


def test_the_page_fetch_is_guarded_by_default(serve) -> None:
    site = serve({"/products/x": html(LEAN_SHOPIFY)})
    with Fetcher() as client, pytest.raises(BlockedAddressError):
        read_url(site.url("/products/x"), client)
    assert site.hits == []
