"""Liveness and readiness (spec/API.md §10: `/readyz` checks what the process needs)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from adreel.api.deps import DatabaseDep, StorageDep
from adreel.platform.readiness import check_all

router = APIRouter()


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(database: DatabaseDep, storage: StorageDep) -> JSONResponse:
    checks = await run_in_threadpool(check_all, database, storage)
    for check in checks:
        if not check.ok:
            return JSONResponse({"error": f"{check.name.capitalize()} unreachable", "reason": check.detail},
                                status_code=503)
    return JSONResponse({"status": "ready", **{check.name: "ok" for check in checks}})
