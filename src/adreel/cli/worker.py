"""`adreel worker`: runs stages from the broker (scale-out). Any number of them, on any machines,
beside any number of `adreel serve` processes, all sharing the database and the storage."""

from __future__ import annotations

import logging
import os
import socket
from typing import Annotated

import typer

from adreel.platform.queue import LANES, Lane


def _lanes(value: str) -> list[Lane]:
    lanes = [item.strip() for item in value.split(",") if item.strip()]
    unknown = [item for item in lanes if item not in LANES]
    if unknown or not lanes:
        raise typer.BadParameter(f"choose from {', '.join(LANES)} (comma-separated), not {value!r}")
    return [lane for lane in LANES if lane in lanes]


def worker(
    queues: Annotated[str, typer.Option(help="Which queues to take work from: light (pages, speech, polling), "
                                             "heavy (rendering, stitching), or both.")] = "light,heavy",
    concurrency: Annotated[int | None, typer.Option(min=1, max=64,
                                                    help="Stages run at once (default: one per core).")] = None,
    nice: Annotated[int, typer.Option(min=0, max=19, help="Lower this process's CPU priority by this much, so "
                                                          "an API on the same machine stays responsive.")] = 10,
) -> None:
    """Run stages from ADREEL_QUEUE until stopped (SIGTERM finishes the running stages first)."""
    from adreel.app import start_worker
    from adreel.config import Settings
    from adreel.platform.queue.broker import CeleryQueue

    lanes = _lanes(queues)
    settings = Settings()
    if not settings.scale_out:
        raise typer.BadParameter("adreel worker takes work from a broker: set ADREEL_QUEUE to redis://... or "
                                 "amqp://... (with ADREEL_QUEUE=local, `adreel serve` renders by itself)")
    if nice:
        os.nice(nice)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    pipeline = start_worker(settings)
    queue = pipeline.queue
    assert isinstance(queue, CeleryQueue)
    try:
        status = queue.consume(lanes, concurrency or os.cpu_count() or 2,
                               hostname=f"adreel-{'-'.join(lanes)}@{socket.gethostname()}-{os.getpid()}")
    finally:
        for close in reversed(pipeline.closers):
            close()
    raise typer.Exit(status)   # non-zero when Celery gave up (e.g. the broker never came back)
