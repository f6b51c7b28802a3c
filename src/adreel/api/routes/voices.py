"""`GET /api/v1/voices` (Extension): installed voices per language and accent."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from adreel.api.deps import CanRead, VoicesDep

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
def list_voices(voices: VoicesDep, _who: CanRead) -> VoicesOut:
    return VoicesOut.model_validate(voices.listing())
