"""`GET /api/v1/jobs/{jobId}` (it drives the pipeline: each call ticks the job) and
`POST /api/v1/jobs/{jobId}/cancel` (Extension)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from sqlalchemy import select

from adreel.api.deps import require_uuid, requires
from adreel.api.errors import ApiError
from adreel.engine.accounts import Caller
from adreel.engine.view import job_body
from adreel.platform.db import Job, Project, WebhookAttempt

router = APIRouter()


def _job(request: Request, job_id: str, account_id: str) -> dict[str, Any]:
    require_uuid(job_id, "Job not found")
    with request.app.state.database.session() as session:
        job = session.get(Job, job_id)
        if job is None or job.account_id != account_id:   # another account's job is 404
            raise ApiError(404, "Job not found")
        projects = list(session.scalars(select(Project).where(Project.job_id == job_id)
                                        .order_by(Project.position)))
        return job_body(job, projects)


@router.get("/api/v1/jobs/{job_id}")
def get_job(request: Request, job_id: str,
            who: Annotated[Caller, Depends(requires("projects:read"))]) -> dict[str, Any]:
    body = _job(request, job_id, who.account_id)
    if body["status"] not in ("pending", "running"):
        return body   # an ended job never changes: no tick needed
    request.app.state.engine.tick(job_id)
    return _job(request, job_id, who.account_id)


@router.post("/api/v1/jobs/{job_id}/cancel")
def cancel_job(request: Request, job_id: str,
               who: Annotated[Caller, Depends(requires("generate"))]) -> dict[str, Any]:
    _job(request, job_id, who.account_id)
    if not request.app.state.engine.cancel(job_id):
        raise ApiError(409, "Job already finished", reason="A terminal job cannot be cancelled.")
    return _job(request, job_id, who.account_id)


@router.get("/api/v1/jobs/{job_id}/webhooks")
def job_webhooks(request: Request, job_id: str,
                 who: Annotated[Caller, Depends(requires("projects:read"))]) -> dict[str, Any]:
    """Every delivery attempt of the job's webhook (Extension)."""
    _job(request, job_id, who.account_id)
    with request.app.state.database.session() as session:
        attempts = session.scalars(select(WebhookAttempt).where(WebhookAttempt.job_id == job_id)
                                   .order_by(WebhookAttempt.attempt)).all()
        return {"webhooks": [{"attempt": a.attempt, "eventId": a.event_id, "state": a.state,
                              "statusCode": a.status_code, "error": a.error,
                              "sentAt": a.sent_at.isoformat() if a.sent_at else None}
                             for a in attempts]}
