"""Prices a page marks as including or excluding VAT, and which of them a shopper pays.

European shops must show the price including VAT; many also show the price before it (for
business buyers), and some write the net price into their structured data. The ad must say
the price a shopper pays, so a visible price labelled as including VAT settles the choice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from selectolax.lexbor import LexborHTMLParser, LexborNode

from adreel.media.extract.document import Document, node_text
from adreel.media.extract.facts import SourceFacts
from adreel.media.extract.prices import parse_price

INCLUDED, EXCLUDED = "included", "excluded"

_TAX = r"(?:MwSt|USt|Mehrwertsteuer|Umsatzsteuer|Steuern)\b\.?"
_RATE = r"(?:\d{1,2}(?:[.,]\d{1,2})?\s*%\s*)?"
_LEGAL = r"(?:der\s+)?(?:gesetzl(?:\.|ichen?)?\s*)?"
# Labels that say a price includes VAT. Each names VAT (or tax) outright, so a label in an
# element of its own may speak for the price beside it.
_GROSS = re.compile("|".join((
    rf"\binkl(?:\.|usive)?\s*{_RATE}{_LEGAL}{_TAX}",
    r"\b(?:MwSt|USt)\.?\s+inkl(?:\.|usive)?",
    r"\bIVA\s+(?:\(?\d{1,2}\s*%\)?\s*)?(?:incl(?:u[ií]d[oa]|\.|usive)?|inclus[oa]|compres[oa])",
    r"\b(?:con|incl\.?|incluye)\s+(?:el\s+)?IVA\b", r"\b(?:impuestos|tasas)\s+incluid[oa]s\b",
    rf"\b(?:incl(?:\.|uding|usive(?:\s+of)?)?|inc\.?)\s*{_RATE}(?:VAT|tax(?:es)?|btw)\b",
    r"\b(?:VAT|tax(?:es)?|btw)\s+(?:incl(?:uded|\.)?|inbegrepen)",
    r"(?-i:\bTTC\b|\bTVAC\b)", r"\btoutes\s+taxes\s+comprises\b", r"\bTVA\s+(?:comprise|incluse)\b",
)), re.I)
_NET = re.compile("|".join((
    rf"\b(?:zzgl|zuzgl|exkl|excl|zuzüglich|exklusive|ohne)(?:\.|\b)\s*{_RATE}{_LEGAL}{_TAX}",
    r"\bsin\s+IVA\b", r"\b(?:impuestos|tasas)\s+(?:excluid[oa]s|no\s+incluid[oa]s)\b",
    r"\bm[aá]s\s+IVA\b", r"\+\s*(?:IVA|VAT|MwSt|btw)\b",
    r"\bIVA\s+(?:no\s+incluid[oa]|excl(?:uid[oa]|\.)?|esclus[oa])",
    r"\b(?:excl(?:\.|uding|usive(?:\s+of)?)?|ex\.?|plus)\s*(?:VAT|tax(?:es)?|btw)\b",
    r"\b(?:VAT|tax(?:es)?)\s+excl(?:uded|\.)?", r"\bhors\s+taxes?\b", r"\bTVA\s+non\s+comprise\b",
)), re.I)
# Words that say it only beside an amount ("83,19 € netto"): alone they mean other things
# ("Netto-Füllmenge", "Gewicht brutto", "HT" in a model name).
_WEAK_GROSS = re.compile(r"\bbrutto(?![-\w])", re.I)
_WEAK_NET = re.compile(r"\bnetto(?![-\w])|(?-i:\bHT(?![-\w]))", re.I)

_CURRENCY = r"(?:€|£|\$|Fr\.|(?:EUR|GBP|CHF|SEK|DKK|NOK|PLN|CZK|HUF|RON|USD|kr|zł|Kč|Ft|lei)\b)"
_AMOUNT = re.compile(rf"(?P<before>{_CURRENCY}\s?)?\d+(?:[.,' ]\d{{3}})*(?:[.,](?:\d{{1,2}}|[-–]{{1,2}}))?"
                     rf"(?P<after>\s?{_CURRENCY})?")
# Prices per unit ("22,80 € / kg", "soit 226,82 € le kg") are not the product's price.
_PER_UNIT = re.compile(r"\s*\*?\s*(?:/|pro\b|per\b|je\b|le\b|la\b|par\b|por\b|al\b)\s*(?:\d+(?:[.,]\d+)?\s*)?"
                       r"(?:kg|g|l|ml|cl|m|m²|m2|qm|st(?:ück|k)?\.?|unidad|ud|pi[eè]ce|liter|litre|litro|kilo|meter|metro)\b",
                       re.I)
# What may stand between an amount and the label after it ("99,00 €* inkl. MwSt.",
# "83,19 € (netto)"), or between a label and the amount after it ("sin IVA: 49,59 €").
_TRAILING_GAP = re.compile(r"[\s*()\[\]·,|–-]{0,5}")
_LEADING_GAP = re.compile(r"[\s:]{0,3}")
# Struck-through prices: the regular price a sale price is compared with.
_STRUCK = ("del, s, strike, .old-price, .price-old, .regular-price, .was-price, .list-price-price, "
           ".compare-at-price, [class*=strike], [class*=oldprice], [class*=old-price], [class*=compare]")
_NOT_SHOWN = ["script", "style", "noscript", "template", "svg", "header", "footer", "nav", "aside"]
# VAT rates in use in Europe (standard and reduced, from France's 2.1 % to Hungary's 27 %):
# a price before VAT times one of them, to the cent, gives the price including VAT.
_VAT_RATES = tuple(Decimal(rate) / 100 for rate in (
    "2.1", "2.5", "2.6", "3", "3.8", "4", "5", "5.5", "6", "7", "8", "8.1", "9", "9.5", "10", "12",
    "13", "13.5", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "25.5", "27"))
_LONGEST_PRICE_BOX = 120


@dataclass(frozen=True)
class Shown:
    """A price the page shows with a VAT label: the amount, as written, and what it includes."""

    amount: Decimal
    currency: str | None
    text: str
    included: bool
    compare_at: Decimal | None = None


@dataclass(frozen=True)
class ShownVat:
    """The product's first price labelled as including VAT, and the one labelled as excluding
    it beside that (or the first, where the page shows none including VAT)."""

    gross: Shown | None
    net: Shown | None


@dataclass(frozen=True)
class Pricing:
    """Price, currency and compare-at price as the merge chose them, with what the chosen
    price includes and, when VAT decided or qualifies the choice, a sentence saying why."""

    price: Decimal | None
    currency: str | None
    compare_at: Decimal | None
    vat: str | None = None
    note: str | None = None


def vat_basis(text: str) -> bool | None:
    """True when `text` says a price includes VAT, False when it says it excludes it, None
    when it says neither (a label saying both reads as including: "inkl. MwSt. zzgl. Versand")."""
    if _GROSS.search(text) or _WEAK_GROSS.search(text):
        return True
    if _NET.search(text) or _WEAK_NET.search(text):
        return False
    return None


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    included: bool
    strong: bool


@dataclass(frozen=True)
class _Amount:
    start: int
    end: int
    value: Decimal
    currency: str | None
    text: str


def _marks(text: str) -> list[_Mark]:
    found = [_Mark(m.start(), m.end(), included, strong)
             for pattern, included, strong in ((_GROSS, True, True), (_NET, False, True),
                                               (_WEAK_GROSS, True, False), (_WEAK_NET, False, False))
             for m in pattern.finditer(text)]
    found.sort(key=lambda mark: (mark.start, not mark.strong))
    kept: list[_Mark] = []
    for mark in found:   # "IVA incl." inside "con IVA incl." counts once
        if not kept or mark.start >= kept[-1].end:
            kept.append(mark)
    return kept


def _amounts(text: str, locale: str | None) -> list[_Amount]:
    """Amounts written with a currency, leaving out zeros and prices per unit."""
    found = []
    for match in _AMOUNT.finditer(text):
        if not (match.group("before") or match.group("after")) or _PER_UNIT.match(text, match.end()):
            continue
        value, currency = parse_price(match.group().strip(), locale=locale)
        if value:
            found.append(_Amount(match.start(), match.end(), value, currency, match.group().strip()))
    return found


def _pairs(text: str, locale: str | None) -> tuple[list[Shown], list[_Mark]]:
    """Amounts in one piece of text paired with the VAT label written right after them
    ("99,00 € inkl. MwSt.") or, failing that, right before them ("sin IVA: 49,59 €"); and
    the labels left over."""
    marks, amounts = _marks(text), _amounts(text, locale)
    paired: dict[int, _Mark] = {}
    for index, amount in enumerate(amounts):
        mark = next((m for m in marks if m.start >= amount.end), None)
        if mark is not None and _TRAILING_GAP.fullmatch(text, amount.end, mark.start):
            paired[index] = mark
    for index, amount in enumerate(amounts):
        mark = next((m for m in reversed(marks) if m.end <= amount.start), None)
        if (index not in paired and mark is not None and mark not in paired.values()
                and _LEADING_GAP.fullmatch(text, mark.end, amount.start)):
            paired[index] = mark
    shown = [Shown(a.value, a.currency, a.text, paired[i].included)
             for i, a in enumerate(amounts) if i in paired]
    return shown, [m for m in marks if m not in paired.values()]


def labelled_amounts(text: str, locale: str | None = None) -> list[Shown]:
    """The amounts in `text` that a VAT label speaks for, each with what it includes."""
    return _pairs(text, locale)[0]


def _is_element(node: LexborNode) -> bool:
    return not node.tag.startswith(("-", "!", "_"))


def _has_mark(node: LexborNode) -> bool:
    text = node.text(deep=True, separator=" ")
    return bool(_GROSS.search(text) or _NET.search(text) or _WEAK_GROSS.search(text)
                or _WEAK_NET.search(text))


def _label_nodes(root: LexborNode) -> Iterator[LexborNode]:
    """The smallest elements whose text holds a VAT label, in document order (a stack, not
    recursion: broken markup nests thousands deep)."""
    stack = [root]
    while stack:
        node = stack.pop()
        children = [c for c in node.iter() if _is_element(c) and _has_mark(c)]
        if not children:
            yield node
        stack.extend(reversed(children))


def _unstruck_text(node: LexborNode) -> str:
    """Text of a price box without its struck-through regular price."""
    copy = LexborHTMLParser(f"<div>{node.html or ''}</div>")
    for struck in copy.css(_STRUCK):
        struck.decompose()
    return node_text(copy.css_first("div")) or ""


def _struck_above(node: LexborNode, price: Decimal, locale: str | None) -> Decimal | None:
    """The struck-through price shown in the same price box, when it is above `price`."""
    for box in (node, node.parent):
        for struck in box.css(_STRUCK) if box is not None else []:
            value, _currency = parse_price(node_text(struck) or "", locale=locale)
            if value is not None and value > price:
                return value
    return None


def _box_price(box: LexborNode, included: bool, locale: str | None) -> Shown | None:
    """The price a short, unlabelled price box shows, read as `included` says."""
    text = _unstruck_text(box)
    if not text or len(text) > _LONGEST_PRICE_BOX or vat_basis(text) is not None:
        return None
    amounts = _amounts(text, locale)
    if not amounts:
        return None
    first = amounts[0]
    return Shown(first.value, first.currency, first.text, included,
                 _struck_above(box, first.value, locale))


def _siblings(node: LexborNode, forward: bool) -> Iterator[LexborNode]:
    sibling = node.next if forward else node.prev
    count = 0
    while sibling is not None and count < 3:
        if _is_element(sibling):
            count += 1
            yield sibling
        sibling = sibling.next if forward else sibling.prev


def _written_beside(box: LexborNode, included: bool, locale: str | None) -> Shown | None:
    """A labelled amount in the text of a short box that holds the label's element
    (`<p>99,00 € <small>inkl. MwSt.</small></p>`)."""
    text = node_text(box) or ""
    if len(text) > _LONGEST_PRICE_BOX:
        return None
    found = next((s for s in labelled_amounts(text, locale) if s.included == included), None)
    return replace(found, compare_at=_struck_above(box, found.amount, locale)) if found else None


def _beside(label: LexborNode, included: bool, locale: str | None) -> Shown | None:
    """The price a label in an element of its own speaks for: the nearest price box before
    it (or after it, for a label ending in a colon), or the amount written before it in the
    box that holds it, looking up to a few levels out."""
    forward = (node_text(label) or "").endswith(":")
    node: LexborNode | None = label
    for _level in range(4):
        for sibling in _siblings(node, forward):
            found = _box_price(sibling, included, locale)
            if found is not None:
                return found
        node = node.parent
        if node is None or node.tag in ("body", "html"):
            break
        found = _written_beside(node, included, locale)
        if found is not None:
            return found
    return None


def _shown_prices(label: LexborNode, locale: str | None) -> list[Shown]:
    """Prices one label element speaks for: amounts in its own text, then, for a label it
    holds without an amount ("Preise inkl. MwSt."), the price box beside it."""
    inline, left = _pairs(node_text(label) or "", locale)
    shown = [replace(s, compare_at=_struck_above(label, s.amount, locale)) for s in inline]
    for included in dict.fromkeys(m.included for m in left if m.strong):
        found = None if any(s.included == included for s in shown) else _beside(label, included, locale)
        shown += [found] if found is not None else []
    return shown


def shown_vat(doc: Document, locale: str | None) -> ShownVat | None:
    """The product's prices as the page labels them, read from the main heading on (header
    carts and shop-wide notices above it are not the product's); None without VAT labels."""
    if vat_basis(doc.body_text) is None or doc.tree.body is None:
        return None
    copy = LexborHTMLParser(doc.tree.body.html or "")
    copy.strip_tags(_NOT_SHOWN)
    if copy.body is None:
        return None
    order = {node.mem_id: index for index, node in enumerate(copy.body.css("*"))}
    heading = copy.body.css_first("h1")
    start = order.get(heading.mem_id, -1) if heading is not None else -1
    shown = [s for label in _label_nodes(copy.body) if order.get(label.mem_id, -1) > start
             for s in _shown_prices(label, locale)]
    return _gross_and_net(shown)


