"""IPA phoneme strings as engines emit them → clean phoneme timings."""

from __future__ import annotations

import unicodedata

from adreel.media.voice.model import PhonemeTiming

VOWELS = frozenset("aeiouyɑɒæɐəɘɚɛɜɝɞɤɨɪʉʊʌʏøœɶɔɵɯ")
STRESS = {"ˈ": True, "ˌ": False}
# Marks that modify the previous phoneme (length, palatalisation, nasality, ...).
_MODIFIERS = frozenset("ːˑʲʷˠˤʰ̃ʼ")


def is_vowel(phoneme: str) -> bool:
    return any(ch in VOWELS for ch in unicodedata.normalize("NFD", phoneme))


def is_modifier(symbol: str) -> bool:
    return symbol in _MODIFIERS or all(unicodedata.combining(ch) for ch in symbol)


class PhonemeBuilder:
    """Collects (symbol, start, end) from an engine, folding stress marks into the next vowel
    and length or diacritic marks into the previous phoneme."""

    def __init__(self) -> None:
        self.items: list[PhonemeTiming] = []
        self._stress_pending = False

    def add(self, symbol: str, start: float, end: float) -> None:
        if not symbol:
            return
        core = "".join(ch for ch in symbol if ch not in STRESS)
        if any(ch == "ˈ" for ch in symbol):
            self._stress_pending = True
        if not core:
            # A bare stress mark: its duration (piper gives it one) belongs to the vowel onset.
            if self.items:
                last = self.items[-1]
                self.items[-1] = PhonemeTiming(last.phoneme, last.start, end, last.stressed)
            return
        if is_modifier(core) and self.items:
            last = self.items[-1]
            self.items[-1] = PhonemeTiming(last.phoneme + core, last.start, end, last.stressed)
            return
        stressed = False
        if is_vowel(core) and self._stress_pending:
            stressed, self._stress_pending = True, False
        self.items.append(PhonemeTiming(core, start, end, stressed))

    def pause(self) -> None:
        self._stress_pending = False
