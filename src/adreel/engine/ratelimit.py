"""Per-key sliding-window rate limit (spec/API.md §2), kept in the shared database so it holds
across every API process: N requests in any rolling 60 seconds."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from adreel.errors import AdreelError
from adreel.platform.db import ApiKey, RateEvent

WINDOW_S = 60.0


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
