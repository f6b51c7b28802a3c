"""Voices behind one protocol (`Speaker`), the registry that picks one, and `speak`."""

from importlib import import_module

from adreel.media.voice.model import (
    PhonemeTiming,
    Speaker,
    Utterance,
    VoiceError,
    VoiceInfo,
    VoiceNotFoundError,
    WordTiming,
)
from adreel.media.voice.registry import VoiceRegistry

__all__ = [
    "PhonemeTiming",
    "Speaker",
    "Speech",
    "Utterance",
    "VoiceError",
    "VoiceInfo",
    "VoiceNotFoundError",
    "VoiceRegistry",
    "WordTiming",
    "speak",
    "spoken_lines",
]


def __getattr__(name: str) -> object:
    # `speak` needs the viseme module, which needs this package's model: import it on use.
    if name in ("Speech", "speak", "spoken_lines"):
        module = import_module("adreel.media.voice.voiceover")
        return getattr(module, name)
    raise AttributeError(name)
