"""Writing for a voice: numbers, prices, units and symbols spelled as a speaker says them.

A script scene has two forms: `display` (for the screen: "$39", "4.7★") and `text` (for the
voice: "thirty-nine dollars", "four point seven stars"). This module makes the second from
values and from free text such as feature bullets.
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import format_currency, format_decimal
from num2words import num2words

LOCALES = {"en": "en_US", "es": "es_ES", "de": "de_DE", "fr": "fr_FR", "ja": "ja_JP"}
_DECIMAL_WORD = {"en": "point", "es": "coma", "de": "Komma", "fr": "virgule", "ja": "点"}
_PERCENT = {"en": "percent", "es": "por ciento", "de": "Prozent", "fr": "pour cent", "ja": "パーセント"}
_AND = {"en": "and", "es": "y", "de": "und", "fr": "et", "ja": "と"}
_BY = {"en": "by", "es": "por", "de": "mal", "fr": "par", "ja": "かける"}
# Currency names (singular, plural) per language.
_CURRENCY = {
    "en": {"USD": ("dollar", "dollars"), "CAD": ("dollar", "dollars"), "AUD": ("dollar", "dollars"),
           "NZD": ("dollar", "dollars"), "EUR": ("euro", "euros"), "GBP": ("pound", "pounds"),
           "JPY": ("yen", "yen"), "CHF": ("franc", "francs"), "SEK": ("krona", "kronor"),
           "INR": ("rupee", "rupees"), "MXN": ("peso", "pesos")},
    "es": {"USD": ("dólar", "dólares"), "EUR": ("euro", "euros"), "GBP": ("libra", "libras"),
           "MXN": ("peso", "pesos"), "JPY": ("yen", "yenes"), "CAD": ("dólar", "dólares")},
    "de": {"USD": ("Dollar", "Dollar"), "EUR": ("Euro", "Euro"), "GBP": ("Pfund", "Pfund"),
           "CHF": ("Franken", "Franken"), "JPY": ("Yen", "Yen")},
    "fr": {"USD": ("dollar", "dollars"), "EUR": ("euro", "euros"), "GBP": ("livre", "livres"),
           "CHF": ("franc", "francs"), "CAD": ("dollar", "dollars"), "JPY": ("yen", "yens")},
    "ja": {"USD": ("ドル", "ドル"), "EUR": ("ユーロ", "ユーロ"), "GBP": ("ポンド", "ポンド"),
           "JPY": ("円", "円")},
}
_UNITS = {
    "en": {"g": "grams", "kg": "kilograms", "mg": "milligrams", "ml": "milliliters",
           "l": "liters", "cl": "centiliters", "mm": "millimeters", "cm": "centimeters",
           "m": "meters", "km": "kilometers", "oz": "ounces", "lb": "pounds", "lbs": "pounds",
           "in": "inches", "ft": "feet", "w": "watts", "v": "volts", "mah": "milliamp hours",
           "k": "kelvin", "h": "hours", "hr": "hours", "min": "minutes", "s": "seconds",
           "gb": "gigabytes", "tb": "terabytes", "qt": "quarts", "°c": "degrees", "°f": "degrees",
           "tsp": "teaspoons", "db": "decibels", "hz": "hertz", "khz": "kilohertz", "mph": "miles per hour"},
    "es": {"g": "gramos", "kg": "kilos", "ml": "mililitros", "l": "litros", "cl": "centilitros",
           "mm": "milímetros", "cm": "centímetros", "m": "metros", "w": "vatios", "h": "horas",
           "min": "minutos", "s": "segundos", "°c": "grados", "bar": "bares"},
    "de": {"g": "Gramm", "kg": "Kilogramm", "ml": "Milliliter", "l": "Liter", "cl": "Zentiliter",
           "mm": "Millimeter", "cm": "Zentimeter", "m": "Meter", "w": "Watt", "h": "Stunden",
           "min": "Minuten", "s": "Sekunden", "°c": "Grad", "bar": "Bar"},
    "fr": {"g": "grammes", "kg": "kilos", "ml": "millilitres", "l": "litres", "cl": "centilitres",
           "mm": "millimètres", "cm": "centimètres", "m": "mètres", "w": "watts", "h": "heures",
           "min": "minutes", "s": "secondes", "°c": "degrés", "bar": "bars"},
    "ja": {"g": "グラム", "kg": "キロ", "ml": "ミリリットル", "l": "リットル", "mm": "ミリ",
           "cm": "センチ", "m": "メートル", "w": "ワット", "h": "時間", "min": "分", "°c": "度"},
}
_COMMA_DECIMAL = frozenset({"es", "de", "fr"})
_CENTS = {"en": "cents", "es": "céntimos", "de": "Cent", "fr": "centimes", "ja": "セント"}
_SYMBOL_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "￥": "JPY"}
_MONEY = re.compile(
    r"(?P<pre>[$€£¥￥])\s?(?P<a>\d[\d.,\s]*\d|\d)|(?P<b>\d[\d.,\s]*\d|\d)\s?(?P<post>[€$£]|円|EUR|USD)")
_PERCENT_RE = re.compile(r"(\d+(?:[.,]\d+)*)\s?%")
_DIMENSION = re.compile(r"(\d+(?:[.,]\d+)?)\s?[×x]\s?(\d+(?:[.,]\d+)?)(?:\s?([a-zA-Z]{1,3})\b)?")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b(?!\s?[a-zA-Z%°])")
_UNIT_RE = re.compile(r"(\d+(?:[.,]\d+)?)\s?(°[CF]|[a-zA-Zµ]{1,3})\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _number(raw: str, language: str, money: bool = False) -> Decimal:
    """A written number in the language's convention; with both separators present the last
    one is the decimal point whatever the language (`$1,299.00` in a Spanish sentence)."""
    text = raw.strip().replace(" ", "").replace("\u202f", "")
    # Repeated 3-digit groups are thousands in any language: 1.000.000, 1,000,000.
    for separator in (".", ","):
        if re.fullmatch(rf"\d{{1,3}}(\{separator}\d{{3}}){{2,}}", text):
            return Decimal(text.replace(separator, ""))
    if money and re.fullmatch(r"\d{1,3}(,\d{3})+", text):
        return Decimal(text.replace(",", ""))   # "$1,299" on a Mexican page is a thousand
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    elif language in _COMMA_DECIMAL:
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
            text = text.replace(".", "")
        text = text.replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(,\d{3})+", text):
        text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    return Decimal(text)


def say_number(value: Decimal | float | int, language: str) -> str:
    """A number as words: 4.7 → "four point seven", 1299 → "one thousand two hundred ninety-nine"."""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        words = num2words(int(number), lang=language)
    else:
        whole, _, fraction = format(number.normalize(), "f").partition(".")
        digits = " ".join(num2words(int(d), lang=language) for d in fraction)
        joiner = "" if language == "ja" else " "
        words = f"{num2words(int(whole), lang=language)}{joiner}{_DECIMAL_WORD[language]}{joiner}{digits}"
    return words.replace(", ", " ").replace(" and ", " ") if language == "en" else words


def say_price(amount: Decimal, currency: str | None, language: str) -> str:
    """How a presenter says a price: "thirty-nine dollars", "thirty-nine ninety-nine" style
    cents ("thirty-nine dollars ninety-nine"), "千九百八十円"."""
    names = _CURRENCY.get(language, {}).get(currency or "", None)
    whole = int(amount)
    cents = int((amount - whole) * 100)
    if names is None:
        return say_number(amount, language) + (f" {currency}" if currency else "")
    unit = names[0] if whole == 1 else names[1]
    if whole == 0 and cents:
        return f"{say_number(cents, language)}{'' if language == 'ja' else ' '}{_CENTS[language]}"
    if language == "es" and whole != 1:
        return _spanish_price(whole, cents, unit, feminine=unit in ("libras",))
    if whole == 1 and language in ("es", "fr", "de"):
        article = "ein" if language == "de" else "un"
        return f"{article} {unit}" + (f" {say_number(cents, language)}" if cents else "")
    if language == "ja":
        base = f"{num2words(whole, lang='ja')}{unit}"
        return base if not cents else f"{base}{num2words(cents, lang='ja')}セント"
    spoken = f"{say_number(whole, language)} {unit}"
    if cents:
        spoken += f" {say_number(cents, language)}"
        if language == "es":
            spoken = f"{say_number(whole, language)} {unit} con {say_number(cents, language)}"
    return spoken


def show_price(amount: Decimal, currency: str | None, language: str) -> str:
    """A price for the screen, formatted for the script's language ("$39", "39,90 €")."""
    locale = LOCALES.get(language, "en_US")
    if currency is None:
        return format_decimal(amount, locale=locale)
    pattern = None if amount != amount.to_integral_value() else "¤#,##0"
    if language in {"de", "fr", "es"} and pattern:
        pattern = "#,##0 ¤"
    return format_currency(amount, currency, locale=locale, format=pattern, currency_digits=pattern is None)


