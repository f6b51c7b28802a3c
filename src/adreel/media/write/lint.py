"""The copy lint: what no script may say, whoever wrote it (the built-in writer or a model).

Each rule catches a defect a listener hears or a viewer reads: doubled punctuation, doubled
quote marks, brackets, a sentence said twice, bullet labels read out ("Also:"), the full
product title over and over, and a clause cut short ("...than most cafés make in the").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

_DOUBLED = re.compile(r"(?<!\.)\.\.(?!\.)|\?\.|!\.|\.:|,\.|“\"|\"”|“”|\"\"")
_BRACKETS = re.compile(r"[【】\[\]]")
_SENTENCE = re.compile(r"(?<=[.!?])[”\"»]?\s+")
# A label is a short lead-in and a colon before a statement; "wrote: “…”" attributes a quotation.
_LABEL = re.compile(r"^\s*([\w'’ -]{1,30}):\s+(?![“\"«„「])")
_NUMBERED = frozenset({"one", "two", "three", "four", "five", "six", "reason one", "reason two",
                       "reason three", "number one", "number two", "number three"})
_CUT_ENDINGS = frozenset({"and", "the", "or", "of", "a", "an", "my", "your", "than"})
_QUOTATION = re.compile(r"“([^”]*)”|\"([^\"]*)\"")


def sentences(text: str) -> list[str]:
    """The sentences of a line; an initial ("Ngozi A. wrote") does not end one."""
    found: list[str] = []
    for piece in (s.strip() for s in _SENTENCE.split(text) if s.strip()):
        if found and re.search(r"(?:^|\s)[A-Z]\.$", found[-1]):
            found[-1] = f"{found[-1]} {piece}"
        else:
            found.append(piece)
    return found


def _words(sentence: str) -> str:
    return " ".join(re.findall(r"[\w'’-]+", sentence.lower()))


def title_limit(duration: int) -> int:
    """How often a script may say the product's full title: twice, three times at 45–60 s."""
    return 3 if duration >= 45 else 2


def lint(lines: Sequence[str], title: str | None, duration: int) -> list[str]:
    """Every problem of a script (its scenes' lines, as shown or as said), or [] when clean."""
    problems: list[str] = []
    text = " ".join(line.strip() for line in lines)
    for match in _DOUBLED.finditer(text):
        problems.append(f"doubled punctuation {match.group()!r} in {_around(text, match.start())!r}")
    for match in _BRACKETS.finditer(text):
        problems.append(f"bracket {match.group()!r} in {_around(text, match.start())!r}")
    said = [s for line in lines for s in sentences(line)]
    for sentence, count in Counter(_words(s) for s in said if _words(s)).items():
        if count > 1:
            problems.append(f"said {count} times: {sentence!r}")
    labels = [m.group(1) for s in said if (m := _LABEL.match(s)) and m.group(1).lower() not in _NUMBERED]
    if len(labels) > 1:
        problems.append(f"{len(labels)} sentences open with a label: {', '.join(repr(x) for x in labels)}")
    if title:
        count = text.lower().count(title.lower())
        if count > title_limit(duration):
            problems.append(f"the full title {title!r} said {count} times in {duration} s")
    for sentence in said:
        if _cut_short(sentence):
            problems.append(f"clause cut short: {sentence!r}")
    for match in _QUOTATION.finditer(text):
        if _cut_short(match.group(1) or match.group(2) or ""):
            problems.append(f"quotation cut short: {match.group()!r}")
    return problems


def _cut_short(sentence: str) -> bool:
    words = re.findall(r"[\w'’-]+", sentence.lower())
    return bool(words) and words[-1] in _CUT_ENDINGS


def _around(text: str, at: int) -> str:
    return text[max(0, at - 25): at + 25]
