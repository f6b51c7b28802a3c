"""Japanese for a voice that cannot read kanji: words and their spoken kana.

espeak-ng reads kanji as "Chinese letter", so text is first segmented and read with MeCab
(fugashi + the UniDic-lite dictionary, both in wheels). UniDic's pronunciation field already
says particles as spoken (は → ワ, を → オ). Particles, auxiliaries and suffixes join the word
before them, so a "word" is a phrase a caption can show (ボトルは, 保ちます).
"""

from __future__ import annotations

import threading

from adreel.media.voice.tokens import Token

_ATTACHING = frozenset({"助詞", "助動詞", "接尾辞", "補助記号"})


class JapaneseReader:
    """Splits Japanese text into words and gives the katakana espeak should read."""

    def __init__(self) -> None:
        self._tagger = None
        self._lock = threading.Lock()

    def _tag(self, text: str):  # -> list of fugashi nodes
        with self._lock:
            if self._tagger is None:
                import fugashi

                self._tagger = fugashi.Tagger()
            return list(self._tagger(text))

    def words(self, text: str) -> list[tuple[str, str]]:
        """[(written word, spoken katakana)] in order."""
        groups: list[list[str]] = []
        for node in self._tag(text):
            surface = node.surface
            pos = getattr(node.feature, "pos1", None)
            reading = getattr(node.feature, "pron", None)
            if pos == "補助記号" or not reading or reading == "*":
                reading = surface
            if groups and (pos in _ATTACHING) and not surface.isascii():
                groups[-1][0] += surface
                groups[-1][1] += reading
            else:
                groups.append([surface, reading])
        return [(written, spoken) for written, spoken in groups]

    def spoken(self, text: str) -> tuple[str, list[Token]]:
        """The katakana text espeak reads (words separated by spaces) and the written words
        with their spans in it."""
        parts: list[str] = []
        tokens: list[Token] = []
        at = 0
        for written, reading in self.words(text):
            if parts:
                at += 1
            tokens.append(Token(written, at, at + len(reading)))
            parts.append(reading)
            at += len(reading)
        return " ".join(parts), [t for t in tokens if any(ch.isalnum() for ch in t.text)]
