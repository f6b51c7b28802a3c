"""A real utterance's mouth track, shared by the lip-sync tests of drawn and photo actors."""

from __future__ import annotations

import pytest

from adreel.media.actors.track import MouthTrack, mouth_track
from adreel.media.voice import speak

FPS = 30
LINE = ["Maybe Bob made a pop-up map, but my mom bought apples and a big blue boat."]


@pytest.fixture(scope="module")
def utterance(registry) -> MouthTrack:
    speech = speak(LINE, registry.get("en-us-joe"), fps=FPS)
    frames = int(speech.duration * FPS)
    return mouth_track([v.as_json() for v in speech.visemes], speech.audio, speech.sample_rate, FPS, frames)
