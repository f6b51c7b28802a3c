"""The stage functions by name, and `run_project`: all five in order in this process (what
`adreel generate` does; `adreel serve` hands them to the engine instead)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import soundfile

from adreel.media.actors.track import mouth_track
from adreel.pipeline.audio import make_audio
from adreel.pipeline.concept import Concept
from adreel.pipeline.preparing import prepare
from adreel.pipeline.stitching import stitch
from adreel.pipeline.toolkit import Toolkit
from adreel.pipeline.video import make_video


class StageInput(Protocol):
    """What a stage reads from its context (the engine's `StageContext` is one)."""

    project_id: str
    url: str
    variant: int
    request: dict[str, Any]
    outputs: dict[str, Any]

    def progress(self, done: int, total: int) -> None: ...

    def cancelled(self) -> bool: ...


def lip_sync(ctx: Any, kit: Toolkit) -> dict[str, Any]:
    """The actor's mouth track from the viseme track and the voice (`mouth.json`): a shape and
    an opening for every frame. product_showcase has no actor: the stage completes at once."""
    work = kit.work(ctx.project_id)
    concept = Concept.model_validate(work.read_json("concept.json"))
    if not concept.actor_id:
        ctx.progress(1, 1)
        return {}
    audio = work.read_json("audio.json")
    voice, rate = soundfile.read(work.path("voice.wav"), dtype="float32", always_2d=False)
    frames = round(float(audio["video_seconds"]) * concept.fps)
    track = mouth_track(work.read_json("visemes.json"), voice, rate, concept.fps, frames)
    work.write_json("mouth.json", track.as_json())
    ctx.progress(1, 1)
    return {"avatar_id": concept.actor_id}


STAGE_FUNCTIONS: dict[str, Callable[[Any, Toolkit], dict[str, Any]]] = {
    "preparing": prepare,
    "audio": make_audio,
    "video": make_video,
    "lip_sync": lip_sync,
    "stitching": stitch,
}


@dataclass
class LocalRun:
    """A stage context for running a project in this process."""

    project_id: str
    url: str
    variant: int
    request: dict[str, Any]
    report: Callable[[str, int, int], None]
    outputs: dict[str, Any] = field(default_factory=dict)
    stage: str = "preparing"
    stop: Callable[[], bool] = lambda: False

    def progress(self, done: int, total: int) -> None:
        self.report(self.stage, done, total)

    def cancelled(self) -> bool:
        return self.stop()


def run_project(run: LocalRun, kit: Toolkit) -> dict[str, Any]:
    """Run every stage in order, merging outputs; an `AdreelError` says which failed."""
    for name, function in STAGE_FUNCTIONS.items():
        run.stage = name
        run.outputs.update(function(run, kit) or {})
    return run.outputs
