"""`GET /api/v1/actors` (Extension): the actors `selectedActorId` may name, each with a preview
rendered from its rig."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from adreel.api.deps import CanRead

router = APIRouter()


@router.get("/api/v1/actors")
def list_actors(request: Request, who: CanRead) -> dict[str, Any]:
    del who
    return {"actors": request.app.state.actors.listing()}
