"""The audio stage's speed on this machine, measured side by side in one run.

    python benchmarks/voice.py

For a ~30 s English ad script: real-time factor of each engine (seconds of compute per second
of speech), the forced aligner's cost on espeak audio of the same script, mastering, and the
whole audio stage (speech + mastering + visemes) with the neural voice. Goal: whole stage
under 3 s for 30 s of English on 2 cores, with the voice already loaded.
"""

from __future__ import annotations

import time
from pathlib import Path
from tempfile import TemporaryDirectory

from adreel.app import make_voice_registry
from adreel.config import Settings
from adreel.media.align.forced import align
from adreel.media.voice import speak
from adreel.media.voice.espeak_voice import EspeakSpeaker
from adreel.media.voice.master import master

SCRIPT = [
    "Tired of coffee that tastes like the trail?",
    "Meet the TrailPress, a travel coffee maker that brews a clean, rich cup in ninety seconds.",
    "It weighs just 320 grams and packs inside its own mug, so it disappears in your bag.",
    "No paper filters, no pods, no mess: a stainless micro-filter does the work.",
    "Over four hundred hikers gave it 4.7 stars, and Priya says it beats most cafés in town.",
    "It's $39 today, down from $49. Tap the link and grab yours before the weekend.",
]


def timed(work):
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def main() -> None:
    with TemporaryDirectory() as data, make_voice_registry(Settings(data_dir=Path(data))) as registry:
        joe = registry.get("en-us-joe")
        espeak = registry.get("espeak-en-us")
        assert isinstance(espeak, EspeakSpeaker)
        _, load = timed(lambda: joe._loaded())  # type: ignore[attr-defined]
        piper_speech, piper_time = timed(lambda: joe.synthesize(SCRIPT))
        espeak_speech, espeak_time = timed(lambda: espeak.synthesize(SCRIPT))
        text = " ".join(SCRIPT)
        audio, rate, _events, _tokens = espeak.render(text, 0.8)
        _, align_time = timed(lambda: align(audio, rate, text, espeak))
        _, master_time = timed(lambda: master(piper_speech.audio, piper_speech.sample_rate))
        stage, stage_time = timed(lambda: speak(SCRIPT, joe))

    print(f"script: {len(text.split())} words")
    print(f"{'engine':<28}{'speech s':>10}{'compute s':>11}{'RTF':>8}")
    print(f"{'piper (en-us-joe)':<28}{piper_speech.duration:>10.1f}{piper_time:>11.2f}"
          f"{piper_time / piper_speech.duration:>8.3f}")
    print(f"{'espeak-ng (en-us)':<28}{espeak_speech.duration:>10.1f}{espeak_time:>11.2f}"
          f"{espeak_time / espeak_speech.duration:>8.3f}")
    print(f"piper voice load (once per process): {load:.2f} s")
    print(f"forced alignment of {len(audio) / rate:.1f} s of audio: {align_time:.2f} s "
          f"({align_time / (len(audio) / rate):.3f} s per s)")
    print(f"mastering to -14 LUFS / -1 dBTP: {master_time:.2f} s")
    print(f"whole audio stage, {stage.duration:.1f} s of English: {stage_time:.2f} s "
          f"(goal < 3 s for 30 s; ratio to speech length {stage_time / stage.duration:.3f})")
    print(f"result: {stage.loudness_lufs:.2f} LUFS, true peak {stage.true_peak_dbtp:.2f} dBTP, "
          f"{len(stage.words)} words, {len(stage.visemes)} visemes")


if __name__ == "__main__":
    main()
