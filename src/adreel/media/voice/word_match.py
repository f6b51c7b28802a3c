"""Matching an engine's spoken words back to the script's written words.

espeak (inside piper) splits some written words into several spoken ones ("TrailPress",
"$1,250", "3:45") and merges clitics into one ("on the" → "ɔnðə"). Each written word is
phonemized alone; a small dynamic programme then pairs written words with runs of spoken
words (or several written words with one spoken word) by how alike their phonemes are.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from adreel.media.voice.phonemes import VOWELS, is_modifier

_IGNORED = frozenset("ˈˌ.,:;!?¡¿-—…\"'()«»“” ")
_MAX_SPLIT = 8
_MAX_MERGE = 3


@dataclass(frozen=True)
class Spoken:
    """One spoken word from the engine: its phonemes and when it is heard (seconds)."""

    phonemes: str
    start: float
    end: float


def _skeleton(phonemes: str) -> str:
    """Consonants kept, every vowel run reduced to "V": function words change their vowels in
    context ("a" is ˈeɪ alone, ɐ in a sentence; "the" ðə or ði), rarely their consonants."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", phonemes):
        if ch in _IGNORED or is_modifier(ch):
            continue
        symbol = "V" if ch in VOWELS else ch
        if not (symbol == "V" and out and out[-1] == "V"):
            out.append(symbol)
    return "".join(out)


def _distance(a: str, b: str) -> float:
    """0 for the same skeleton, 1 for nothing in common: the insertions and deletions that turn
    one into the other over their total length (rapidfuzz's Indel, in C++: the programme asks
    this ~15 000 times for a 30 s script)."""
    if not a and not b:
        return 0.0
    return Indel.normalized_distance(a, b)


def match_words(written: list[str], spoken: list[Spoken]) -> list[tuple[float, float]]:
    """(start, end) for every written word, given each word's phonemes when said alone
    (`written`) and the engine's spoken words in order."""
    n, m = len(written), len(spoken)
    if n == 0:
        return []
    if m == 0:
        raise ValueError("no spoken words to match")
    tokens = [_skeleton(w) for w in written]
    said = [_skeleton(s.phonemes) for s in spoken]
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    move: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            # One written word said as k spoken words.
            for k in range(1, min(_MAX_SPLIT, m - j) + 1):
                step = _distance(tokens[i], "".join(said[j: j + k])) + 0.1 * (k - 1) if i < n else inf
                if i < n and here + step < cost[i + 1][j + k]:
                    cost[i + 1][j + k] = here + step
                    move[i + 1][j + k] = (1, k)
            # Several written words said as one spoken word (clitics).
            for r in range(2, min(_MAX_MERGE, n - i) + 1):
                if j < m:
                    step = _distance("".join(tokens[i: i + r]), said[j]) + 0.2 * (r - 1)
                    if here + step < cost[i + r][j + 1]:
                        cost[i + r][j + 1] = here + step
                        move[i + r][j + 1] = (r, 1)
    spans: list[tuple[float, float]] = []
    i, j = n, m
    pieces: list[tuple[int, int, int, int]] = []
    while i > 0 or j > 0:
        r, k = move[i][j]
        if r == 0:
            raise ValueError("no alignment between written and spoken words")
        pieces.append((i - r, i, j - k, j))
        i, j = i - r, j - k
    for first, last, j0, j1 in reversed(pieces):
        start, end = spoken[j0].start, spoken[j1 - 1].end
        if last - first == 1:
            spans.append((start, end))
            continue
        weights = [max(len(tokens[x]), 1) for x in range(first, last)]
        at = start
        for weight in weights:
            share = (end - start) * weight / sum(weights)
            spans.append((at, at + share))
            at += share
    return spans
