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
    title: str | None = None
    brand: str | None = None
    description: str | None = None
    price: Decimal | None = None
    currency: str | None = None
    compare_at_price: Decimal | None = None
    availability: str | None = None
    images: list[ImageRef] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    rating: float | None = None
    review_count: int | None = None
    reviews: list[Review] = field(default_factory=list)
    breadcrumbs: list[str] = field(default_factory=list)
    sku: str | None = None
    canonical_url: str | None = None
    # How many distinct products this source saw: more than one hints at a listing page.
    product_count: int = 0

    @property
    def empty(self) -> bool:
        return not (self.title or self.price is not None or self.images or self.brand)
