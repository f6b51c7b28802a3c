"""Page text made into things an English speaker says: bullets as clauses, the product's name
and the short name used after it, its kind of product and the problems that kind solves.

A bullet on a product page is a label, a noun phrase or half a sentence ("DEEP JUICE
GROOVES", "Dual-mic hybrid ANC: blocks up to 35 dB", "Double-walled carafe keeps coffee
warm"). Read out as written it sounds like a list; here each becomes a clause that stands on
its own ("it blocks up to 35 dB", "you get deep juice grooves", "the double-walled carafe
keeps coffee warm"). Digits stay digits: the speech module spells them for the voice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Verbs a feature bullet opens with (base forms); "-s" forms are recognised from them.
_VERBS = frozenset("""
absorb add adapt adjust allow attach balance blend block boil boost brew build carry charge
catch clean clip combine come connect contain control cool cover cut deliver detach dispense
dissolve dry ease extend fade feel filter fit fold give glide go grip guard handle heat help
hold improve include insulate keep kill last let lift light lock make measure mix move offer
open pack pair play pour power prevent protect provide pull reduce refill release remove
repel resist rest run seal send sit sleep slide soften sound spin stack stand stay steam
stop store stretch support switch take track trap turn use vent warm wash wick work wrap
bend bounce breathe brighten calm capture clamp cling conform cushion deflect detect dim
disperse distribute drain eliminate enhance ensure expand flex float flow glow grind hang
hug hydrate infuse lock lower mount nourish purify radiate raise recharge recline reflect
relieve replace restore retain return reveal rotate secure shape shield shine slice smooth
snap soak soothe spread squeeze stick strengthen suit sync tame tighten tilt toast transform
trim unfold unlock wake weigh whisk wipe withstand even
""".split())  # noqa: SIM905 (a word list reads better as text)
# Verbs whose "-s" form is as often a noun on a shop page ("free returns", "fast prints"):
# taken for a verb only when an object follows (a number, "your", "the", "up to", ...).
_NOUN_TOO = frozenset({"return", "trim", "mount", "snap", "wake", "slice", "toast", "lock", "shape", "shield",
                       "cushion", "flow", "glow", "hug", "spread", "squeeze", "stick", "soak", "wipe"})
_OBJECT_OPENERS = frozenset({"your", "the", "a", "an", "up", "every", "all", "more", "most", "its", "their",
                             "you", "it", "them", "heat", "water", "moisture", "sweat", "light", "noise"})
_PARTICIPLES = frozenset({"made", "built", "sewn", "woven", "grown", "handmade", "hand-made", "spun", "cut"})
_PREPOSITIONS = frozenset({"in", "from", "with", "for", "by", "to", "of", "on", "at", "into", "under"})
_PREDICATE_ENDINGS = ("able", "ible", "proof", "safe", "free", "friendly", "resistant", "ready", "compatible")
_MODIFIER_OPENERS = frozenset({"with", "in", "for", "from", "of", "on", "at", "per", "that", "which", "so"})
_IRREGULAR = {"has": "have", "does": "do", "goes": "go", "is": "are"}
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9+&/-]{0,5}$")
_BRACKETED_LABEL = re.compile(r"^\s*[【\[][^】\]]*[】\]]\s*")
_LABEL = re.compile(r"^\s*([^:–—]{1,40}?)\s*(?::|\s[–—-]\s)\s*(.+)$")
_VOWEL_SOUND = re.compile(r"^(?:[aeio]|u(?!ni|se|su|ti|ra|re|ri|ro|ro|sb|v)|hour|honest|heir)", re.IGNORECASE)
_VOWEL_LETTER = frozenset("AEFHILMNORSX")
# A number and a unit before a noun: "8 mm heel drop", "5-inch screen", "30 L pack".
_MEASURE = re.compile(r"^\d+(?:[.,]\d+)?[\s-]?(?:mm|cm|m|in|inch|ft|l|ml|oz|g|kg|lb|w|v|mah|hz|db|gb|tb)\b\S*\s+\w",
                      re.IGNORECASE)    # letters whose names open with a vowel: "an LED"


def verb_form(word: str) -> str | None:
    """The base form when `word` is a third-person verb ("keeps" → "keep"), else None."""
    lower = word.lower()
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    for suffix, replace in (("ies", "y"), ("es", ""), ("s", "")):
        if lower.endswith(suffix) and lower[: len(lower) - len(suffix)] + replace in _VERBS:
            return lower[: len(lower) - len(suffix)] + replace
    return None


def _shouted(word: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", word)
    return len(letters) >= 2 and letters.isupper()


def sentence_case(text: str) -> str:
    """SHOUTED words in lower case, acronyms kept: a capitalised word of six letters or more,
    or a run of two or more ("THREE SIZES FOR EVERY TASK" → "three sizes for every task";
    "UV-C cap" and "62–63 HRC" stay)."""
    words = text.split(" ")
    out = []
    for at, word in enumerate(words):
        run = _shouted(word) and ((at > 0 and _shouted(words[at - 1])) or
                                   (at + 1 < len(words) and _shouted(words[at + 1])))
        long = _shouted(word) and len(re.sub(r"[^A-Za-z]", "", word)) >= 6
        out.append(word.lower() if run or long else word)
    return " ".join(out)


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if _ACRONYM.match(first.rstrip(",.")) or (len(first) > 1 and any(c.isupper() for c in first[1:])):
        return text   # "USB-C ...", "TrailPress ..."
    return text[:1].lower() + text[1:]


def plural(noun_phrase: str) -> bool:
    # The head noun is the word before "of" when there is one ("notes of amber and cedar").
    noun_phrase = re.split(r"\s(?:of|with|for|in)\s", noun_phrase, maxsplit=1)[0]
    last = re.sub(r"[^\w]", "", noun_phrase.split()[-1]) if noun_phrase.split() else ""
    return last.lower().endswith("s") and not last.lower().endswith(("ss", "us", "is", "ics"))


def article(noun_phrase: str) -> str:
    """"a", "an" or nothing (plurals, numbers, phrases that bring their own)."""
    first = noun_phrase.split(" ", 1)[0].lower()
    if _MEASURE.match(noun_phrase) and not plural(noun_phrase.split(",")[0]):
        # "8 mm heel drop" is said "an eight-millimeter heel drop": the number's sound decides.
        return "an " if re.match(r"(?:8|11|18)(?:\d{2})*(?:[.,]\d+)?\b|8\d\b", noun_phrase) else "a "
    if plural(noun_phrase.split(",")[0]) or first[:1].isdigit() or first in {"a", "an", "the", "your", "its", "two",
                                                                              "three", "four", "five", "six", "every"}:
        return ""
    word = noun_phrase.split(" ", 1)[0]
    if _ACRONYM.match(word.rstrip(",")) and word[:1].isalpha():
        return "an " if word[0] in _VOWEL_LETTER else "a "
    return "an " if _VOWEL_SOUND.match(word) else "a "


def strip_label(bullet: str) -> tuple[str | None, str]:
    """A bullet's lead-in label and its statement ("Dual-mic ANC: blocks 35 dB" → ("Dual-mic
    ANC", "blocks 35 dB")). Bracketed labels (【Fast】) are dropped outright."""
    bullet = _BRACKETED_LABEL.sub("", bullet).strip()
    match = _LABEL.match(bullet)
    if match and len(match.group(1).split()) <= 6 and len(match.group(2).split()) >= 2:
        return match.group(1).strip(), match.group(2).strip()
    return None, bullet


