"""Audio: speak the script, time every word, derive the mouth shapes, master the voice.
Leaves `voice.wav` (48 kHz), `words.json`, `visemes.json` and `audio.json`."""

from __future__ import annotations

from typing import Any

from adreel.media.voice import speak
from adreel.media.voice.takes import RememberingSpeaker
from adreel.media.write.model import Script
from adreel.pipeline.concept import Concept
from adreel.pipeline.toolkit import Toolkit

FIT = (0.88, 1.07)       # the voice may run this far from the target before it is re-spoken


def tail_seconds(speech: float, target: float | None) -> float:
    """The quiet end the end card holds after the last word, kept inside the ±10 % window."""
    if target is None:
        return 0.6
    return min(0.8, max(0.25, target * 1.02 - speech))


def make_audio(ctx: Any, kit: Toolkit) -> dict[str, Any]:
    work = kit.work(ctx.project_id)
    script = Script.model_validate(work.read_json("script.json"))
    concept = Concept.model_validate(work.read_json("concept.json"))
    # The takes the preparing stage listened to: its final draft is not spoken a second time.
    speaker = RememberingSpeaker(kit.voices.get(concept.voice_id), work.path("takes"))
    texts = [scene.text for scene in script.scenes]
    ctx.progress(0, 3)
    rate = script.rate
    speech = speak(texts, speaker, rate=rate, fps=concept.fps)
    target = concept.target_seconds
    for attempt in (1, 2):
        if target is None or FIT[0] * target <= speech.duration <= FIT[1] * target:
            break
        # The estimate missed (a voice faster or slower than measured): say it again at the
        # rate that lands it. Pauses do not scale with the rate, only the words do.
        ctx.progress(attempt, 3)
        words = sum(w.end - w.start for w in speech.words)
        fixed = max(0.0, speech.duration - words)
        goal = target * 0.98
        rate = min(1.35, max(0.75, rate * words / max(goal - fixed, words * 0.5)))
        speech = speak(texts, speaker, rate=rate, fps=concept.fps)
    ctx.progress(3, 3)
    speech.write(work.path("voice.wav"), work.path("words.json"), work.path("visemes.json"))
    duration = speech.duration + tail_seconds(speech.duration, target)
    work.write_json("audio.json", {"voice_id": speech.voice_id, "speech_seconds": round(speech.duration, 3),
                                   "video_seconds": round(duration, 3), "loudness_lufs": speech.loudness_lufs,
                                   "true_peak_dbtp": speech.true_peak_dbtp})
    return {"voice_id": speech.voice_id}
