"""The studio's Extension endpoints (docs/studio.md): read a page, write scripts, hear a voice and
upload a photo, all before any credit is spent. Each needs the `generate` permission and counts
against the rate limit; the media work is the engine's `StudioTools` (a light worker's in
scale-out), run off the event loop."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from adreel.api.deps import CanGenerate
from adreel.api.routes.generate import generate_context, json_body
from adreel.engine.ports import StudioTools
from adreel.engine.request import check_generate
from adreel.engine.view import link
from adreel.errors import BodyTooLarge, InvalidRequest

router = APIRouter(prefix="/api/v1/studio")
MAX_PHOTO = 5 * 1024 * 1024     # an uploaded portrait; larger files are refused before they are read whole
PHOTO_TYPES = ("image/jpeg", "image/png", "image/webp")


class PageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: str = Field(min_length=1, max_length=2048)


def _studio(request: Request) -> StudioTools:
    return request.app.state.studio


def _linked(request: Request, body: dict[str, Any], *names: str) -> dict[str, Any]:
    """Media paths a worker stored, as absolute URLs under this process's public address."""
    base = request.app.state.settings.public_url
    return {name: link(value, base) if name in names else value for name, value in body.items()}


@router.post("/pages")
async def read_page(request: Request, body: PageIn, _who: CanGenerate) -> dict[str, Any]:
    """The product adreel reads on a page, or the reason it is not a product page; no job."""
    url = body.url.strip()
    check_generate({"urls": [url]}, generate_context(request.app.state))   # the same URL rule as /generate
    found = await run_in_threadpool(_studio(request).read_page, url)
    base = request.app.state.settings.public_url
    return {**found, "pictures": [link(picture, base) for picture in found["pictures"]]}


@router.post("/scripts")
async def write_scripts(request: Request, _who: CanGenerate) -> dict[str, Any]:
    """The scripts a generate body with one `url` would speak, written without rendering."""
    body = await json_body(request)
    if not isinstance(body, dict):
        raise InvalidRequest("The request body must be a JSON object")
    fields = {name: value for name, value in body.items() if name != "url"}
    checked = check_generate({**fields, "urls": [body.get("url")]}, generate_context(request.app.state))
    return await run_in_threadpool(_studio(request).write_script, checked.model_dump())


@router.post("/voices/{voice_id}/sample")
async def voice_sample(request: Request, voice_id: str, _who: CanGenerate) -> dict[str, Any]:
    """A short sample of the voice, rendered once and kept; `sampleUrl` is a public media file."""
    found = await run_in_threadpool(_studio(request).voice_sample, voice_id[:200])
    return _linked(request, found, "sampleUrl")


@router.post("/photos")
async def upload_photo(request: Request, _who: CanGenerate) -> dict[str, Any]:
    """A portrait sent as the raw body (JPEG, PNG or WebP, at most 5 MiB), checked as
    `avatarImageUrl` is; answers the `avatarImageUrl` to generate with."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in PHOTO_TYPES:
        raise InvalidRequest(f"The photo must be sent as {', '.join(PHOTO_TYPES)}")
    data = bytearray()
    async for chunk in request.stream():
        data.extend(chunk)
        if len(data) > MAX_PHOTO:
            raise BodyTooLarge("Photo too large", reason=f"Photos are limited to {MAX_PHOTO // 1024 // 1024} MiB.")
    if not data:
        raise InvalidRequest("The photo is empty")
    key = f"uploads/{secrets.token_urlsafe(24)}"
    storage = request.app.state.storage
    await run_in_threadpool(storage.put_bytes, key, bytes(data))
    found = await run_in_threadpool(_studio(request).check_photo, key)
    return _linked(request, found, "avatarImageUrl")