def phrase(bullet: str) -> str | None:
    """A bullet as a list item is said ("Reason two: deep juice grooves"): its label when
    the label names the thing, else the statement."""
    label, statement = strip_label(sentence_case(bullet))
    if label and len(label.split()) >= 2:
        return _lower_first(label)
    statement = re.sub(r"\s*\([^)]*\)", "", re.sub(r"[.;!]+$", "", statement.strip()))
    words = statement.split()
    if len(words) > 6:
        # A long item keeps its head and drops the modifier a preposition opens: "160 numbered
        # pages (of 100 gsm paper with a dot grid)" — still a whole phrase, never a cut clause.
        cut = next((at for at in range(3, len(words)) if words[at].lower() in _MODIFIER_OPENERS), None)
        if cut is not None and words[cut - 1].lower() not in {"and", "or", "the", "a", "an", "of"}:
            statement = " ".join(words[:cut]).rstrip(",")
    return _lower_first(statement) if statement else None


def clause(bullet: str, subject: str = "it") -> str | None:
    """A bullet as a clause said in one breath, or None when nothing sayable is left."""
    label, statement = strip_label(sentence_case(bullet))
    statement = re.sub(r"[.;!]+$", "", statement.strip())
    label = label.lower() if label and label.isupper() else label
    if not statement:
        return None
    words = statement.split()
    first = words[0].strip(",").lower()
    if first in _VERBS and len(words) > 1:
        # An instruction ("Brew 1 tsp per cup") is said to the viewer.
        return f"you {first} {' '.join(words[1:])}"
    be = "they're" if subject == "they" else "it's"
    if (first.endswith("ed") or first in _PARTICIPLES) and len(words) > 1 and words[1].lower() in _PREPOSITIONS:
        return f"{be} {first} {' '.join(words[1:])}"    # "Packed in a steel tin"
    if len(words) <= 4 and words[-1].lower().endswith(_PREDICATE_ENDINGS):
        return f"{be} {_lower_first(statement)}"        # "Dishwasher safe", "BPA-free"
    base = verb_form(words[0].strip(","))
    if base is not None:
        # "Blocks up to 35 dB" → "the dual-mic ANC blocks up to 35 dB" / "it blocks ...".
        subject_words = f"the {_lower_first(label)}" if label and len(label.split()) <= 4 else subject
        verb = words[0].lower()
        return f"{subject_words} {verb} {' '.join(words[1:])}".strip()
    for at in range(1, min(len(words), 6)):
        if _verb_at(words, at):
            # "Double-walled carafe keeps coffee warm" → "the double-walled carafe keeps ...".
            noun = " ".join(words[:at])
            lead = "" if article(noun) == "" and noun.split()[0].lower() in {"a", "an", "the", "your"} else "the "
            return f"{lead}{_lower_first(noun)} {' '.join(words[at:])}"
    # A noun phrase: what you get. Asides in brackets are read off the label, not said; lists
    # of specs keep their first item, and so does a thing followed by its measures ("Glass
    # carafe, 6 cups (900 ml)"); a label of two words or more names the thing and the
    # statement says what it is ("tasting notes — pine resin").
    statement = re.sub(r"\s*\([^)]*\)", "", statement).strip()
    parts = [p.strip() for p in statement.split(",")]
    listed = len(parts) > 2 and all(len(p.split()) <= 3 for p in parts)
    measured = len(parts) > 1 and all(p[:1].isdigit() for p in parts[1:])
    if (listed or measured) and not label:
        statement = parts[0]
    if label and len(label.split()) >= 2:
        return f"you get {article(label)}{_lower_first(label)} — {_lower_first(statement)}"
    return f"you get {article(statement)}{_lower_first(statement)}"


