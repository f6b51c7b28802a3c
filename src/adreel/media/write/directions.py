"""The user's creative direction (`userInstructions`, `targetAudience`) read for the built-in
writer: a tone, an audience to address, terms to mention and terms to avoid."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from adreel.media.write.library import Library

_DECIMAL = re.compile(r"(\d)\.(\d)")


@dataclass(frozen=True)
class Directions:
    tone: str | None = None
    audience: str | None = None
    mention: list[str] = field(default_factory=list)
    avoid: list[str] = field(default_factory=list)


def _terms(pattern: str, text: str) -> list[str]:
    found = []
    for match in re.finditer(pattern, text, flags=re.IGNORECASE):
        for part in re.split(r",|\band\b|\by\b|\bund\b|\bet\b|、", match.group(1)):
            term = part.strip(" '\"“”«»").rstrip(".!")
            if term and len(term) <= 60:
                found.append(term)
    return found


def read_directions(library: Library, instructions: str | None,
                    audience: str | None) -> Directions:
    # A decimal point is not a sentence end ("mention our 4.9 rating"): shield it from the
    # languages' patterns, which stop at the first period.
    text = _DECIMAL.sub("\\1\u2024\\2", (instructions or "").strip())
    lowered = text.lower()
    tone = next((name for name, words in library.tone_words.items()
                 if any(re.search(rf"\b{re.escape(w)}", lowered) for w in words)), None)
    crowd = (audience or "").strip().rstrip(".")
    if crowd and library.language == "en" and not crowd[:2].isupper():
        crowd = crowd[0].lower() + crowd[1:]
    return Directions(
        tone=tone,
        audience=crowd[:80] or None,
        mention=[t.replace("\u2024", ".") for t in _terms(library.mention_pattern, text)][:2],
        avoid=[t.replace("\u2024", ".") for t in _terms(library.avoid_pattern, text)],
    )
