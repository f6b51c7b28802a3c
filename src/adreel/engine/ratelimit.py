"""Per-key sliding-window rate limit (spec/API.md §2): N requests in any rolling 60 seconds,
counted where every API process sees the same count: the shared database in embedded mode, Redis
in scale-out (API.md §4 "Polling"), so a storm of status polls never writes to the database."""

from __future__ import annotations

import logging
import math
import time
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from adreel.errors import AdreelError
from adreel.platform.db import ApiKey, Database, RateEvent

if TYPE_CHECKING:
    import redis

WINDOW_S = 60.0
LOGGER = logging.getLogger("adreel.api")


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    limit: int
    remaining: int
    reset: int          # Unix seconds when the oldest counted request leaves the window
    retry_after: int    # seconds to wait when refused


def take(session: Session, key_id: str, limit: int, at: float | None = None) -> RateDecision:
    """Count this request against the key's window, or refuse it. The request is inserted
    first, which takes the database's write lock (SQLite) or a row of its own (PostgreSQL),
    then the window is counted including it: concurrent requests cannot both take the last
    slot, and a refused request removes itself."""
    at = time.time() if at is None else at
    since = at - WINDOW_S
    # PostgreSQL: serialise a key's requests on its row (SQLite's insert below already takes
    # the database's write lock, and ignores FOR UPDATE).
    session.execute(select(ApiKey.id).where(ApiKey.id == key_id).with_for_update())
    event = RateEvent(key_id=key_id, at=at)
    session.add(event)
    session.flush()
    count, oldest = session.execute(
        select(func.count(), func.min(RateEvent.at)).where(RateEvent.key_id == key_id,
                                                           RateEvent.at > since,
                                                           RateEvent.id <= event.id)).one()
    count = int(count or 0)
    if int(at * 1000) % 50 == 0:   # now and then, forget events that left every window
        session.execute(delete(RateEvent).where(RateEvent.at <= since - WINDOW_S))
    if count > limit:
        session.delete(event)
        wait = max(1, math.ceil((oldest or at) + WINDOW_S - at))
        return RateDecision(False, limit, 0, int(at + wait), wait)
    return RateDecision(True, limit, limit - count, math.ceil((oldest or at) + WINDOW_S), 0)


class RateLimited(AdreelError):
    """Over the key's limit; `retryAfter` says when a slot frees up."""

    code = "rate_limited"

    def __init__(self, decision: RateDecision) -> None:
        super().__init__("Rate limit exceeded",
                         reason=f"This key may make {decision.limit} requests per minute; "
                                f"try again in {decision.retry_after} s.",
                         retryAfter=decision.retry_after)


class RateLimiter(Protocol):
    def take(self, key_id: str, limit: int) -> RateDecision:
        """Count one request of the key, or refuse it."""


class DatabaseRateLimiter:
    """The window as rows of the shared database (embedded mode)."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def take(self, key_id: str, limit: int) -> RateDecision:
        with self.database.session() as session:
            return take(session, key_id, limit)


# One atomic step on the server: forget requests older than the window, count, add this one
# when it fits. The server's clock keeps every API process on the same window.
_WINDOW_SCRIPT = """
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) + tonumber(now_parts[2]) / 1000000
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local oldest = now
if #first > 0 then oldest = tonumber(first[2]) end
if count >= limit then
  return {0, count, tostring(oldest), tostring(now)}
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], math.ceil(window * 1000) + 1000)
return {1, count + 1, tostring(oldest), tostring(now)}
"""


class RedisRateLimiter:
    """The window as a sorted set per key in Redis (scale-out). When Redis cannot be reached the
    database counts instead, so an outage of the counter never turns every request away."""

    def __init__(self, url: str, fallback: RateLimiter) -> None:
        import redis

        self.client: redis.Redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self._script = self.client.register_script(_WINDOW_SCRIPT)
        self.fallback = fallback

    def take(self, key_id: str, limit: int) -> RateDecision:
        import redis

        try:
            allowed, count, oldest, now = self._script(keys=[f"adreel:rate:{key_id}"],
                                                       args=[WINDOW_S, limit, uuid.uuid4().hex])
        except redis.RedisError as exc:
            LOGGER.warning("rate-limit counter unreachable (%s); counting in the database", type(exc).__name__)
            return self.fallback.take(key_id, limit)
        oldest, now = float(oldest), float(now)
        if not allowed:
            wait = max(1, math.ceil(oldest + WINDOW_S - now))
            return RateDecision(False, limit, 0, int(now + wait), wait)
        return RateDecision(True, limit, limit - int(count), math.ceil(oldest + WINDOW_S), 0)

    def close(self) -> None:
        self.client.close()
