"""Test stages for a real `adreel serve` (loaded with ADREEL_PLUGINS=tests.api.stage_plugin).

Each stage reports progress in four steps. A product URL can steer them: `?fail=<stage>`
fails that stage, `?slow=<stage>` makes it run for ten seconds (for cancellation),
`?hang=<stage>` makes it go silent for four seconds (for stall detection), and
`?outside=<stage>` hands the stage to an "outside service" polled three times.
Every stage start is appended to the file named by ADREEL_TEST_STAGE_LOG, so tests can
prove no stage ever ran twice.
"""

from __future__ import annotations

import os
import time
from urllib.parse import parse_qs, urlsplit

from adreel.engine.stages import STAGE_NAMES, Pending, StageContext, StageRegistry
from adreel.errors import AdreelError


class RenderFailed(AdreelError):
    code = "render_failed"


def _stage(name: str):
    def run(context: StageContext) -> dict[str, object]:
        log = os.environ.get("ADREEL_TEST_STAGE_LOG")
        if log:
            with open(log, "a", encoding="utf-8") as handle:
                handle.write(f"{context.project_id} {name}\n")
        query = parse_qs(urlsplit(context.url).query)
        if query.get("outside") == [name]:
            # Hand the work to an "outside service": the engine polls the ticket.
            return Pending({"ticket": f"{context.project_id}-{name}", "polls": 0}, poll_after_s=0.3)
        if query.get("fail") == [name]:
            raise RenderFailed(f"The test stage {name} was told to fail.")
        if query.get("hang") == [name]:
            time.sleep(4)   # silent: no progress reported
        if query.get("quiet") == [name]:
            time.sleep(3)   # silent, but well inside the stall limit
        steps = 40 if query.get("slow") == [name] else 4
        for step in range(steps):
            time.sleep(0.05 if steps == 4 else 0.25)
            context.progress(step + 1, steps)
            if context.cancelled():
                return {}
        if name == "stitching":
            return {"final_output_url": f"https://media.test/{context.project_id}/video.mp4",
                    "title": "TrailPress Travel Coffee Maker", "script": "Meet the TrailPress.",
                    "duration_seconds": 15.2, "scene_count": 5}
        return {f"{name}_done": True}

    return run


def _poll(name: str):
    def poll(context: StageContext, handle: dict[str, object]) -> dict[str, object] | Pending:
        polls = int(handle["polls"]) + 1
        log = os.environ.get("ADREEL_TEST_STAGE_LOG")
        if log:
            with open(log, "a", encoding="utf-8") as out:
                out.write(f"{context.project_id} {name} poll {polls}\n")
        context.progress(polls, 3)
        if polls < 3:
            return Pending({**handle, "polls": polls}, poll_after_s=0.3)
        return {f"{name}_done": True, f"{name}_ticket": handle["ticket"]}

    return poll


def register(stages: StageRegistry, **_registries: object) -> None:
    for name in STAGE_NAMES:
        stages.register(name, _stage(name), poll=_poll(name))
