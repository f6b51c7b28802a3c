"""The engine: advances jobs. `tick(job_id)` is idempotent and safe when many threads or
processes call it at once: every state change is a compare-and-set (`adreel.engine.lease`), so
a stage is claimed by exactly one caller and a job is finalised exactly once.

A tick applies the time rules (job timeout, stall), takes back the stages of dead workers
(retried once, then failed), claims every waiting stage and hands it to the queue as "run
stage S of project P", and stores the job's aggregate.
"""

from __future__ import annotations

import logging
import threading
import time

from sqlalchemy import select

from adreel.engine.finalise import finalise
from adreel.engine.lease import MAX_ATTEMPTS, Leases, Limits, epoch
from adreel.engine.runner import StageRunner, worker_name
from adreel.engine.stages import StageRegistry, lane
from adreel.engine.states import JOB_OPEN, PROJECT_TERMINAL, StageState
from adreel.engine.view import job_body, read_job
from adreel.errors import AdreelError
from adreel.platform.db import Database, Job, Project
from adreel.platform.queue import QueueUnavailable, StageTask, WorkQueue

__all__ = ["Engine", "Limits"]

LOGGER = logging.getLogger("adreel.engine")
POLL_TICK_EVERY_S = 2.0     # a status poll ticks its job at most this often (the ticker does the rest)


class TimedOut(AdreelError):
    code = "timeout"


class Stalled(AdreelError):
    code = "stalled"


class WorkerLost(AdreelError):
    """A stage's worker died twice (its lease ran out each time)."""


def _span(seconds: float) -> str:
    return f"{seconds:.0f} seconds" if seconds < 120 else f"{seconds / 60:.0f} minutes"


