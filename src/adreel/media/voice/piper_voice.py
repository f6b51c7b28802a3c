"""Neural voices through piper-tts: the bundled English voice and any an operator installs.

piper's alignment output gives the exact sample count of every phoneme, so word and phoneme
timings come straight from the engine.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from adreel.media.voice.model import Utterance, VoiceError, VoiceInfo, WordTiming
from adreel.media.voice.phonemes import PhonemeBuilder
from adreel.media.voice.tokens import Token, distribute, words_of
from adreel.media.voice.word_match import Spoken, match_words

_PUNCTUATION = frozenset(".,:;!?¡¿-—…\"'()«»“”")
_BOUNDARY = frozenset({"^", "$", " "})


class PiperSpeaker:
    """A piper voice. Loaded on first use, then shared by every call (thread-safe)."""

    # piper phonemizes through one process-wide espeak-ng state, whichever voice speaks:
    # one synthesis at a time in this process.
    _speaking = threading.Lock()

    def __init__(self, info: VoiceInfo, model_path: Path, config_path: Path, *,
                 sentence_pause: float = 0.3, scene_pause: float = 0.45) -> None:
        self.info = info
        self._model_path = model_path
        self._config_path = config_path
        self._sentence_pause = sentence_pause
        self._scene_pause = scene_pause
        self._voice = None
        self._lock = threading.Lock()

    def _loaded(self):  # -> piper.PiperVoice (imported lazily: piper loads onnxruntime)
        with self._lock:
            if self._voice is None:
                from piper import PiperVoice

                try:
                    self._voice = PiperVoice.load(self._model_path, config_path=self._config_path,
                                                  include_alignments=True)
                except Exception as exc:  # onnxruntime raises its own exception types
                    raise VoiceError(f"The voice {self.info.id} could not be loaded: {exc}") from exc
            return self._voice

    def synthesize(self, scenes: list[str], rate: float = 1.0) -> Utterance:
        with self._speaking:
            return self._synthesize(scenes, rate)

    def _synthesize(self, scenes: list[str], rate: float) -> Utterance:
        from piper import SynthesisConfig

        voice = self._loaded()
        sample_rate = voice.config.sample_rate
        # No noise in durations or timbre: the same script always sounds (and times) the same.
        config = SynthesisConfig(length_scale=1.0 / max(rate, 0.25), noise_scale=0.0,
                                 noise_w_scale=0.0, normalize_audio=False)
        parts: list[np.ndarray] = [np.zeros(int(0.05 * sample_rate), np.float32)]
        offset = len(parts[0])
        words: list[WordTiming] = []
        phonemes = PhonemeBuilder()
        for scene, text in enumerate(scenes):
            tokens = words_of(text)
            spoken: list[Spoken] = []
            for chunk in voice.synthesize(text, syn_config=config, include_alignments=True):
                if chunk.phoneme_alignments is None:
                    raise VoiceError(f"The voice {self.info.id} gave no timings for: {text!r}")
                spoken += self._walk(chunk.phoneme_alignments, offset, sample_rate, phonemes)
                audio = chunk.audio_float_array
                parts.append(audio)
                offset += len(audio)
                pause = np.zeros(int(self._sentence_pause * sample_rate), np.float32)
                parts.append(pause)
                offset += len(pause)
                phonemes.pause()
            words += self._match(voice, tokens, spoken, scene)
            extra = int((self._scene_pause - self._sentence_pause) * sample_rate)
            if scene < len(scenes) - 1 and extra > 0:
                parts.append(np.zeros(extra, np.float32))
                offset += extra
        audio = np.concatenate(parts).astype(np.float32)
        return Utterance(audio=audio, sample_rate=sample_rate, words=words, phonemes=phonemes.items)

    @staticmethod
    def _walk(alignments, offset: int, sample_rate: int, phonemes: PhonemeBuilder) -> list[Spoken]:
        """Spoken words and phoneme timings from one sentence's alignments."""
        words: list[Spoken] = []
        symbols: list[str] = []
        first = last = 0
        position = offset
        for alignment in alignments:
            symbol, samples = alignment.phoneme, int(alignment.num_samples)
            if symbol in _BOUNDARY or symbol in _PUNCTUATION:
                if symbols:
                    words.append(Spoken("".join(symbols), first / sample_rate, last / sample_rate))
                    symbols = []
                phonemes.pause()
            else:
                if not symbols:
                    first = position
                symbols.append(symbol)
                last = position + samples
                phonemes.add(symbol, position / sample_rate, (position + samples) / sample_rate)
            position += samples
        if symbols:
            words.append(Spoken("".join(symbols), first / sample_rate, last / sample_rate))
        return words

    @staticmethod
    def _match(voice, tokens: list[Token], spoken: list[Spoken], scene: int) -> list[WordTiming]:
        """Map the engine's spoken words back to the script's written words (see word_match)."""
        if not tokens or not spoken:
            return []
        alone = ["".join("".join(s) for s in voice.phonemize(t.text)) for t in tokens]
        try:
            spans = match_words(alone, spoken)
        except ValueError:
            spans = distribute(tokens, spoken[0].start, spoken[-1].end)
        return [WordTiming(t.text, a, b, scene) for t, (a, b) in zip(tokens, spans, strict=True)]
