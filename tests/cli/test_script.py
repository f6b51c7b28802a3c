"""`adreel script` as a user runs it."""

from __future__ import annotations

import json

from tests.cli.test_inspect import PAGES, ROOT, adreel


def test_script_json_has_the_documented_shape() -> None:
    result = adreel("script", "examples/product-page.html", "--variants", "3", "--duration", "30",
                    "--json")
    assert result.returncode == 0, result.stderr
    variants = json.loads(result.stdout)["variants"]
    assert len(variants) == 3
    assert set(variants[0]) == {"style", "degraded_from", "language", "hook", "cta", "text",
                                "word_count", "estimated_seconds", "scenes"}
    assert variants[0]["style"] == "problem_solution"
    assert len({v["hook"] for v in variants}) == 3
    for variant in variants:
        assert 27 <= variant["estimated_seconds"] <= 33
        assert variant["text"].startswith(variant["hook"])
        assert {s["kind"] for s in variant["scenes"]} <= {"actor", "product", "cta"}
        assert variant["scenes"][-1]["visual"] == "end_card"


def test_script_follows_the_page_language_and_degrades_styles() -> None:
    page = PAGES / "sd-noprice-sideboard.html"
    result = adreel("script", str(page), "--style", "special_offers", "--json")
    assert result.returncode == 0, result.stderr
    variant = json.loads(result.stdout)["variants"][0]
    assert variant["degraded_from"] == "special_offers"
    assert variant["style"] != "special_offers"
    japanese = adreel("script", str(PAGES / "sd-lang-ja-tetsubin.html"), "--json")
    assert json.loads(japanese.stdout)["variants"][0]["language"] == "ja"


def test_script_refuses_pages_that_are_not_products() -> None:
    negative = next(p for p in sorted(PAGES.glob("neg-*.html")))
    result = adreel("script", str(negative))
    assert result.returncode == 1
    assert "not_a_product" in result.stderr and "is not a product page" in result.stderr
    bad = adreel("script", str(ROOT / "examples" / "product-page.html"), "--style", "loud")
    assert bad.returncode == 2 and "--style must be one of" in bad.stderr
