"""One handler writes every error body: `{"error": str, "reason"?: str, ...}` (spec/API.md §2).

Framework defaults never leak: validation failures are 400 in this shape, unknown routes 404,
wrong methods 405, and an unexpected exception is a 500 that names nothing internal.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

LOGGER = logging.getLogger("adreel.api")
UNAUTHORIZED = "Unable to resolve user from API key"


class ApiError(Exception):
    """An error answer: status, the `error` string, and optional extra fields."""

    def __init__(self, status: int, error: str, *, reason: str | None = None,
                 headers: dict[str, str] | None = None, **extra: object) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.reason = reason
        self.headers = headers or {}
        self.extra = extra

    def body(self) -> dict[str, object]:
        body: dict[str, object] = {"error": self.error}
        if self.reason:
            body["reason"] = self.reason
        body.update(self.extra)
        return body


def _json(status: int, body: dict[str, object], headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers=headers)


_STATUS_TEXT = {404: "Not found", 405: "Method not allowed", 413: "Request body too large",
                400: "Bad request", 401: UNAUTHORIZED}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        # Every authenticated answer carries the rate-limit headers, errors included.
        headers = {**getattr(request.state, "rate_headers", {}), **exc.headers}
        return _json(exc.status, exc.body(), headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _json(exc.status_code, {"error": _STATUS_TEXT.get(exc.status_code, "Request failed")},
                     getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problem = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in problem.get("loc", ()) if p not in ("body", "query", "path"))
        message = problem.get("msg", "invalid request")
        return _json(400, {"error": f"{where}: {message}" if where else message})

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        LOGGER.exception("unhandled error", exc_info=exc)
        return _json(500, {"error": "Internal server error"})
