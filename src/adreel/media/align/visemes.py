"""Phonemes → mouth shapes (visemes) an actor's rig can show, and mouth openness per frame.

About ten shapes, as animators use them: lips closed for m/b/p, lower lip to teeth for f/v,
tongue between teeth for th, lips spread for e/i, jaw open for a, rounded for o, narrow and
rounded for u/w, protruded for sh/ch, and a relaxed rest. Smoothing models coarticulation:
lips round ahead of a rounded vowel, and no shape lasts less than one video frame — except
that a closure (m/b/p) is stretched to a frame rather than dropped, since a mouth that never
closes on "m" reads as wrong at once.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np

from adreel.media.voice.model import PhonemeTiming
from adreel.media.voice.phonemes import is_vowel

SHAPES = ("rest", "closed", "fv", "th", "teeth", "ch", "r", "wide", "open", "round", "narrow")
OPEN_SHAPES = frozenset({"wide", "open", "round", "narrow"})
_BY_SYMBOL = {
    **dict.fromkeys("pbm", "closed"),
    **dict.fromkeys("fvɱʋ", "fv"),
    **dict.fromkeys("θð", "th"),
    **dict.fromkeys("ʃʒçʝɕʑ", "ch"),
    **dict.fromkeys("ɹrɾʁɻɚɝʀ", "r"),
    **dict.fromkeys("iɪeɛɨɘæ", "wide"),
    **dict.fromkeys("aɑɐʌəɜɶä", "open"),
    **dict.fromkeys("oɔɒɵøœɞ", "round"),
    **dict.fromkeys("uʊwɯyʏɥʉ", "narrow"),
}
# How far each shape opens the jaw, for the openness of a viseme track (0 closed, 1 wide open).
JAW = {"rest": 0.05, "closed": 0.0, "fv": 0.15, "th": 0.2, "teeth": 0.2, "ch": 0.3, "r": 0.35,
       "wide": 0.55, "open": 1.0, "round": 0.75, "narrow": 0.4}


@dataclass(frozen=True)
class Viseme:
    shape: str
    start: float
    end: float
    weight: float

    def as_json(self) -> dict[str, object]:
        return {"t": round(self.start, 3), "shape": self.shape, "weight": round(self.weight, 2)}


def shape_of(phoneme: str) -> str:
    """The mouth shape for one IPA phoneme (its first base letter decides, except that the
    affricates tʃ and dʒ are said with the lips of their ʃ and ʒ)."""
    if any(ch in "ʃʒɕʑ" for ch in phoneme):
        return "ch"
    for ch in unicodedata.normalize("NFD", phoneme):
        if ch in _BY_SYMBOL:
            return _BY_SYMBOL[ch]
        if ch.isalpha():
            return "teeth"
    return "rest"


def _weight(item: PhonemeTiming, shape: str) -> float:
    if shape == "closed":
        return 1.0
    if is_vowel(item.phoneme):
        if "ə" in item.phoneme:
            return 0.5
        return 1.0 if item.stressed else 0.7
    return 0.8


def raw_visemes(phonemes: list[PhonemeTiming], duration: float) -> list[Viseme]:
    """One viseme per phoneme, with rest filling the pauses between them."""
    track: list[Viseme] = []
    at = 0.0
    for item in sorted(phonemes, key=lambda p: p.start):
        if item.start > at + 1e-4:
            track.append(Viseme("rest", at, item.start, 1.0))
        shape = shape_of(item.phoneme)
        start = max(item.start, at)
        if item.end > start:
            track.append(Viseme(shape, start, item.end, _weight(item, shape)))
            at = item.end
    if duration > at:
        track.append(Viseme("rest", at, duration, 1.0))
    return track


def _merge_same(track: list[Viseme]) -> list[Viseme]:
    merged: list[Viseme] = []
    for v in track:
        if merged and merged[-1].shape == v.shape:
            last = merged[-1]
            merged[-1] = Viseme(v.shape, last.start, v.end, max(last.weight, v.weight))
        else:
            merged.append(v)
    return merged


def _anticipate_rounding(track: list[Viseme], lead: float = 0.08) -> list[Viseme]:
    """A short tongue consonant right before a rounded vowel is already said with round lips."""
    out = list(track)
    for i in range(len(out) - 1):
        here, nxt = out[i], out[i + 1]
        if here.shape == "teeth" and nxt.shape in ("round", "narrow") and here.end - here.start <= lead:
            out[i] = Viseme(nxt.shape, here.start, here.end, 0.6)
    return out


def smooth(track: list[Viseme], fps: float = 30.0) -> list[Viseme]:
    """Coarticulated track in which every shape lasts at least one frame."""
    frame = 1.0 / fps
    items = _merge_same(_anticipate_rounding(track))
    # Closures shorter than a frame are widened to one, centred, taking time from neighbours.
    for i, v in enumerate(items):
        if v.shape == "closed" and v.end - v.start < frame:
            centre = (v.start + v.end) / 2
            start = max(centre - frame / 2, items[i - 1].start if i else 0.0)
            end = start + frame
            items[i] = Viseme(v.shape, start, end, v.weight)
            if i:
                prev = items[i - 1]
                items[i - 1] = Viseme(prev.shape, prev.start, min(prev.end, start), prev.weight)
            if i + 1 < len(items):
                nxt = items[i + 1]
                items[i + 1] = Viseme(nxt.shape, max(nxt.start, end), max(nxt.end, end), nxt.weight)
    items = [v for v in items if v.end - v.start > 1e-6]
    # Any other shape shorter than a frame is absorbed by its longer neighbour.
    changed = True
    while changed:
        changed = False
        for i, v in enumerate(items):
            if v.shape == "closed" or v.end - v.start >= frame - 1e-6 or len(items) == 1:
                continue
            prev = items[i - 1] if i else None
            nxt = items[i + 1] if i + 1 < len(items) else None
            take_prev = nxt is None or (prev is not None and prev.shape != "closed" and (
                nxt.shape == "closed" or prev.end - prev.start >= nxt.end - nxt.start))
            if take_prev and prev is not None and prev.shape != "closed":
                items[i - 1] = Viseme(prev.shape, prev.start, v.end, prev.weight)
            elif nxt is not None and nxt.shape != "closed":
                items[i + 1] = Viseme(nxt.shape, v.start, nxt.end, nxt.weight)
            elif prev is not None:
                # Between two closures: let the earlier closure hold.
                items[i - 1] = Viseme(prev.shape, prev.start, v.end, prev.weight)
            else:
                continue
            del items[i]
            items = _merge_same(items)
            changed = True
            break
    return items


def visemes(phonemes: list[PhonemeTiming], duration: float, fps: float = 30.0) -> list[Viseme]:
    """The smoothed viseme track of an utterance (`visemes.json` is this as keyframes)."""
    return smooth(raw_visemes(phonemes, duration), fps)


def shape_at(track: list[Viseme], t: float) -> Viseme | None:
    for v in track:
        if v.start <= t < v.end:
            return v
    return None


def openness(audio: np.ndarray, sample_rate: int, fps: float, *, floor_db: float = -40.0) -> np.ndarray:
    """Mouth openness 0–1 per video frame from the loudness envelope of the voice: RMS over
    each frame, in dB below the utterance's loud speech, with fast opening and slower closing."""
    per_frame = sample_rate / fps
    count = int(np.ceil(len(audio) / per_frame))
    if count == 0:
        return np.zeros(0, np.float32)
    edges = (np.arange(count + 1) * per_frame).astype(int)
    squares = np.concatenate([[0.0], np.cumsum(audio.astype(np.float64) ** 2)])
    sizes = np.maximum(np.diff(edges), 1)
    rms = np.sqrt((squares[np.minimum(edges[1:], len(audio))] - squares[edges[:-1]]) / sizes)
    level = 20 * np.log10(np.maximum(rms, 1e-9))
    reference = np.percentile(level[level > level.max() - 50], 90) if np.any(rms > 0) else 0.0
    value = np.clip((level - (reference + floor_db)) / -floor_db, 0.0, 1.0)
    out = np.zeros(count, np.float32)
    current = 0.0
    for i, target in enumerate(value):
        rate = 0.7 if target > current else 0.45   # open fast, close a little slower
        current += (target - current) * rate
        out[i] = current
    return out
