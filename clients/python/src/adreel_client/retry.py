"""When to try a request again, and when not to send one at all.

`Pacer` holds every request of a client back while the server has asked it to wait: a 429's
`Retry-After`, or `X-RateLimit-Remaining: 0` until `X-RateLimit-Reset`. `Attempts` decides, after
each try of one request, whether to retry and after how long: network errors and 5xx with
jittered exponential backoff inside a time budget; 429 after the pacer's hold; never another 4xx.
Neither does I/O, so the sync and async clients share them.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from adreel_client.errors import ConnectionFailed, retry_after

RETRIED_STATUS = frozenset({500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """`budget_s`: how long one request keeps retrying network errors and 5xx (a server restart
    fits in it); backoff doubles from `base_s` up to `cap_s`, each delay jittered between half and
    all of it; `max_rate_limited`: consecutive 429s honoured before `RateLimited` is raised."""

    budget_s: float = 60.0
    base_s: float = 0.5
    cap_s: float = 10.0
    max_rate_limited: int = 20

    def backoff(self, retry: int) -> float:
        ceiling = min(self.cap_s, self.base_s * 2.0 ** min(retry, 30))
        return ceiling / 2 + random.uniform(0, ceiling / 2)


class Pacer:
    """The earliest moment the next request may leave, shared by all requests of a client."""

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 wall: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._wall = wall
        self._not_before = 0.0
        self._lock = threading.Lock()

    def delay(self) -> float:
        """Seconds to wait before sending (0 when free to go)."""
        with self._lock:
            return max(0.0, self._not_before - self._clock())

    def observe(self, response: httpx.Response) -> None:
        hold = 0.0
        if response.status_code == 429:
            asked = retry_after(response.headers)
            hold = 1.0 if asked is None else asked
        remaining, reset = response.headers.get("x-ratelimit-remaining"), response.headers.get("x-ratelimit-reset")
        if remaining == "0" and reset and reset.isdigit():
            # Reset is a Unix time: the window has no slot until then.
            hold = max(hold, int(reset) - self._wall())
        if hold > 0:
            with self._lock:
                self._not_before = max(self._not_before, self._clock() + hold)


class Attempts:
    """The retry state of one request. `replayable`: sending it twice is harmless (GET, or a
    POST with an Idempotency-Key); other requests are retried only when they never left."""

    def __init__(self, policy: RetryPolicy, replayable: bool, clock: Callable[[], float] = time.monotonic) -> None:
        self.policy = policy
        self.replayable = replayable
        self._clock = clock
        self._started = clock()
        self._retries = 0
        self._limited = 0

    def _next_delay(self) -> float | None:
        delay = self.policy.backoff(self._retries)
        if self._clock() + delay - self._started > self.policy.budget_s:
            return None
        self._retries += 1
        return delay

    def after_error(self, exc: httpx.TransportError) -> float:
        """The delay before the next try, or `ConnectionFailed` when it must not be retried."""
        unsent = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
        delay = self._next_delay() if (self.replayable or unsent) else None
        if delay is None:
            raise ConnectionFailed(f"Could not reach the server: {type(exc).__name__}: {exc}") from exc
        return delay

    def after_response(self, response: httpx.Response) -> float | None:
        """The delay before the next try, or None when this answer is the final one."""
        if response.status_code == 429:
            self._limited += 1
            return 0.0 if self._limited <= self.policy.max_rate_limited else None   # the pacer holds it
        self._limited = 0
        if response.status_code in RETRIED_STATUS and self.replayable:
            return self._next_delay()
        return None

    def progressed(self) -> None:
        """A download moved forward: its cuts so far do not count against the budget."""
        self._started = self._clock()
        self._retries = 0
