"""The five stages of making one video (preparing → audio → video → lip_sync → stitching), as
plain functions of a stage context and a `Toolkit`. The engine runs them (`adreel serve`), and
so does `adreel generate` in one process: one code path for both.

Names load on first use: the engine imports `adreel.pipeline.outside` without pulling in the
media stack."""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {"STAGE_FUNCTIONS": "adreel.pipeline.stages", "StageInput": "adreel.pipeline.stages",
            "run_project": "adreel.pipeline.stages", "Toolkit": "adreel.pipeline.toolkit",
            "Pending": "adreel.pipeline.outside"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'adreel.pipeline' has no attribute {name!r}")
