"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

router = APIRouter()


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
def readyz(request: Request) -> JSONResponse:
    try:
        with request.app.state.database.session() as session:
            session.execute(text("SELECT 1"))
    except Exception:  # any database failure means not ready
        return JSONResponse({"error": "Database unreachable"}, status_code=503)
    return JSONResponse({"status": "ready", "database": "ok"})
