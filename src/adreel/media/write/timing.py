"""How long a script takes to say, in the same words the voice counts."""

from __future__ import annotations

from functools import cache, lru_cache

from adreel.media.voice.japanese import JapaneseReader
from adreel.media.voice.pacing import pause_seconds
from adreel.media.voice.tokens import words_of


@cache
def japanese_reader() -> JapaneseReader:
    """One MeCab reader for the writer (loading the dictionary takes a moment)."""
    return JapaneseReader()


@lru_cache(maxsize=16384)
def count_words(text: str, language: str) -> int:
    """Words as the voice's rate counts them (Japanese: phrases, as the voice times them)."""
    if language == "ja":
        return len([w for w, _ in japanese_reader().words(text) if any(ch.isalnum() for ch in w)])
    return len(words_of(text))


def estimate_seconds(scene_texts: list[str], language: str, words_per_second: float,
                     rate: float = 1.0) -> float:
    """Words at the voice's calibrated rate plus the planned pauses (`pacing`)."""
    words = sum(count_words(t, language) for t in scene_texts)
    return words / (words_per_second * rate) + pause_seconds(scene_texts)
