"""Projects (snake_case bodies, as Nouvel's), the job list, usage and actors."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import func, select

from adreel.api.deps import require_uuid, requires
from adreel.api.errors import ApiError
from adreel.engine.accounts import Caller
from adreel.engine.submit import usage
from adreel.engine.view import iso, job_body
from adreel.pipeline.previews import actor_previews
from adreel.platform.db import Account, Job, Project

router = APIRouter()
PUBLIC_STATUSES = ("pending", "preparing", "generating", "post_processing", "stitching",
                   "completed", "failed", "cancelled", "partial")
Reader = Annotated[Caller, Depends(requires("projects:read"))]


def _pagination(page: int, limit: int, total: int) -> dict[str, Any]:
    pages = (total + limit - 1) // limit
    return {"page": page, "limit": limit, "total": total, "totalPages": pages,
            "hasMore": page < pages}


def project_body(project: Project, job: Job) -> dict[str, Any]:
    outputs = project.outputs or {}
    done = project.status == "completed"
    return {
        "id": project.id, "title": outputs.get("title"), "description": outputs.get("description"),
        "status": project.status,
        "final_output_url": outputs.get("final_output_url") if done else None,
        "aspect_ratio": job.request.get("aspect_ratio", "9:16"),
        "target_duration_seconds": job.request.get("ad_duration", 15),
        "product_url": project.url, "created_at": iso(project.created_at),
        "updated_at": iso(project.updated_at), "job_id": project.job_id,
        "thumbnail_url": outputs.get("thumbnail_url") if done else None, "error": project.error,
    }


@router.get("/api/v1/projects")
def list_projects(request: Request, who: Reader, page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
                  limit: Annotated[int, Query(ge=1, le=100)] = 20,
                  status: Annotated[str | None, Query()] = None) -> dict[str, Any]:
    if status is not None and status not in PUBLIC_STATUSES:
        raise ApiError(400, f"status must be one of {', '.join(PUBLIC_STATUSES)}")
    with request.app.state.database.session() as session:
        where = [Project.account_id == who.account_id]
        if status is not None:
            where.append(Project.status == status)
        total = session.scalar(select(func.count()).select_from(Project).where(*where)) or 0
        rows = session.execute(select(Project, Job).join(Job, Job.id == Project.job_id).where(*where)
                               .order_by(Project.created_at.desc(), Project.position)
                               .offset((page - 1) * limit).limit(limit)).all()
        return {"projects": [project_body(p, j) for p, j in rows],
                "pagination": _pagination(page, limit, int(total))}


@router.get("/api/v1/projects/{project_id}")
def get_project(request: Request, project_id: str, who: Reader) -> dict[str, Any]:
    require_uuid(project_id, "Project not found")
    with request.app.state.database.session() as session:
        project = session.get(Project, project_id)
        if project is None or project.account_id != who.account_id:
            raise ApiError(404, "Project not found")
        job = session.get(Job, project.job_id)
        assert job is not None
        body = project_body(project, job)
        request_ = job.request
        body.update({"quality": "standard", "tone": None, "energy": None, "pacing": None,
                     "caption_style": (project.outputs or {}).get("caption_style"),
                     "content_mode": request_.get("content_type", "ad")})
        scenes = (project.outputs or {}).get("scenes") or []
        return {"project": body, "scenes": scenes}


@router.get("/api/v1/jobs")
def list_jobs(request: Request, who: Reader, page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
              limit: Annotated[int, Query(ge=1, le=100)] = 20,
              status: Annotated[str | None, Query()] = None) -> dict[str, Any]:
    allowed = ("pending", "running", "completed", "partial", "failed", "cancelled")
    if status is not None and status not in allowed:
        raise ApiError(400, f"status must be one of {', '.join(allowed)}")
    with request.app.state.database.session() as session:
        where = [Job.account_id == who.account_id]
        if status is not None:
            where.append(Job.status == status)
        total = session.scalar(select(func.count()).select_from(Job).where(*where)) or 0
        jobs = session.scalars(select(Job).where(*where).order_by(Job.created_at.desc())
                               .offset((page - 1) * limit).limit(limit)).all()
        bodies = []
        for job in jobs:
            projects = list(session.scalars(select(Project).where(Project.job_id == job.id)
                                            .order_by(Project.position)))
            bodies.append(job_body(job, projects))
        return {"jobs": bodies, "pagination": _pagination(page, limit, int(total))}


@router.get("/api/v1/usage")
def get_usage(request: Request, who: Reader) -> dict[str, Any]:
    with request.app.state.database.session() as session:
        account = session.get(Account, who.account_id)
        assert account is not None
        current = usage(session, account)
        return {"used": current.used, "limit": current.limit, "credits": current.credits,
                "periodStart": iso(current.period_start), "periodEnd": iso(current.period_end)}


@router.get("/api/v1/actors")
def list_actors(request: Request, who: Reader) -> dict[str, Any]:
    """The actors `selectedActorId` may name, each with a preview rendered from its rig."""
    del who
    state = request.app.state
    previews = actor_previews(state.toolkit)
    return {"actors": [{**actor.as_json(), "previewUrl": previews.get(actor_id)}
                       for actor_id, actor in state.toolkit.actors.items()]}
