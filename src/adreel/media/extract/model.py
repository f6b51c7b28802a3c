"""The product record: what adreel knows about one product page."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from adreel.errors import AdreelError


class Review(BaseModel):
    """One shopper review as the page shows it."""

    model_config = ConfigDict(frozen=True)

    body: str
    author: str | None = None
    rating: float | None = Field(None, ge=0, le=5)
    title: str | None = None


class NotAProduct(AdreelError):
    """The page was read and is not a product page (a home page, a listing, a 404...)."""

    code = "not_a_product"


class Product(BaseModel):
    """A product as read from its page. Every field is what the page supports, never a guess:
    a missing fact is None or empty, so writers downstream can tell what they may claim."""

    url: str
    canonical_url: str | None = None
    title: str | None = None
    brand: str | None = None
    description: str | None = None
    price: Decimal | None = None
    currency: str | None = None
    compare_at_price: Decimal | None = None
    discount_percent: int | None = None
    # What the price includes where the page says ("included" or "excluded" VAT), and a
    # sentence saying why the reader chose it where VAT decided between prices.
    price_vat: Literal["included", "excluded"] | None = None
    price_note: str | None = None
    availability: str | None = None
    images: list[str] = Field(default_factory=list)
    features: list[str] = Field(default_factory=list)
    rating: float | None = Field(None, ge=0, le=5)
    review_count: int | None = Field(None, ge=0)
    reviews: list[Review] = Field(default_factory=list)
    breadcrumbs: list[str] = Field(default_factory=list)
    category: str | None = None
    language: str | None = None
    sku: str | None = None
    platform: str | None = None
    sources: list[str] = Field(default_factory=list)

    @field_serializer("price", "compare_at_price")
    def _decimal_as_string(self, value: Decimal | None) -> str | None:
        # Prices travel as exact decimal strings; floats would turn 19.99 into 19.989999...
        return None if value is None else format(value, "f")


class Verdict(BaseModel):
    """Whether a page is a product page, how sure, and why in words a user understands."""

    model_config = ConfigDict(frozen=True)

    is_product: bool
    confidence: float = Field(ge=0, le=1)
    reason: str


class PageRead(BaseModel):
    """The outcome of reading one page: the record and the verdict on it."""

    product: Product
    verdict: Verdict

    def as_record(self) -> dict[str, object]:
        """The flat JSON record `adreel inspect` prints."""
        return {
            "is_product": self.verdict.is_product,
            "confidence": round(self.verdict.confidence, 2),
            "reason": self.verdict.reason,
            **self.product.model_dump(mode="json"),
        }
