"""What the page lets a script say: the product's facts, ready to be spoken and shown.

Only what the record supports is here. A missing price, rating or review is None, so a
template that needs it is never used and nothing is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from babel.numbers import format_decimal

from adreel.media.extract.model import Product
from adreel.media.write.phrasing import article, clause, naming, strip_label, unquote
from adreel.media.write.phrasing import phrase as list_item
from adreel.media.write.speech import (
    LOCALES,
    say_number,
    say_percent,
    say_price,
    show_price,
    speakable,
)
from adreel.media.write.timing import japanese_reader

_CLAUSE = re.compile(r"\s*(?:[;:|]|(?<!\d)[–—]|[–—](?!\d)|\s-\s|\.\s)\s*")   # "62–63" is a range
_SENTENCE = re.compile(r"(?<=[.!?。！？])\s+")
_QUOTE_MAX_WORDS = 22
_TRAILING_SIZE = re.compile(
    r"\s+\d+(?:[.,]\d+)?\s?(?:mm|cm|m|l|ml|cl|g|kg|mg|qt|oz|lb|lbs|in|inch|inches|ft|w|v|mah|"
    r"gb|tb|pcs|pk|pack|ct|count|x|µm)\.?$", re.IGNORECASE)
_LITTLE_WORDS = frozenset({
    "a", "an", "the", "of", "with", "without", "for", "from", "and", "or", "to", "in", "on", "at",
    "by", "as", "into", "than",
    "de", "del", "la", "el", "los", "las", "con", "sin", "para", "por", "y", "o", "en", "un", "una",
    "al",
    "der", "die", "das", "den", "dem", "des", "mit", "ohne", "für", "von", "und", "oder", "zu",
    "im", "am", "aus",
    "le", "les", "du", "avec", "sans", "pour", "par", "et", "ou", "une", "au", "aux",
})


@dataclass(frozen=True)
class Said:
    """One fact in both forms: spoken (`text`) and shown (`display`)."""

    text: str
    display: str


@dataclass
class ScriptFacts:
    language: str
    name: Said
    brand: Said | None = None
    category: Said | None = None
    price: Said | None = None
    old_price: Said | None = None
    discount: Said | None = None
    rating: Said | None = None
    reviews: Said | None = None
    benefits: list[Said] = field(default_factory=list)
    short_benefits: list[Said] = field(default_factory=list)   # same order, a breath shorter
    cards: list[str] = field(default_factory=list)             # same order, as a feature card shows it
    quotes: list[tuple[Said, str | None]] = field(default_factory=list)  # (quote, reviewer)
    short_quotes: list[Said] = field(default_factory=list)
    sentences: list[Said] = field(default_factory=list)                 # description sentences
    images: int = 0
    short: Said | None = None        # the name used after the first mention: "this coffee maker"
    kind: str | None = None          # what it is: "coffee maker", "wireless earbuds"
    plural: bool = False             # "they" rather than "it"
    topic: str | None = None         # its category in the copy library ("coffee", "audio", ...)

    def slots(self) -> dict[str, Said]:
        found = {"name": self.name}
        for key in ("brand", "category", "price", "old_price", "discount", "rating", "reviews"):
            value = getattr(self, key)
            if value is not None:
                found[key] = value
        if self.kind:
            kinds = self.kind if self.plural else _pluralise(self.kind)
            a_kind = self.kind if self.plural else f"{article(self.kind)}{self.kind}"
            for key, value in (("kind", self.kind), ("kinds", kinds), ("a_kind", a_kind),
                               ("it", "they" if self.plural else "it"),
                               ("it_is", "they're" if self.plural else "it's"),
                               ("this_is", "these are" if self.plural else "this is"),
                               ("is", "are" if self.plural else "is")):
                found[key] = Said(speakable(value, self.language), value)
        if self.short is not None:
            found["short"] = self.short
        return found


def _pluralise(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def short_name(title: str, brand: str | None) -> str:
    """The product's name as a person says it: no brand prefix, no variant or size tail."""
    name = title
    if brand and name.lower().startswith(brand.lower() + " ") and len(name) > len(brand) + 3:
        name = name[len(brand) + 1:]
    name = re.split(r"\s[–—|]\s|\s-\s|,\s|\s?[(（【\[]", name)[0].strip()
    # Trailing sizes ("5.5 qt", "210 mm", "1.2L") are read off the label, not said; model
    # names with digits ("EOS R5", "HX-40") are part of the name and stay.
    while True:
        shorter = _TRAILING_SIZE.sub("", name).strip()
        if shorter == name or not shorter:
            break
        name = shorter
    return name or title


