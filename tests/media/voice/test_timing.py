"""Word timings against ground truth: piper's own alignment, and espeak's exact events for the
forced aligner used with audio-only voices."""

from __future__ import annotations

import numpy as np
import pytest

from adreel.media.align.forced import align
from adreel.media.voice import VoiceRegistry
from adreel.media.voice.espeak_voice import EspeakSpeaker, timings
from adreel.media.voice.piper_voice import PiperSpeaker

TEXT = ("Stop drinking sad gas-station coffee on the trail. The TrailPress weighs 320 grams, "
        "packs inside its own mug, and brews a clean, full-bodied cup in ninety seconds. "
        "It's $39 today, 20% off, and ships at 3:45 p.m.")


def engine_words(speaker: PiperSpeaker, text: str) -> list[tuple[str, float, float]]:
    """piper's own words: runs of phonemes between its word separators, straight from the
    alignment sample counts (lead-in of the speaker added)."""
    from piper import SynthesisConfig

    voice = speaker._loaded()
    rate = voice.config.sample_rate
    config = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0, normalize_audio=False)
    position = int(0.05 * rate)
    words = []
    for chunk in voice.synthesize(text, syn_config=config, include_alignments=True):
        current = None
        for a in chunk.phoneme_alignments:
            if a.phoneme in ("^", "$", " ") or a.phoneme in ".,:;!?":
                if current:
                    words.append(("".join(current[0]), current[1] / rate, current[2] / rate))
                current = None
            elif current is None:
                current = [[a.phoneme], position, position + a.num_samples]
            else:
                current[0].append(a.phoneme)
                current[2] = position + a.num_samples
            position += a.num_samples
        position += len(chunk.audio_float_array) - sum(a.num_samples for a in chunk.phoneme_alignments)
        position += int(0.3 * rate)
    return words


def test_piper_word_boundaries_follow_the_engine(registry: VoiceRegistry) -> None:
    speaker = registry.get("en-us-joe")
    ours = speaker.synthesize([TEXT]).words
    theirs = engine_words(speaker, TEXT)
    # Most written words are one spoken word: their edges are the engine's (within 60 ms).
    # The rest (numbers said as several words, clitics said as one) lie inside the engine's
    # spoken words, never in the pauses between them.
    def matches(w) -> bool:
        return any(abs(w.start - a) <= 0.06 and abs(w.end - b) <= 0.06 for _p, a, b in theirs)

    def inside(t: float) -> bool:
        return any(a - 0.06 <= t <= b + 0.06 for _p, a, b in theirs)

    split = {"TrailPress", "320", "$39", "20%", "3:45"}   # one written word, several spoken
    merged = {"on", "the"}                               # "on the" is one spoken word
    for w in ours:
        assert inside(w.start) and inside(w.end), w
        if w.word in split:
            assert any(abs(w.start - a) <= 0.06 for _p, a, _b in theirs), w
            assert any(abs(w.end - b) <= 0.06 for _p, _a, b in theirs), w
        elif w.word not in merged:
            assert matches(w), w
    assert len(ours) == len(TEXT.split())
    assert ours[0].word == "Stop" and ours[-1].word == "p.m."
    dollars = next(w for w in ours if w.word == "$39")
    assert dollars.end - dollars.start > 0.4   # "thirty-nine dollars" is long


@pytest.mark.parametrize("rate", [0.7, 1.0, 1.4])
def test_forced_alignment_lands_within_120_ms_of_espeak_truth(registry: VoiceRegistry,
                                                              rate: float) -> None:
    reference = registry.get("espeak-en-us")
    assert isinstance(reference, EspeakSpeaker)
    audio, sample_rate, events, tokens = reference.render(TEXT, rate)
    truth, _ = timings(events, tokens, len(audio) / sample_rate, 0.0, 0)
    aligned, phonemes = align(audio, sample_rate, TEXT, reference)
    assert [w.word for w in aligned] == [w.word for w in truth]
    errors = [max(abs(a.start - t.start), abs(a.end - t.end)) for a, t in zip(aligned, truth, strict=True)]
    assert max(errors) <= 0.12, max(errors)
    assert phonemes and all(p.end > p.start for p in phonemes)


def test_forced_alignment_cost_for_30_seconds(registry: VoiceRegistry) -> None:
    reference = registry.get("espeak-en-us")
    assert isinstance(reference, EspeakSpeaker)
    long_text = " ".join([TEXT] * 3)
    audio, sample_rate, _events, _tokens = reference.render(long_text, 0.8)
    assert len(audio) / sample_rate > 25
    aligned, _ = align(audio, sample_rate, long_text, reference)
    assert len(aligned) == 3 * len(TEXT.split())
    assert np.all(np.diff([w.start for w in aligned]) >= 0)