def _spanish_price(whole: int, cents: int, unit: str, feminine: bool) -> str:
    """Spanish numbers agree with the currency: veintiún euros, treinta y una libras."""
    words = say_number(whole, "es")
    if words.endswith("uno"):
        words = words[:-3] + ("una" if feminine else ("ún" if words.endswith("iuno") else "un"))
    spoken = f"{words} {unit}"
    return spoken + (f" con {say_number(cents, 'es')}" if cents else "")


def say_percent(value: Decimal | int, language: str) -> str:
    joiner = "" if language == "ja" else " "
    return f"{say_number(value, language)}{joiner}{_PERCENT[language]}"


# Words after a measure that make it a quantity ("35 dB of noise", "300 ml per press"), not a
# modifier of the next noun ("5 mm lugs").
_NOT_A_NOUN = frozenset({
    "of", "per", "and", "or", "to", "in", "on", "at", "with", "for", "from", "each", "a", "an",
    "the", "more", "less", "max", "min", "maximum", "minimum", "total", "long", "wide", "high",
    "tall", "deep", "thick", "away", "cold", "hot", "warm", "off", "when", "while", "than",
    "is", "are", "was", "so", "plus", "by", "under", "over", "before", "after", "between", "up"})


def _modifies_noun(rest: str) -> bool:
    word = re.match(r"\s+([A-Za-z][\w-]*)", rest)
    return bool(word) and word.group(1).lower() not in _NOT_A_NOUN


