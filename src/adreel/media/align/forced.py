"""Forced alignment for voices that return audio only (hosted speech APIs).

No model weights: the same text is rendered with espeak-ng, whose word and phoneme times are
exact, and the two recordings are aligned by dynamic time warping of their MFCCs. Each word's
and phoneme's reference times are carried through the warping path into the real audio.
"""

from __future__ import annotations

import numpy as np

from adreel.media.align.dtw import warp_path
from adreel.media.align.features import mfcc
from adreel.media.voice.espeak_voice import EspeakSpeaker, timings
from adreel.media.voice.model import PhonemeTiming, WordTiming

MAX_FRAMES = 3000


class WarpMap:
    """Maps times in the reference recording to times in the target recording."""

    def __init__(self, path: np.ndarray, hop_ref: float, hop_target: float,
                 target_duration: float) -> None:
        self._hop_ref = hop_ref
        self._hop_target = hop_target
        self._duration = target_duration
        last = int(path[-1, 0])
        self._first = np.full(last + 1, np.iinfo(np.int64).max)
        self._last = np.zeros(last + 1, np.int64)
        np.minimum.at(self._first, path[:, 0], path[:, 1])
        np.maximum.at(self._last, path[:, 0], path[:, 1])

    def _frame(self, t: float) -> int:
        return int(min(max(round(t / self._hop_ref), 0), len(self._first) - 1))

    def start(self, t: float) -> float:
        return min(self._first[self._frame(t)] * self._hop_target, self._duration)

    def end(self, t: float) -> float:
        return min((self._last[self._frame(t)] + 1) * self._hop_target, self._duration)


def align(audio: np.ndarray, sample_rate: int, text: str, reference: EspeakSpeaker,
          scene: int = 0, offset: float = 0.0) -> tuple[list[WordTiming], list[PhonemeTiming]]:
    """Word and phoneme timings of `text` in `audio` (one scene; times shifted by `offset`)."""
    ref_audio, ref_rate, events, tokens = reference.render(text)
    ref_duration = len(ref_audio) / ref_rate
    duration = len(audio) / sample_rate
    ref_words, ref_phonemes = timings(events, tokens, ref_duration, 0.0, scene)
    # Frames every 10 ms, coarser for long scenes so the cost matrix stays bounded.
    hop_ref = max(0.01, ref_duration / MAX_FRAMES)
    hop_target = max(0.01, duration / MAX_FRAMES)
    path = warp_path(mfcc(ref_audio, ref_rate, hop_ref), mfcc(audio, sample_rate, hop_target))
    warp = WarpMap(path, hop_ref, hop_target, duration)
    words = []
    for w in ref_words:
        start, end = warp.start(w.start), warp.end(max(w.end - hop_ref, w.start))
        words.append(WordTiming(w.word, offset + start, offset + max(end, start + 0.02), scene))
    phonemes = [PhonemeTiming(p.phoneme, offset + warp.start(p.start),
                              offset + max(warp.end(max(p.end - hop_ref, p.start)),
                                           warp.start(p.start) + 0.01), p.stressed)
                for p in ref_phonemes]
    # Keep words in order and non-overlapping after warping.
    for i in range(1, len(words)):
        if words[i].start < words[i - 1].end:
            prev = words[i - 1]
            words[i - 1] = WordTiming(prev.word, prev.start, max(prev.start + 0.01, words[i].start),
                                      prev.scene)
    return words, phonemes
