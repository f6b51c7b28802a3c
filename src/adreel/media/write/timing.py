"""How long a script takes to say, in the same words the voice counts."""

from __future__ import annotations

from functools import cache, lru_cache

from adreel.media.voice.japanese import JapaneseReader
from adreel.media.voice.tokens import SENTENCE_END, words_of

# The voices' pauses (piper: 0.3 s after each sentence, 0.45 s between scenes).
SENTENCE_PAUSE = 0.3
SCENE_PAUSE = 0.15   # on top of the sentence pause


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


def sentences(text: str) -> int:
    ends = sum(1 for token in text.replace("。", "。 ").replace("！", "！ ").replace("？", "？ ").split()
               if SENTENCE_END.search(token))
    return max(ends, 1)


def estimate_seconds(scene_texts: list[str], language: str, words_per_second: float,
                     rate: float = 1.0) -> float:
    words = sum(count_words(t, language) for t in scene_texts)
    pauses = sum(sentences(t) for t in scene_texts) * SENTENCE_PAUSE
    pauses += max(len(scene_texts) - 1, 0) * SCENE_PAUSE
    return words / (words_per_second * rate) + pauses
