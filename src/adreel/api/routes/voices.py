"""`GET /api/v1/voices` (Extension): installed voices per language and accent."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from adreel.api.deps import requires
from adreel.engine.accounts import Caller

router = APIRouter()


class VoiceOut(BaseModel):
    id: str
    name: str
    language: str
    locale: str
    accent: str
    gender: str
    engine: str


class VoicesOut(BaseModel):
    voices: list[VoiceOut]
    languages: dict[str, list[str]]


@router.get("/api/v1/voices", response_model=VoicesOut)
def list_voices(request: Request,
                _who: Annotated[Caller, Depends(requires("projects:read"))]) -> VoicesOut:
    registry = request.app.state.voices
    return VoicesOut(
        voices=[VoiceOut(**info.model_dump(exclude={"timing"})) for info in registry.voices()],
        languages=registry.languages())