class Engine:
    def __init__(self, database: Database, stages: StageRegistry, queue: WorkQueue,
                 limits: Limits | None = None, *, runs_stages: bool = True, name: str | None = None,
                 public_url: str | None = None, ticks_on_poll: bool = True) -> None:
        self.database = database
        self.public_url = public_url     # what this process prefixes to stored media paths
        # Embedded mode: a status poll also ticks its job (throttled). Scale-out: the API
        # processes' tickers advance every open job each second, so a poll is a read only.
        self.ticks_on_poll = ticks_on_poll
        self.runs_stages = runs_stages   # False: this process never claims work (ticks do nothing)
        self.stages = stages
        self.queue = queue
        self.limits = limits or Limits()
        self.leases = Leases(database, self.limits)
        self.runner = StageRunner(self.leases, stages, name or worker_name())
        self._polled: dict[str, float] = {}     # job id -> when a poll last ticked it
        self._polled_lock = threading.Lock()
        queue.bind(self.run_task)

    def tick_all(self) -> None:
        """Tick every open job that has something to do, chosen with one read: a stage to
        claim or take back, a clock run out, or every project ended. A job whose stages are
        simply running costs nothing more (the worker ticks it when its stage ends)."""
        now = time.time()
        with self.database.session() as session:
            rows = session.execute(
                select(Job.id, Job.started_at, Project.status, Project.stage_state, Project.lease_expires,
                       Project.last_progress_at)
                .join(Project, Project.job_id == Job.id).where(Job.status.in_(JOB_OPEN))).all()
        due: dict[str, bool] = {}
        ended: dict[str, bool] = {}
        for job_id, started, status, state, lease, last in rows:
            terminal = status in PROJECT_TERMINAL
            ended[job_id] = ended.get(job_id, True) and terminal
            due[job_id] = due.get(job_id, False) or (
                not terminal and self._attention(epoch(started), state, lease, last, now))
        for job_id in due:
            if due[job_id] or ended[job_id]:
                self.tick(job_id)

    def _attention(self, started: float | None, state: str, lease: float | None, last: float | None,
                   now: float) -> bool:
        """Whether a tick would change this open project (the conditions `tick` acts on)."""
        return ((started is not None and now - started > self.limits.job_s)
                or (state == StageState.RUNNING and last is not None and now - last > self.limits.stall_s)
                or (state in (StageState.RUNNING, StageState.QUEUED) and lease is not None and lease < now)
                or state == StageState.WAITING
                or (state == StageState.EXTERNAL and lease is not None and lease <= now))

    def tick(self, job_id: str) -> None:
        """Advance one job: apply timeouts, take back dead workers' stages, claim and queue
        every waiting stage, and finalise the job when all its projects are terminal."""
        if not self.runs_stages:
            return
        now = time.time()
        with self.database.session() as session:
            job = session.get(Job, job_id)
            if job is None or job.status not in JOB_OPEN:
                return
            started = epoch(job.started_at)
            projects = session.scalars(select(Project).where(Project.job_id == job_id)).all()
            states = [(p.id, p.status, p.stage, p.stage_state, p.lease_expires, p.last_progress_at,
                       p.attempt) for p in projects]
        for pid, status, stage, state, lease, last, attempt in states:
            if status in PROJECT_TERMINAL:
                continue
            if started is not None and now - started > self.limits.job_s:
                self.leases.fail(pid, stage, TimedOut(
                    f"The video was not finished within {_span(self.limits.job_s)} of the job starting."))
            elif state == StageState.RUNNING and last is not None and now - last > self.limits.stall_s:
                self.leases.fail(pid, stage, Stalled(
                    f"The {stage} stage made no progress for {_span(self.limits.stall_s)}."))
            elif state in (StageState.RUNNING, StageState.QUEUED) and lease is not None and lease < now:
                # Only a running stage had a worker that died; a queued one simply waited.
                if state == StageState.RUNNING and attempt >= MAX_ATTEMPTS:
                    self.leases.fail(pid, stage, WorkerLost(
                        f"The {stage} stage stopped twice without finishing (its worker died); giving up."))
                else:
                    self.leases.take_back(pid)
            elif state == StageState.WAITING:
                self._claim(pid, stage, now)
            elif state == StageState.EXTERNAL and lease is not None and lease <= now:
                self._claim(pid, stage, now, polling=True)
        finalise(self.database, job_id)

    def _claim(self, project_id: str, stage: str, now: float, polling: bool = False) -> None:
        token = self.leases.claim(project_id, stage, now, polling=polling)
        if token is None:
            return
        try:
            self.queue.submit(StageTask(project_id, stage, token, polling), lane(stage, polling=polling))
        except QueueUnavailable as exc:
            # Nothing was queued: give the claim back so a later tick queues it again.
            LOGGER.warning("could not queue %s of project %s: %s", stage, project_id, exc.message)
            self.leases.release(project_id, token)

    def run_task(self, task: StageTask) -> None:
        """What a worker does with "run stage S of project P": run it, then tick its job so
        the next stage is claimed at once."""
        job_id = self.runner.run(task.project_id, task.stage)
        if job_id is not None:
            self.tick(job_id)

    def read(self, job_id: str, account_id: str) -> dict[str, object]:
        """The job as §4 shows it to its account (`NotFound` for anyone else)."""
        job, projects = self.database.read(lambda connection: read_job(connection, job_id, account_id))
        return job_body(job, projects, self.public_url)

    def poll(self, job_id: str, account_id: str) -> dict[str, object]:
        """`GET /jobs/{id}`: one read of the job and its projects. The poll also ticks the job,
        at most every `POLL_TICK_EVERY_S` (the ticker advances it meanwhile), so a storm of
        polls costs reads, not ticks."""
        if self.runs_stages and self.ticks_on_poll and self._tick_due(job_id):
            self.tick(job_id)
        return self.read(job_id, account_id)

    def _tick_due(self, job_id: str) -> bool:
        now = time.monotonic()
        with self._polled_lock:
            if now - self._polled.get(job_id, -POLL_TICK_EVERY_S) < POLL_TICK_EVERY_S:
                return False
            if len(self._polled) > 10_000:   # forget jobs nobody polled lately
                self._polled = {k: v for k, v in self._polled.items() if now - v < POLL_TICK_EVERY_S}
            self._polled[job_id] = now
            return True

    def cancel(self, job_id: str) -> bool:
        """Cancel every project not yet terminal; False when the job already ended."""
        with self.database.session() as session:
            job = session.get(Job, job_id)
            if job is None or job.status not in JOB_OPEN:
                return False
            ids = session.scalars(select(Project.id).where(Project.job_id == job_id,
                                                           Project.status.not_in(PROJECT_TERMINAL))).all()
            for pid in ids:
                self.leases.cancel(session, pid)
        finalise(self.database, job_id)
        return True
