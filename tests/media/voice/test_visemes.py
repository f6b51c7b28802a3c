"""Mouth shapes from phonemes: closed on m/b/p, open on stressed vowels, nothing shorter than
a frame; and an openness curve that follows the voice."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from adreel.media.align.visemes import (
    OPEN_SHAPES,
    Viseme,
    openness,
    shape_at,
    shape_of,
    smooth,
    visemes,
)
from adreel.media.voice import VoiceRegistry
from adreel.media.voice.model import PhonemeTiming

SENTENCES = {
    "en-us-joe": "Maybe my mom bought a bubble pump. Buy more, move faster, and beat the boom.",
    "espeak-en-us": "Maybe my mom bought a bubble pump. Buy more, move faster, and beat the boom.",
    "espeak-es": "Mi mamá bebe un batido de mango bien frío por la mañana.",
    "espeak-de": "Mein Bruder baut bunte Boote am Meer.",
}


@pytest.mark.parametrize("voice_id", sorted(SENTENCES))
def test_visemes_close_on_bilabials_and_open_on_stressed_vowels(registry: VoiceRegistry,
                                                                 voice_id: str) -> None:
    utterance = registry.get(voice_id).synthesize([SENTENCES[voice_id]])
    track = visemes(utterance.phonemes, utterance.duration, fps=30)
    bilabials = [p for p in utterance.phonemes if p.phoneme[0] in "mbp"]
    stressed = [p for p in utterance.phonemes if p.stressed]
    assert len(bilabials) >= 6 and len(stressed) >= 4
    for p in bilabials:
        assert shape_at(track, (p.start + p.end) / 2).shape == "closed", p
    for p in stressed:
        assert shape_at(track, (p.start + p.end) / 2).shape in OPEN_SHAPES, p
    assert min(v.end - v.start for v in track) >= 1 / 30 - 1e-9
    assert track[0].start == 0 and abs(track[-1].end - utterance.duration) < 1e-6
    for a, b in itertools.pairwise(track):
        assert abs(a.end - b.start) < 1e-9 and a.shape != b.shape


def test_shapes_for_common_phonemes() -> None:
    expected = {"m": "closed", "b": "closed", "f": "fv", "θ": "th", "ʃ": "ch", "ɹ": "r",
                "iː": "wide", "ɑː": "open", "oʊ": "round", "uː": "narrow", "w": "narrow",
                "s": "teeth", "o̞": "round"}
    assert {p: shape_of(p) for p in expected} == expected


def test_short_closures_are_stretched_to_a_frame_and_short_shapes_absorbed() -> None:
    track = [Viseme("open", 0.0, 0.2, 1.0), Viseme("closed", 0.2, 0.21, 1.0),
             Viseme("wide", 0.21, 0.22, 0.7), Viseme("open", 0.22, 0.5, 1.0)]
    out = smooth(track, fps=30)
    assert [v.shape for v in out] == ["open", "closed", "open"]
    closed = out[1]
    assert closed.end - closed.start == pytest.approx(1 / 30)
    assert closed.start <= 0.205 <= closed.end


def test_lips_round_ahead_of_a_rounded_vowel() -> None:
    phonemes = [PhonemeTiming("t", 0.0, 0.05), PhonemeTiming("uː", 0.05, 0.3, True)]
    out = visemes(phonemes, 0.3)
    assert [v.shape for v in out] == ["narrow"]


def test_openness_follows_the_voice_envelope(registry: VoiceRegistry) -> None:
    utterance = registry.get("espeak-en-us").synthesize(["Open wide.", "Now, again: open wide."])
    curve = openness(utterance.audio, utterance.sample_rate, fps=25)
    assert len(curve) == int(np.ceil(utterance.duration * 25))
    assert curve.min() >= 0 and curve.max() <= 1
    # Loud during words, near closed in the pause between the scenes.
    first, second = utterance.words[1], utterance.words[2]
    gap = curve[int((first.end + 0.12) * 25): int((second.start - 0.05) * 25)]
    during = curve[int(first.start * 25): int(first.end * 25)]
    assert gap.size and during.size
    assert gap.max() < 0.3 < during.max()


def test_affricates_use_the_sh_shape(registry: VoiceRegistry) -> None:
    utterance = registry.get("espeak-en-us").synthesize(["Church judge."])
    affricates = [p for p in utterance.phonemes if p.phoneme in ("tʃ", "dʒ")]
    assert affricates and {shape_of(p.phoneme) for p in affricates} == {"ch"}
