"""Takes kept on disk: the same scenes at the same rate are spoken once; the kept take is the
same audio and timings; a changed rate or a damaged file means speaking again. The measured
speaking rate of a voice is remembered across registries (one CLI run is one process)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from adreel.media.voice import Utterance, VoiceInfo, VoiceRegistry
from adreel.media.voice.takes import RememberingSpeaker

SCENES = ["Meet the TrailPress.", "It brews a rich cup in ninety seconds, for $39."]


class Counting:
    """A real voice, counting how often it is asked to speak."""

    def __init__(self, speaker) -> None:
        self.speaker, self.calls = speaker, 0

    @property
    def info(self) -> VoiceInfo:
        return self.speaker.info

    def synthesize(self, scenes: list[str], rate: float = 1.0) -> Utterance:
        self.calls += 1
        return self.speaker.synthesize(scenes, rate)


def test_a_take_is_spoken_once_and_kept_exactly(registry: VoiceRegistry, tmp_path: Path) -> None:
    voice = Counting(registry.get("espeak-en-us"))
    first = RememberingSpeaker(voice, tmp_path / "takes").synthesize(SCENES, rate=1.1)
    # Another stage, another wrapper, the same folder: the take comes from disk.
    again = RememberingSpeaker(voice, tmp_path / "takes").synthesize(SCENES, rate=1.1)
    assert voice.calls == 1
    assert again.sample_rate == first.sample_rate
    assert np.array_equal(again.audio, first.audio) and again.audio.dtype == np.float32
    assert again.words == first.words and again.phonemes == first.phonemes
    assert [w.word for w in first.words][-3:] == ["seconds,", "for", "$39."]

    RememberingSpeaker(voice, tmp_path / "takes").synthesize(SCENES, rate=1.0)
    assert voice.calls == 2
    assert len(list((tmp_path / "takes").glob("*.npz"))) == 2


def test_a_damaged_take_is_spoken_again(registry: VoiceRegistry, tmp_path: Path) -> None:
    voice = Counting(registry.get("espeak-en-us"))
    speaker = RememberingSpeaker(voice, tmp_path / "takes")
    first = speaker.synthesize(SCENES)
    [kept] = (tmp_path / "takes").glob("*.npz")
    kept.write_bytes(kept.read_bytes()[:200])          # a process killed mid-write left this
    second = speaker.synthesize(SCENES)
    assert voice.calls == 2
    assert [w.word for w in second.words] == [w.word for w in first.words]
    assert abs(second.duration - first.duration) < 0.05


def test_measured_rates_are_remembered(registry: VoiceRegistry, tmp_path: Path) -> None:
    espeak = registry.get("espeak-en-us")
    voice = Counting(espeak)
    rates = tmp_path / "cache" / "voice-rates.json"
    measured = VoiceRegistry([voice], rates_file=rates).words_per_second(espeak.info.id)
    assert voice.calls == 1 and 1.5 < measured < 5.0
    assert VoiceRegistry([voice], rates_file=rates).words_per_second(espeak.info.id) == measured
    assert voice.calls == 1
    rates.write_text("not json")
    remeasured = VoiceRegistry([voice], rates_file=rates).words_per_second(espeak.info.id)
    assert remeasured == pytest.approx(measured, abs=0.05)
    assert voice.calls == 2
