"""The studio page (issue #18): static ES modules and CSS shipped in the `adreel.web` package,
served at `/` on the API's own origin. No build step and nothing from another origin: a
Content-Security-Policy forbids inline script and outside sources, so text a product page
carries can never run here. No CORS headers are sent anywhere, so another origin cannot read
answers made with the key."""

from __future__ import annotations

import re
from importlib.resources import files
from urllib.parse import urlsplit

from fastapi import APIRouter, Request, Response

from adreel.errors import NotFound

router = APIRouter(include_in_schema=False)
_ASSET = re.compile(r"^[a-z][a-z0-9-]{0,40}\.(js|css|svg)$")
_TYPES = {"js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8", "svg": "image/svg+xml",
          "html": "text/html; charset=utf-8"}


def security_headers(public_url: str | None) -> dict[str, str]:
    """What every studio file is sent with. Media may live under the configured public address,
    which can be another origin than the one the page was opened at."""
    media = "'self'"
    if public_url:
        parts = urlsplit(public_url)
        media += f" {parts.scheme}://{parts.netloc}"
    policy = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
              f"img-src {media}; media-src {media}; base-uri 'none'; form-action 'none'; "
              "frame-ancestors 'none'")
    return {"Content-Security-Policy": policy, "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY", "Cache-Control": "no-cache"}


def _file(request: Request, name: str) -> Response:
    path = files("adreel").joinpath("web", name)
    if not path.is_file():
        raise NotFound("Not found")
    kind = _TYPES[name.rsplit(".", 1)[1]]
    return Response(path.read_bytes(), media_type=kind,
                    headers=security_headers(request.app.state.settings.public_url))


@router.get("/")
def studio_page(request: Request) -> Response:
    return _file(request, "index.html")


@router.get("/studio/{name}")
def studio_asset(request: Request, name: str) -> Response:
    if not _ASSET.match(name):
        raise NotFound("Not found")
    return _file(request, name)
