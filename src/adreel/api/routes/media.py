"""Media files (spec/API.md §7): public but unguessable, with Range requests for players.

`ADREEL_MEDIA_URLS=proxy` (the default) streams them from the store through the API;
`presigned` answers with a redirect to a time-limited URL of the store itself."""

from __future__ import annotations

import mimetypes
import re
from pathlib import PurePosixPath

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, RedirectResponse, StreamingResponse

from adreel.api.deps import StorageDep
from adreel.errors import NotFound

router = APIRouter()
_TYPES = {".mp4": "video/mp4", ".jpg": "image/jpeg", ".srt": "application/x-subrip",
          ".vtt": "text/vtt", ".json": "application/json", ".wav": "audio/wav"}
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22,64}$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")
_RANGE = re.compile(r"^bytes=(\d{0,18})-(\d{0,18})$")   # no object is an exabyte


def byte_range(header: str | None, size: int) -> tuple[int, int] | bool | None:
    """(start, end) inclusive for a single satisfiable `Range`; None to send everything (no
    header, several ranges, another unit, a malformed header); False when the range cannot be
    satisfied (RFC 9110 §14)."""
    match = _RANGE.match((header or "").strip())
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:                                   # the last N bytes
        length = int(last)
        return (max(size - length, 0), size - 1) if length and size else False
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    return (start, end) if start <= end and start < size else False


@router.get("/media/{token}/{name}")
def media(request: Request, storage: StorageDep, token: str, name: str) -> Response:
    if not _TOKEN.match(token) or not _NAME.match(name) or ".." in name:
        raise NotFound("Not found")
    key = f"media/{token}/{name}"
    kind = _TYPES.get(PurePosixPath(name).suffix.lower()) or mimetypes.guess_type(name)[0] or \
        "application/octet-stream"
    local = storage.local_path(key)
    if local is not None:
        return FileResponse(local, media_type=kind)
    size = storage.size(key)
    if size is None:
        raise NotFound("Not found")
    settings = request.app.state.settings
    if settings.media_urls == "presigned":
        url = storage.presigned_url(key, settings.media_url_expiry_s)
        if url is not None:
            return RedirectResponse(url, status_code=307)
    wanted = byte_range(request.headers.get("range"), size)
    if wanted is False:
        return Response(status_code=416, headers={"Content-Range": f"bytes */{size}"})
    start, end = wanted or (0, size - 1)
    headers = {"Accept-Ranges": "bytes", "Content-Length": str(end - start + 1)}
    if wanted:
        headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    body = storage.read_range(key, start, end) if size else iter(())   # store errors are raised here
    return StreamingResponse(body, status_code=206 if wanted else 200, media_type=kind, headers=headers)
