"""DOM fallbacks for stores whose pages carry little or no structured data.

Each reader knows one platform's markup; `store_facts` runs the one whose markers the page has.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal

from selectolax.lexbor import LexborNode

from adreel.media.extract.document import Document, clean_text, node_text
from adreel.media.extract.embedded_json import inline_scripts, object_after
from adreel.media.extract.facts import ImageRef, SourceFacts
from adreel.media.extract.model import Review
from adreel.media.extract.prices import currency_code, parse_amount, parse_price

_RATING = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:out of|of|von|sur|de|/|su)\s*(\d+)", re.I)
_COUNT = re.compile(r"\d[\d.,\s]*")
_BYLINE = (
    re.compile(r"^Visit the (.+?) Store$", re.I),
    re.compile(r"^(?:Brand|Marke|Marca|Marque)\s*:\s*(.+)$", re.I),
    re.compile(r"^Besuche den (.+?)-Store$", re.I),
)


def price_of(node: LexborNode | None, locale: str | None) -> tuple[Decimal | None, str | None]:
    """Amount and currency shown by a price element (machine attributes first)."""
    if node is None:
        return None, None
    attrs = node.attributes
    for key in ("data-price-amount", "data-product-price", "content", "data-price"):
        amount = parse_amount(attrs.get(key), machine=True)
        if amount is not None:
            _shown, currency = parse_price(node_text(node) or "", locale=locale)
            return amount, currency
    return parse_price(node_text(node) or "", locale=locale)


def first_price(doc: Document, locale: str | None,
                *selectors: str) -> tuple[Decimal | None, str | None]:
    """The first of `selectors` whose element shows a price (themes leave empty price slots)."""
    for selector in selectors:
        amount, currency = price_of(doc.first(selector), locale)
        if amount is not None:
            return amount, currency
    return None, None


def count_of(text: str | None) -> int | None:
    match = _COUNT.search(text or "")
    digits = re.sub(r"\D", "", match.group()) if match else ""
    return int(digits) if digits else None


def rating_of(text: str | None) -> float | None:
    match = _RATING.search(text or "")
    if not match:
        return None
    score, scale = float(match.group(1).replace(",", ".")), float(match.group(2))
    return round(score / scale * 5, 2) if scale > 0 and score <= scale else None


def _img_urls(doc: Document, selector: str, *attrs: str) -> list[ImageRef]:
    refs = []
    for node in doc.tree.css(selector):
        for attr in attrs:
            url = doc.absolute(node.attributes.get(attr))
            if url:
                refs.append(ImageRef(url))
                break
    return refs


def _stars(node: LexborNode | None) -> float | None:
    """A star rating from a widget: a numeric data attribute, else its label ("4 out of 5")."""
    if node is None:
        return None
    attrs = node.attributes
    for key in ("data-grade", "data-rating", "data-score", "data-stars"):
        try:
            value = float(attrs.get(key) or "")
        except ValueError:
            continue
        if 0 <= value <= 5:
            return value
    return rating_of(attrs.get("title") or attrs.get("aria-label") or node_text(node))


def _reviews(doc: Document, item: str, body: str, author: str, title: str,
             stars: str) -> list[Review]:
    reviews = []
    for node in doc.tree.css(item):
        text = node_text(node.css_first(body)) if node.css_first(body) else None
        if not text:
            continue
        star_node = node.css_first(stars) if stars else None
        reviews.append(Review(
            body=text,
            author=node_text(node.css_first(author)) if author else None,
            title=node_text(node.css_first(title)) if title else None,
            rating=_stars(star_node),
        ))
    return reviews


def amazon(doc: Document, locale: str | None) -> SourceFacts:
    facts = SourceFacts(source="dom:amazon")
    facts.title = doc.text("#productTitle")
    byline = doc.text("#bylineInfo")
    for pattern in _BYLINE:
        match = pattern.match(byline or "")
        if match:
            facts.brand = clean_text(match.group(1))
            break
    facts.brand = facts.brand or doc.text("#bylineInfo_feature_div .a-link-normal")
    facts.price, facts.currency = first_price(
        doc, locale, "#corePrice_feature_div .a-price .a-offscreen",
        "#corePriceDisplay_desktop_feature_div .priceToPay .a-offscreen",
        "#corePriceDisplay_desktop_feature_div .a-price .a-offscreen",
        "#priceblock_dealprice", "#priceblock_ourprice", "#apex_desktop .a-price .a-offscreen")
    compare, _ = first_price(
        doc, locale, ".basisPrice .a-offscreen",
        "#corePriceDisplay_desktop_feature_div .a-text-price .a-offscreen", "#listPrice",
        ".priceBlockStrikePriceString")
    if compare is not None and facts.price is not None and compare > facts.price:
        facts.compare_at_price = compare
    facts.features = doc.texts("#feature-bullets li span.a-list-item") or doc.texts(
        "#feature-bullets li")
    landing = doc.first("#landingImage", "#imgBlkFront", "#main-image")
    if landing is not None:
        dynamic = landing.attributes.get("data-a-dynamic-image")
        sizes: list[tuple[int, str]] = []
        if dynamic:
            try:
                sizes = [(int(wh[0]) * int(wh[1]), url)
                         for url, wh in json.loads(dynamic).items()]
            except (ValueError, TypeError, IndexError):
                sizes = []
        hires = landing.attributes.get("data-old-hires")
        for _area, url in sorted(sizes, reverse=True)[:1]:
            full = doc.absolute(url)
            if full:
                facts.images.append(ImageRef(full))
        for ref in (hires, landing.attributes.get("src")):
            full = doc.absolute(ref)
            if full:
                facts.images.append(ImageRef(full))
    facts.rating = rating_of(doc.attr("#acrPopover", "title") or doc.text("#acrPopover"))
    facts.review_count = count_of(doc.text("#acrCustomerReviewText"))
    facts.description = doc.text("#productDescription")
    facts.breadcrumbs = doc.texts("#wayfinding-breadcrumbs_feature_div li a")
    facts.reviews = _reviews(doc, '[data-hook="review"]', '[data-hook="review-body"]',
                             ".a-profile-name", '[data-hook="review-title"]',
                             '[data-hook="review-star-rating"]')
    return facts


def woocommerce(doc: Document, locale: str | None) -> SourceFacts:
    facts = SourceFacts(source="dom:woocommerce")
    facts.title = doc.text(".product_title", ".summary h1")
    price_box = doc.first(".summary .price", ".entry-summary .price", "p.price")
    if price_box is not None:
        sale = price_box.css_first("ins .amount") or price_box.css_first("ins")
        facts.price, facts.currency = price_of(sale or price_box.css_first(".amount") or price_box,
                                               locale)
        old = price_box.css_first("del .amount") or price_box.css_first("del")
        if sale is not None and old is not None:
            facts.compare_at_price, _ = price_of(old, locale)
    symbol = doc.text(".summary .woocommerce-Price-currencySymbol")
    facts.currency = facts.currency or currency_code(symbol, locale=locale)
    facts.brand = doc.text(".product_meta .brand a", ".pwb-single-product-brands a",
                           ".product_meta .posted_in_brand a")
    facts.images = _img_urls(doc, ".woocommerce-product-gallery__image a", "href") or _img_urls(
        doc, ".woocommerce-product-gallery__image img", "data-large_image", "src")
    facts.features = doc.texts(".woocommerce-product-details__short-description li")
    facts.description = doc.text(".woocommerce-product-details__short-description",
                                 "#tab-description")
    facts.breadcrumbs = doc.texts(".woocommerce-breadcrumb a")
    facts.rating = rating_of(doc.attr(".summary .star-rating", "aria-label")
                             or doc.attr(".summary .star-rating", "title")
                             or doc.text(".summary .star-rating"))
    facts.review_count = count_of(doc.text(".woocommerce-review-link .count",
                                           ".woocommerce-review-link"))
    facts.reviews = _reviews(doc, "#reviews .commentlist li", ".description",
                             ".woocommerce-review__author", "", ".star-rating")
    return facts


def bigcommerce(doc: Document, locale: str | None) -> SourceFacts:
    facts = SourceFacts(source="dom:bigcommerce")
    facts.title = doc.text(".productView-title")
    facts.brand = doc.text(".productView-brand a", ".productView-brand")
    facts.price, facts.currency = price_of(
        doc.first("[data-product-price-without-tax]", ".productView .price--withoutTax",
                  "[data-product-price-with-tax]"), locale)
    compare, _ = first_price(doc, locale, "[data-product-rrp-price-without-tax]",
                             "[data-product-non-sale-price-without-tax]",
                             ".productView .price--non-sale")
    if compare is not None and facts.price is not None and compare > facts.price:
        facts.compare_at_price = compare
    for script in inline_scripts(doc):
        if "BCData" in script:
            data = object_after(script, "BCData")
            price = (((data or {}).get("product_attributes") or {}).get("price") or {})
            without = price.get("without_tax") or price.get("with_tax") or {}
            facts.currency = facts.currency or currency_code(without.get("currency"))
            if facts.price is None:
                facts.price = parse_amount(without.get("value"), machine=True)
            break
    facts.images = _img_urls(doc, ".productView-thumbnail-link", "data-image-gallery-zoom-image-url",
                             "href") or _img_urls(doc, ".productView-image img",
                                                  "data-zoom-image", "src")
    facts.features = doc.texts(".productView-description li")
    facts.description = doc.text(".productView-description")
    facts.breadcrumbs = doc.texts(".breadcrumbs .breadcrumb a, .breadcrumbs .breadcrumb span")
    facts.review_count = count_of(doc.text(".productView-reviewLink"))
    return facts


def magento(doc: Document, locale: str | None) -> SourceFacts:
    facts = SourceFacts(source="dom:magento")
    facts.title = doc.text(".page-title .base", ".product-info-main h1")
    main = doc.first(".product-info-main", ".product-info-price") or doc.tree.root
    final = main.css_first('[data-price-type="finalPrice"]') if main else None
    facts.price, facts.currency = price_of(final, locale)
    old = main.css_first('[data-price-type="oldPrice"]') if main else None
    compare, _ = price_of(old, locale)
    if compare is not None and facts.price is not None and compare > facts.price:
        facts.compare_at_price = compare
    facts.brand = doc.text(".product.attribute.brand .value", ".product-brand")
    facts.features = doc.texts(".product.attribute.overview li")
    facts.description = doc.text(".product.attribute.overview .value",
                                 ".product.attribute.description .value")
    facts.breadcrumbs = doc.texts(".breadcrumbs li a, .breadcrumbs li strong")
    for script in inline_scripts(doc):
        if "mage/gallery/gallery" in script:
            data = object_after(script, '"data"')
            for item in data if isinstance(data, list) else []:
                url = doc.absolute(item.get("full") or item.get("img")) if isinstance(
                    item, dict) else None
                if url:
                    facts.images.append(ImageRef(url))
    facts.images += _img_urls(doc, ".gallery-placeholder img", "src")
    return facts


_DESCRIPTION_BOXES = (
    '[itemprop="description"]', ".product__description", ".product-single__description",
    ".product-description", ".product.attribute.description", ".product.attribute.overview",
    "#short_description_content", "#tab-description", ".productView-description",
    "#product-description", "#description", ".description", ".product-details",
    ".product-features", ".features", '[class*="highlight"]', '[class*="feature"]',
    '[class*="benefit"]', '[class*="bullet"]', '[class*="merkmal"]', '[class*="caracter"]',
    '[class*="spec"]',
)


def feature_bullets(doc: Document) -> list[str]:
    """The bullet list in the product's description: short, plain list items."""
    for selector in _DESCRIPTION_BOXES:
        for box in doc.tree.css(selector):
            items = _plain_items(box)
            if items:
                return items
    return _list_after_heading(doc)


