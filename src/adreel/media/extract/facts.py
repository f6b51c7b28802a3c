"""What one source (JSON-LD, microdata, a store's DOM, ...) says about the page's product."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from adreel.media.extract.model import Review


@dataclass(frozen=True)
class ImageRef:
    """A candidate image: its URL and, when the page says, its size in pixels."""

    url: str
    width: int | None = None
    height: int | None = None


@dataclass
class SourceFacts:
    """Partial product facts from one source. Empty means the source did not say."""

    source: str
    # Grouped as the merge weighs them: the price, its currency and the compare-at price are
    # taken together from one source (a sale price never meets another variant's list price).
    price: Decimal | None = None
    currency: str | None = None
    compare_at_price: Decimal | None = None
    # schema.org's valueAddedTaxIncluded on the price: False means the price is before VAT.
    vat_included: bool | None = None
    availability: str | None = None
    # What the product is called, each from the most trusted source that says it.
    title: str | None = None
    brand: str | None = None
    sku: str | None = None
    canonical_url: str | None = None
    description: str | None = None
    # What the page shows of it.
    images: list[ImageRef] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    rating: float | None = None
    review_count: int | None = None
    reviews: list[Review] = field(default_factory=list)
    breadcrumbs: list[str] = field(default_factory=list)
    # How many distinct products this source saw: more than one hints at a listing page.
    product_count: int = 0

    @property
    def empty(self) -> bool:
        return not (self.title or self.price is not None or self.images or self.brand)