def _gross_and_net(shown: Sequence[Shown]) -> ShownVat | None:
    gross = next((s for s in shown if s.included), None)
    nets = [s for s in shown if not s.included]
    if gross is not None:   # the net price that goes with it, not another product's
        nets = [s for s in nets if _vat_apart(s.amount, gross.amount)]
    net = nets[0] if nets else None
    return ShownVat(gross, net) if gross or net else None


def _vat_rate(net: Decimal, gross: Decimal) -> Decimal | None:
    """The VAT rate in use that makes `gross` of `net`, give or take the rounding of either
    to the cent (a sale price and its regular price rarely are that far apart)."""
    slack = max(Decimal("0.01"), gross * Decimal("0.0005"))
    return next((rate for rate in _VAT_RATES if abs(net * (1 + rate) - gross) <= slack), None)


def _vat_apart(net: Decimal, gross: Decimal) -> bool:
    return _vat_rate(net, gross) is not None


def _said_by(source: str) -> str:
    if source in ("json-ld", "microdata"):
        return "its structured data"
    return "its OpenGraph tags" if source == "opengraph" else "the store's product data"


def _compare_for(facts: Sequence[SourceFacts], price: Decimal) -> Decimal | None:
    """A compare-at price from a source that gives the same price (so both include VAT)."""
    return next((f.compare_at_price for f in facts if f.price == price
                 and f.compare_at_price is not None and f.compare_at_price > price), None)


