"""Per-key sliding-window rate limit (spec/API.md §2), kept in the shared database so it holds
across every API process: N requests in any rolling 60 seconds."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

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
    """Count this request against the key's window, or refuse it. Concurrent requests of one
    key are serialised on the key's row, so two processes cannot both take the last slot."""
    at = time.time() if at is None else at
    session.execute(update(ApiKey).where(ApiKey.id == key_id).values(hint=ApiKey.hint))
    since = at - WINDOW_S
    session.execute(delete(RateEvent).where(RateEvent.key_id == key_id, RateEvent.at <= since))
    count, oldest = session.execute(
        select(func.count(), func.min(RateEvent.at)).where(RateEvent.key_id == key_id,
                                                           RateEvent.at > since)).one()
    count = int(count or 0)
    if count >= limit:
        wait = max(1, math.ceil((oldest or at) + WINDOW_S - at))
        return RateDecision(False, limit, 0, int(at + wait), wait)
    session.add(RateEvent(key_id=key_id, at=at))
    first = oldest if oldest is not None else at
    return RateDecision(True, limit, limit - count - 1, math.ceil(first + WINDOW_S), 0)
