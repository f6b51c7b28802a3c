"""The preparing stage listens to its draft; the audio stage uses that take instead of speaking
the script a second time (the voice is the costliest step before the frames)."""

from __future__ import annotations

import uuid

import soundfile

from adreel.media.voice import spoken_lines
from adreel.media.voice.takes import RememberingSpeaker
from adreel.media.write import Script
from adreel.pipeline.stages import STAGE_FUNCTIONS, LocalRun


def test_the_audio_stage_uses_the_take_preparing_heard(shop, toolkit) -> None:
    heard = [_prepare_and_speak(shop, toolkit, "ember-pour-over", 15),
             _prepare_and_speak(shop, toolkit, "lumen-amber-candle", 30)]
    assert any(heard), "no final script was heard before the audio stage"


def _prepare_and_speak(shop, toolkit, slug: str, seconds: int) -> bool:
    run = LocalRun(project_id=str(uuid.uuid4()), url=shop.url(f"/products/{slug}"), variant=0,
                   request={"aspect_ratio": "9:16", "ad_duration": seconds, "format_preset": "product_showcase"},
                   report=lambda *_: None)
    work = toolkit.work(run.project_id)
    run.outputs.update(STAGE_FUNCTIONS["preparing"](run, toolkit))
    takes = work.path("takes")
    before = {path.name: path.stat().st_mtime_ns for path in takes.glob("*.npz")}
    assert 1 <= len(before) <= 2                  # the draft, and a rewrite when the draft missed
    script = Script.model_validate(work.read_json("script.json"))
    voice = RememberingSpeaker(toolkit.voices.get(work.read_json("concept.json")["voice_id"]), takes)
    heard = voice.heard(spoken_lines([scene.text for scene in script.scenes]), script.rate)

    run.stage = "audio"
    run.outputs.update(STAGE_FUNCTIONS["audio"](run, toolkit))
    after = {path.name: path.stat().st_mtime_ns for path in takes.glob("*.npz")}
    if heard:
        assert after == before                    # the script preparing listened to: nothing spoken again
    else:
        # Rewritten after the second listen: spoken here once, and up to twice more if it missed the window.
        assert before.items() <= after.items() and 1 <= len(after) - len(before) <= 3
    sound = soundfile.info(work.path("voice.wav"))
    assert sound.samplerate == 48_000 and 0.85 * seconds <= sound.duration <= 1.1 * seconds
    return heard
