"""Liveness and readiness (spec/API.md §10: `/readyz` checks what the process needs)."""

from __future__ import annotations

import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from adreel.api.deps import DatabaseDep, QueueDep, StorageDep
from adreel.platform.readiness import check_all

router = APIRouter()
LOGGER = logging.getLogger("adreel.api")


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(database: DatabaseDep, storage: StorageDep, queue: QueueDep) -> JSONResponse:
    checks = await run_in_threadpool(check_all, database, storage, queue)
    for check in checks:
        if not check.ok:
            # Unauthenticated: the part's name only; `adreel doctor` and the log say why.
            LOGGER.warning("not ready: %s: %s", check.name, check.detail)
            return JSONResponse({"error": f"{check.name.capitalize()} unreachable"}, status_code=503)
    return JSONResponse({"status": "ready", **{check.name: "ok" for check in checks}})
