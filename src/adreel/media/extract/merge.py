"""Merging what several sources say into one product record, most trusted source first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from adreel.media.extract.document import without_bracket_labels
from adreel.media.extract.facts import ImageRef, SourceFacts
from adreel.media.extract.image_refs import choose_images
from adreel.media.extract.model import Product, Review
from adreel.media.extract.prices import discount_percent
from adreel.media.extract.vat import Pricing, ShownVat, settle_vat

# Lower is more trusted. Structured data is written for machines and rarely wrong; a store's
# own DOM beats OpenGraph on price (OG tags often keep the regular price during a sale).
TRUST = {
    "json-ld": 0, "microdata": 1, "shopify_js": 2, "shopify_json": 3, "shopify_meta": 4,
    "dom:amazon": 5, "dom:woocommerce": 5, "dom:bigcommerce": 5, "dom:magento": 5,
    "dom:reviews": 6, "opengraph": 6, "dom:generic": 9,
}
T = TypeVar("T")
MAX_REVIEWS = 10
MAX_FEATURES = 12


def _first(facts: Sequence[SourceFacts], field: Callable[[SourceFacts], T | None]) -> T | None:
    """The value of the most trusted source that has one."""
    for item in facts:
        value = field(item)
        if value not in (None, "", []):
            return value
    return None


def _pricing(facts: Sequence[SourceFacts]) -> tuple[Decimal | None, str | None, Decimal | None]:
    """Price, currency and compare-at price, taken together so a sale price is never paired
    with another variant's regular price."""
    priced = [f for f in facts if f.price is not None]
    if not priced:
        return None, None, None
    chosen = priced[0]
    price = chosen.price
    currency = chosen.currency or _first(facts, lambda f: f.currency)
    compare = chosen.compare_at_price
    if compare is None:
        for other in facts:
            if other.compare_at_price is not None and other.price in (price, None):
                compare = other.compare_at_price
                break
    if compare is not None and price is not None and compare <= price:
        compare = None
    return price, currency, compare


# Currencies without minor units: ¥1,980 is 1980, never 1980.00.
_ZERO_DECIMAL = frozenset({"JPY", "KRW", "VND", "CLP", "ISK", "UGX", "PYG", "XAF", "XOF"})


def normalise_amount(amount: Decimal | None, currency: str | None) -> Decimal | None:
    """An amount at its currency's precision (`74.0` USD → `74.00`, `1980.00` JPY → `1980`)."""
    if amount is None or amount >= Decimal(10) ** 12:
        return None   # no product page sells for a trillion: a parse error, not a price
    step = Decimal(1) if currency in _ZERO_DECIMAL else Decimal("0.01")
    try:
        return amount.quantize(step)
    except InvalidOperation:
        return None


def _reviews(facts: Sequence[SourceFacts]) -> list[Review]:
    seen: set[str] = set()
    merged: list[Review] = []
    for item in facts:
        for review in item.reviews:
            key = review.body[:80].lower()
            if key not in seen:
                seen.add(key)
                merged.append(review)
    return merged[:MAX_REVIEWS]


def merge(url: str, facts: Sequence[SourceFacts], *, breadcrumbs: list[str], language: str | None,
          canonical_url: str | None, platform: str | None, vat: ShownVat | None = None) -> Product:
    ordered = sorted((f for f in facts if not f.empty or f.reviews or f.features),
                     key=lambda f: TRUST.get(f.source, 8))
    pricing = settle_vat(Pricing(*_pricing(ordered)), ordered, vat)
    currency = pricing.currency
    price, compare = normalise_amount(pricing.price, currency), normalise_amount(pricing.compare_at, currency)
    images: list[ImageRef] = [ref for f in ordered for ref in f.images]
    features = list(dict.fromkeys(without_bracket_labels(f) for f in _first(ordered, lambda f: f.features) or []))
    crumbs = breadcrumbs or _first(ordered, lambda f: f.breadcrumbs) or []
    title = _first(ordered, lambda f: f.title)
    title = without_bracket_labels(title) if title else title
    category = next((c for c in reversed(crumbs)
                     if c != title and c.lower() not in {"home", "start", "inicio", "accueil",
                                                         "startseite", "ホーム"}), None)
    return Product(
        url=url,
        canonical_url=canonical_url or _first(ordered, lambda f: f.canonical_url),
        title=title,
        brand=_first(ordered, lambda f: f.brand),
        description=_first(ordered, lambda f: f.description),
        price=price,
        currency=currency if price is not None else None,
        compare_at_price=compare,
        discount_percent=discount_percent(price, compare),
        price_vat=pricing.vat if price is not None else None,
        price_note=pricing.note if price is not None else None,
        availability=_first(ordered, lambda f: f.availability),
        images=choose_images(images),
        features=features[:MAX_FEATURES],
        rating=_first(ordered, lambda f: f.rating),
        review_count=_first(ordered, lambda f: f.review_count),
        reviews=_reviews(ordered),
        breadcrumbs=crumbs,
        category=category,
        language=language,
        sku=_first(ordered, lambda f: f.sku),
        platform=platform,
        sources=[f.source for f in ordered],
    )
