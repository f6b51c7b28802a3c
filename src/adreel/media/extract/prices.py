"""Prices as pages write them → exact amounts and ISO 4217 codes."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from price_parser import Price

# Symbols that name one currency, and those that several countries share (resolved by hints).
_SYMBOLS = {
    "€": "EUR", "£": "GBP", "₹": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY", "₫": "VND",
    "₱": "PHP", "₪": "ILS", "฿": "THB", "zł": "PLN", "kč": "CZK", "ft": "HUF", "r$": "BRL",
    "us$": "USD", "usd": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD",
    "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "mx$": "MXN", "円": "JPY", "元": "CNY",
    "rmb": "CNY", "fr.": "CHF", "lei": "RON",
}
_DOLLAR_BY_LOCALE = {"CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD", "MX": "MXN"}
_KRONA_BY_LANGUAGE = {"sv": "SEK", "da": "DKK", "nb": "NOK", "no": "NOK", "nn": "NOK", "is": "ISK"}
_ISO = re.compile(r"^[A-Z]{3}$")
_CENTS_OK = re.compile(r"^\d+$")


def currency_code(symbol: str | None, *, locale: str | None = None) -> str | None:
    """ISO 4217 code for a currency symbol or code. `locale` (e.g. `en-CA`, `ja`) settles
    symbols that several countries use ($, ¥, kr)."""
    if not symbol:
        return None
    raw = symbol.strip()
    if _ISO.match(raw.upper()) and raw.upper() not in {"US$"}:
        return raw.upper()
    key = raw.lower()
    if key in _SYMBOLS:
        return _SYMBOLS[key]
    lang, _, region = (locale or "").replace("_", "-").partition("-")
    lang, region = lang.lower(), region.upper()
    if key == "$":
        return _DOLLAR_BY_LOCALE.get(region, "USD")
    if key in {"¥", "￥"}:
        return "CNY" if lang == "zh" else "JPY"
    if key == "kr":
        return _KRONA_BY_LANGUAGE.get(lang, "SEK")
    return None


def parse_amount(value: object, *, machine: bool = False) -> Decimal | None:
    """An amount from a number or a display string (`$1,299.00`, `1.299,00 €`, `¥1,980`).
    `machine=True` reads structured-data values, where `.` is always the decimal point."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        amount = Decimal(str(value))
    else:
        text = str(value).strip()
        if not text:
            return None
        if machine:
            try:
                amount = Decimal(text.replace(",", ""))
            except InvalidOperation:
                amount = Price.fromstring(text).amount
        else:
            amount = Price.fromstring(text).amount
    if amount is None or not amount.is_finite() or amount < 0:
        return None
    return amount


def parse_price(text: str, *, locale: str | None = None) -> tuple[Decimal | None, str | None]:
    """Amount and ISO currency from a display string; either may be None."""
    parsed = Price.fromstring(text)
    amount = parsed.amount if parsed.amount is not None and parsed.amount >= 0 else None
    return amount, currency_code(parsed.currency, locale=locale)


def from_cents(value: object) -> Decimal | None:
    """Shopify's product JSON counts in the currency's minor unit (8900 → 89.00)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int) or (isinstance(value, str) and _CENTS_OK.match(value)):
        return (Decimal(int(value)) / 100).quantize(Decimal("0.01"))
    return parse_amount(value, machine=True)


def discount_percent(price: Decimal | None, compare_at: Decimal | None) -> int | None:
    """Whole-percent saving when `compare_at` is a real, higher regular price."""
    if price is None or compare_at is None or compare_at <= price or compare_at == 0:
        return None
    return int(((compare_at - price) / compare_at * 100).to_integral_value(rounding="ROUND_HALF_UP"))
