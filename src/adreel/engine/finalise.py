"""Storing a job's aggregate of its projects: progress that never decreases, a shown stage that
never goes back, and the job's end, recorded exactly once (with its webhook scheduled in the
same transaction)."""

from __future__ import annotations

from sqlalchemy import select, update

from adreel.engine.lease import utcnow
from adreel.engine.stages import STAGE_NAMES
from adreel.engine.states import JOB_OPEN
from adreel.engine.view import aggregate
from adreel.engine.webhooks import schedule_first
from adreel.platform.db import Database, Job, Project


def finalise(database: Database, job_id: str) -> None:
    with database.session() as session:
        job = session.get(Job, job_id)
        if job is None:
            return
        projects = list(session.scalars(select(Project).where(Project.job_id == job_id)
                                        .order_by(Project.position)))
        summary = aggregate(job, projects)
        values: dict[str, object] = {"updated_at": utcnow()}
        if summary.progress > job.progress:
            values["progress"] = summary.progress
        if not summary.terminal and STAGE_NAMES.index(summary.stage) > STAGE_NAMES.index(job.stage):
            values["stage"] = summary.stage
        if not summary.terminal:
            if len(values) > 1:   # a tick that changed nothing writes nothing
                session.execute(update(Job).where(Job.id == job_id).values(**values))
            return
        values.update(status=summary.status, finished_at=utcnow(), progress=100, stage=summary.stage)
        ended = session.execute(update(Job).where(Job.id == job_id, Job.status.in_(JOB_OPEN))
                                .values(**values)).rowcount
        if ended and job.webhook_url:
            schedule_first(session, job_id)
