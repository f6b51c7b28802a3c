"""The pipeline's stages as the engine sees them: a fixed order, a progress range each, and
whatever function is registered for each name (the engine knows nothing of pixels or audio).

The built-in pipeline registers the five stages at start-up; operators' plugins
(`ADREEL_PLUGINS`) and tests register stages with `StageRegistry.register`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from adreel.pipeline.outside import Pending
from adreel.platform.queue import Lane

__all__ = ["STAGES", "STAGE_NAMES", "Pending", "StageContext", "StageRegistry", "load_plugins"]

# (internal stage, public project status, progress range) in the order they run (spec §5).
STAGES: tuple[tuple[str, str, int, int], ...] = (
    ("preparing", "preparing", 0, 20),
    ("audio", "generating", 20, 30),
    ("video", "generating", 30, 70),
    ("lip_sync", "post_processing", 70, 85),
    ("stitching", "stitching", 85, 99),
)
STAGE_NAMES = tuple(s[0] for s in STAGES)
# Stages short enough to sit beside request-time work on the light queue; the rest render.
LIGHT_STAGES = frozenset({"preparing", "audio"})


def lane(stage: str, *, polling: bool = False) -> Lane:
    """The queue a stage's task goes to: polling outside work is always light."""
    return "light" if polling or stage in LIGHT_STAGES else "heavy"


def public_status(stage: str) -> str:
    return next(s[1] for s in STAGES if s[0] == stage)


def stage_range(stage: str) -> tuple[int, int]:
    low, high = next((s[2], s[3]) for s in STAGES if s[0] == stage)
    return low, high


def next_stage(stage: str) -> str | None:
    index = STAGE_NAMES.index(stage)
    return STAGE_NAMES[index + 1] if index + 1 < len(STAGE_NAMES) else None


@dataclass
class StageContext:
    """What a stage function is given: its project, the job's request, earlier stages'
    outputs, a progress callback (`progress(done, total)`) and a cancellation check."""

    project_id: str
    job_id: str
    url: str
    variant: int
    request: dict[str, Any]
    outputs: dict[str, Any]
    progress: Callable[[int, int], None]
    cancelled: Callable[[], bool]


# A stage returns outputs to merge into the project's (for the stitching stage, the finished
# video's `final_output_url`, `title`, ... as §4 names them), or `Pending`; it raises
# `AdreelError` to fail.
StageFn = Callable[[StageContext], "dict[str, Any] | Pending | None"]
PollFn = Callable[[StageContext, dict[str, Any]], "dict[str, Any] | Pending | None"]


@dataclass(frozen=True)
class StageSpec:
    run: StageFn
    poll: PollFn | None = None


@dataclass
class StageRegistry:
    specs: dict[str, StageSpec] = field(default_factory=dict)

    def register(self, name: str, function: StageFn, poll: PollFn | None = None) -> None:
        if name not in STAGE_NAMES:
            raise ValueError(f"unknown stage {name!r}; stages: {', '.join(STAGE_NAMES)}")
        self.specs[name] = StageSpec(function, poll)

    def get(self, name: str) -> StageSpec | None:
        return self.specs.get(name)


def load_plugins(modules: Iterable[str], **registries: object) -> list[str]:
    """Import each plugin module and call its `register(**registries)` (e.g. `stages=`,
    `voices=`, `lip_sync=`) with the registries it names (all of them when it takes
    `**kwargs`). Returns the modules loaded; an import error stops start-up with its cause."""
    loaded = []
    for name in modules:
        module = import_module(name)
        register = getattr(module, "register", None)
        if not callable(register):
            raise RuntimeError(f"plugin {name} has no register() function")
        accepted = inspect.signature(register).parameters.values()
        if not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in accepted):
            names = {p.name for p in accepted}
            register(**{k: v for k, v in registries.items() if k in names})
        else:
            register(**registries)
        loaded.append(name)
    return loaded
