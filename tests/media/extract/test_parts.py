"""The reader's small pure parts, with exact examples."""

from __future__ import annotations

from decimal import Decimal

import pytest

from adreel.media.extract.document import clean_text
from adreel.media.extract.facts import ImageRef
from adreel.media.extract.image_refs import choose_images, is_junk
from adreel.media.extract.language import page_language
from adreel.media.extract.merge import normalise_amount
from adreel.media.extract.opengraph import strip_site_name
from adreel.media.extract.prices import currency_code, discount_percent, from_cents, parse_price


@pytest.mark.parametrize(
    ("text", "locale", "amount", "currency"),
    [
        ("$1,299.00", None, "1299.00", "USD"),
        ("1.299,00 €", "de-DE", "1299.00", "EUR"),
        ("£12", "en-GB", "12", "GBP"),
        ("¥1,980", "ja", "1980", "JPY"),
        ("12 990 ¥", "ja-JP", "12990", "JPY"),
        ("¥1,980", "zh-CN", "1980", "CNY"),
        ("49,90 €", "fr", "49.90", "EUR"),
        ("CA$ 24.99", None, "24.99", "CAD"),
        ("$24.99", "en-AU", "24.99", "AUD"),
        ("499 kr", "sv-SE", "499", "SEK"),
        ("From $29.99", None, "29.99", "USD"),
        ("Price on request", None, None, None),
    ],
)
def test_display_prices_parse_to_amount_and_iso_currency(text, locale, amount, currency) -> None:
    parsed_amount, parsed_currency = parse_price(text, locale=locale)
    assert parsed_amount == (Decimal(amount) if amount else None)
    assert parsed_currency == currency


def test_shopify_minor_units_and_discounts() -> None:
    assert from_cents(8900) == Decimal("89.00")
    assert from_cents("12000") == Decimal("120.00")
    assert from_cents("89.00") == Decimal("89.00")
    assert discount_percent(Decimal("89"), Decimal("120")) == 26
    assert discount_percent(Decimal("89"), Decimal("89")) is None
    assert currency_code("eur") == "EUR" and currency_code("zł") == "PLN"
    assert normalise_amount(Decimal("74.0"), "USD") == Decimal("74.00")
    assert str(normalise_amount(Decimal("1980.00"), "JPY")) == "1980"


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        ("Waxed Canvas Tote | Northfield Outfitters", ("Northfield Outfitters",), "Waxed Canvas Tote"),
        ("Waxed Canvas Tote – Northfield", ("Northfield",), "Waxed Canvas Tote"),
        ("Northfield — Waxed Canvas Tote", ("northfield",), "Waxed Canvas Tote"),
        ("Merino Crew | Kestrel | Tidewater Supply", (None,), "Merino Crew | Kestrel"),
        ("T-Shirt - Red", (None,), "T-Shirt - Red"),
        ("Mini-Fridge X2", ("Acme",), "Mini-Fridge X2"),
    ],
)
def test_site_names_are_stripped_from_titles(title, sites, expected) -> None:
    assert strip_site_name(title, *sites) == expected


def test_html_becomes_clean_text_without_stray_spaces() -> None:
    assert clean_text("<p>Stonewashed <strong>Baltic linen</strong>, 130&nbsp;cm.</p><p>Made in Lithuania.</p>") \
        == "Stonewashed Baltic linen, 130 cm. Made in Lithuania."
    assert clean_text("   ") is None


def test_images_keep_the_largest_variant_once_and_drop_junk() -> None:
    refs = [
        ImageRef("https://cdn.shopify.com/s/files/1/products/tote_200x.jpg?v=2"),
        ImageRef("https://cdn.shopify.com/s/files/1/products/tote.jpg?v=2"),
        ImageRef("https://cdn.shopify.com/s/files/1/products/tote_1024x1024.jpg?v=2"),
        ImageRef("https://shop.example/wp-content/uploads/2024/05/mug-300x300.jpg"),
        ImageRef("https://shop.example/wp-content/uploads/2024/05/mug-1024x1024.jpg"),
        ImageRef("https://m.media-amazon.com/images/I/71abcXYZ._AC_SX300_.jpg"),
        ImageRef("https://m.media-amazon.com/images/I/71abcXYZ._AC_SL1500_.jpg"),
        ImageRef("https://shop.example/static/logo.png"),
        ImageRef("https://shop.example/img/swatches/red.png"),
        ImageRef("https://shop.example/icons/visa.svg"),
        ImageRef("https://www.facebook.com/tr?id=1&ev=PageView"),
        ImageRef("https://shop.example/img/thumb.jpg", width=60, height=60),
    ]
    assert choose_images(refs) == [
        "https://cdn.shopify.com/s/files/1/products/tote.jpg?v=2",
        "https://shop.example/wp-content/uploads/2024/05/mug-1024x1024.jpg",
        "https://m.media-amazon.com/images/I/71abcXYZ._AC_SL1500_.jpg",
    ]
    assert is_junk(ImageRef("https://shop.example/img/payment-icons/amex.png"))
    assert not is_junk(ImageRef("https://shop.example/img/starlight-projector.jpg"))


def test_language_comes_from_the_page_then_from_its_text() -> None:
    assert page_language("de-AT", "en_US", "") == "de"
    assert page_language(None, "es_ES", "") == "es"
    french = "Cette veste imperméable se range dans sa poche et vous garde au sec toute la journée."
    assert page_language(None, None, french) == "fr"
    assert page_language(None, None, "ok") is None


def test_malformed_urls_and_absurd_prices_in_a_page_do_not_crash_the_reader() -> None:
    from adreel.media.extract import read_html

    page = """<html><head><base href="http://[bad/"><meta property="og:image" content="https://[bad/a.jpg">
    <meta property="og:type" content="product"><meta property="og:title" content="Mug">
    <script type="application/ld+json">{"@type": "Product", "name": "Mug", "image": "https://x.example/m.jpg?width=²",
    "offers": {"price": "1e30", "priceCurrency": "USD"}}</script></head><body><h1>Mug</h1></body></html>"""
    read = read_html(page, "https://shop.example/products/mug")
    assert read.product.title == "Mug" and read.product.price is None
    assert read.product.images == ["https://x.example/m.jpg?width=²"]


def test_shopify_named_sizes_rank_by_width() -> None:
    refs = [ImageRef("https://cdn.shopify.com/s/files/1/mug_200x.jpg"),
            ImageRef("https://cdn.shopify.com/s/files/1/mug_large.jpg"),
            ImageRef("https://cdn.shopify.com/s/files/1/mug_master.jpg")]
    assert choose_images(refs) == ["https://cdn.shopify.com/s/files/1/mug_master.jpg"]