def settle_vat(pricing: Pricing, facts: Sequence[SourceFacts], shown: ShownVat | None) -> Pricing:
    """The price a shopper pays: a visible price labelled as including VAT wins over a price
    before VAT (shown beside it, or in structured data); a page that shows only a net price
    keeps it, and the record says so."""
    if shown is None:
        return pricing
    gross = shown.gross if shown.gross and _same_currency(shown.gross, pricing.currency) else None
    net = shown.net if shown.net and _same_currency(shown.net, pricing.currency) else None
    if gross is not None:
        return _with_gross(pricing, facts, gross, net)
    if net is not None and pricing.price in (None, net.amount):
        return Pricing(net.amount, pricing.currency or net.currency,
                       pricing.compare_at if pricing.price is not None else net.compare_at, EXCLUDED,
                       f"The page shows only {net.text} before VAT and no price including VAT, "
                       "so the record keeps the price before VAT.")
    return pricing


_TAKES_GROSS = "The record takes the price including VAT, the one a shopper pays."


def _with_gross(pricing: Pricing, facts: Sequence[SourceFacts], gross: Shown,
                net: Shown | None) -> Pricing:
    price, currency = pricing.price, pricing.currency or gross.currency
    shows = f"The page shows {gross.text} including VAT"
    if price is None or price == gross.amount:
        note = f"{shows} beside {net.text} before VAT. {_TAKES_GROSS}" if net is not None else None
        return Pricing(gross.amount, currency, pricing.compare_at or gross.compare_at, INCLUDED, note)
    chosen = next((f for f in facts if f.price == price), SourceFacts(source="merge"))
    said_by = _said_by(chosen.source)
    if net is not None and net.amount == price:
        note = f"{shows} beside {net.text} before VAT, the price {said_by} gives. {_TAKES_GROSS}"
    elif chosen.vat_included is False or _vat_apart(price, gross.amount):
        rate = _vat_rate(price, gross.amount)
        before = f", the same price before {float(rate * 100):g} % VAT" if rate is not None else ", before VAT"
        beside = f" beside {net.text} before VAT" if net is not None else ""
        note = f"{shows}{beside}; {said_by} says {price} {currency or ''}{before}. {_TAKES_GROSS}"
    else:
        return replace(pricing, note=f"{shows}, but {said_by} says {price} {currency or ''}; the "
                                     "difference is not VAT, so the record keeps that price.")
    # The compare-at price must include VAT too: the one shown beside the price, or one a
    # source gives with the same price; a net one would not pair.
    return Pricing(gross.amount, currency, gross.compare_at or _compare_for(facts, gross.amount),
                   INCLUDED, note)


def _same_currency(shown: Shown, currency: str | None) -> bool:
    return shown.currency is None or currency is None or shown.currency == currency
