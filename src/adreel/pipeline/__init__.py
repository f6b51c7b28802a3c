"""The five stages of making one video (preparing → audio → video → lip_sync → stitching), as
plain functions of a stage context and a `Toolkit`. The engine runs them (`adreel serve`), and
so does `adreel generate` in one process: one code path for both."""

from adreel.pipeline.stages import STAGE_FUNCTIONS, StageInput, run_project
from adreel.pipeline.toolkit import Toolkit

__all__ = ["STAGE_FUNCTIONS", "StageInput", "Toolkit", "run_project"]
