"""Shopify stores: the product JSON themes embed, the analytics `meta` blob, and the
`/products/<handle>.js` endpoint every Shopify store serves."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from adreel.media.extract.document import Document, clean_text
from adreel.media.extract.embedded_json import inline_scripts, json_scripts, object_after
from adreel.media.extract.facts import ImageRef, SourceFacts
from adreel.media.extract.prices import currency_code, from_cents

_HANDLE = re.compile(r"/products/([^/?#.]+)")
_CURRENCY = re.compile(r"""Shopify\.currency\s*=\s*\{[^}]*["']active["']\s*:\s*["']([A-Z]{3})""")
_META_CURRENCY = re.compile(r"""meta\.currency\s*=\s*["']([A-Z]{3})""")


def is_shopify(doc: Document) -> bool:
    markup = doc.markup
    return "cdn.shopify.com" in markup or "Shopify.shop" in markup or "shopify-section" in markup


def product_js_url(page_url: str) -> str | None:
    """`https://shop/products/tote?variant=1` → `https://shop/products/tote.js`."""
    parts = urlsplit(page_url)
    match = _HANDLE.search(parts.path)
    if not match:
        return None
    path = parts.path[: match.end()] + ".js"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _looks_like_product(value: Any) -> bool:
    return (isinstance(value, dict) and isinstance(value.get("variants"), list)
            and ("title" in value or "vendor" in value))


def _default_variant(product: dict[str, Any]) -> dict[str, Any] | None:
    variants = [v for v in product.get("variants") or [] if isinstance(v, dict)]
    available = [v for v in variants if v.get("available") is not False]
    return (available or variants or [None])[0]


def product_json_facts(product: dict[str, Any], doc: Document, source: str) -> SourceFacts:
    """SourceFacts from a Shopify product object (theme JSON, `product | json`, or `.js`)."""
    facts = SourceFacts(source=source)
    facts.title = clean_text(product.get("title"))
    facts.brand = clean_text(product.get("vendor"))
    facts.description = clean_text(product.get("description") or product.get("body_html"))
    variant = _default_variant(product)
    price_source = variant if variant and variant.get("price") is not None else product
    facts.price = from_cents(price_source.get("price"))
    facts.compare_at_price = from_cents(price_source.get("compare_at_price"))
    if facts.price is not None and (facts.compare_at_price or 0) <= facts.price:
        facts.compare_at_price = None
    if variant and variant.get("sku"):
        facts.sku = str(variant["sku"])
    for media in product.get("media") or []:
        if isinstance(media, dict) and media.get("media_type", "image") == "image":
            src = media.get("src") or (media.get("preview_image") or {}).get("src")
            url = doc.absolute(src)
            if url:
                facts.images.append(ImageRef(url, media.get("width"), media.get("height")))
    for image in product.get("images") or []:
        src = image.get("src") if isinstance(image, dict) else image
        url = doc.absolute(src)
        if url:
            facts.images.append(ImageRef(url))
    facts.currency = store_currency(doc)
    facts.product_count = 1
    return facts


def store_currency(doc: Document) -> str | None:
    for script in inline_scripts(doc):
        match = _CURRENCY.search(script) or _META_CURRENCY.search(script)
        if match:
            return match.group(1)
    return currency_code(doc.meta("og:price:currency", "product:price:currency"))


def shopify_facts(doc: Document) -> SourceFacts | None:
    """SourceFacts from what a Shopify theme embeds; None when the page embeds no product."""
    for _attrs, value in json_scripts(doc):
        candidate = value.get("product") if isinstance(value, dict) and "product" in value else value
        if _looks_like_product(candidate):
            return product_json_facts(candidate, doc, "shopify_json")
    for script in inline_scripts(doc):
        if "var meta" not in script and "ShopifyAnalytics.meta" not in script:
            continue
        meta = object_after(script, "var meta")
        product = meta.get("product") if isinstance(meta, dict) else None
        if isinstance(product, dict) and product.get("variants"):
            facts = product_json_facts(product, doc, "shopify_meta")
            variant = _default_variant(product) or {}
            name, public = variant.get("name"), variant.get("public_title")
            if name and public and str(name).endswith(f" - {public}"):
                name = str(name)[: -len(f" - {public}")]
            facts.title = clean_text(name)
            return facts
    return None
