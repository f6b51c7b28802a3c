"""Product page → `PageRead` (record + verdict): the reader every other part calls."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from adreel.media.extract.classify import Signals, classify
from adreel.media.extract.document import Document
from adreel.media.extract.facts import SourceFacts
from adreel.media.extract.language import page_language
from adreel.media.extract.merge import merge
from adreel.media.extract.model import PageRead
from adreel.media.extract.opengraph import is_product_type, opengraph_facts
from adreel.media.extract.schema_org import Graph, breadcrumbs, pick_main, product_facts
from adreel.media.extract.shopify import (
    is_shopify,
    product_js_url,
    product_json_facts,
    shopify_facts,
)
from adreel.media.extract.stores import detect_platform, store_facts
from adreel.media.extract.structured import jsonld_graph, markup_graph
from adreel.media.extract.vat import shown_vat
from adreel.platform.http import Fetcher, FetchError


@dataclass
class _Collected:
    facts: list[SourceFacts]
    signals: Signals
    platform: str | None
    breadcrumbs: list[str]
    locale: str | None


def _structured(doc: Document, graph: Graph, source: str, signals: Signals,
                locale: str | None) -> SourceFacts | None:
    main, other = graph.products()
    signals.schema_types |= graph.types
    signals.listed_products += len(other)
    signals.structured_names += [n for n in (product_facts(graph, m, source, doc.absolute,
                                                           locale).title for m in main) if n]
    node = pick_main(main, doc.text("h1") or doc.meta("og:title"))
    if node is None:
        return None
    signals.structured_product = True
    facts = product_facts(graph, node, source, doc.absolute, locale)
    facts.product_count = len(main)
    return facts


def _collect(doc: Document, status: int) -> _Collected:
    signals = Signals(status=status)
    locale = doc.meta("og:locale") or doc.html_lang
    facts: list[SourceFacts] = []
    crumbs: list[str] = []
    for source, graph in (("json-ld", jsonld_graph(doc)), ("microdata", markup_graph(doc))):
        found = _structured(doc, graph, source, signals, locale)
        if found is not None:
            facts.append(found)
        crumbs = crumbs or breadcrumbs(graph)
    platform = detect_platform(doc)
    if is_shopify(doc):
        platform = "shopify"
        embedded = shopify_facts(doc)
        if embedded is not None:
            signals.embedded_product = True
            facts.append(embedded)
    og = opengraph_facts(doc)
    signals.og_product = is_product_type(doc)
    facts.append(og)
    for found in store_facts(doc, platform, locale):
        if found.source != "dom:generic" and found.title:
            signals.template_product = True
        facts.append(found)
    return _Collected(facts, signals, platform, crumbs, locale)


def _finish(doc: Document, collected: _Collected) -> PageRead:
    canonical = doc.absolute(doc.attr('link[rel="canonical"]', "href"))
    language = page_language(doc.html_lang, doc.meta("og:locale"), doc.body_text)
    product = merge(doc.url, collected.facts, breadcrumbs=collected.breadcrumbs,
                    language=language, canonical_url=canonical, platform=collected.platform,
                    vat=shown_vat(doc, collected.locale))
    return PageRead(product=product, verdict=classify(doc, product, collected.signals))


def read_html(markup: str, url: str, *, status: int = 200,
              extra: Sequence[SourceFacts] = ()) -> PageRead:
    """Read a page's markup as if fetched from `url` (relative links resolve against it)."""
    doc = Document(markup, url)
    collected = _collect(doc, status)
    collected.facts.extend(extra)
    return _finish(doc, collected)


def read_url(url: str, fetcher: Fetcher) -> PageRead:
    """Fetch and read a product page. A 404 or 410 is read (and judged not a product); any
    other failure raises `FetchError` with the reason."""
    fetched = fetcher.page(url, allow_statuses=(404, 410))
    doc = Document(fetched.text(), fetched.url)
    collected = _collect(doc, fetched.status)
    if (fetched.status < 400 and collected.platform == "shopify"
            and not collected.signals.embedded_product):
        companion = _shopify_companion(doc, fetcher)
        if companion is not None:
            collected.signals.embedded_product = True
            collected.facts.append(companion)
    return _finish(doc, collected)


def _shopify_companion(doc: Document, fetcher: Fetcher) -> SourceFacts | None:
    """Every Shopify store serves `/products/<handle>.js`; themes that embed little get read
    through it. Its failure is not the page's failure."""
    js_url = product_js_url(doc.url)
    if js_url is None:
        return None
    try:
        data = json.loads(fetcher.json(js_url).text())
    except (FetchError, ValueError):
        return None
    if not isinstance(data, dict) or not data.get("title"):
        return None
    return product_json_facts(data, doc, "shopify_js")


def page_url_for_file(markup: str, fallback: str) -> str:
    """The address a saved page came from (its canonical link or og:url), so its relative
    links resolve as they did online; `fallback` when it names none."""
    doc = Document(markup, fallback)
    for ref in (doc.attr('link[rel="canonical"]', "href"), doc.meta("og:url")):
        if ref and ref.startswith(("http://", "https://")):
            return ref
    return fallback
