"""The project state machine's transitions, each one conditional UPDATE (compare-and-set).

Whoever's condition matches wins and every other caller changes nothing, so any number of
threads or processes may tick a job, and a worker only writes while it still holds the stage
(its `lease_owner` token). The diagram is in `adreel.engine.states`.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from adreel.engine.credits import refund
from adreel.engine.stages import Pending, next_stage, public_status, stage_range
from adreel.engine.states import PROJECT_TERMINAL, JobStatus, ProjectStatus, StageState
from adreel.errors import AdreelError
from adreel.platform.db import Database, Job, Project, reconnecting

MAX_ATTEMPTS = 2          # a stage whose worker died is retried once, then the project fails
QUEUE_LEASE_S = 600.0     # a queued stage no worker started in this long is claimed again
HANDLE = "_handle"        # where a parked stage's outside-work handle waits in the outputs


@dataclass(frozen=True)
class Limits:
    stall_s: float = 900.0      # a running stage with no progress this long fails `stalled`
    job_s: float = 1800.0       # not terminal this long after the job started: `timeout`
    lease_s: float = 60.0       # a worker renews its lease with every progress report


@dataclass(frozen=True)
class Started:
    token: str         # the running worker's own lease token
    polling: bool      # the stage's work is outside: poll it rather than run it


def utcnow() -> datetime:
    return datetime.now(UTC)


def epoch(moment: datetime | None) -> float | None:
    """Seconds since the epoch; SQLite hands back naive datetimes, and every stored time is UTC."""
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _open(project_id: str) -> list[Any]:
    return [Project.id == project_id, Project.status.not_in(PROJECT_TERMINAL)]


class Leases:
    def __init__(self, database: Database, limits: Limits) -> None:
        self.database = database
        self.limits = limits

    def claim(self, project_id: str, stage: str, now: float, *, polling: bool = False) -> str | None:
        """Take a waiting (or due external) stage for the queue: the token, or None when
        another caller took it first. Queued is not started: the clocks (lease, stall, job
        timeout) start when a worker picks it up; a queue lease catches a process that died
        with it queued."""
        token = str(uuid.uuid4())
        return token if self._claim(project_id, stage, token, now, polling) else None

    @reconnecting
    def _claim(self, project_id: str, stage: str, token: str, now: float, polling: bool) -> bool:
        source = StageState.EXTERNAL if polling else StageState.WAITING
        with self.database.session() as session:
            claimed = session.execute(
                update(Project)
                .where(*_open(project_id), Project.stage == stage, Project.stage_state == source)
                .values(stage_state=StageState.QUEUED, lease_owner=token,
                        lease_expires=now + max(QUEUE_LEASE_S, self.limits.lease_s),
                        updated_at=utcnow())).rowcount
            # A retry whose first try landed (only its answer was lost) finds its own token.
            return bool(claimed) or session.scalar(select(Project.lease_owner)
                                                   .where(Project.id == project_id)) == token

    def start(self, project_id: str, stage: str) -> Started | None:
        """A worker takes the queued stage under a token of its own: only now does the project
        (and its job) count as started. None when it was cancelled, timed out, taken back or
        started by another.

        A task is "run stage S of project P": whichever of its messages arrives first takes
        the stage, even one a re-claim made stale (so a backlog that outlived the queue lease
        cannot starve), and every later message finds it running. The token is new at every
        start, so a message delivered again never revives a token an earlier run held."""
        return self._start(project_id, stage, str(uuid.uuid4()))

    @reconnecting
    def _start(self, project_id: str, stage: str, token: str) -> Started | None:
        now = time.time()
        with self.database.session() as session:
            row = session.execute(select(Project.stage, Project.stage_state, Project.lease_owner, Project.outputs)
                                  .where(*_open(project_id))).first()
            if row is None or row.stage != stage:
                return None
            polling = HANDLE in (row.outputs or {})
            if row.lease_owner == token and row.stage_state == StageState.RUNNING:
                return Started(token, polling)     # a retry whose first try landed
            if row.stage_state != StageState.QUEUED:
                return None
            started = session.execute(
                update(Project)
                .where(*_open(project_id), Project.stage == stage, Project.lease_owner == row.lease_owner,
                       Project.stage_state == StageState.QUEUED)
                .values(stage_state=StageState.RUNNING, lease_owner=token, lease_expires=now + self.limits.lease_s,
                        last_progress_at=now, status=public_status(stage),
                        attempt=Project.attempt if polling else Project.attempt + 1,
                        updated_at=utcnow())).rowcount
            if not started:
                return None
            session.execute(update(Project).where(Project.id == project_id,
                                                  Project.first_started_at.is_(None))
                            .values(first_started_at=now))
            job_id = session.scalar(select(Project.job_id).where(Project.id == project_id))
            session.execute(update(Job).where(Job.id == job_id, Job.started_at.is_(None))
                            .values(started_at=utcnow(), status=JobStatus.RUNNING))
        return Started(token, polling)

    @reconnecting
    def release(self, project_id: str, token: str) -> None:
        """A claim whose task could not be queued goes back to where it was claimed from."""
        with self.database.session() as session:
            outputs = session.scalar(select(Project.outputs).where(Project.id == project_id)) or {}
            back = StageState.EXTERNAL if HANDLE in outputs else StageState.WAITING
            session.execute(update(Project)
                            .where(*_open(project_id), Project.lease_owner == token,
                                   Project.stage_state == StageState.QUEUED)
                            .values(stage_state=back, lease_owner=None,
                                    lease_expires=time.time() if back == StageState.EXTERNAL else None,
                                    updated_at=utcnow()))

    @reconnecting
    def take_back(self, project_id: str) -> None:
        """A queued or running stage whose lease ran out goes back to where it was claimed
        from (waiting, or external for outside work still in progress)."""
        with self.database.session() as session:
            row = session.execute(select(Project.stage_state, Project.outputs)
                                  .where(Project.id == project_id)).first()
            if row is None or row.stage_state not in (StageState.RUNNING, StageState.QUEUED):
                return
            back = StageState.EXTERNAL if HANDLE in (row.outputs or {}) else StageState.WAITING
            session.execute(update(Project)
                            .where(Project.id == project_id, Project.stage_state == row.stage_state,
                                   Project.lease_expires < time.time())
                            .values(stage_state=back, lease_owner=None, updated_at=utcnow()))

    @reconnecting
    def renew(self, project_id: str, token: str) -> None:
        """The worker is alive (the heartbeat): push its lease out."""
        with self.database.session() as session:
            session.execute(update(Project)
                            .where(Project.id == project_id, Project.lease_owner == token)
                            .values(lease_expires=time.time() + self.limits.lease_s))

    @reconnecting
    def report(self, project_id: str, token: str, progress: int) -> None:
        """Progress (never decreasing) and proof of life from the worker holding the stage."""
        now = time.time()
        with self.database.session() as session:
            session.execute(update(Project)
                            .where(Project.id == project_id, Project.lease_owner == token,
                                   Project.progress < progress)
                            .values(progress=progress))
            session.execute(update(Project)
                            .where(Project.id == project_id, Project.lease_owner == token)
                            .values(last_progress_at=now, lease_expires=now + self.limits.lease_s))

    @reconnecting
    def park(self, project_id: str, token: str, pending: Pending) -> None:
        """The stage's work is outside: keep its handle and poll it again later."""
        with self.database.session() as session:
            outputs = session.scalar(select(Project.outputs).where(Project.id == project_id)) or {}
            session.execute(update(Project).where(
                *_open(project_id), Project.lease_owner == token,
                Project.stage_state == StageState.RUNNING,
            ).values(outputs={**outputs, HANDLE: pending.handle}, stage_state=StageState.EXTERNAL,
                     lease_owner=None, lease_expires=time.time() + pending.poll_after_s,
                     last_progress_at=time.time(), updated_at=utcnow()))

    @reconnecting
    def advance(self, project_id: str, stage: str, token: str, outputs: dict[str, Any]) -> None:
        """The stage finished: merge its outputs and make the next stage waiting (or complete
        the project), only while this worker still holds the stage: a cancel, a timeout or a
        take-back that landed meanwhile wins."""
        following = next_stage(stage)
        _low, high = stage_range(stage)
        with self.database.session() as session:
            row = session.execute(select(Project.outputs, Project.progress)
                                  .where(Project.id == project_id)).first()
            if row is None:
                return
            merged = {**(row.outputs or {}), **outputs}
            merged.pop(HANDLE, None)
            values: dict[str, object] = {
                "outputs": merged, "progress": max(row.progress, high if following else 100),
                "lease_owner": None, "lease_expires": None, "attempt": 0, "updated_at": utcnow()}
            if following is None:
                values.update(stage_state=StageState.DONE, status=ProjectStatus.COMPLETED)
            else:
                values.update(stage=following, stage_state=StageState.WAITING)
            session.execute(update(Project).where(
                *_open(project_id), Project.lease_owner == token,
                Project.stage_state == StageState.RUNNING,
            ).values(**values))

    @reconnecting
    def fail(self, project_id: str, stage: str, error: AdreelError, token: str | None = None) -> bool:
        """End the project `failed` with the error as its value and refund its credit; with a
        token, only while that worker holds the stage. True when this call ended it."""
        with self.database.session() as session:
            where = _open(project_id)
            if token is not None:
                where.append(Project.lease_owner == token)
            changed = session.execute(
                update(Project).where(*where).values(
                    status=ProjectStatus.FAILED, stage_state=StageState.DONE, lease_owner=None,
                    lease_expires=None, error=error.as_value(stage), updated_at=utcnow(),
                )).rowcount
            if changed:
                refund(session, project_id)
        return bool(changed)

    def cancel(self, session: Session, project_id: str) -> bool:
        """End a project `cancelled` (whatever it was doing) and refund its credit."""
        changed = session.execute(update(Project).where(*_open(project_id))
                                  .values(status=ProjectStatus.CANCELLED, stage_state=StageState.DONE,
                                          lease_owner=None, updated_at=utcnow())).rowcount
        if changed:
            refund(session, project_id)
        return bool(changed)
