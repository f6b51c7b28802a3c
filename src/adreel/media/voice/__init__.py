"""Voices behind one protocol (`Speaker`), the registry that picks one, and `speak`."""

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
from adreel.media.voice.speak import Speech, speak

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
]
