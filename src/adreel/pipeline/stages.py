"""The stage functions by name, and `run_project`: all five in order in this process (what
`adreel generate` does; `adreel serve` hands them to the engine instead)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from adreel.pipeline.audio import make_audio
from adreel.pipeline.lipsync import lip_sync, lip_sync_poll
from adreel.pipeline.outside import Pending
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


STAGE_FUNCTIONS: dict[str, Callable[[Any, Toolkit], dict[str, Any] | Pending]] = {
    "preparing": prepare,
    "audio": make_audio,
    "video": make_video,
    "lip_sync": lip_sync,
    "stitching": stitch,
}
# Stages that may hand work to an outside service, and how to ask it again.
STAGE_POLLS: dict[str, Callable[[Any, Toolkit, dict[str, Any]], dict[str, Any] | Pending]] = {
    "lip_sync": lip_sync_poll,
}


def run_stage(name: str, ctx: Any, kit: Toolkit) -> dict[str, Any] | Pending:
    """Run one stage holding the project's work folder (its files reach the store after)."""
    with kit.stage_work(ctx.project_id):
        return STAGE_FUNCTIONS[name](ctx, kit)


def poll_stage(name: str, ctx: Any, kit: Toolkit, handle: dict[str, Any]) -> dict[str, Any] | Pending:
    """Ask an outside service again about a stage's work, as `run_stage` runs a stage."""
    with kit.stage_work(ctx.project_id):
        return STAGE_POLLS[name](ctx, kit, handle)


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
    for name in STAGE_FUNCTIONS:
        run.stage = name
        result = run_stage(name, run, kit)
        while isinstance(result, Pending):      # outside work: wait here, then ask again
            time.sleep(result.poll_after_s)
            result = poll_stage(name, run, kit, result.handle)
        run.outputs.update(result or {})
    return run.outputs
