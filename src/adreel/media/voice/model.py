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