def _verb_at(words: list[str], at: int) -> bool:
    """Whether `words[at]` is the verb of a bullet whose subject is the words before it."""
    base = verb_form(words[at])
    if base is None:
        return words[at].lower() in _VERBS and plural(" ".join(words[:at]))
    if base in _NOUN_TOO:
        after = words[at + 1].lower() if at + 1 < len(words) else ""
        return after[:1].isdigit() or after in _OBJECT_OPENERS
    return True


def _plain(word: str) -> str:
    return word if _ACRONYM.match(word) else word.lower()


def _agree(base: str, subject: str) -> str:
    if subject in ("they", "you") or plural(subject):
        return base
    if base == "have":
        return "has"
    if base.endswith(("s", "sh", "ch", "x", "o")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


@dataclass(frozen=True)
class Naming:
    """How a script refers to the product: the full name once (twice in a long video), then
    the short name a person would use, with pronouns that agree with it."""

    full: str            # "the Aurora Ceramic Pour-Over Set", "TrailPress"
    short: str           # "the Aurora set", "these earbuds"
    kind: str            # what it is: "pour-over set", "earbuds"
    plural: bool

    @property
    def it(self) -> str:
        return "they" if self.plural else "it"

    @property
    def it_is(self) -> str:
        return "they're" if self.plural else "it's"

    @property
    def this_is(self) -> str:
        return "these are" if self.plural else "this is"


_GENERIC_TAIL = re.compile(r"\s+(?:with|for|in|by|of\s+\d|-|–|—)\s.*$", re.IGNORECASE)


def naming(name: str, brand: str | None, category: str | None) -> Naming:
    """The full and short names of a product called `name` (brand already dropped)."""
    core = _GENERIC_TAIL.sub("", name).strip() or name
    if len(name.split()) > 6:
        name = core      # "Bamboo Cutting Board Set of 3 with Juice Grooves": the set, not its specs
    words = core.split()
    head = words[-1]
    head_word = head if _ACRONYM.match(head) else head.lower()
    # A name that ends on a common noun takes "the": "the Aurora Ceramic Pour-Over Set".
    descriptive = len(words) > 1 and head[:1].isupper() and not _ACRONYM.match(head) and not any(
        c.isupper() for c in head[1:])
    full = f"the {name}" if descriptive else name
    if descriptive:
        # The last two words when the name is long enough to hold a line name before them
        # ("TrailPress Travel Coffee Maker" → "coffee maker"), else the last.
        kind = f"{_plain(words[-2])} {head_word}" if len(words) > 2 and words[-2].replace("-", "").isalpha() \
            else head_word
    else:
        kind = (category or head_word).lower()
    if descriptive or category:
        short = f"{'these' if plural(kind) else 'this'} {kind}"
    else:
        short = name
    return Naming(full=full, short=short, kind=kind, plural=plural(kind))


_QUOTE_MARKS = "\"'“”„‟«»「」『』‘’"


def unquote(text: str) -> str:
    """A review as written, without the quotation marks a shop put around it: the line adds
    its own pair."""
    return text.strip().strip(_QUOTE_MARKS).strip()
