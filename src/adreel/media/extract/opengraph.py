"""OpenGraph / Facebook product tags and Twitter cards."""

from __future__ import annotations

import re

from adreel.media.extract.document import Document, clean_text
from adreel.media.extract.facts import ImageRef, SourceFacts
from adreel.media.extract.prices import currency_code, parse_amount, parse_price

_SEPARATORS = re.compile(r"\s+[|–—\-:·•]\s+")


def strip_site_name(title: str | None, *site_names: str | None) -> str | None:
    """`Waxed Tote | Northfield` → `Waxed Tote` when `Northfield` is the site's name; with no
    site name known, a trailing segment after a pipe (the usual site separator) is dropped."""
    if not title:
        return None
    names = {n.strip().lower() for n in site_names if n and n.strip()}
    cuts = list(_SEPARATORS.finditer(title))
    spans = [(0 if i == 0 else cuts[i - 1].end(), cuts[i].start() if i < len(cuts) else len(title))
             for i in range(len(cuts) + 1)]

    def is_site(span: tuple[int, int]) -> bool:
        piece = title[span[0]:span[1]].strip().lower()
        return any(piece == n or n in piece for n in names)

    first, last = 0, len(spans) - 1
    while last > first and is_site(spans[last]):
        last -= 1
    while first < last and is_site(spans[first]):
        first += 1
    if (first, last) == (0, len(spans) - 1) and last > 0 and cuts[-1].group().strip() == "|":
        last -= 1
    return clean_text(title[spans[first][0]:spans[last][1]])


def is_product_type(doc: Document) -> bool:
    og_type = (doc.meta("og:type") or "").lower()
    return og_type in {"product", "og:product", "product.item", "product.group"}


def opengraph_facts(doc: Document) -> SourceFacts:
    facts = SourceFacts(source="opengraph")
    site = doc.meta("og:site_name")
    facts.title = strip_site_name(clean_text(doc.meta("og:title", "twitter:title")), site)
    facts.description = clean_text(doc.meta("og:description", "twitter:description"))
    facts.brand = clean_text(doc.meta("product:brand", "og:brand"))
    locale = doc.meta("og:locale")
    sale = parse_amount(doc.meta("product:sale_price:amount", "og:sale_price:amount"), machine=True)
    regular = parse_amount(doc.meta("product:price:amount", "og:price:amount",
                                    "product:price", "og:price"), machine=True)
    original = parse_amount(doc.meta("product:original_price:amount"), machine=True)
    facts.price = sale if sale is not None else regular
    if sale is not None and regular is not None and regular > sale:
        facts.compare_at_price = regular
    elif original is not None and facts.price is not None and original > facts.price:
        facts.compare_at_price = original
    facts.currency = currency_code(
        doc.meta("product:price:currency", "og:price:currency", "product:sale_price:currency"),
        locale=locale)
    if facts.price is None:
        # Twitter product cards: twitter:label1 = "Price", twitter:data1 = "$29.99".
        for i in (1, 2):
            label = (doc.meta(f"twitter:label{i}") or "").lower()
            if "price" in label or "prix" in label or "preis" in label or "precio" in label:
                facts.price, facts.currency = parse_price(doc.meta(f"twitter:data{i}") or "",
                                                          locale=locale)
                break
    facts.availability = clean_text(doc.meta("product:availability", "og:availability"))
    images = doc.meta_all("og:image:secure_url") or doc.meta_all("og:image") or doc.meta_all(
        "og:image:url")
    width = _int(doc.meta("og:image:width"))
    height = _int(doc.meta("og:image:height"))
    for index, ref in enumerate(images + doc.meta_all("twitter:image")):
        url = doc.absolute(ref)
        if url:
            facts.images.append(ImageRef(url, width if index == 0 else None,
                                         height if index == 0 else None))
    facts.canonical_url = doc.absolute(doc.meta("og:url"))
    return facts


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None
