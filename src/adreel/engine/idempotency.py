"""`Idempotency-Key` (Extension, spec/API.md §2): for 24 hours the same key and body return the
first answer; the same key with another body is refused. A key is reserved before the work
starts, so two concurrent submissions cannot both create a job."""

from __future__ import annotations

import hashlib
import json
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from adreel.errors import AdreelError
from adreel.platform.db import Database, IdempotencyKey

TTL = timedelta(hours=24)
# A reservation without an answer this old belongs to a request whose process died.
STALE = timedelta(minutes=2)


def body_hash(body: object) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


class IdempotencyConflict(AdreelError):
    """The key was used with another body, or its first request is still running."""

    code = "idempotency_conflict"


def reserve(database: Database, account_id: str, key: str, digest: str,
            wait_s: float = 10.0) -> dict | None:
    """The stored answer to replay, or None when this request now owns the key."""
    deadline = time.monotonic() + wait_s
    while True:
        with database.session() as session:
            session.execute(delete(IdempotencyKey).where(
                IdempotencyKey.account_id == account_id, IdempotencyKey.key == key,
                IdempotencyKey.created_at < datetime.now(UTC) - TTL))
            row = session.scalar(select(IdempotencyKey).where(
                IdempotencyKey.account_id == account_id, IdempotencyKey.key == key))
            if row is not None:
                if row.body_hash != digest:
                    raise IdempotencyConflict("This Idempotency-Key was used with a different body.")
                if row.response is not None:
                    return dict(row.response)
                created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC)
                if created < datetime.now(UTC) - STALE:
                    # Take the abandoned reservation over, unless another request just did.
                    taken = session.execute(update(IdempotencyKey).where(
                        IdempotencyKey.id == row.id, IdempotencyKey.created_at == row.created_at,
                        IdempotencyKey.response.is_(None)).values(created_at=datetime.now(UTC))).rowcount
                    if taken:
                        return None
        if row is None:
            try:
                with database.session() as session:
                    session.add(IdempotencyKey(account_id=account_id, key=key, body_hash=digest))
                return None
            except IntegrityError:
                continue   # another request reserved it a moment ago: look again
        if time.monotonic() > deadline:
            raise IdempotencyConflict("The first request with this Idempotency-Key is still being processed.")
        time.sleep(0.1)


def complete(database: Database, account_id: str, key: str, response: dict) -> None:
    with database.session() as session:
        row = session.scalar(select(IdempotencyKey).where(
            IdempotencyKey.account_id == account_id, IdempotencyKey.key == key))
        if row is not None:
            row.response = response


def release(database: Database, account_id: str, key: str) -> None:
    """Forget a reservation whose request failed, so the client can retry with the key."""
    with database.session() as session:
        session.execute(delete(IdempotencyKey).where(
            IdempotencyKey.account_id == account_id, IdempotencyKey.key == key,
            IdempotencyKey.response.is_(None)))
