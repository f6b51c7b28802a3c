"""One handler writes every error body: `{"error": str, "reason"?: str, ...}` (spec/API.md §2).

Routes and the engine raise `AdreelError` subclasses and never spell a status or a code; the
table below turns an error's code into its status. Codes the contract puts in the body
(`quota_exceeded`, `not_a_product`, ...) answer `{"error": code, "reason": message}`; the
others answer `{"error": message}` as Nouvel words them.

Framework defaults never leak: validation failures are 400 in this shape, unknown routes 404,
wrong methods 405, and an unexpected exception is a 500 that names nothing internal.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from adreel.engine.accounts import UNAUTHORIZED
from adreel.errors import AdreelError

LOGGER = logging.getLogger("adreel.api")

# code → HTTP status. A code missing here is a server fault (500, named nowhere in the body).
STATUS: dict[str, int] = {
    "invalid_request": 400,
    "unauthorized": 401,
    "quota_exceeded": 402,
    "forbidden": 403,
    "not_found": 404,
    "conflict": 409,
    "idempotency_conflict": 409,
    "body_too_large": 413,
    "fetch_failed": 422,
    "not_a_product": 422,
    "no_face": 422,
    "rate_limited": 429,
    "storage_failed": 503,
}
# Codes the contract shows to clients as the body's `error` (machine codes, spec/API.md §2).
CODES_IN_BODY = frozenset({"quota_exceeded", "idempotency_conflict", "fetch_failed", "not_a_product",
                           "no_face"})
_FRAMEWORK_TEXT = {404: "Not found", 405: "Method not allowed", 413: "Request body too large",
                   400: "Bad request", 401: UNAUTHORIZED}


def error_body(exc: AdreelError) -> dict[str, object]:
    if exc.code in CODES_IN_BODY:
        body: dict[str, object] = {"error": exc.code, "reason": exc.message}
    else:
        body = {"error": exc.message}
        if exc.reason:
            body["reason"] = exc.reason
    body.update(exc.details)
    return body


def _json(status: int, body: dict[str, object], headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AdreelError)
    async def adreel_error(request: Request, exc: AdreelError) -> JSONResponse:
        status = STATUS.get(exc.code)
        if status is None:
            LOGGER.error("unmapped error %s: %s", exc.code, exc.message)
            return _json(500, {"error": "Internal server error"})
        # Every counted answer carries the rate-limit headers, errors included.
        headers = dict(getattr(request.state, "rate_headers", {}))
        if "retryAfter" in exc.details:
            headers["Retry-After"] = str(exc.details["retryAfter"])
        return _json(status, error_body(exc), headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _json(exc.status_code, {"error": _FRAMEWORK_TEXT.get(exc.status_code, "Request failed")},
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
