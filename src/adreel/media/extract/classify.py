"""Is this a product page? A verdict with a confidence and a reason a user can read.

Signals are weighed, not chained: structured product data, a store's product template and an
add-to-cart form speak for a product page; "not found" wording, article markup, listings of many
products, search and cart pages speak against it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from adreel.media.extract.document import Document
from adreel.media.extract.model import Product, Verdict
from adreel.media.extract.schema_org import ARTICLE_TYPES

_NOT_FOUND = re.compile(
    r"\b(?:404|page not found|not be found|couldn.t find (?:that|the|this) page|"
    r"seite nicht gefunden|página no encontrada|page introuvable|page non trouvée|"
    r"pagina non trovata)\b|ページが見つかりません|お探しのページ", re.I)
_CART = re.compile(r"\b(?:your (?:shopping )?cart|shopping cart|warenkorb|carrito|panier|"
                   r"order summary)\b|カート|買い物かご", re.I)
_SEARCH_HEADING = re.compile(r"\b(?:search results?|results for|résultats|suchergebnisse|"
                             r"resultados)\b|検索結果", re.I)
_PRODUCT_PATH = re.compile(r"/(?:products?|p|dp|gp/product|item|items|shop/[^/]+/[^/]+)/",
                           re.I)
_LISTING_PATH = re.compile(r"/(?:collections?|category|categories|c|shop|catalog|catalogue)"
                           r"(?:/[^/]*)?/?$", re.I)
_BLOG_PATH = re.compile(r"/(?:blogs?|journal|news|articles?|magazine|stories)/", re.I)
_CART_PATH = re.compile(r"/(?:cart|basket|bag|checkout|warenkorb|panier|carrito)(?:/|$)", re.I)
_SEARCH_PATH = re.compile(r"/(?:search|suche|recherche|buscar)(?:/|$)", re.I)
_SEARCH_PARAMS = frozenset({"q", "s", "query", "search", "keyword", "keywords", "k"})
_ADD_TO_CART = ('form[action*="/cart/add"]', 'button[name="add-to-cart"]',
                "#add-to-cart-button", "#product-addtocart-button", "[data-button-state]",
                ".single_add_to_cart_button", 'button[name="add"]', "[data-add-to-cart]")


@dataclass
class Signals:
    """What the reader saw on the page, for the verdict."""

    structured_product: bool = False   # schema.org Product as the page's main entity
    structured_names: list[str] = field(default_factory=list)  # top-level products named
    listed_products: int = 0           # products inside lists, reviews, "related" blocks
    schema_types: set[str] = field(default_factory=set)
    og_product: bool = False
    embedded_product: bool = False     # a store's product JSON (Shopify)
    template_product: bool = False     # a store's product template (Amazon, Woo, ...)
    status: int = 200


@dataclass
class _Score:
    points: float = 0.0
    reasons: list[tuple[float, str]] = field(default_factory=list)

    def add(self, points: float, why: str) -> None:
        self.points += points
        self.reasons.append((points, why))


def _words(doc: Document) -> str:
    heading = doc.text("h1") or ""
    return f"{doc.title_tag or ''} {heading}"


def _product_links(doc: Document) -> int:
    hrefs = {n.attributes.get("href") for n in doc.tree.css('a[href*="/products/"], '
                                                            'a[href*="/product/"]')}
    return len(hrefs - {None})


def classify(doc: Document, product: Product, signals: Signals) -> Verdict:
    host = doc.host or "The page"
    not_product = f"{host} is not a product page."
    parts = urlsplit(doc.url)
    path = parts.path or "/"
    query = {k.lower() for k in parse_qs(parts.query)}

    # Decisive negatives first: a page that says it is missing, is missing.
    if signals.status in (404, 410):
        return Verdict(is_product=False, confidence=0.99,
                       reason=f"{not_product} It answered {signals.status} (page not found).")
    if _NOT_FOUND.search(_words(doc)):
        return Verdict(is_product=False, confidence=0.95,
                       reason=f"{not_product} It says the page could not be found.")

    score = _Score()
    title = product.title
    if signals.structured_product:
        score.add(4, "it describes one product in structured data (schema.org Product)")
    if signals.og_product:
        score.add(2.5, "its OpenGraph type is product")
    if signals.embedded_product:
        score.add(3, "the store embeds this product's data")
    if signals.template_product:
        score.add(2.5, "it uses the store's product page template")
    if any(doc.tree.css_first(s) is not None for s in _ADD_TO_CART):
        score.add(1, "it has an add-to-cart button")
    if product.price is not None:
        score.add(0.5, "it shows a price")
    if _PRODUCT_PATH.search(path):
        score.add(0.5, "its address is a product address")
    if not title:
        score.add(-4, "it names no product")

    articles = sorted(signals.schema_types & ARTICLE_TYPES.keys())
    if articles:
        score.add(-5 if not signals.structured_product else -2,
                  f"it is an article (schema.org {ARTICLE_TYPES[articles[0]]})")
    elif (doc.meta("og:type") or "").lower() == "article" or _BLOG_PATH.search(path):
        score.add(-3, "it is a blog or journal article")
    if {"collectionpage", "searchresultspage"} & signals.schema_types:
        score.add(-5, "it is marked up as a collection or search results page")
    if "itemlist" in signals.schema_types and signals.listed_products >= 2:
        score.add(-3, f"it lists {signals.listed_products} products")
    names = set(signals.structured_names)
    if len(names) >= 2:
        heading = (doc.text("h1") or "").lower()
        if not any(n.lower() in heading or heading in n.lower() for n in names if heading):
            score.add(-6, f"it lists {len(names)} different products")
    if _CART_PATH.search(path) or (_CART.search(_words(doc)) and not signals.structured_product):
        score.add(-6, "it is a shopping cart")
    if _SEARCH_PATH.search(path) or query & _SEARCH_PARAMS or _SEARCH_HEADING.search(_words(doc)):
        score.add(-6, "it shows search results")
    if _LISTING_PATH.search(path) and not _PRODUCT_PATH.search(path):
        score.add(-3, "its address is a category or collection")
    strong = (signals.structured_product or signals.embedded_product or signals.og_product
              or signals.template_product)
    if not strong and (path in ("", "/") or re.fullmatch(r"/[a-z]{2}(?:-[a-z]{2})?/?", path,
                                                         re.I)):
        score.add(-2, "it is the site's home page")
    links = _product_links(doc)
    if links >= 12 and not strong:
        score.add(-2, f"it links to {links} products")

    is_product = score.points >= 2.5
    confidence = 1 / (1 + math.exp(-abs(score.points - 2.5) / 1.5))
    relevant = sorted((r for r in score.reasons if (r[0] > 0) == is_product),
                      key=lambda r: -abs(r[0]))
    because = "; ".join(why for _p, why in relevant[:3]) or "nothing on it describes a product"
    if is_product:
        named = f" for {title}" if title else ""
        reason = f"A product page{named}: {because}."
    else:
        reason = f"{not_product} {because[0].upper()}{because[1:]}. Use the page of a single product instead."
    return Verdict(is_product=is_product, confidence=round(confidence, 3), reason=reason)
