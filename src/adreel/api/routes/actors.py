"""`GET /api/v1/actors` (Extension): the actors `selectedActorId` may name, each with a preview
rendered from its rig."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from adreel.api.deps import ActorsDep, CanRead

router = APIRouter()


@router.get("/api/v1/actors")
def list_actors(actors: ActorsDep, _who: CanRead) -> dict[str, Any]:
    return {"actors": actors.listing()}
