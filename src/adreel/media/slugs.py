"""Readable ASCII names for folders and files, in any language: Japanese through the reading the
voice already computes (MeCab's kana, in Hepburn romaji), other scripts transliterated."""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

from adreel.media.fonts import needs_cjk

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_LENGTH = 48


def _romaji(text: str) -> str:
    import jaconv

    from adreel.media.voice.japanese import JapaneseReader

    words = []
    for written, reading in JapaneseReader().words(text):
        if written.isascii():
            words.append(written)
        else:   # katakana reading → hiragana → romaji; the long-vowel mark has no letter of its own
            words.append(jaconv.kana2alphabet(jaconv.kata2hira(reading.replace("ー", ""))))
    return " ".join(words)


def slug(text: str, fallback: str = "video") -> str:
    """`text` as a lower-case ASCII slug of at most 48 characters, cut at a word; never empty and
    never digits alone (`fallback` is used, or put before the digits)."""
    text = unicodedata.normalize("NFKC", text)
    plain = anyascii(_romaji(text) if needs_cjk(text) else text)
    words = _NOT_SLUG.sub(" ", plain.lower()).split()
    kept: list[str] = []
    for word in words:
        if len("-".join([*kept, word])) > MAX_LENGTH:
            break
        kept.append(word)
    if not kept and words:                # one very long word: cut it
        kept = [words[0][:MAX_LENGTH]]
    name = "-".join(kept)
    if not re.search(r"[a-z]", name):
        name = "-".join(filter(None, [fallback, name]))
    return name