def _singular(unit: str) -> str:
    irregular = {"feet": "foot", "inches": "inch", "kelvin": "kelvin", "hertz": "hertz"}
    if unit in irregular:
        return irregular[unit]
    return re.sub(r"s\b", "", unit).replace(" ", "-")


def speakable(text: str, language: str, currency: str | None = None) -> str:
    """Free text (a feature, a review) made speakable: prices, percentages, dimensions,
    measurements and remaining numbers spelled out; symbols said as words."""

    def money(match: re.Match[str]) -> str:
        raw = match.group("a") or match.group("b")
        sign = match.group("pre") or match.group("post")
        code = _SYMBOL_CURRENCY.get(sign) or ("JPY" if sign == "円" else sign)
        if sign == "$" and currency in {"CAD", "AUD", "NZD", "USD", "MXN"}:
            code = currency
        try:
            return say_price(_number(raw, language, money=True), code, language)
        except ArithmeticError:
            return match.group()

    def percent(match: re.Match[str]) -> str:
        try:
            return say_percent(_number(match.group(1), language), language)
        except ArithmeticError:
            return match.group()

    def dimension(match: re.Match[str]) -> str:
        try:
            first = say_number(_number(match.group(1), language), language)
            second = say_number(_number(match.group(2), language), language)
        except ArithmeticError:
            return match.group()
        name = _UNITS.get(language, {}).get((match.group(3) or "").lower(), match.group(3) or "")
        return f"{first} {_BY[language]} {second} {name}".strip()

    def year(match: re.Match[str]) -> str:
        if language == "ja":   # num2words would give an imperial era name
            return say_number(int(match.group(1)), language) + "年"
        try:
            return num2words(int(match.group(1)), lang=language, to="year")
        except (NotImplementedError, TypeError, AttributeError):
            return say_number(int(match.group(1)), language)

    def unit(match: re.Match[str]) -> str:
        words = _UNITS.get(language, {})
        name = words.get(match.group(2).lower())
        try:
            number = say_number(_number(match.group(1), language), language)
        except ArithmeticError:
            return match.group()
        if name is None:
            return f"{number} {match.group(2)}"
        if language == "en" and _modifies_noun(match.string[match.end():]):
            # English measures before a noun are adjectives: "a five-millimeter lug".
            return f"{number.replace(' ', '-')}-{_singular(name)}"
        return f"{number}{'' if language == 'ja' else ' '}{name}"

    def number(match: re.Match[str]) -> str:
        try:
            return say_number(_number(match.group(), language), language)
        except ArithmeticError:
            return match.group()

    if language == "en":
        text = re.sub(r"(\d)\s?–\s?(\d)", r"\1 to \2", text)    # "3–4 minutes": three to four
    out = _MONEY.sub(money, text)
    out = _PERCENT_RE.sub(percent, out)
    out = _DIMENSION.sub(dimension, out)
    out = _YEAR.sub(year, out)
    out = _UNIT_RE.sub(unit, out)
    out = _NUMBER.sub(number, out)
    out = out.replace("&", f" {_AND[language]} ").replace("+", f" {_AND[language]} ")
    return re.sub(r"\s+", " ", out).strip()
