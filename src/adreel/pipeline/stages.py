"""The stage functions by name, and `run_project`: all five in order in this process (what
`adreel generate` does; `adreel serve` hands them to the engine instead)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from adreel.pipeline.audio import make_audio
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
    """No actor scenes in product_showcase: the stage completes at once (actors add theirs)."""
    del kit
    ctx.progress(1, 1)
    return {}


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
