"""Reading schema.org Product data, whichever syntax carried it (JSON-LD, microdata, RDFa).

The syntaxes differ only in how they are written; once each is turned into plain dicts
(`{"@type": ..., "name": ..., "offers": {...}}`) one reader serves them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from adreel.media.extract.document import clean_text
from adreel.media.extract.facts import ImageRef, SourceFacts
from adreel.media.extract.model import Review
from adreel.media.extract.prices import currency_code, parse_amount

PRODUCT_TYPES = frozenset({"product", "productgroup", "productmodel", "individualproduct",
                           "someproducts", "vehicle", "car"})
# Local type name → how schema.org spells it (for reasons shown to users).
ARTICLE_TYPES = {"article": "Article", "blogposting": "BlogPosting", "newsarticle": "NewsArticle",
                 "techarticle": "TechArticle", "blog": "Blog", "reviewnewsarticle": "ReviewNewsArticle",
                 "howto": "HowTo", "recipe": "Recipe"}
LISTING_TYPES = frozenset({"itemlist", "collectionpage", "searchresultspage", "offercatalog"})
# Products found under these keys are not the page's own product.
_NOT_MAIN_KEYS = frozenset({"itemreviewed", "itemlistelement", "item", "isrelatedto",
                            "issimilarto", "isaccessoryorsparepartfor", "isconsumablefor",
                            "hasvariant", "about", "mentions", "itemoffered", "includesobject"})
_STRIKE_TYPES = ("strikethroughprice", "listprice", "srp", "msrp", "wasprice")

Node = dict[str, Any]


def types_of(node: Node) -> set[str]:
    """Lower-case local type names: `schema:Product`, `https://schema.org/Product` → `product`."""
    raw = node.get("@type") or node.get("type") or []
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for v in values if v}


def prop(node: Node, name: str) -> Any:
    """A property by local name, tolerating `schema:name` and full-IRI keys."""
    if name in node:
        return node[name]
    for key, value in node.items():
        if key.rsplit("/", 1)[-1].rsplit(":", 1)[-1] == name:
            return value
    return None


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def first_text(value: Any) -> str | None:
    """Text of a value that may be a string, a number, a `{"@value"}` or `{"name"}` node, or a
    list of them."""
    for item in as_list(value):
        if isinstance(item, dict):
            text = first_text(item.get("@value") or prop(item, "name"))
        else:
            text = clean_text(item)
        if text:
            return text
    return None


class Graph:
    """All dict nodes of one or more structured-data documents, with `@id` references resolved
    and the key each node was found under remembered."""

    def __init__(self, roots: list[Any]) -> None:
        self.nodes: list[tuple[Node, str | None]] = []
        self.by_id: dict[str, Node] = {}
        for root in roots:
            self._walk(root, None, 0)

    def _walk(self, value: Any, key: str | None, depth: int) -> None:
        if depth > 40:
            return
        if isinstance(value, list):
            for item in value:
                self._walk(item, key, depth + 1)
        elif isinstance(value, dict):
            node_id = value.get("@id")
            if isinstance(node_id, str) and len(value) > 1:
                self.by_id.setdefault(node_id, value)
            if types_of(value):
                self.nodes.append((value, key))
            for child_key, child in value.items():
                if child_key == "@graph":
                    self._walk(child, key, depth + 1)
                elif isinstance(child, dict | list):
                    local = child_key.rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower()
                    self._walk(child, local, depth + 1)

    def resolve(self, value: Any) -> Any:
        """Follow a `{"@id": ...}` reference to its full node when the graph has one."""
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
            return self.by_id.get(value["@id"], value)
        return value

    @property
    def types(self) -> set[str]:
        found: set[str] = set()
        for node, _key in self.nodes:
            found |= types_of(node)
        return found

    def products(self) -> tuple[list[Node], list[Node]]:
        """(main candidates, products listed or mentioned elsewhere on the page)."""
        main: list[Node] = []
        other: list[Node] = []
        variant_ids = set()
        for node, key in self.nodes:
            if types_of(node) & PRODUCT_TYPES:
                if key in _NOT_MAIN_KEYS:
                    other.append(node)
                    if key == "hasvariant" and isinstance(node.get("@id"), str):
                        variant_ids.add(node["@id"])
                else:
                    main.append(node)
        # A variant also listed at the top level (common in @graph) belongs to its group.
        has_group = any("productgroup" in types_of(n) for n in main)
        if has_group:
            main = [n for n in main if "productgroup" in types_of(n)
                    or n.get("@id") not in variant_ids]
        return main, other


def _images(graph: Graph, value: Any, absolute: Callable[[str | None], str | None]) -> list[ImageRef]:
    refs: list[ImageRef] = []
    for item in as_list(value):
        item = graph.resolve(item)
        if isinstance(item, dict):
            url = first_text(prop(item, "contentUrl")) or first_text(prop(item, "url"))
            width = _int(prop(item, "width"))
            height = _int(prop(item, "height"))
        else:
            url, width, height = (str(item) if item else None), None, None
        full = absolute(url)
        if full:
            refs.append(ImageRef(full, width, height))
    return refs


def _int(value: Any) -> int | None:
    value = value.get("@value") if isinstance(value, dict) else value
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None or isinstance(value, bool):
        return None
    digits = "".join(ch for ch in str(value) if ch.isdigit() or ch == ".")
    try:
        return int(float(digits)) if digits else None
    except ValueError:
        return None


def _score(text: str | None) -> Decimal | None:
    """A rating value; `4,8` is four point eight (ratings are never in the thousands)."""
    if text and re.fullmatch(r"\d+,\d{1,2}", text.strip()):
        text = text.replace(",", ".")
    return parse_amount(text, machine=True)


def _rating(graph: Graph, value: Any) -> tuple[float | None, int | None]:
    node = graph.resolve(as_list(value)[0]) if as_list(value) else None
    if not isinstance(node, dict):
        return None, None
    score = _score(first_text(prop(node, "ratingValue")))
    best = _score(first_text(prop(node, "bestRating"))) or Decimal(5)
    count = _int(prop(node, "reviewCount")) or _int(prop(node, "ratingCount"))
    if score is None or best <= 0 or score > best:
        return None, count
    return round(float(score / best * 5), 2), count


def _reviews(graph: Graph, value: Any) -> list[Review]:
    reviews: list[Review] = []
    for item in as_list(value):
        item = graph.resolve(item)
        if not isinstance(item, dict):
            continue
        body = first_text(prop(item, "reviewBody")) or first_text(prop(item, "description"))
        if not body:
            continue
        score, _count = _rating(graph, prop(item, "reviewRating"))
        reviews.append(Review(
            body=body,
            author=first_text(prop(item, "author")),
            rating=score,
            title=first_text(prop(item, "name")) or first_text(prop(item, "headline")),
        ))
    return reviews


def _vat_flag(node: Node) -> bool | None:
    """schema.org's `valueAddedTaxIncluded` (`true`, `"false"`, ...); None when absent."""
    value = (first_text(prop(node, "valueAddedTaxIncluded")) or "").rsplit("/", 1)[-1].lower()
    return {"true": True, "false": False}.get(value)


