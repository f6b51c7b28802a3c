"""Prices labelled as including or excluding VAT, and the choice of the one a shopper pays."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from adreel.media.extract import read_html
from adreel.media.extract.document import Document
from adreel.media.extract.facts import SourceFacts
from adreel.media.extract.vat import Pricing, Shown, ShownVat, labelled_amounts, settle_vat, shown_vat, vat_basis

PAGES = Path(__file__).parents[2] / "fixtures" / "pages"


@pytest.mark.parametrize(
    ("text", "included"),
    [
        ("inkl. MwSt.", True), ("inkl. 19 % MwSt.", True), ("inkl. gesetzl. MwSt.", True),
        ("Preise inkl. MwSt. zzgl. Versandkosten", True), ("Inkl. Steuern.", True), ("99,00 € brutto", True),
        ("IVA incluido", True), ("IVA incl.", True), ("con IVA", True), ("Impuestos incluidos", True),
        ("TTC", True), ("incl. VAT", True), ("inc VAT", True), ("Tax included.", True),
        ("incl. btw", True), ("IVA inclusa", True),
        ("zzgl. MwSt.", False), ("exkl. MwSt.", False), ("zzgl. 19 % USt.", False), ("83,19 € netto", False),
        ("sin IVA", False), ("49,59 € + IVA", False), ("IVA no incluido", False), ("33,25 € HT", False),
        ("excl. VAT", False), ("ex VAT", False), ("(Ex. Tax)", False), ("excl. btw", False),
        ("zzgl. Versandkosten", None), ("Netto-Füllmenge 500 ml", None), ("Nettogewicht 2 kg", None),
        ("Modell HT-200", None), ("Versandkostenfrei ab 50 €", None),
    ],
)
def test_vat_labels_in_german_spanish_french_english_dutch_and_italian(text: str, included: bool | None) -> None:
    assert vat_basis(text) is included


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("99,00 € inkl. MwSt. 83,19 € zzgl. MwSt.", [("99.00", True), ("83.19", False)]),
        ("99,00 €* inkl. 19 % MwSt.", [("99.00", True)]),
        ("Precio sin IVA: 50,00 € Precio con IVA: 60,50 €", [("50.00", False), ("60.50", True)]),
        ("60,50 € IVA incluido (50,00 € sin IVA)", [("60.50", True), ("50.00", False)]),
        ("zzgl. MwSt. (99,00 € inkl. MwSt.)", [("99.00", True)]),
        ("£82.50 (Ex. Tax) £99.00 (Inc. Tax)", [("82.50", False), ("99.00", True)]),
        ("33,25 € HT 39,90 € TTC", [("33.25", False), ("39.90", True)]),
        ("1.299,– € inkl. MwSt.", [("1299", True)]),
        # A price per unit and an amount far from the label are not the product's price.
        ("TTC · soit 226,82 € le kg", []),
        ("Grundpreis 22,80 € / kg inkl. MwSt.", []),
        ("inkl. MwSt., versandkostenfrei ab 50,00 €", []),
    ],
)
def test_amounts_pair_with_the_label_beside_them(text: str, expected: list[tuple[str, bool]]) -> None:
    assert [(str(s.amount), s.included) for s in labelled_amounts(text, "de-DE")] == expected


def _page(body: str) -> ShownVat | None:
    return shown_vat(Document(f"<html lang='de'><body>{body}</body></html>", "https://shop.example/p"), "de")


def test_a_label_of_its_own_speaks_for_the_price_box_before_it() -> None:
    shown = _page("<header><p>Warenkorb 0,00 € inkl. MwSt.</p></header><h1>Pfanne</h1>"
                  "<div class='price'><p>99,00 €*</p><del>119,00 €*</del></div>"
                  "<div class='tax'><a>Preise inkl. MwSt. zzgl. Versandkosten</a></div>")
    assert shown is not None and shown.net is None
    assert (shown.gross.amount, shown.gross.compare_at) == (Decimal("99.00"), Decimal("119.00"))


def test_a_label_element_speaks_for_the_amount_written_before_it() -> None:
    shown = _page("<h1>Tuch</h1><p class='price'><del>29,90 €</del> 24,90 € <small>inkl. MwSt.</small></p>")
    assert shown is not None and shown.gross is not None
    assert (shown.gross.amount, shown.gross.compare_at) == (Decimal("24.90"), Decimal("29.90"))


def test_a_labelled_box_is_passed_over_for_the_price_before_it() -> None:
    shown = _page("<h1>Vajilla</h1><div class='product-price'>60,50 €</div>"
                  "<p>50,00 € sin IVA</p><div>IVA incluido</div>")
    assert shown is not None and shown.gross is not None and shown.net is not None
    assert (shown.gross.amount, shown.net.amount) == (Decimal("60.50"), Decimal("50.00"))


def test_labels_above_the_heading_and_pages_without_labels_say_nothing() -> None:
    assert _page("<div>Gratis Versand ab 49,00 €</div><div>Alle Preise inkl. MwSt.</div><h1>Tuch</h1>"
                 "<p class='price'>24,90 €</p>") is None
    assert _page("<h1>Tuch</h1><p class='price'>24,90 €</p>") is None


def test_a_net_price_beside_the_gross_one_must_be_vat_apart_from_it() -> None:
    shown = _page("<h1>Set</h1><p>99,00 € inkl. MwSt.</p><p>Zubehör 12,00 € zzgl. MwSt.</p>")
    assert shown is not None and shown.net is None


def _gross(amount: str, compare: str | None = None) -> Shown:
    return Shown(Decimal(amount), "EUR", amount.replace(".", ",") + " €", True,
                 Decimal(compare) if compare else None)


def _net(amount: str) -> Shown:
    return Shown(Decimal(amount), "EUR", amount.replace(".", ",") + " €", False)


def _structured(price: str, compare: str | None = None, vat_included: bool | None = None) -> SourceFacts:
    return SourceFacts(source="json-ld", price=Decimal(price), currency="EUR",
                       compare_at_price=Decimal(compare) if compare else None, vat_included=vat_included)


def _settle(facts: list[SourceFacts], shown: ShownVat | None) -> Pricing:
    first = facts[0]
    return settle_vat(Pricing(first.price, first.currency, first.compare_at_price), facts, shown)


def test_the_gross_price_beats_a_net_one_in_structured_data_with_its_own_compare_at() -> None:
    facts = [_structured("83.19", compare="100.00")]
    chosen = _settle(facts, ShownVat(_gross("99.00", compare="119.00"), _net("83.19")))
    assert (chosen.price, chosen.compare_at, chosen.vat) == (Decimal("99.00"), Decimal("119.00"), "included")
    assert chosen.note is not None and "99,00 € including VAT beside 83,19 € before VAT" in chosen.note
    # With no gross compare-at shown, the net one is dropped rather than paired with the gross price.
    assert _settle(facts, ShownVat(_gross("99.00"), None)).compare_at is None


def test_structured_data_marked_net_or_vat_apart_yields_to_the_gross_price() -> None:
    # Marked as before VAT, the amount need not be the shown price less a known rate.
    marked = _settle([_structured("80.00", vat_included=False)], ShownVat(_gross("99.00"), None))
    assert marked.price == Decimal("99.00") and marked.note is not None and "80.00 EUR, before VAT" in marked.note
    apart = _settle([_structured("82.50")], ShownVat(_gross("99.00"), None))
    assert (apart.price, apart.vat) == (Decimal("99.00"), "included")
    assert apart.note is not None and "the same price before 20 % VAT" in apart.note


def test_a_sale_price_in_structured_data_is_not_taken_for_a_net_price() -> None:
    # 24.90 is 29.90 less 16.7 %, no VAT rate's difference (at 20 % it would be 24.92).
    kept = _settle([_structured("24.90")], ShownVat(_gross("29.90"), None))
    assert (kept.price, kept.vat) == (Decimal("24.90"), None)


def test_a_german_dawn_theme_on_sale_reads_as_before() -> None:
    case = PAGES / "shopify-dawn-sale.html"
    markup = case.read_text("utf-8").replace(
        '<a href="/policies/shipping-policy">Shipping</a> calculated at checkout.',
        'Inkl. MwSt. <a href="/policies/shipping-policy">Versand</a> wird beim Checkout berechnet.')
    product = read_html(markup, "https://tidewatersupply.com/products/kestrel-merino-crewneck").product
    assert (product.price, product.compare_at_price) == (Decimal("74.00"), Decimal("98.00"))
    assert (product.price_vat, product.price_note) == ("included", None)


def test_a_difference_larger_than_vat_keeps_the_price_and_says_why() -> None:
    kept = _settle([_structured("49.00")], ShownVat(_gross("99.00"), None))
    assert (kept.price, kept.vat) == (Decimal("49.00"), None)
    assert kept.note is not None and "not VAT" in kept.note


def test_matching_prices_change_nothing_and_a_net_only_page_keeps_its_price() -> None:
    same = _settle([_structured("24.90", compare="29.90")], ShownVat(_gross("24.90"), None))
    assert (same.price, same.compare_at, same.vat, same.note) == (Decimal("24.90"), Decimal("29.90"), "included", None)
    net = _settle([_structured("245.00", vat_included=False)], ShownVat(None, _net("245.00")))
    assert (net.price, net.vat) == (Decimal("245.00"), "excluded")
    assert net.note is not None and "only 245,00 € before VAT" in net.note
    assert _settle([_structured("245.00")], None) == Pricing(Decimal("245.00"), "EUR", None)


def test_a_labelled_price_in_another_currency_is_not_compared() -> None:
    other = Shown(Decimal("110.00"), "CHF", "CHF 110.00", True)
    assert _settle([_structured("99.00")], ShownVat(other, None)).price == Decimal("99.00")


def test_markup_nested_thousands_deep_is_read() -> None:
    shown = _page("<div>" * 3000 + "<h1>Tuch</h1><p>24,90 € inkl. MwSt.</p>")
    assert shown is not None and shown.gross is not None and shown.gross.amount == Decimal("24.90")
