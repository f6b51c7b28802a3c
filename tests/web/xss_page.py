"""A product page whose every field carries markup and script payloads: the studio must show
them as inert text (issue #18, Safety)."""

from __future__ import annotations

import json

SCRIPT = "<script>window.__pwned = 'script'; alert('script')</script>"
ATTRIBUTE = "\"><img src=x onerror=\"window.__pwned='img'; alert('img')\">"
JAVASCRIPT = "javascript:window.__pwned='link';alert('link')"
# Escaped once more: a reader that unescapes entities after removing tags hands these on as markup.
ESCAPED = "&lt;img src=x onerror=&quot;window.__pwned='entity'; alert('entity')&quot;&gt;"
TITLE = f"Evil Kettle {SCRIPT}{ATTRIBUTE}{ESCAPED}"


def xss_page(picture_url: str) -> str:
    """The page: JSON-LD and markup both carrying the payloads; one real picture among poisoned ones."""
    data = {
        "@context": "https://schema.org", "@type": "Product", "name": TITLE,
        "description": f"Boils fast. {ATTRIBUTE} {SCRIPT} {ESCAPED} <a href=\"{JAVASCRIPT}\">more</a>",
        "image": [JAVASCRIPT, f"{picture_url}{ATTRIBUTE}", picture_url],
        "brand": {"@type": "Brand", "name": f"Acme{ATTRIBUTE}"},
        "sku": "EVIL-1",
        "offers": {"@type": "Offer", "price": "49.00", "priceCurrency": "USD",
                   "availability": "https://schema.org/InStock", "url": JAVASCRIPT},
        "aggregateRating": {"@type": "AggregateRating", "ratingValue": "4.5", "reviewCount": "12"},
        "review": [{"@type": "Review", "author": {"@type": "Person", "name": f"Mallory{SCRIPT}"},
                    "reviewRating": {"@type": "Rating", "ratingValue": "5"},
                    "reviewBody": f"Great kettle {SCRIPT} {ATTRIBUTE}"}],
    }
    # `</` is escaped inside the JSON so the payloads stay data of this page, as a real shop's would.
    ld = json.dumps(data).replace("</", "<\\/")
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{TITLE}</title>
<meta property="og:type" content="product">
<meta property="og:title" content="{TITLE.replace('"', '&quot;')}">
<meta property="og:image" content="{JAVASCRIPT}">
<script type="application/ld+json">{ld}</script>
</head><body><h1>Evil Kettle</h1><p>Boils fast.</p>
<button>Add to cart</button></body></html>"""
