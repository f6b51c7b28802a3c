"""The work queue: "run stage S of project P". In embedded mode a thread pool in the API
process; scale-out will put a Celery queue behind the same `submit`."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol


class WorkQueue(Protocol):
    def submit(self, work: Callable[[], None]) -> None: ...

    def close(self) -> None: ...


class LocalQueue:
    """In-process workers, one per core by default."""

    def __init__(self, workers: int | None = None) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 2,
                                        thread_name_prefix="adreel-worker")

    def submit(self, work: Callable[[], None]) -> None:
        self._pool.submit(work)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
