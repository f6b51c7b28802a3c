"""Typed dependencies of the routes: the database session, the caller, permissions, limits."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request, Response
from sqlalchemy.orm import Session

from adreel.api.errors import UNAUTHORIZED, ApiError
from adreel.engine import accounts
from adreel.engine.ratelimit import take
from adreel.platform.db import Database


def _database(request: Request) -> Database:
    return request.app.state.database


def session(request: Request) -> Iterator[Session]:
    with _database(request).session() as db_session:
        yield db_session


SessionDep = Annotated[Session, Depends(session)]


def _presented_key(request: Request) -> str | None:
    key = request.headers.get("x-api-key")
    if key:
        return key.strip()
    authorization = request.headers.get("authorization", "")
    scheme, _, value = authorization.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value else None


def authenticated(request: Request) -> accounts.Caller:
    """The caller behind the request's key, or 401 (not yet counted against its limit)."""
    with _database(request).session() as db_session:
        found = accounts.authenticate(db_session, _presented_key(request))
    if found is None:
        raise ApiError(401, UNAUTHORIZED)
    return found


def count_request(request: Request, response: Response, found: accounts.Caller) -> None:
    """Take a slot of the key's rate limit: sets the X-RateLimit headers, or raises 429."""
    with _database(request).session() as db_session:
        decision = take(db_session, found.key_id, found.rate_limit)
    headers = {"X-RateLimit-Limit": str(decision.limit),
               "X-RateLimit-Remaining": str(decision.remaining),
               "X-RateLimit-Reset": str(decision.reset)}
    request.state.rate_headers = headers
    if not decision.allowed:
        raise ApiError(429, "Rate limit exceeded",
                       reason=f"This key may make {decision.limit} requests per minute; "
                              f"try again in {decision.retry_after} s.",
                       headers={**headers, "Retry-After": str(decision.retry_after)},
                       retryAfter=decision.retry_after)
    response.headers.update(headers)


def caller(request: Request, response: Response) -> accounts.Caller:
    """The authenticated caller, counted against its key's rate limit (401 before 429)."""
    found = authenticated(request)
    count_request(request, response, found)
    return found


CallerDep = Annotated[accounts.Caller, Depends(caller)]


def require_uuid(value: str, not_found: str) -> None:
    """Ids in paths are UUIDs; anything else names nothing, so it is a 404, not a 400."""
    try:
        uuid.UUID(value)
    except ValueError as exc:
        raise ApiError(404, not_found) from exc


def requires(permission: str) -> Callable[[accounts.Caller], accounts.Caller]:
    """A dependency that lets through callers whose key has `permission` (403 otherwise)."""

    def check(request: Request, who: CallerDep) -> accounts.Caller:
        if permission not in who.permissions:
            raise ApiError(403, f"This API key does not have the '{permission}' permission",
                           headers=getattr(request.state, "rate_headers", None))
        return who

    return check
