"""Embedded mode's queue: a thread pool inside the API process, one worker per core by default."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

from adreel.platform.queue import Handler, Lane, StageTask


class LocalQueue:
    name = "local"

    def __init__(self, workers: int | None = None) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 2,
                                        thread_name_prefix="adreel-worker")
        self._handler: Handler | None = None

    def bind(self, handler: Handler) -> None:
        self._handler = handler

    def submit(self, task: StageTask, lane: Lane) -> None:   # one pool: both lanes share it
        assert self._handler is not None, "bind() the engine before submitting"
        self._pool.submit(self._handler, task)

    def check(self) -> None:
        return None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
