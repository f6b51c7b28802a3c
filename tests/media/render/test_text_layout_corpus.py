"""Across every fixture product page, in its own language and in every language the built-in
writer speaks: no card or caption line has a Latin word split without a hyphen, breaks a
kinsoku rule, or holds a glyph missing from the face that draws it. Checked from the text
layout as drawn (text_fit.recording, captions.style.cue_lines), not by eye."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adreel.catalogue import BUILTIN_LANGUAGES, STYLES
from adreel.media.captions.cues import group_words
from adreel.media.captions.style import CAPTION_STYLES, cue_lines
from adreel.media.extract import read_html
from adreel.media.extract.model import Product
from adreel.media.scenes.cards import CardSpec, draw_card
from adreel.media.scenes.text_audit import line_defects
from adreel.media.scenes.text_fit import recording
from adreel.media.timeline.layout import layout_for
from adreel.media.write import WriteRequest, write_script
from tests.fixtures.shop import PRODUCTS, page
from tests.media.render.test_cards_from_scripts import PALETTE, plan, timed

PAGES = Path(__file__).parents[2] / "fixtures" / "pages"
PRODUCT_PAGES = sorted(case.with_suffix(".html") for case in PAGES.glob("*.json")
                       if json.loads(case.read_text("utf-8"))["is_product"])
ASPECTS = ("9:16", "16:9", "1:1")


def _product(source: str) -> Product:
    if source in PRODUCTS:
        return read_html(page(source, "https://shop.test"), f"https://shop.test/products/{source}").product
    path = PAGES / f"{source}.html"
    spec = json.loads(path.with_suffix(".json").read_text("utf-8"))
    return read_html(path.read_text("utf-8"), spec["url"]).product


def _defects(product: Product, language: str, styles: tuple[str, ...], aspects: tuple[str, ...]) -> list[str]:
    found: list[str] = []
    for index, style in enumerate(styles):
        script = write_script(WriteRequest(product=product, style=style, duration=30,   # type: ignore[arg-type]
                                           language=language))
        words = timed(script)
        aspect = aspects[index % len(aspects)]
        layout = layout_for(aspect)
        with recording() as blocks:
            for shot in plan(script, product, 30):
                if shot.card is not None:
                    draw_card(CardSpec(**shot.card.model_dump()), layout.card[2:], PALETTE)
        for text, block in blocks:
            found += [f"{style} card: {d}" for d in line_defects(text, block.lines, block.face.face_name,
                                                                   cjk=block.face.cjk)]
        for cue in group_words(words, language):
            for caption in CAPTION_STYLES:
                face, lines = cue_lines(cue, caption, layout.captions[2:], language)
                found += [f"{style} {caption} caption: {d}"
                          for d in line_defects(cue.text, lines, face, cjk=not cue.joiner)]
    return found


@pytest.mark.parametrize("source", [p.stem for p in PRODUCT_PAGES])
def test_fixture_pages_set_clean_text_in_their_language(source: str) -> None:
    product = _product(source)
    language = (product.language or "en")[:2]
    language = language if language in BUILTIN_LANGUAGES else "en"
    assert not _defects(product, language, STYLES, ASPECTS)


@pytest.mark.parametrize("language", BUILTIN_LANGUAGES)
@pytest.mark.parametrize("source", PRODUCTS)
def test_shop_products_set_clean_text_in_every_language(source: str, language: str) -> None:
    assert not _defects(_product(source), language, STYLES[:2], ASPECTS)
