"""Typed dependencies of the routes: the database session, the caller, permissions, limits,
and the objects start-up wired onto the app (engine, storage, catalogues). Those that do no I/O
are `async`, so FastAPI runs them on the event loop instead of hopping to a thread for each."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request, Response
from sqlalchemy.orm import Session

from adreel.engine import accounts
from adreel.engine.accounts import UNAUTHORIZED, Forbidden, Unauthorized
from adreel.engine.core import Engine
from adreel.engine.ports import ActorCatalogue, VoiceCatalogue
from adreel.engine.ratelimit import RateLimited, RateLimiter
from adreel.errors import NotFound
from adreel.platform.db import Database
from adreel.platform.queue import WorkQueue
from adreel.platform.storage import Storage


def database(request: Request) -> Database:
    return request.app.state.database


def session(request: Request) -> Iterator[Session]:
    """One session (one transaction) for the route, committed when it returns."""
    with database(request).session() as db_session:
        yield db_session


# Function scope: the transaction commits when the route returns, before the answer is sent.
SessionDep = Annotated[Session, Depends(session, scope="function")]


def _presented_key(request: Request) -> str | None:
    key = request.headers.get("x-api-key")
    if key:
        return key.strip()
    authorization = request.headers.get("authorization", "")
    scheme, _, value = authorization.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value else None


def authenticated(request: Request) -> accounts.Caller:
    """The caller behind the request's key, or 401 (not yet counted against its limit)."""
    presented = _presented_key(request)
    found = database(request).read(lambda connection: accounts.authenticate(connection, presented))
    if found is None:
        raise Unauthorized(UNAUTHORIZED)
    return found


def count_request(request: Request, response: Response, found: accounts.Caller) -> None:
    """Take a slot of the key's rate limit: sets the X-RateLimit headers, or raises 429."""
    limiter: RateLimiter = request.app.state.rate_limiter
    decision = limiter.take(found.key_id, found.rate_limit)
    headers = {"X-RateLimit-Limit": str(decision.limit),
               "X-RateLimit-Remaining": str(decision.remaining),
               "X-RateLimit-Reset": str(decision.reset)}
    request.state.rate_headers = headers
    if not decision.allowed:
        raise RateLimited(decision)
    response.headers.update(headers)


def caller(request: Request, response: Response) -> accounts.Caller:
    """The authenticated caller, counted against its key's rate limit (401 before 429)."""
    found = authenticated(request)
    count_request(request, response, found)
    return found


CallerDep = Annotated[accounts.Caller, Depends(caller)]


def check_permission(found: accounts.Caller, permission: str) -> None:
    if permission not in found.permissions:
        raise Forbidden(f"This API key does not have the '{permission}' permission")


def requires(permission: str) -> Callable[[accounts.Caller], Awaitable[accounts.Caller]]:
    """A dependency that lets through callers whose key has `permission` (403 otherwise)."""

    async def check(who: CallerDep) -> accounts.Caller:   # no I/O: stays on the event loop
        check_permission(who, permission)
        return who

    return check


CanRead = Annotated[accounts.Caller, Depends(requires("projects:read"))]
CanGenerate = Annotated[accounts.Caller, Depends(requires("generate"))]


async def _database(request: Request) -> Database:
    return database(request)


async def _engine(request: Request) -> Engine:
    return request.app.state.engine


async def _storage(request: Request) -> Storage:
    return request.app.state.storage


async def _queue(request: Request) -> WorkQueue:
    return request.app.state.queue


async def _voices(request: Request) -> VoiceCatalogue:
    return request.app.state.voices


async def _actors(request: Request) -> ActorCatalogue:
    return request.app.state.actors


DatabaseDep = Annotated[Database, Depends(_database)]
EngineDep = Annotated[Engine, Depends(_engine)]
StorageDep = Annotated[Storage, Depends(_storage)]
QueueDep = Annotated[WorkQueue, Depends(_queue)]
VoicesDep = Annotated[VoiceCatalogue, Depends(_voices)]
ActorsDep = Annotated[ActorCatalogue, Depends(_actors)]


def require_uuid(value: str, not_found: str) -> None:
    """Ids in paths are UUIDs; anything else names nothing, so it is a 404, not a 400."""
    try:
        uuid.UUID(value)
    except ValueError as exc:
        raise NotFound(not_found) from exc
