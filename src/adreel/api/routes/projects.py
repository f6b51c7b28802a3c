"""Projects (spec/API.md §6; snake_case bodies, as Nouvel's): the list and one project."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from sqlalchemy import select

from adreel.api.deps import CanRead, SessionDep, require_uuid
from adreel.api.pagination import PageDep, paginate
from adreel.engine.states import ProjectStatus
from adreel.engine.view import iso, link
from adreel.errors import InvalidRequest, NotFound
from adreel.platform.db import Job, Project

router = APIRouter()
PUBLIC_STATUSES = (*ProjectStatus, "partial")   # `partial` is a job's, accepted and matching none


def project_body(project: Project, job: Job, base: str | None) -> dict[str, Any]:
    outputs = project.outputs or {}
    done = project.status == ProjectStatus.COMPLETED
    return {
        "id": project.id, "title": outputs.get("title"), "description": outputs.get("description"),
        "status": project.status,
        "final_output_url": link(outputs.get("final_output_url"), base) if done else None,
        "aspect_ratio": job.request.get("aspect_ratio", "9:16"),
        "target_duration_seconds": job.request.get("ad_duration", 15),
        "product_url": project.url, "created_at": iso(project.created_at),
        "updated_at": iso(project.updated_at), "job_id": project.job_id,
        "thumbnail_url": link(outputs.get("thumbnail_url"), base) if done else None, "error": project.error,
    }


def public_url(request: Request) -> str | None:
    return request.app.state.settings.public_url


@router.get("/api/v1/projects")
def list_projects(request: Request, session: SessionDep, who: CanRead, wanted: PageDep,
                  status: Annotated[str | None, Query()] = None) -> dict[str, Any]:
    if status is not None and status not in PUBLIC_STATUSES:
        raise InvalidRequest(f"status must be one of {', '.join(PUBLIC_STATUSES)}")
    query = (select(Project, Job).join(Job, Job.id == Project.job_id)
             .where(Project.account_id == who.account_id)
             .order_by(Project.created_at.desc(), Project.position))
    if status is not None:
        query = query.where(Project.status == status)
    rows, pagination = paginate(session, query, wanted)
    return {"projects": [project_body(p, j, public_url(request)) for p, j in rows], "pagination": pagination}


@router.get("/api/v1/projects/{project_id}")
def get_project(request: Request, session: SessionDep, project_id: str, who: CanRead) -> dict[str, Any]:
    require_uuid(project_id, "Project not found")
    project = session.get(Project, project_id)
    if project is None or project.account_id != who.account_id:
        raise NotFound("Project not found")
    job = session.get(Job, project.job_id)
    assert job is not None
    body = project_body(project, job, public_url(request))
    outputs = project.outputs or {}
    body.update({"quality": "standard", "tone": None, "energy": None, "pacing": None,
                 "caption_style": outputs.get("caption_style"),
                 "content_mode": job.request.get("content_type", "ad")})
    return {"project": body, "scenes": outputs.get("scenes") or []}
