"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from adreel.api.deps import DatabaseDep

router = APIRouter()


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
def readyz(database: DatabaseDep) -> JSONResponse:
    try:
        with database.session() as session:
            session.execute(text("SELECT 1"))
    except Exception:  # any database failure means not ready
        return JSONResponse({"error": "Database unreachable"}, status_code=503)
    return JSONResponse({"status": "ready", "database": "ok"})
