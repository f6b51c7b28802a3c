"""How `Job.wait` paces its polls (API.md §4 "Polling"): 10 s, then 15 s, then 20 s between
status calls until a terminal status, within an optional overall timeout."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from adreel_client.errors import WaitTimeout
from adreel_client.models import JobBody

DEFAULT_INTERVALS: tuple[float, ...] = (10.0, 15.0, 20.0)
Seen = TypeVar("Seen", bound=JobBody)


class PollSchedule:
    """The n-th wait is `intervals[n]`, the last one repeated; nothing waits past the deadline."""

    def __init__(self, intervals: Sequence[float] = DEFAULT_INTERVALS, timeout: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if not intervals or min(intervals) < 0:
            raise ValueError("intervals must be one or more non-negative numbers of seconds")
        self._intervals = tuple(intervals)
        self._clock = clock
        self._deadline = None if timeout is None else clock() + timeout
        self._polls = 0

    def before_next(self, job: JobBody) -> float | None:
        """Seconds to sleep before the next poll; None once `job` is finished; `WaitTimeout`
        when the deadline has passed without a terminal status."""
        if job.finished:
            return None
        delay = self._intervals[min(self._polls, len(self._intervals) - 1)]
        if self._deadline is not None:
            left = self._deadline - self._clock()
            if left <= 0:
                raise WaitTimeout(f"Job {job.job_id} is still {job.status} ({job.overall_progress} %) "
                                  "after the wait's timeout.", job)
            delay = min(delay, left)   # one last look at the deadline itself
        self._polls += 1
        return delay


def report(job: Seen, on_progress: Callable[[Seen], object] | None) -> Seen:
    if on_progress is not None:
        on_progress(job)
    return job
