"""espeak-ng voices: every language espeak knows, with exact word and phoneme timings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass

import numpy as np

from adreel.media.voice.espeak_lib import (
    EVENT_END,
    EVENT_PHONEME,
    EVENT_WORD,
    EspeakLibrary,
    Event,
    espeak_library,
)
from adreel.media.voice.model import PhonemeTiming, SceneTrack, Utterance, VoiceInfo, WordTiming
from adreel.media.voice.phonemes import PhonemeBuilder
from adreel.media.voice.tokens import Token, distribute, words_of

# Turns a scene's text into (text espeak reads, written words with spans in that text).
Transcriber = Callable[[str], tuple[str, list[Token]]]
DEFAULT_WPM = 175


def plain(text: str) -> tuple[str, list[Token]]:
    return text, words_of(text)


def timings(events: list[Event], tokens: list[Token], duration: float, offset: float,
            scene: int) -> tuple[list[WordTiming], list[PhonemeTiming]]:
    """Word and phoneme timings from espeak's events. A WORD event names its text span, so
    words are matched by position, never by counting (espeak merges and splits words)."""
    marks = [e for e in events if e.kind in (EVENT_WORD, EVENT_PHONEME, EVENT_END)]
    builder = PhonemeBuilder()
    spans: dict[int, list[float]] = {}
    current: int | None = None
    for index, event in enumerate(marks):
        following = marks[index + 1].time if index + 1 < len(marks) else duration
        if event.kind == EVENT_WORD:
            current = next((i for i, t in enumerate(tokens)
                            if t.start <= event.text_position < t.end), None)
        elif event.kind == EVENT_PHONEME:
            symbol = event.phoneme.strip()
            if not symbol or symbol.startswith("_"):
                builder.pause()
                continue
            builder.add(symbol, offset + event.time, offset + following)
            if current is not None:
                span = spans.setdefault(current, [offset + event.time, offset + following])
                span[0] = min(span[0], offset + event.time)
                span[1] = max(span[1], offset + following)
        else:
            current = None
    words: list[WordTiming] = []
    for index, token in enumerate(tokens):
        if index in spans:
            words.append(WordTiming(token.text, spans[index][0], spans[index][1], scene))
    if len(words) < len(tokens):
        words = _fill_gaps(tokens, spans, offset, offset + duration, scene)
    return words, builder.items


def _fill_gaps(tokens: list[Token], spans: dict[int, list[float]], start: float, end: float,
               scene: int) -> list[WordTiming]:
    """Give words espeak said nothing for (rare) a share of the time between their neighbours."""
    result: list[WordTiming] = []
    index = 0
    while index < len(tokens):
        if index in spans:
            result.append(WordTiming(tokens[index].text, *spans[index], scene))
            index += 1
            continue
        run_end = index
        while run_end < len(tokens) and run_end not in spans:
            run_end += 1
        left = result[-1].end if result else start
        right = spans[run_end][0] if run_end < len(tokens) else end
        for token, (a, b) in zip(tokens[index:run_end],
                                 distribute(tokens[index:run_end], left, max(right, left + 0.05)),
                                 strict=True):
            result.append(WordTiming(token.text, a, b, scene))
        index = run_end
    return result


@dataclass(eq=False)
class EspeakSpeaker:
    """One espeak voice (`es`, `de`, `fr`, `ja`, `en-gb`, ...); `transcriber` turns the script
    into what espeak should read (Japanese: kana), `library` opens the shared espeak-ng."""

    info: VoiceInfo
    espeak_voice: str
    _: KW_ONLY
    transcriber: Transcriber = plain
    library: Callable[[], EspeakLibrary] = espeak_library
    scene_pause: float = 0.35
    words_per_minute: int = DEFAULT_WPM

    def render(self, text: str, rate: float = 1.0) -> tuple[np.ndarray, int, list[Event],
                                                            list[Token]]:
        """One text as float32 audio with espeak's events and the written words."""
        spoken, tokens = self.transcriber(text)
        rendering = self.library().speak(spoken, self.espeak_voice, round(self.words_per_minute * rate))
        audio = rendering.audio.astype(np.float32) / 32768.0
        return audio, rendering.sample_rate, rendering.events, tokens

    def synthesize(self, scenes: list[str], rate: float = 1.0) -> Utterance:
        track = SceneTrack(self.scene_pause)
        for scene, text in enumerate(scenes):
            audio, sample_rate, events, tokens = self.render(text, rate)
            offset = track.start(sample_rate)
            words, phonemes = timings(events, tokens, len(audio) / sample_rate, offset, scene)
            track.add(audio, words, phonemes)
        return track.utterance()
