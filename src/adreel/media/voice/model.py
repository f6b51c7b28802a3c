"""What a voice produces: audio and the timings of every word and phoneme in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from pydantic import BaseModel, ConfigDict

from adreel.errors import AdreelError


class VoiceError(AdreelError):
    """Speech could not be produced."""

    code = "voice_failed"


class VoiceNotFoundError(AdreelError):
    """No installed voice speaks the requested language / accent; the message lists them."""

    code = "language_unsupported"


@dataclass(frozen=True)
class WordTiming:
    """One word of the script as spoken: its text as written, and when it is heard."""

    word: str
    start: float
    end: float
    scene: int

    def as_json(self) -> dict[str, object]:
        return {"word": self.word, "start": round(self.start, 3), "end": round(self.end, 3),
                "scene": self.scene}


@dataclass(frozen=True)
class PhonemeTiming:
    """One phoneme (IPA) as spoken; `stressed` marks the vowel of a stressed syllable."""

    phoneme: str
    start: float
    end: float
    stressed: bool = False


@dataclass
class Utterance:
    """Mono float32 speech in [-1, 1] with word and phoneme timings in seconds."""

    audio: np.ndarray
    sample_rate: int
    words: list[WordTiming] = field(default_factory=list)
    phonemes: list[PhonemeTiming] = field(default_factory=list)

    @property
    def duration(self) -> float:
        return len(self.audio) / self.sample_rate


class SceneTrack:
    """Scenes spoken one by one, joined into one utterance with a pause between them."""

    def __init__(self, pause: float) -> None:
        self._pause = pause
        self._parts: list[np.ndarray] = []
        self._words: list[WordTiming] = []
        self._phonemes: list[PhonemeTiming] = []
        self._rate: int | None = None
        self._offset = 0.0

    def start(self, sample_rate: int) -> float:
        """Begin the next scene (after a pause, unless it is the first); its start time."""
        if self._rate is not None and sample_rate != self._rate:
            raise VoiceError("The voice changed sample rate between scenes.")
        if self._rate is not None:
            pause = np.zeros(int(self._pause * sample_rate), np.float32)
            self._parts.append(pause)
            self._offset += len(pause) / sample_rate
        self._rate = sample_rate
        return self._offset

    def add(self, audio: np.ndarray, words: list[WordTiming], phonemes: list[PhonemeTiming]) -> None:
        assert self._rate is not None, "start() a scene before adding it"
        self._parts.append(audio.astype(np.float32))
        self._words += words
        self._phonemes += phonemes
        self._offset += len(audio) / self._rate

    def utterance(self) -> Utterance:
        audio = np.concatenate(self._parts) if self._parts else np.zeros(0, np.float32)
        return Utterance(audio=audio, sample_rate=self._rate or 22050, words=self._words,
                         phonemes=self._phonemes)


class VoiceInfo(BaseModel):
    """A voice as `GET /voices` and the resolver see it."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    language: str        # primary subtag: en, es, ja
    locale: str          # en-US, en-GB, es-ES
    accent: str          # american, british, ...
    gender: str          # female, male, neutral
    engine: str          # piper, espeak, openai, elevenlabs
    timing: str          # "engine" (exact timings) or "aligned" (forced alignment)


class Speaker(Protocol):
    """A voice that can speak. `synthesize` takes the script's scenes (plain text each) and a
    speaking rate (1.0 = the voice's natural pace, 1.2 = 20 % faster) and returns the whole
    utterance, words tagged with their scene, with natural pauses between sentences and
    scenes."""

    info: VoiceInfo

    def synthesize(self, scenes: list[str], rate: float = 1.0) -> Utterance: ...
