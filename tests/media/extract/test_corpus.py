"""Every page of the fixture corpus reads to its expected record and verdict."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from adreel.media.extract import read_html
from adreel.media.extract.image_refs import variant_key

PAGES = Path(__file__).parents[2] / "fixtures" / "pages"
CASES = sorted(PAGES.glob("*.json"))


def _load(case: Path) -> tuple[dict, str]:
    return json.loads(case.read_text("utf-8")), case.with_suffix(".html").read_text("utf-8")


def _same_image(a: str, b: str) -> bool:
    """Same picture: same scheme, host and path once size variants (`_1024x`, `-300x300`,
    `._AC_SX679_`, `/cache/<hash>/`) are set aside, since the reader keeps the largest."""
    return urlsplit(a).scheme == urlsplit(b).scheme and variant_key(a)[0] == variant_key(b)[0]


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def test_corpus_covers_the_kinds_of_page() -> None:
    specs = [_load(case)[0] for case in CASES]
    assert len(specs) >= 40
    kinds = {s.get("kind") for s in specs if not s["is_product"]}
    assert {"home", "collection", "search", "blog", "cart", "404"} <= kinds
    platforms = {s.get("platform") for s in specs if s["is_product"]}
    assert {"shopify", "woocommerce", "bigcommerce", "magento", "amazon"} <= platforms
    languages = {s["expected"].get("language") for s in specs if s["is_product"]}
    assert {"en", "es", "de", "fr", "ja"} <= languages


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_page_reads_to_its_expected_record(case: Path) -> None:
    spec, markup = _load(case)
    read = read_html(markup, spec["url"])
    assert read.verdict.is_product is spec["is_product"], read.verdict.reason
    assert read.verdict.reason
    if not spec["is_product"]:
        assert read.verdict.reason.startswith(f"{urlsplit(spec['url']).hostname} is not")
        return
    expected, product = spec["expected"], read.product
    assert product.title == expected["title"]
    assert product.brand == expected["brand"]
    assert product.price == _decimal(expected["price"])
    assert product.currency == expected["currency"]
    assert product.images, "a product needs at least one image"
    assert any(_same_image(url, expected["image"]) for url in product.images), product.images
    if "compare_at_price" in expected:
        assert product.compare_at_price == _decimal(expected["compare_at_price"])
    if "language" in expected:
        assert product.language == expected["language"]
    if "rating" in expected:
        assert product.rating == pytest.approx(expected["rating"], abs=0.05)
    if "review_count" in expected:
        assert product.review_count == expected["review_count"]
    if "price_vat" in expected:
        assert product.price_vat == expected["price_vat"]
    if "price_note" in expected:   # null, or words the note must say
        words = expected["price_note"]
        assert product.price_note is None if words is None else all(
            w in (product.price_note or "") for w in words), product.price_note
    assert len(product.features) >= expected.get("features_min", 0)
    assert len(product.reviews) >= expected.get("reviews_min", 0)
    # Clean text only: no markup leaks into what the writer will read.
    for text in [product.title, product.description or "", *product.features]:
        assert "<" not in text or ">" not in text
