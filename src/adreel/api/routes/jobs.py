"""Jobs (spec/API.md §4): one job (each poll drives the pipeline), the account's jobs, cancel
(Extension) and the job's webhook attempts (Extension)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import select

from adreel.api.deps import CanGenerate, CanRead, EngineDep, SessionDep, require_uuid
from adreel.api.pagination import PageDep, paginate
from adreel.engine.states import JobStatus
from adreel.engine.view import find_job, job_body, job_projects
from adreel.errors import Conflict, InvalidRequest
from adreel.platform.db import Job, WebhookAttempt

router = APIRouter()
NOT_FOUND = "Job not found"


@router.get("/api/v1/jobs")
def list_jobs(session: SessionDep, who: CanRead, wanted: PageDep,
              status: Annotated[str | None, Query()] = None) -> dict[str, Any]:
    if status is not None and status not in tuple(JobStatus):
        raise InvalidRequest(f"status must be one of {', '.join(JobStatus)}")
    query = select(Job).where(Job.account_id == who.account_id).order_by(Job.created_at.desc())
    if status is not None:
        query = query.where(Job.status == status)
    rows, pagination = paginate(session, query, wanted)
    return {"jobs": [job_body(job, job_projects(session, job)) for (job,) in rows],
            "pagination": pagination}


@router.get("/api/v1/jobs/{job_id}")
def get_job(engine: EngineDep, job_id: str, who: CanRead) -> dict[str, Any]:
    require_uuid(job_id, NOT_FOUND)
    return engine.poll(job_id, who.account_id)


@router.post("/api/v1/jobs/{job_id}/cancel")
def cancel_job(engine: EngineDep, job_id: str, who: CanGenerate) -> dict[str, Any]:
    require_uuid(job_id, NOT_FOUND)
    engine.read(job_id, who.account_id)
    if not engine.cancel(job_id):
        raise Conflict("Job already finished", reason="A terminal job cannot be cancelled.")
    return engine.read(job_id, who.account_id)


@router.get("/api/v1/jobs/{job_id}/webhooks")
def job_webhooks(session: SessionDep, job_id: str, who: CanRead) -> dict[str, Any]:
    """Every delivery attempt of the job's webhook (Extension)."""
    require_uuid(job_id, NOT_FOUND)
    find_job(session, job_id, who.account_id)
    attempts = session.scalars(select(WebhookAttempt).where(WebhookAttempt.job_id == job_id)
                               .order_by(WebhookAttempt.attempt)).all()
    return {"webhooks": [{"attempt": a.attempt, "eventId": a.event_id, "state": a.state,
                          "statusCode": a.status_code, "error": a.error,
                          "sentAt": a.sent_at.isoformat() if a.sent_at else None}
                         for a in attempts]}
