"""libespeak-ng through ctypes: audio plus exact word and phoneme events.

The library (and its voice data) ships in the `espeakng-loader` wheel. It keeps global state
(current voice, one synth callback), so one `EspeakLibrary` per process serialises calls.
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass
from functools import cache

import numpy as np

from adreel.media.voice.model import VoiceError

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_PHONEME_EVENTS, _PHONEME_IPA, _DONT_EXIT = 0x0001, 0x0002, 0x8000
_POS_CHARACTER, _CHARS_UTF8 = 1, 1
_RATE = 1
EVENT_WORD, EVENT_SENTENCE, EVENT_END, EVENT_PHONEME = 1, 2, 5, 7


class _EventId(ctypes.Union):
    _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p), ("string", ctypes.c_char * 8)]


class _Event(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("unique_identifier", ctypes.c_uint),
                ("text_position", ctypes.c_int), ("length", ctypes.c_int),
                ("audio_position", ctypes.c_int), ("sample", ctypes.c_int),
                ("user_data", ctypes.c_void_p), ("id", _EventId)]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                             ctypes.POINTER(_Event))


@dataclass(frozen=True)
class Event:
    """A WORD (text span), SENTENCE, END or PHONEME (IPA) event at `time` seconds."""

    kind: int
    time: float
    text_position: int = 0   # 0-based character offset into the text spoken
    length: int = 0
    phoneme: str = ""


@dataclass(frozen=True)
class Rendering:
    audio: np.ndarray        # int16 mono
    sample_rate: int
    events: list[Event]


class EspeakLibrary:
    """One loaded libespeak-ng; `speak` is safe to call from any thread."""

    def __init__(self, library_path: str, data_path: str) -> None:
        lib = ctypes.CDLL(library_path)
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetSynthCallback.argtypes = [_CALLBACK]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Synth.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
                                     ctypes.c_uint, ctypes.c_uint, ctypes.POINTER(ctypes.c_uint),
                                     ctypes.c_void_p]
        lib.espeak_ListVoices.restype = ctypes.POINTER(ctypes.c_void_p)
        self._lib = lib
        self._lock = threading.Lock()
        self.sample_rate = lib.espeak_Initialize(
            _AUDIO_OUTPUT_SYNCHRONOUS, 0, data_path.encode(),
            _PHONEME_EVENTS | _PHONEME_IPA | _DONT_EXIT)
        if self.sample_rate <= 0:
            raise VoiceError("espeak-ng could not start (its voice data is missing).")
        self._audio: list[np.ndarray] = []
        self._events: list[Event] = []
        self._callback = _CALLBACK(self._on_synth)  # keep a reference: C holds only a pointer
        lib.espeak_SetSynthCallback(self._callback)

    def _on_synth(self, wav, count, events) -> int:
        if count > 0:
            self._audio.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        index = 0
        while events[index].type != 0:
            event = events[index]
            index += 1
            if event.type in (EVENT_WORD, EVENT_SENTENCE, EVENT_END, EVENT_PHONEME):
                phoneme = ""
                if event.type == EVENT_PHONEME:
                    phoneme = bytes(event.id.string).split(b"\0", 1)[0].decode("utf-8", "replace")
                self._events.append(Event(event.type, event.audio_position / 1000.0,
                                          max(event.text_position - 1, 0), event.length, phoneme))
        return 0

    def speak(self, text: str, voice: str, words_per_minute: int = 175) -> Rendering:
        """Render `text` with the espeak voice `voice` (e.g. `en-us`, `es`, `ja`)."""
        with self._lock:
            if self._lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise VoiceError(f"espeak-ng has no voice {voice!r}.")
            self._lib.espeak_SetParameter(_RATE, max(80, min(words_per_minute, 450)), 0)
            self._audio, self._events = [], []
            data = text.encode("utf-8") + b"\0"
            status = self._lib.espeak_Synth(data, len(data), 0, _POS_CHARACTER, 0, _CHARS_UTF8,
                                            None, None)
            if status != 0:
                raise VoiceError(f"espeak-ng failed to speak (status {status}).")
            audio = np.concatenate(self._audio) if self._audio else np.zeros(0, np.int16)
            return Rendering(audio, self.sample_rate, list(self._events))


_LOADING = threading.Lock()


@cache
def _load() -> EspeakLibrary:
    import espeakng_loader

    return EspeakLibrary(str(espeakng_loader.get_library_path()),
                         str(espeakng_loader.get_data_path()))


def espeak_library() -> EspeakLibrary:
    """The process's libespeak-ng (one per process: the C library has global state, and two
    threads initialising it at once crash the process, hence the lock)."""
    with _LOADING:
        return _load()
