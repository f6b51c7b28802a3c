"""Text as a reader sees it: words broken only at hyphenation points and with a hyphen, smaller
type before a broken word, kinsoku in Japanese cards and captions, every glyph drawn by a face
that has it, and what no face has left out of spoken and screen text alike."""

from __future__ import annotations

from decimal import Decimal

import pyphen

from adreel.media.captions.cues import Cue, Word
from adreel.media.captions.style import cue_lines
from adreel.media.extract import read_html
from adreel.media.extract.model import Product
from adreel.media.fonts import drawable, face_for, missing_glyphs
from adreel.media.scenes.text_audit import line_defects
from adreel.media.scenes.text_fit import Typeface, set_text, split_words, wrap
from adreel.media.slugs import slug
from adreel.media.write import WriteRequest, write_script


def test_a_word_wider_than_the_line_breaks_at_a_hyphenation_point_with_a_hyphen() -> None:
    face = Typeface.of("Kompressionsriemen", "de")
    lines = wrap("Kompressionsriemen", face, 100, 480)
    assert len(lines) > 1 and all(line.endswith("-") for line in lines[:-1])
    assert "".join(line.removesuffix("-") for line in lines) == "Kompressionsriemen"
    points = set(pyphen.Pyphen(lang="de_DE").positions("Kompressionsriemen"))
    assert len(lines[0]) - 1 in points
    assert all(face.width(line, 100) <= 480 for line in lines)
    assert not line_defects("Kompressionsriemen", lines, face.face_name, cjk=False)


def test_a_hyphen_the_word_has_is_the_break_it_takes() -> None:
    face = Typeface.of("multi-directional", "en")
    lines = wrap("multi-directional lugs", face, 100, 520)
    assert lines[0] == "multi-"


def test_type_is_set_smaller_before_a_word_is_broken() -> None:
    face = Typeface.of("Shatterproof", "en")
    text = "Shatterproof borosilicate carafe"
    assert split_words(text, wrap(text, face, 100, 480)) > 0          # at full size a word would break
    block = set_text(text, face, 100, 480, min_size=60)
    assert split_words(text, block.lines) == 0 and block.size < 100


def test_the_audit_finds_what_a_reader_would() -> None:
    assert line_defects("Shatterproof of it", ["Shatterpro", "of of it"], "montserrat", cjk=False)
    assert not line_defects("Shatterproof of it", ["Shatter-", "proof of it"], "montserrat", cjk=False)
    assert line_defects("大容量、長持ち", ["大容量", "、長持ち"], "noto_cjk", cjk=True)
    assert line_defects("「軽い」", ["「", "軽い」"], "noto_cjk", cjk=True)
    assert line_defects("Rated ★ 4.8", ["Rated ★ 4.8"], "montserrat", cjk=False)


def test_each_text_is_drawn_by_a_face_that_has_its_glyphs() -> None:
    assert face_for("Only €49") == "montserrat"
    assert face_for("49", display=True) == "anton"
    for text in ("Rated ★ 4.8", "【Waterproof】", "ボトル"):
        assert not missing_glyphs(text, face_for(text))
    assert missing_glyphs("Rated ★ 4.8", "montserrat") == "★"


def test_what_no_face_draws_is_left_out() -> None:
    assert drawable("Hot deal 🔥 today ✔️") == "Hot deal today"
    assert drawable("Café crème — 4.8 ★") == "Café crème — 4.8 ★"


def test_spoken_and_screen_text_hold_no_undrawable_characters() -> None:
    product = Product(url="https://shop.test/p/x", title="🔥 Trail Bottle 🔥", brand="Ridge", language="en",
                      price=Decimal("24.00"), currency="USD", features=["Keeps water cold for 24 hours ❄️"],
                      images=["https://shop.test/a.jpg"])
    script = write_script(WriteRequest(product=product, style="problem_solution", duration=15))
    for scene in script.scenes:
        for text in (scene.text, scene.display, scene.visual.text or ""):
            assert text == drawable(text) and "🔥" not in text


def test_japanese_captions_keep_kinsoku() -> None:
    # Words as the Japanese reader gives them: marks attach to the word before (an opening
    # bracket too), so the line breaker must keep "ボトル「" with the word after it.
    texts = ["毎日使えるボトル「", "軽い」", "丈夫です。"]
    words = tuple(Word(text, i * 0.3, i * 0.3 + 0.25, 0) for i, text in enumerate(texts))
    cue = Cue(words, 0.0, 0.9, joiner="")
    for width in (300, 420, 560):
        face, lines = cue_lines(cue, "boxed", (width, 600), "ja", base_size=60)
        assert len(lines) > 1 and "".join(lines) == cue.text
        assert not line_defects(cue.text, lines, face, cjk=True), lines


def test_bracketed_labels_leave_bullets_and_titles() -> None:
    html = """<html lang="ja"><head><script type="application/ld+json">{"@context": "https://schema.org",
      "@type": "Product", "name": "【2025年最新版】ワイヤレスイヤホン Bluetooth5.3",
      "image": "https://shop.test/a.jpg", "offers": {"@type": "Offer", "price": "3980", "priceCurrency": "JPY"}}
      </script></head><body><h1>ワイヤレスイヤホン</h1><div id="feature-bullets"><ul>
      <li><span class="a-list-item">【最大40時間再生】 充電ケース併用で最大40時間再生できます。</span></li>
      <li><span class="a-list-item">【IPX7防水】</span></li></ul></div></body></html>"""
    product = read_html(html, "https://www.amazon.co.jp/dp/B0TEST").product
    assert product.title == "ワイヤレスイヤホン Bluetooth5.3"
    assert product.features[:2] == ["充電ケース併用で最大40時間再生できます。", "IPX7防水"]


def test_slugs_are_readable_in_every_language() -> None:
    assert slug("30g 高純度ホエイプロテイン チョコレート味") == "30-gdaka-jundo-hoe-purotein-chokoreto-aji"
    assert slug("Kaffeemühle „Edelstahl“") == "kaffeemuhle-edelstahl"
    assert slug("Кофеварка") == "kofevarka"
    assert slug("300") == "video-300" and slug("") == "video"
    assert len(slug("Cafetera de émbolo francesa de acero inoxidable con doble filtro")) <= 48
