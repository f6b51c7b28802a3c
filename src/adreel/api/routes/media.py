"""Media files (spec/API.md §7): public but unguessable, with Range requests for players."""

from __future__ import annotations

import mimetypes

from fastapi import APIRouter
from fastapi.responses import FileResponse

from adreel.api.deps import StorageDep
from adreel.errors import NotFound

router = APIRouter()
_TYPES = {".mp4": "video/mp4", ".jpg": "image/jpeg", ".srt": "application/x-subrip",
          ".vtt": "text/vtt", ".json": "application/json", ".wav": "audio/wav"}


@router.get("/media/{token}/{name}")
def media(storage: StorageDep, token: str, name: str) -> FileResponse:
    path = storage.path(token, name)
    if path is None:
        raise NotFound("Not found")
    kind = _TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return FileResponse(path, media_type=kind)