def _inline(text: str, language: str) -> str:
    """A bullet or sentence ready to sit mid-sentence: "Fully fashioned seams" → "fully
    fashioned seams" (not in German, where nouns keep capitals, nor for acronyms)."""
    if language in ("de", "ja") or len(text) < 2 or not text[0].isupper() or text[1].isupper():
        return text
    return text[0].lower() + text[1:]


def _trim_japanese(text: str, max_words: int) -> str:
    """Japanese has no spaces: cut between the phrases the voice reads (MeCab), at about
    `max_words` of them, never inside a word or a number; asides in brackets go first."""
    text = re.sub(r"[（(][^）)]*[）)]", "", text.strip()).rstrip("。．.！!")
    phrases = [written for written, _ in japanese_reader().words(text)]
    if len(phrases) <= max_words:
        return text
    kept = ""
    for phrase in phrases[:max_words]:
        kept += phrase
        if phrase.endswith(("。", "、")) and len(kept) >= 6:
            break
    if "・" in kept and len(kept) < len(text):
        kept = kept[: kept.rfind("・")]   # never end on half of a listed item
    return kept.rstrip("、。・")


def _trim(text: str, max_words: int, language: str = "en") -> str:
    """A feature or quote short enough to say in one breath: whole when it fits in
    `max_words`, else its clauses up to that length (never less than the first clause)."""
    if language == "ja":
        return _trim_japanese(text, max_words)
    text = text.strip()
    if len(text.split()) <= max_words:
        return text.rstrip(" .,;:!")
    # The longest prefix that ends at a clause boundary and fits, punctuation as written.
    best = ""
    for boundary in _CLAUSE.finditer(text):
        prefix = text[: boundary.start()]
        if len(prefix.split()) > max_words:
            break
        best = prefix
    words = (best or text).split()[:max_words]
    while len(words) > 2 and words[-1].lower().strip(",") in _LITTLE_WORDS:
        words.pop()   # a cut phrase must not end on "with", "de", "sans", "ohne"
    return " ".join(words).rstrip(" .,;:!")


# Breadcrumbs that name a section of the shop rather than a kind of product.
_NOT_CATEGORIES = frozenset({
    "shop", "store", "home", "sale", "all", "products", "new", "new arrivals", "men", "women",
    "kids", "herren", "damen", "kinder", "startseite", "hombre", "mujer", "tienda", "inicio",
    "homme", "femme", "boutique", "accueil", "ホーム", "メンズ", "レディース", "outlet"})


def _category(product: Product, language: str) -> str | None:
    crumbs = [c for c in product.breadcrumbs if c and c != product.title]
    candidates = [product.category, *reversed(crumbs)] if product.category else list(reversed(crumbs))
    value = next((c for c in candidates if c and c.strip().lower() not in _NOT_CATEGORIES), None)
    if not value or len(value.split()) > 4:
        return None
    return value if language == "de" else value.lower() if language != "ja" else value


def product_facts(product: Product, language: str) -> ScriptFacts:
    title = product.title or ""
    currency = product.currency
    name = short_name(title, product.brand)
    facts = ScriptFacts(language=language, name=Said(speakable(name, language, currency), name))
    if product.brand:
        facts.brand = Said(speakable(product.brand, language), product.brand)
    category = _category(product, language)
    if category:
        facts.category = Said(speakable(category, language), category)
    if product.price is not None and product.price > 0:
        facts.price = Said(say_price(product.price, currency, language),
                           show_price(product.price, currency, language))
        if product.compare_at_price is not None and product.compare_at_price > product.price:
            facts.old_price = Said(say_price(product.compare_at_price, currency, language),
                                   show_price(product.compare_at_price, currency, language))
            if product.discount_percent:
                facts.discount = Said(say_percent(product.discount_percent, language),
                                      f"{product.discount_percent}%")
    locale = LOCALES.get(language, "en_US")
    if product.rating is not None and product.rating >= 3.5:
        rating = round(product.rating, 1)
        facts.rating = Said(say_number(rating, language), format_decimal(rating, locale=locale))
    if product.review_count:
        facts.reviews = Said(say_number(product.review_count, language),
                             format_decimal(product.review_count, locale=locale))
    if language == "en":
        _english(product, facts, currency)
        facts.images = len(product.images)
        return facts
    for feature in product.features:
        trimmed = _inline(_trim(feature, 14, language), language)
        if len(trimmed.split()) >= 2 or (language == "ja" and len(trimmed) >= 4):
            facts.benefits.append(Said(speakable(trimmed, language, currency), trimmed))
            facts.cards.append(trimmed)
            short = _inline(_trim(feature, 5, language), language)
            facts.short_benefits.append(Said(speakable(short, language, currency), short))
    for review in product.reviews:
        quote = _trim(review.body, _QUOTE_MAX_WORDS, language)
        if len(quote.split()) >= 4 or (language == "ja" and len(quote) >= 8):
            author = review.author.split(",")[0].split("·")[0].strip() if review.author else None
            facts.quotes.append((Said(speakable(quote, language, currency), quote), author))
            short = _trim(review.body, 10, language)
            facts.short_quotes.append(Said(speakable(short, language, currency), short))
    for sentence in _SENTENCE.split(product.description or ""):
        sentence = _inline(sentence.strip(), language)
        if language == "ja":
            sentence = sentence.rstrip("。")
        if 4 <= len(sentence.split()) <= 30 or (language == "ja" and 8 <= len(sentence) <= 80):
            facts.sentences.append(Said(speakable(sentence, language, currency), sentence))
    facts.images = len(product.images)
    return facts