_OfferPrices = tuple[Decimal | None, str | None, Decimal | None, str | None, bool | None]


def _offer_prices(graph: Graph, offers: Any, locale: str | None) -> _OfferPrices:
    """(price, currency, compare-at price, availability, VAT included) from `offers` in any
    of its shapes."""
    for offer in (graph.resolve(o) for o in as_list(offers)):
        if not isinstance(offer, dict):
            continue
        currency = currency_code(first_text(prop(offer, "priceCurrency")), locale=locale)
        price = parse_amount(first_text(prop(offer, "price")), machine=True)
        if price is None and "aggregateoffer" in types_of(offer):
            price = parse_amount(first_text(prop(offer, "lowPrice")), machine=True)
        compare: Decimal | None = None
        plain: list[tuple[Decimal | None, bool | None]] = []
        for spec in (graph.resolve(s) for s in as_list(prop(offer, "priceSpecification"))):
            if not isinstance(spec, dict):
                continue
            amount = parse_amount(first_text(prop(spec, "price")), machine=True)
            kind = (first_text(prop(spec, "priceType")) or "").rsplit("/", 1)[-1].lower()
            currency = currency or currency_code(first_text(prop(spec, "priceCurrency")),
                                                 locale=locale)
            if kind in _STRIKE_TYPES:
                compare = amount
            elif amount is not None:
                plain.append((amount, _vat_flag(spec)))
        price, included = _with_vat(price, _vat_flag(offer), plain)
        if price is None:
            nested = prop(offer, "offers")
            if nested:
                return _offer_prices(graph, nested, locale)
            continue
        availability = first_text(prop(offer, "availability"))
        if availability:
            availability = availability.rsplit("/", 1)[-1]
        if compare is not None and compare <= price:
            compare = None
        return price, currency, compare, availability, included
    return None, None, None, None, None


