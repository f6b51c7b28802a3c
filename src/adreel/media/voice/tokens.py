"""The script's own words: what captions show and timings are reported for."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\S+")
_WORDISH = re.compile(r"\w", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?。！？…]+[\"'”’)\]]*$")


@dataclass(frozen=True)
class Token:
    """A whitespace-separated word with its punctuation, and where it sits in the text."""

    text: str
    start: int   # character offsets into the scene text
    end: int


def words_of(text: str) -> list[Token]:
    """Tokens that contain a letter or digit (a lone dash or emoji is not a spoken word)."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)
            if _WORDISH.search(m.group())]


def distribute(tokens: list[Token], start: float, end: float) -> list[tuple[float, float]]:
    """Spans for `tokens` spread over [start, end] in proportion to their length: the fallback
    when an engine's words cannot be matched one to one."""
    weights = [max(len(t.text.strip(".,;:!?\"'()")), 1) for t in tokens]
    total = sum(weights) or 1
    spans, at = [], start
    for weight in weights:
        length = (end - start) * weight / total
        spans.append((at, at + length))
        at += length
    return spans
