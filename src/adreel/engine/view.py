"""A job as clients see it (spec/API.md §4): aggregation rules and the wire body."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

from sqlalchemy import Connection, Row, bindparam, select
from sqlalchemy.orm import Session

from adreel.engine.stages import STAGE_NAMES
from adreel.engine.states import JOB_OPEN, PROJECT_TERMINAL, JobStatus, ProjectStatus
from adreel.errors import NotFound
from adreel.platform.db import Job, Project


@dataclass(frozen=True)
class Summary:
    status: str
    terminal: bool
    progress: int
    stage: str
    completed: int
    failed: int
    cancelled: int


class Record(SimpleNamespace):
    """A row's columns as attributes, as a mapped object has them (without building one)."""


# The aggregation and the body read the same fields from mapped objects or from plain records.
JobRecord = Job | Record
ProjectRecord = Project | Record


def aggregate(job: JobRecord, projects: list[ProjectRecord]) -> Summary:
    statuses = [p.status for p in projects]
    completed = statuses.count(ProjectStatus.COMPLETED)
    failed = statuses.count(ProjectStatus.FAILED)
    cancelled = statuses.count(ProjectStatus.CANCELLED)
    terminal = bool(projects) and all(s in PROJECT_TERMINAL for s in statuses)
    if terminal:
        status = (JobStatus.COMPLETED if completed == len(projects) else JobStatus.PARTIAL if completed
                  else JobStatus.FAILED if failed else JobStatus.CANCELLED)
        # The stage the job showed last while running: what was stored then, unless the store
        # lags behind where its least advanced project stopped.
        stopped = min((p.stage for p in projects), key=STAGE_NAMES.index)
        last = max(job.stage, stopped, key=STAGE_NAMES.index)
        return Summary(status, True, 100, last, completed, failed, cancelled)
    started = any(s != ProjectStatus.PENDING for s in statuses) or job.started_at is not None
    mean = sum(p.progress for p in projects) // max(len(projects), 1)
    progress = min(max(mean, job.progress), 99)
    active = [p for p in projects if p.status not in PROJECT_TERMINAL]
    stage = min((p.stage for p in active), key=STAGE_NAMES.index) if started and active else "preparing"
    return Summary(JobStatus.RUNNING if started else JobStatus.PENDING, False, progress, stage, completed,
                   failed, cancelled)


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a Z; naive values (SQLite) are UTC already."""
    if moment is None:
        return None
    return moment.isoformat().replace("+00:00", "Z") if moment.tzinfo else moment.isoformat() + "Z"


def link(url: object, base: str | None) -> object:
    """Media URLs are stored where the video is made. A worker knows no public address, so it
    stores a path (`/media/...`) and the API process that answers prefixes its own."""
    if isinstance(url, dict):     # captions: {"srt": ..., "vtt": ...}
        return {name: link(value, base) for name, value in url.items()}
    if isinstance(url, str) and url.startswith("/") and base:
        return base.rstrip("/") + url
    return url


def job_body(job: JobRecord, projects: list[ProjectRecord], base: str | None = None) -> dict[str, object]:
    summary = aggregate(job, projects)
    # Terminal only once the job itself is finalised: until then it is still "running",
    # with progress capped and no completedDetails.
    terminal = job.status not in JOB_OPEN
    status = job.status if terminal else (JobStatus.RUNNING if summary.terminal else summary.status)
    body: dict[str, object] = {
        "jobId": job.id,
        "status": status,
        "overallProgress": 100 if terminal else min(max(summary.progress, job.progress), 99),
        "stage": job.stage if terminal else (job.stage if summary.terminal else summary.stage),
        "totalProjects": len(projects),
        "completedProjects": summary.completed,
        "failedProjects": summary.failed,
        "cancelledProjects": summary.cancelled,
        "projects": [{"id": p.id, "title": (p.outputs or {}).get("title"), "status": p.status,
                      "stage": p.stage, "progress": 100 if p.status == ProjectStatus.COMPLETED else p.progress,
                      "error": p.error} for p in projects],
        "completedDetails": [],
        "createdAt": iso(job.created_at),
        "updatedAt": iso(job.updated_at),
    }
    if terminal:
        body["completedDetails"] = [_details(job, p, base) for p in projects]
    return body


def _details(job: JobRecord, project: ProjectRecord, base: str | None) -> dict[str, object]:
    outputs = project.outputs or {}
    done = project.status == ProjectStatus.COMPLETED
    return {
        "projectId": project.id,
        "title": outputs.get("title"),
        "url": project.url,
        "finalOutputUrl": link(outputs.get("final_output_url"), base) if done else None,
        "description": outputs.get("description"),
        "status": project.status,
        "aspectRatio": job.request.get("aspect_ratio", "9:16"),
        "durationSeconds": outputs.get("duration_seconds"),
        "sceneCount": outputs.get("scene_count"),
        "script": outputs.get("script"),
        "thumbnailUrl": link(outputs.get("thumbnail_url"), base) if done else None,
        "captionsUrl": link(outputs.get("captions_url"), base) if done else None,
        "error": project.error,
    }


def job_projects(session: Session, job: Job) -> list[Project]:
    return list(session.scalars(select(Project).where(Project.job_id == job.id).order_by(Project.position)))


# The status path's one statement, built once: the job's columns and its projects' side by
# side, one row per project (one row of NULL projects for a job that has none).
_READ_JOB = (
    select(*[column.label(f"job_{column.name}") for column in Job.__table__.c],
           *[column.label(f"project_{column.name}") for column in Project.__table__.c])
    .outerjoin(Project.__table__, Project.job_id == Job.id)
    .where(Job.id == bindparam("job_id"), Job.account_id == bindparam("account_id"))
    .order_by(Project.position))


def read_job(connection: Connection | Session, job_id: str, account_id: str) -> tuple[Record, list[Record]]:
    """The status path's read: the account's job and its projects in one indexed select, as
    plain records (no objects built), or `NotFound`. `job_body` takes these as it takes objects.
    One statement also means one snapshot: the job and its projects agree."""
    rows = connection.execute(_READ_JOB, {"job_id": job_id, "account_id": account_id}).all()
    if not rows:
        raise NotFound("Job not found")
    job = _record(rows[0], "job_")
    projects = [_record(row, "project_") for row in rows if row.project_id is not None]
    return job, projects


def _record(row: Row, prefix: str) -> Record:
    return Record(**{name[len(prefix):]: value for name, value in row._mapping.items() if name.startswith(prefix)})


def find_job(session: Session, job_id: str, account_id: str) -> Job:
    """The account's job, or `NotFound` (another account's job is not found either)."""
    job = session.get(Job, job_id)
    if job is None or job.account_id != account_id:
        raise NotFound("Job not found")
    return job