_DOMAIN = re.compile(r"\b[\w-]+\.(?:com|net|org|co|io|shop|store)\b|https?://", re.IGNORECASE)


def whole_sentences(text: str, max_words: int) -> str | None:
    """As many whole sentences as fit in `max_words`, or None when the first alone does not:
    a quotation is never cut inside a sentence."""
    kept: list[str] = []
    for sentence in _SENTENCE.split(unquote(" ".join(text.split()))):
        if len(" ".join([*kept, sentence]).split()) > max_words:
            break
        kept.append(sentence)
    if not kept:
        return None
    joined = " ".join(kept)
    return joined if joined[-1] in ".!?" else joined + "."


def _at_boundary(text: str, max_words: int) -> str | None:
    """The text whole when it fits `max_words`, else its longest prefix that ends at a clause
    boundary and fits, else None (never a cut inside a clause)."""
    text = text.strip()
    if len(text.split()) <= max_words:
        return text.rstrip(" .,;:!")
    best = None
    for boundary in _CLAUSE.finditer(text):
        prefix = text[: boundary.start()]
        if len(prefix.split()) > max_words:
            break
        best = prefix
    return best.rstrip(" .,;:!") if best and len(best.split()) >= 2 else None


def _english(product: Product, facts: ScriptFacts, currency: str | None) -> None:
    """English facts said as a person says them: the name, then a short name; each bullet a
    clause; reviews in whole sentences; description sentences that read as sentences."""
    name = facts.name.display
    naming_ = naming(name, product.brand, facts.category.display if facts.category else None)
    facts.name = Said(speakable(naming_.full, "en", currency), naming_.full)
    facts.short = Said(speakable(naming_.short, "en", currency), naming_.short)
    facts.kind, facts.plural = naming_.kind, naming_.plural
    subject = "they" if naming_.plural else "it"
    for feature in product.features:
        label, statement = strip_label(feature)
        statement = _at_boundary(statement, 16)
        if statement is None:
            if not label or len(label.split()) < 2:
                continue     # no clause of it fits a breath: cutting one would leave it unfinished
            label, statement = None, label     # "THREE SIZES FOR EVERY TASK – <a long list>"
        said = clause(f"{label}: {statement}" if label else statement, subject)
        if said is None or len(said.split()) < 3:
            continue
        facts.benefits.append(Said(speakable(said, "en", currency), said))
        # A reason said as a list item: the label, or the statement to its first clause.
        item = list_item(f"{label}: {statement}" if label else _CLAUSE.split(statement, maxsplit=1)[0]) or said
        item = item if 2 <= len(item.split()) <= 12 else said
        facts.short_benefits.append(Said(speakable(item, "en", currency), item))
        # A card shows the thing, not the sentence about it: "Deep juice grooves".
        card = list_item(f"{label}: {statement}" if label else statement) or said
        facts.cards.append(card[:1].upper() + card[1:])
    for review in product.reviews:
        quote = whole_sentences(review.body, _QUOTE_MAX_WORDS)
        if quote is None or len(quote.split()) < 4:
            continue
        author = review.author.split(",")[0].split("·")[0].strip() if review.author else None
        facts.quotes.append((Said(speakable(quote, "en", currency), quote), author))
        short = whole_sentences(review.body, 10) or quote
        facts.short_quotes.append(Said(speakable(short, "en", currency), short))
    for sentence in _SENTENCE.split(product.description or ""):
        sentence = unquote(sentence.strip())
        parts = sentence.rstrip(".!").split(",")
        if (_DOMAIN.search(sentence) or ":" in sentence or not 5 <= len(sentence.split()) <= 24
                or sentence[-1:] not in ".!" or (len(parts) > 2 and all(len(p.split()) <= 3 for p in parts))):
            continue   # not a sentence a person says: a link, a label, a list of specs
        facts.sentences.append(Said(speakable(sentence, "en", currency), sentence))