def _with_vat(price: Decimal | None, included: bool | None,
              specs: list[tuple[Decimal | None, bool | None]]) -> tuple[Decimal | None, bool | None]:
    """The offer's price and whether it includes VAT, as its price specifications say: the
    first one stands in for a missing price, and one including VAT replaces a net price."""
    if price is None and specs:
        price, included = specs[0]
    if included is None:
        included = next((flag for amount, flag in specs if amount == price), None)
    if included is False:
        gross = next((amount for amount, flag in specs if flag is True), None)
        if gross is not None:
            return gross, True
    return price, included


def _brand(graph: Graph, node: Node) -> str | None:
    for item in as_list(prop(node, "brand")):
        text = first_text(graph.resolve(item))
        if text:
            return text
    return None


def breadcrumbs(graph: Graph) -> list[str]:
    for node, _key in graph.nodes:
        if "breadcrumblist" not in types_of(node):
            continue
        items = [graph.resolve(i) for i in as_list(prop(node, "itemListElement"))]
        items = [i for i in items if isinstance(i, dict)]
        items.sort(key=lambda i: _int(prop(i, "position")) or 0)
        names = []
        for item in items:
            name = first_text(prop(item, "name")) or first_text(graph.resolve(prop(item, "item")))
            if name:
                names.append(name)
        if names:
            return names
    return []


def product_facts(graph: Graph, node: Node, source: str,
                  absolute: Callable[[str | None], str | None], locale: str | None) -> SourceFacts:
    """SourceFacts from one schema.org Product (or ProductGroup) node."""
    facts = SourceFacts(source=source)
    facts.title = first_text(prop(node, "name"))
    facts.brand = _brand(graph, node)
    facts.description = first_text(prop(node, "description"))
    facts.sku = first_text(prop(node, "sku")) or first_text(prop(node, "productGroupID"))
    facts.images = _images(graph, prop(node, "image"), absolute)
    (facts.price, facts.currency, facts.compare_at_price, facts.availability,
     facts.vat_included) = _offer_prices(graph, prop(node, "offers"), locale)
    variants = [graph.resolve(v) for v in as_list(prop(node, "hasVariant"))]
    for variant in (v for v in variants if isinstance(v, dict)):
        if facts.price is None:
            (facts.price, facts.currency, facts.compare_at_price, facts.availability,
             facts.vat_included) = _offer_prices(graph, prop(variant, "offers"), locale)
        facts.images += _images(graph, prop(variant, "image"), absolute)
        facts.brand = facts.brand or _brand(graph, variant)
    facts.rating, facts.review_count = _rating(graph, prop(node, "aggregateRating"))
    facts.reviews = _reviews(graph, prop(node, "review"))
    facts.canonical_url = absolute(first_text(prop(node, "url")))
    return facts


def pick_main(candidates: list[Node], title_hint: str | None) -> Node | None:
    """The page's own product among top-level candidates: a ProductGroup first, then the one
    whose name matches the page's heading, then the first."""
    if not candidates:
        return None
    groups = [n for n in candidates if "productgroup" in types_of(n)]
    if groups:
        return groups[0]
    if title_hint:
        hint = title_hint.lower()
        for node in candidates:
            name = (first_text(prop(node, "name")) or "").lower()
            if name and (name in hint or hint in name):
                return node
    return candidates[0]


def iter_names(nodes: list[Node]) -> Iterator[str]:
    for node in nodes:
        name = first_text(prop(node, "name"))
        if name:
            yield name
