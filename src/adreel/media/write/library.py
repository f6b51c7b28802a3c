"""A language's copy for the built-in writer: lines with slots, grouped by what they do.

Slots (in braces) are filled from the product's facts: {name} {brand} {category} {price}
{old_price} {discount} {rating} {reviews} {benefit} {quote} {reviewer} {ordinal} {sentence}
{audience} {term}, and where a language has them, the short name and its grammar: {short}
{kind} {kinds} {a_kind} {it} {it_is} {this_is} {is}. A line is used only when every slot it
names has a value, so copy never states what the page does not support. Lines hold no digits: numbers arrive spelled out
through the slots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from adreel.media.write.facts import Said
from adreel.media.write.phrasing import unquote

_SLOT = re.compile(r"{(\w+)}")


@dataclass(frozen=True)
class Library:
    language: str
    hooks: dict[str, list[str]]            # style → ad hooks
    organic_hooks: dict[str, list[str]]    # style → hooks for organic (editorial) videos
    problem: list[str]                     # problem_solution: the pain, agitated
    reveal: list[str]                      # the product arrives as the answer
    discovery: list[str]                   # discovery: what it is
    reason: list[str]                      # three_reasons: "{ordinal}: {benefit}"
    ordinals: list[str]                    # spoken ordinals for reasons: one, two, three...
    benefit: list[str]                     # a feature said as a benefit
    proof: list[str]                       # rating and review count
    quote: list[str]                       # a real review quote
    offer: list[str]                       # the real discount / compare-at price
    price: list[str]                       # the price, plainly
    urgency: list[str]                     # for offers: act now (no invented deadline)
    objection: list[str]                   # a doubt raised and answered
    usage: list[str]                       # where and how it fits a day
    detail: list[str]                      # a sentence of the description, introduced
    look: list[str]                        # "take a closer look" beats over product shots
    cta: list[str]                         # ad calls to action
    organic_endings: list[str]             # soft endings for organic videos
    audience: list[str]                    # addressing the target audience
    mention: list[str]                     # bringing in a must-mention term
    tone_lines: dict[str, list[str]] = field(default_factory=dict)      # tone → openers
    tone_words: dict[str, list[str]] = field(default_factory=dict)      # tone → trigger words
    mention_pattern: str = r"$^"           # regex over instructions, group 1 = term to mention
    avoid_pattern: str = r"$^"             # regex over instructions, group 1 = term to avoid
    join: str = " "                        # between sentences in one scene ("" for Japanese)
    # Problems grounded in what the product is: topic → words that place a product in it, the
    # pains that topic's buyers know, and hooks that open on that pain. A product in no topic
    # gets `problem`, which is built from its own kind ("Most {kinds} ...").
    topics: dict[str, list[str]] = field(default_factory=dict)
    # Lines that take a benefit as a bare list item ("Plus, deep juice grooves."), for tight
    # durations; empty: the benefit lines take either form.
    item: list[str] = field(default_factory=list)
    # Openings that add to something said before ("Plus,"): not for the script's first benefit.
    additive: tuple[str, ...] = ()
    pains: dict[str, list[str]] = field(default_factory=dict)
    pain_hooks: dict[str, list[str]] = field(default_factory=dict)

    def groups(self) -> dict[str, list[str]]:
        return {k: v for k, v in self.__dict__.items() if isinstance(v, list)}


def slots_of(template: str) -> set[str]:
    return set(_SLOT.findall(template))


_QUOTES = {"en": "“”", "es": "“”", "de": "„“", "fr": "«»", "ja": "「」"}
_OPENING = frozenset("“„«「\"'‘")


def quoted(template: str, quote: Said, language: str) -> Said:
    """A review quote in the language's quotation marks, unless the line supplies its own."""
    at = template.find("{quote}")
    if at > 0 and template[at - 1].strip(" ") and template[at - 1] in _OPENING:
        return quote
    left, right = _QUOTES.get(language, "“”")
    space = "\u00a0" if language == "fr" else ""
    return Said(f"{left}{space}{unquote(quote.text)}{space}{right}",
                f"{left}{space}{unquote(quote.display)}{space}{right}")



def fill(template: str, values: dict[str, Said], language: str = "en") -> Said | None:
    """The template in both forms, or None when it names a slot without a value."""
    names = slots_of(template)
    if not names <= values.keys():
        return None
    if "quote" in names:
        values = {**values, "quote": quoted(template, values["quote"], language)}
    spoken = template.format(**{k: values[k].text for k in names})
    shown = template.format(**{k: values[k].display for k in names})
    return Said(tidy(_capitalise(spoken)), tidy(_capitalise(shown)))


# A slot's own final mark meeting the line's ("Kiln and Co." + ".", "hype?" + "."): keep one.
_MARKS = ((re.compile(r"(?<!\.)\.\.(?!\.)"), "."), (re.compile(r"([?!])\."), r"\1"),
          (re.compile(r",\."), "."), (re.compile(r"\.:"), ":"), (re.compile(r"([!?,:;])\1+"), r"\1"),
          (re.compile(r"([.!?])([”»」])\."), r"\1\2"), (re.compile(r"”\."), ".”"),
          (re.compile(r"\s+([.,!?;:])"), r"\1"))


def tidy(text: str) -> str:
    """One mark where a filled slot and its line each brought one; a full stop after an
    English closing quote moves inside it."""
    for pattern, replacement in _MARKS:
        text = pattern.sub(replacement, text)
    return text


_AFTER_QUESTION = re.compile(r"([?!¿¡]\s+)([a-zà-ÿ])")


def _capitalise(text: str) -> str:
    """Sentence case: the line's first letter, and the first after a question or exclamation
    ("And the best part? Stainless ...")."""
    text = text.strip()
    if text[:1].isalpha() and text[:1].islower():
        text = text[:1].upper() + text[1:]
    return _AFTER_QUESTION.sub(lambda m: m.group(1) + m.group(2).upper(), text)