def _plain_items(box: LexborNode) -> list[str]:
    """Items of a bullet list: 2-15 short texts, mostly not links (a menu is not a feature list)."""
    nodes = box.css("li")
    if not 2 <= len(nodes) <= 15 or sum(n.css_first("a") is not None for n in nodes) > len(nodes) // 2:
        return []
    items = [t for t in (node_text(li) for li in nodes) if t and 3 <= len(t) <= 300]
    return items if len(items) >= 2 else []


def _inside_chrome(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in {"nav", "header", "footer", "aside", "form"}:
            return True
        parent = parent.parent
    return False


def _list_after_heading(doc: Document) -> list[str]:
    """The longest of the first few plain bullet lists after the product heading, outside
    navigation (the first is often a short list of shipping perks)."""
    seen_heading = False
    lists: list[list[str]] = []
    for node in doc.tree.css("h1, ul"):
        if node.tag == "h1":
            seen_heading = True
        elif seen_heading and not _inside_chrome(node):
            items = _plain_items(node)
            if items:
                lists.append(items)
                if len(lists) == 3:
                    break
    return max(lists, key=len, default=[])


_BRAND_LABELS = frozenset({"brand", "manufacturer", "marke", "hersteller", "marca", "fabricante",
                           "marque", "fabricant", "ブランド", "メーカー", "brand name", "vendor"})


def labelled_value(doc: Document, labels: frozenset[str]) -> str | None:
    """The value beside a label in a specification table (`<th>Brand</th><td>…`) or list
    (`<dt>Brand</dt><dd>…`), as stores show "More information"."""
    for row in doc.tree.css("tr"):
        head, cell = row.css_first("th"), row.css_first("td")
        if head is not None and cell is not None:
            label = (node_text(head) or "").rstrip(":").strip().lower()
            if label in labels:
                return node_text(cell)
    for term in doc.tree.css("dt"):
        label = (node_text(term) or "").rstrip(":").strip().lower()
        definition = term.next
        while definition is not None and definition.tag not in ("dd", "dt"):
            definition = definition.next
        if label in labels and definition is not None and definition.tag == "dd":
            return node_text(definition)
    return None


def _prop_value(doc: Document, name: str) -> str | None:
    """A schema.org property written as microdata or RDFa, read straight from the DOM (RDFa
    processors drop properties nested under links, which hand-written pages often do)."""
    node = doc.first(f'[itemprop="{name}"]', f'[property="{name}"]', f'[property="schema:{name}"]')
    if node is None:
        return None
    return clean_text(node.attributes.get("content")) or node_text(node)


def generic(doc: Document, locale: str | None) -> SourceFacts:
    """Last resort for hand-made stores: the page heading, a price near it, the description's
    bullet list, and brand or description markup that structured-data parsers missed."""
    facts = SourceFacts(source="dom:generic")
    facts.title = doc.text("main h1", "h1")
    scope = doc.first("main", "[role=main]", "#content", "body")
    if scope is not None:
        node = scope.css_first('[itemprop="price"]') or scope.css_first(
            ".product-price, .price, [class*=price]")
        facts.price, facts.currency = price_of(node, locale)
    brand = doc.first('[itemprop="brand"]', '[property="brand"]', '[property="schema:brand"]')
    if brand is not None:
        facts.brand = clean_text(brand.attributes.get("content")) or node_text(brand)
    facts.brand = facts.brand or labelled_value(doc, _BRAND_LABELS)
    score = _prop_value(doc, "ratingValue")
    best = _prop_value(doc, "bestRating") or "5"
    try:
        facts.rating = round(float(score) / float(best) * 5, 2) if score else None
    except (ValueError, ZeroDivisionError):
        facts.rating = None
    facts.review_count = count_of(_prop_value(doc, "reviewCount") or _prop_value(doc, "ratingCount"))
    facts.features = feature_bullets(doc)
    facts.description = doc.text(*_DESCRIPTION_BOXES[:10]) or clean_text(
        doc.meta("description"))
    facts.breadcrumbs = doc.texts('nav[aria-label*="readcrumb"] li') or doc.texts(
        ".breadcrumb li, .breadcrumbs li")
    return facts


def review_widgets(doc: Document, locale: str | None) -> SourceFacts:
    """Review apps that stores embed whatever the platform: Shopify Product Reviews (spr),
    Judge.me, Yotpo, Okendo, Stamped, and a plain `[data-rating]` badge."""
    del locale
    facts = SourceFacts(source="dom:reviews")
    badge = doc.first(".spr-badge[data-rating]", ".jdgm-prev-badge[data-average-rating]",
                      ".yotpo-bottomline [data-average]", "[data-oke-reviews-rating]",
                      ".stamped-badge[data-rating]")
    if badge is not None:
        attrs = badge.attributes
        value = (attrs.get("data-rating") or attrs.get("data-average-rating")
                 or attrs.get("data-average") or attrs.get("data-oke-reviews-rating"))
        try:
            facts.rating = float(value) if value else None
        except ValueError:
            facts.rating = None
        facts.review_count = count_of(attrs.get("data-number-of-reviews")) or count_of(
            node_text(badge))
    for layout in _REVIEW_LAYOUTS:
        facts.reviews = _reviews(doc, *layout)
        if facts.reviews:
            break
    else:
        facts.reviews = _section_reviews(doc)
    return facts


def _section_reviews(doc: Document) -> list[Review]:
    """Hand-made review sections: a `#reviews` / `.reviews` block of articles or list items,
    each with a heading, a paragraph of text and a star label."""
    section = doc.first("#reviews", "section.reviews", ".reviews", '[id*="review"]',
                        '[class*="reviews"]')
    if section is None:
        return []
    reviews = []
    for item in section.css("article, li, .review"):
        paragraphs = [n for n in item.css("p") if not (n.attributes.get("class") or "").strip()]
        body = max((node_text(p) or "" for p in paragraphs), key=len, default="")
        if len(body) < 20:
            continue
        stars = item.css_first("[aria-label]")
        reviews.append(Review(
            body=body,
            title=node_text(item.css_first("h3, h4, h5, strong")),
            author=node_text(item.css_first(".author, .byline, [itemprop=author], cite")),
            rating=rating_of(stars.attributes.get("aria-label") if stars is not None else None),
        ))
    return reviews


# (review item, body, author, title, stars) for each review app's markup.
_REVIEW_LAYOUTS = (
    (".spr-review", ".spr-review-content-body", ".spr-review-header-byline strong",
     ".spr-review-header-title", ".spr-review-header-starratings"),
    (".jdgm-rev", ".jdgm-rev__body", ".jdgm-rev__author", ".jdgm-rev__title", ".jdgm-rev__rating"),
    (".yotpo-review", ".content-review", ".yotpo-user-name", ".content-title", ".yotpo-review-stars"),
    (".okeReviews-reviews-review", ".okeReviews-review-main-content-body",
     ".okeReviews-review-reviewer-profile-details-name", ".okeReviews-review-main-heading",
     ".okeReviews-review-rating"),
    (".stamped-review", ".stamped-review-content-body", ".author", ".stamped-review-header-title",
     ".stamped-starratings"),
    (".loox-review", ".loox-review-content", ".loox-review-title", "", ".loox-rating"),
    (".product-comment-list-item", ".comment-content p:not(.h4)", ".comment-author",
     ".comment-content .h4", ".grade-stars"),
)


StoreReader = Callable[[Document, str | None], SourceFacts]

# (marker selector or substring test, platform name, reader), most specific first.
_PLATFORMS: tuple[tuple[Callable[[Document], bool], str, StoreReader], ...] = (
    (lambda d: d.tree.css_first("#productTitle") is not None, "amazon", amazon),
    (lambda d: d.tree.css_first(".woocommerce, .woocommerce-page, .single-product, "
                                ".woocommerce-product-gallery") is not None
     or "wp-content/plugins/woocommerce" in d.markup, "woocommerce", woocommerce),
    (lambda d: d.tree.css_first(".productView") is not None or "BCData" in d.markup,
     "bigcommerce", bigcommerce),
    (lambda d: "Magento_" in d.markup or "text/x-magento-init" in d.markup
     or d.tree.css_first(".catalog-product-view") is not None, "magento", magento),
)


def detect_platform(doc: Document) -> str | None:
    for marker, name, _reader in _PLATFORMS:
        if marker(doc):
            return name
    return None


def store_facts(doc: Document, platform: str | None, locale: str | None) -> list[SourceFacts]:
    """The platform reader's facts (when the platform is known), then the generic reader's."""
    found = [reader(doc, locale) for _m, name, reader in _PLATFORMS if name == platform]
    return [*found, review_widgets(doc, locale), generic(doc, locale)]
