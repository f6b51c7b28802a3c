"""A page whose schema.org data is a `ProductGroup` inside an `@graph`, with photos on their own
backgrounds, renders all three variants (green screen, talking head, split screen): the third
once failed with 'The image has no channel "A"' when split screen shadowed a photo as if it were
a cut-out."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from PIL import Image, ImageDraw

from adreel.media.timeline.layout import SIZES
from tests.conftest import LocalSite, html
from tests.pipeline.conftest import render
from tests.video_checks import check_video

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Linnea Linen Shirt · Oskarsson Atelier</title>
<script type="application/ld+json">{graph}</script></head>
<body><main><h1>Linnea Linen Shirt</h1><p class="price">€79.00</p>
<p>Washed European flax, cut relaxed, with mother-of-pearl buttons. Softer with every wash.</p>
<ul><li>100% European flax linen, stone-washed for softness</li><li>Mother-of-pearl buttons</li>
<li>Relaxed fit with a curved hem</li></ul></main></body></html>"""


def graph(base: str) -> str:
    variants = [{"@type": "Product", "name": f"Linnea Linen Shirt – {colour}", "sku": f"LIN-{colour[:3].upper()}",
                 "color": colour, "image": f"{base}/img/{n}.jpg",
                 "offers": {"@type": "Offer", "price": "79.00", "priceCurrency": "EUR",
                            "availability": "https://schema.org/InStock"}}
                for n, colour in enumerate(("Sand", "Sage", "Ink"))]
    return json.dumps({"@context": "https://schema.org", "@graph": [
        {"@type": "Organization", "@id": f"{base}/#org", "name": "Oskarsson Atelier"},
        {"@type": "WebPage", "@id": f"{base}/p/linnea#page", "name": "Linnea Linen Shirt"},
        {"@type": "ProductGroup", "@id": f"{base}/p/linnea#group", "name": "Linnea Linen Shirt",
         "brand": {"@type": "Brand", "name": "Oskarsson Atelier"}, "productGroupID": "LIN",
         "description": "Washed European flax, cut relaxed, with mother-of-pearl buttons.",
         "image": [f"{base}/img/{n}.jpg" for n in range(3)], "variesBy": ["https://schema.org/color"],
         "aggregateRating": {"@type": "AggregateRating", "ratingValue": "4.7", "reviewCount": "86"},
         "hasVariant": variants}]})


def photo(seed: int) -> bytes:
    """A shirt photographed on a busy background (not a plain packshot: it is framed, not cut out)."""
    rng = np.random.default_rng(seed)
    image = Image.fromarray(rng.integers(40, 200, (1200, 960, 3), dtype=np.uint8)).resize((960, 1200))
    ImageDraw.Draw(image).polygon([(280, 260), (680, 260), (760, 420), (700, 1000), (260, 1000), (200, 420)],
                                  fill=(214 - 40 * seed, 196, 160 + 20 * seed))
    data = io.BytesIO()
    image.save(data, "JPEG", quality=88)
    return data.getvalue()


def linnea_shop(site: LocalSite) -> str:
    """Serve the shirt's page and its three photos on `site`; the page's URL."""
    site.routes["/p/linnea"] = html(PAGE.replace("{graph}", graph(site.url("").rstrip("/"))))
    for n in range(3):
        site.routes[f"/img/{n}.jpg"] = (200, {"Content-Type": "image/jpeg"}, photo(n))
    return site.url("/p/linnea")


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_a_product_group_page_renders_three_variants(serve, toolkit) -> None:
    page = linnea_shop(serve())
    presets = []
    for variant in range(3):
        outputs, work, _reports = render(toolkit, page, variant=variant)
        folder = toolkit.storage.folder(f"media/{outputs['media_token']}/")
        words = json.loads((work / "words.json").read_text("utf-8"))
        timeline = json.loads((work / "timeline.json").read_text("utf-8"))
        check_video(folder, size=SIZES["9:16"], target=15, words=words, shots=timeline["shots"])
        presets.append(json.loads((work / "concept.json").read_text("utf-8"))["preset"])
    assert presets == ["green_screen", "talking_head", "split_screen"]
