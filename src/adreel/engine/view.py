"""A job as clients see it (spec/API.md §4): aggregation rules and the wire body."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from adreel.engine.stages import STAGE_NAMES
from adreel.platform.db import Job, Project

TERMINAL = frozenset({"completed", "failed", "cancelled"})


@dataclass(frozen=True)
class Summary:
    status: str
    terminal: bool
    progress: int
    stage: str
    completed: int
    failed: int
    cancelled: int


def aggregate(job: Job, projects: list[Project]) -> Summary:
    statuses = [p.status for p in projects]
    completed = statuses.count("completed")
    failed = statuses.count("failed")
    cancelled = statuses.count("cancelled")
    terminal = bool(projects) and all(s in TERMINAL for s in statuses)
    if terminal:
        status = ("completed" if completed == len(projects) else "partial" if completed
                  else "failed" if failed else "cancelled")
        # The stage the job showed last while running: what was stored then, unless the store
        # lags behind where its least advanced project stopped.
        stopped = min((p.stage for p in projects), key=STAGE_NAMES.index)
        last = max(job.stage, stopped, key=STAGE_NAMES.index)
        return Summary(status, True, 100, last, completed, failed, cancelled)
    started = any(s != "pending" for s in statuses) or job.started_at is not None
    mean = sum(p.progress for p in projects) // max(len(projects), 1)
    progress = min(max(mean, job.progress), 99)
    active = [p for p in projects if p.status not in TERMINAL]
    stage = min((p.stage for p in active), key=STAGE_NAMES.index) if started and active else "preparing"
    return Summary("running" if started else "pending", False, progress, stage, completed,
                   failed, cancelled)


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a Z; naive values (SQLite) are UTC already."""
    if moment is None:
        return None
    return moment.isoformat().replace("+00:00", "Z") if moment.tzinfo else moment.isoformat() + "Z"


def job_body(job: Job, projects: list[Project]) -> dict[str, object]:
    summary = aggregate(job, projects)
    # Terminal only once the job itself is finalised: until then it is still "running",
    # with progress capped and no completedDetails.
    terminal = job.status not in ("pending", "running")
    status = job.status if terminal else ("running" if summary.terminal else summary.status)
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
                      "stage": p.stage, "progress": 100 if p.status == "completed" else p.progress,
                      "error": p.error} for p in projects],
        "completedDetails": [],
        "createdAt": iso(job.created_at),
        "updatedAt": iso(job.updated_at),
    }
    if terminal:
        body["completedDetails"] = [_details(job, p) for p in projects]
    return body


def _details(job: Job, project: Project) -> dict[str, object]:
    outputs = project.outputs or {}
    done = project.status == "completed"
    return {
        "projectId": project.id,
        "title": outputs.get("title"),
        "url": project.url,
        "finalOutputUrl": outputs.get("final_output_url") if done else None,
        "description": outputs.get("description"),
        "status": project.status,
        "aspectRatio": job.request.get("aspect_ratio", "9:16"),
        "durationSeconds": outputs.get("duration_seconds"),
        "sceneCount": outputs.get("scene_count"),
        "script": outputs.get("script"),
        "thumbnailUrl": outputs.get("thumbnail_url") if done else None,
        "captionsUrl": outputs.get("captions_url") if done else None,
        "error": project.error,
    }
