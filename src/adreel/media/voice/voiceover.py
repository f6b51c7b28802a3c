"""The audio stage's work: script scenes → mastered 48 kHz voice, word timings, visemes."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile

from adreel.media.align.visemes import Viseme, visemes
from adreel.media.voice.master import master
from adreel.media.voice.model import Speaker, VoiceError, WordTiming


@dataclass(frozen=True)
class Speech:
    """A finished voiceover and its timelines (times in seconds)."""

    audio: np.ndarray            # float32 mono at `sample_rate`
    sample_rate: int
    words: list[WordTiming]
    visemes: list[Viseme]
    voice_id: str
    loudness_lufs: float
    true_peak_dbtp: float

    @property
    def duration(self) -> float:
        return len(self.audio) / self.sample_rate

    def write(self, wav: Path, words: Path | None = None, visemes_path: Path | None = None) -> None:
        """Write `voice.wav` (PCM 16-bit), `words.json` and `visemes.json`, each atomically."""
        _atomic(wav, lambda tmp: soundfile.write(tmp, self.audio, self.sample_rate,
                                                 subtype="PCM_16", format="WAV"))
        if words is not None:
            _atomic_text(words, json.dumps([w.as_json() for w in self.words], ensure_ascii=False))
        if visemes_path is not None:
            _atomic_text(visemes_path, json.dumps([v.as_json() for v in self.visemes]))


def _atomic(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        write(tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def _atomic_text(path: Path, text: str) -> None:
    _atomic(path, lambda tmp: tmp.write_text(text, "utf-8"))


def spoken_lines(scenes: list[str]) -> list[str]:
    """What a voice is given for a script's scenes: each trimmed, empty ones left out."""
    return [s.strip() for s in scenes if s and s.strip()]


def speak(scenes: list[str], speaker: Speaker, *, rate: float = 1.0, fps: float = 30.0) -> Speech:
    """Speak the scenes, master the result to −14 LUFS / −1 dBTP at 48 kHz, and derive the
    viseme track. Raises `VoiceError` when nothing could be spoken."""
    texts = spoken_lines(scenes)
    if not texts:
        raise VoiceError("There is no text to speak.")
    utterance = speaker.synthesize(texts, rate=rate)
    if utterance.duration <= 0 or not utterance.words:
        raise VoiceError(f"The voice {speaker.info.id} produced no speech.")
    mastered = master(utterance.audio, utterance.sample_rate)
    duration = len(mastered.audio) / mastered.sample_rate
    return Speech(
        audio=mastered.audio,
        sample_rate=mastered.sample_rate,
        words=utterance.words,
        visemes=visemes(utterance.phonemes, duration, fps),
        voice_id=speaker.info.id,
        loudness_lufs=mastered.loudness_lufs,
        true_peak_dbtp=mastered.true_peak_dbtp,
    )
