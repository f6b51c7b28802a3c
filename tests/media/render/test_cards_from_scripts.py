"""Every script the writer can produce for the fixture shop plans into cards that can be drawn:
a scene whose card lacks its facts (a price card on a page without a price, an offer with no
words) becomes a picture shot instead of failing the video stage."""

from __future__ import annotations

from decimal import Decimal

import pytest

from adreel.catalogue import STYLES
from adreel.media.captions.cues import Word
from adreel.media.extract import read_html
from adreel.media.extract.model import Product
from adreel.media.scenes.cards import CardSpec, draw_card
from adreel.media.scenes.palette import palette_from_colours
from adreel.media.timeline.layout import layout_for
from adreel.media.timeline.plan import PlanInput, plan_timeline
from adreel.media.write import WriteRequest, write_script
from adreel.media.write.model import Scene, Script, Visual
from tests.fixtures.shop import PRODUCTS, page

PALETTE = palette_from_colours(["#2a6f4e"])


def timed(script: Script) -> list[Word]:
    words, t = [], 0.1
    for index, scene in enumerate(script.scenes):
        for text in scene.text.split():
            words.append(Word(text, t, t + 0.3, index))
            t += 0.38
        t += 0.4
    return words


def plan(script: Script, product: Product, duration: float) -> list:
    words = timed(script)
    timeline = plan_timeline(PlanInput(script=script, words=words, product=product, image_count=3, image_for={},
                                       aspect="9:16", width=1080, height=1920,
                                       duration=max(duration, words[-1].end + 0.5), caption_style="boxed", seed=1))
    return timeline.shots


@pytest.mark.parametrize("slug", PRODUCTS)
def test_every_style_and_length_plans_drawable_cards(slug: str) -> None:
    product = read_html(page(slug, "https://shop.test"), f"https://shop.test/products/{slug}").product
    box = layout_for("9:16").card[2:]
    for style in STYLES:
        for duration in (15, 30):
            script = write_script(WriteRequest(product=product, style=style, duration=duration,
                                               language=(product.language or "en")[:2]))
            for shot in plan(script, product, duration):
                if shot.card is not None:
                    assert draw_card(CardSpec(**shot.card.model_dump()), box, PALETTE).getbbox()


def test_cards_without_their_facts_become_picture_shots() -> None:
    bare = Product(url="https://shop.test/p/x")          # no title, brand, price, rating or reviews
    said = "Only today you get it and you will love it"
    scenes = [Scene(kind="product", text=said, display=said, visual=Visual(kind=kind))
              for kind in ("price", "rating", "review", "end_card")]
    script = Script(style="special_offers", language="en", format_preset="product_showcase", hook="h", cta=None,
                    scenes=scenes, word_count=40, estimated_seconds=15)
    shots = plan(script, bare, 15)
    assert all(shot.card is None and shot.visual == "image" for shot in shots)


def test_an_offer_without_card_text_shows_the_scene_words() -> None:
    product = Product(url="https://shop.test/p/x", title="Bottle", price=Decimal("20"), currency="USD")
    scene = Scene(kind="product", text="Twenty percent off today", display="20% off today",
                  visual=Visual(kind="offer"))
    script = Script(style="special_offers", language="en", format_preset="product_showcase", hook="h", cta=None,
                    scenes=[scene], word_count=4, estimated_seconds=2)
    (shot,) = plan(script, product, 2)
    assert shot.card is not None and shot.card.text == "20% off today"
