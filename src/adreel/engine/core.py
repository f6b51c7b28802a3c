"""The engine: advances jobs. `tick(job_id)` is idempotent and safe when many threads or
processes call it at once: every state change is a conditional UPDATE (compare-and-set), so a
stage is claimed by exactly one caller and a job is finalised exactly once.

A project's state is (stage, stage_state, lease): `waiting` → claimed by a tick (`running`,
with a lease) → the worker finishes it (next stage `waiting`, or `completed`) or fails it. A
worker that dies leaves an expiring lease; the tick takes the stage back and retries it once,
then fails the project with a reason.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, update

from adreel.engine.queue import WorkQueue
from adreel.engine.stages import (
    STAGE_NAMES,
    Pending,
    StageContext,
    StageRegistry,
    next_stage,
    public_status,
    stage_range,
)
from adreel.engine.webhooks import WebhookSender, schedule_first
from adreel.errors import AdreelError
from adreel.platform.db import Account, Database, Job, Project

LOGGER = logging.getLogger("adreel.engine")
TERMINAL = frozenset({"completed", "failed", "cancelled"})
MAX_ATTEMPTS = 2
QUEUE_LEASE_S = 600.0


@dataclass(frozen=True)
class Limits:
    stall_s: float = 900.0      # a running stage with no progress this long fails `stalled`
    job_s: float = 1800.0       # not terminal this long after the job started: `timeout`
    lease_s: float = 60.0       # a worker renews its lease with every progress report


def _epoch(moment: datetime | None) -> float | None:
    """Seconds since the epoch; SQLite hands back naive datetimes, and every stored time is UTC."""
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _span(seconds: float) -> str:
    return f"{seconds:.0f} seconds" if seconds < 120 else f"{seconds / 60:.0f} minutes"


def _now() -> datetime:
    return datetime.now(UTC)


class Engine:
    def __init__(self, database: Database, stages: StageRegistry, queue: WorkQueue,
                 limits: Limits | None = None) -> None:
        self.database = database
        self.stages = stages
        self.queue = queue
        self.limits = limits or Limits()

    # -- ticking ---------------------------------------------------------------------------

    def tick_all(self) -> None:
        with self.database.session() as session:
            ids = session.scalars(select(Job.id).where(Job.status.in_(("pending", "running")))).all()
        for job_id in ids:
            self.tick(job_id)

    def tick(self, job_id: str) -> None:
        """Advance one job: apply timeouts, take back dead workers' stages, claim and queue
        every waiting stage, and finalise the job when all its projects are terminal."""
        now = time.time()
        with self.database.session() as session:
            job = session.get(Job, job_id)
            if job is None or job.status in TERMINAL | {"partial"}:
                return
            started = _epoch(job.started_at)
            projects = session.scalars(select(Project).where(Project.job_id == job_id)).all()
            states = [(p.id, p.status, p.stage, p.stage_state, p.lease_expires, p.last_progress_at,
                       p.attempt) for p in projects]
        for pid, status, stage, state, lease, last, attempt in states:
            if status in TERMINAL:
                continue
            if started is not None and now - started > self.limits.job_s:
                self._fail(pid, stage, "timeout", "The video was not finished within "
                           f"{_span(self.limits.job_s)} of the job starting.")
            elif state == "running" and last is not None and now - last > self.limits.stall_s:
                self._fail(pid, stage, "stalled", f"The {stage} stage made no progress for "
                           f"{_span(self.limits.stall_s)}.")
            elif state in ("running", "queued") and lease is not None and lease < now:
                self._take_back(pid, stage, attempt)
            elif state == "waiting":
                self._claim(pid, stage, now)
            elif state == "external" and lease is not None and lease <= now:
                self._claim(pid, stage, now, polling=True)
        self._finalise(job_id)

    def _claim(self, project_id: str, stage: str, now: float, polling: bool = False) -> None:
        token = str(uuid.uuid4())
        with self.database.session() as session:
            # Queued, not started: the clocks (lease, stall, job timeout) start when a worker
            # picks the stage up. A queue lease catches a process that died with it queued.
            claimed = session.execute(
                update(Project)
                .where(Project.id == project_id, Project.stage == stage,
                       Project.stage_state == ("external" if polling else "waiting"),
                       Project.status.not_in(TERMINAL))
                .values(stage_state="queued", lease_owner=token,
                        lease_expires=now + max(QUEUE_LEASE_S, self.limits.lease_s),
                        updated_at=_now())).rowcount
        if claimed:
            self.queue.submit(lambda: self.run_stage(project_id, stage, token, polling))

    def _start(self, project_id: str, stage: str, token: str, polling: bool) -> bool:
        """A worker takes its queued stage: only now does the project count as started."""
        now = time.time()
        with self.database.session() as session:
            started = session.execute(
                update(Project)
                .where(Project.id == project_id, Project.lease_owner == token,
                       Project.stage_state == "queued", Project.status.not_in(TERMINAL))
                .values(stage_state="running", lease_expires=now + self.limits.lease_s,
                        last_progress_at=now, status=public_status(stage),
                        attempt=Project.attempt if polling else Project.attempt + 1,
                        updated_at=_now())).rowcount
            if not started:
                return False
            session.execute(update(Project).where(Project.id == project_id,
                                                  Project.first_started_at.is_(None))
                            .values(first_started_at=now))
            job_id = session.scalar(select(Project.job_id).where(Project.id == project_id))
            session.execute(update(Job).where(Job.id == job_id, Job.started_at.is_(None))
                            .values(started_at=_now(), status="running"))
        return True

    def _take_back(self, project_id: str, stage: str, attempt: int) -> None:
        if attempt >= MAX_ATTEMPTS:
            self._fail(project_id, stage, "internal", f"The {stage} stage stopped twice without "
                       "finishing (its worker died); giving up.")
            return
        with self.database.session() as session:
            # A stage goes back to where it was claimed from (waiting, or external for outside
            # work still in progress); attempts count only real starts.
            row = session.execute(select(Project.stage_state, Project.outputs)
                                  .where(Project.id == project_id)).first()
            if row is None or row.stage_state not in ("running", "queued"):
                return
            back = "external" if "_handle" in (row.outputs or {}) else "waiting"
            session.execute(update(Project)
                            .where(Project.id == project_id, Project.stage_state == row.stage_state,
                                   Project.lease_expires < time.time())
                            .values(stage_state=back, lease_owner=None, updated_at=_now()))

    # -- running a stage (on a worker) -----------------------------------------------------

    def run_stage(self, project_id: str, stage: str, token: str, polling: bool = False) -> None:
        if not self._start(project_id, stage, token, polling):
            return   # cancelled, timed out or taken back while it waited in the queue
        with self.database.session() as session:
            project = session.get(Project, project_id)
            if project is None or project.lease_owner != token:
                return
            job = session.get(Job, project.job_id)
            assert job is not None
            context_data = (project.job_id, project.url, project.variant, dict(job.request),
                            dict(project.outputs or {}))
        spec = self.stages.get(stage)
        if spec is None or (polling and spec.poll is None):
            self._fail(project_id, stage, "internal",
                       f"No implementation of the {stage} stage is installed on this server.", token)
            self._finalise(context_data[0])
            return
        low, high = stage_range(stage)
        last_write = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.time()
            if now - last_write[0] < 0.25 and done < total:
                return   # throttle database writes
            last_write[0] = now
            value = low + int((high - low) * min(max(done / max(total, 1), 0), 1))
            with self.database.session() as session:
                session.execute(update(Project)
                                .where(Project.id == project_id, Project.lease_owner == token,
                                       Project.progress < value)
                                .values(progress=value))
                session.execute(update(Project)
                                .where(Project.id == project_id, Project.lease_owner == token)
                                .values(last_progress_at=now, lease_expires=now + self.limits.lease_s))

        def cancelled() -> bool:
            with self.database.session() as session:
                return session.scalar(select(Project.status).where(Project.id == project_id)) == "cancelled"

        context = StageContext(project_id=project_id, job_id=context_data[0], url=context_data[1],
                               variant=context_data[2], request=context_data[3],
                               outputs=context_data[4], progress=progress, cancelled=cancelled)
        # The lease says "this worker is alive", not "it made progress" (that is the stall
        # rule): a heartbeat renews it while the stage runs, however quiet the stage is.
        beating = threading.Event()

        def heartbeat() -> None:
            while not beating.wait(self.limits.lease_s / 3):
                with self.database.session() as session:
                    session.execute(update(Project)
                                    .where(Project.id == project_id, Project.lease_owner == token)
                                    .values(lease_expires=time.time() + self.limits.lease_s))

        pulse = threading.Thread(target=heartbeat, name="adreel-lease", daemon=True)
        pulse.start()
        try:
            if polling:
                assert spec.poll is not None
                handle = dict(context.outputs.get("_handle") or {})
                result = spec.poll(context, handle)
            else:
                result = spec.run(context)
        except AdreelError as exc:
            self._fail(project_id, stage, exc.code, exc.message, token)
        except Exception as exc:  # a stage's own bug must not leave the project running
            LOGGER.exception("stage %s of project %s crashed", stage, project_id)
            self._fail(project_id, stage, "internal", f"The {stage} stage failed unexpectedly "
                       f"({type(exc).__name__}).", token)
        else:
            if isinstance(result, Pending):
                self._park(project_id, token, result)
            else:
                self._advance(project_id, stage, token, result or {})
        finally:
            beating.set()
        self.tick(context_data[0])

    def _park(self, project_id: str, token: str, pending: Pending) -> None:
        """The stage's work is outside: keep its handle and poll it again later."""
        with self.database.session() as session:
            outputs = session.scalar(select(Project.outputs).where(Project.id == project_id)) or {}
            session.execute(update(Project).where(
                Project.id == project_id, Project.lease_owner == token,
                Project.stage_state == "running", Project.status.not_in(TERMINAL),
            ).values(outputs={**outputs, "_handle": pending.handle}, stage_state="external",
                     lease_owner=None, lease_expires=time.time() + pending.poll_after_s,
                     last_progress_at=time.time(), updated_at=_now()))

    def _advance(self, project_id: str, stage: str, token: str, outputs: dict) -> None:
        following = next_stage(stage)
        _low, high = stage_range(stage)
        with self.database.session() as session:
            row = session.execute(select(Project.outputs, Project.progress)
                                  .where(Project.id == project_id)).first()
            if row is None:
                return
            merged = {**(row.outputs or {}), **outputs}
            merged.pop("_handle", None)
            values: dict[str, object] = {
                "outputs": merged, "progress": max(row.progress, high if following else 100),
                "lease_owner": None, "lease_expires": None, "attempt": 0, "updated_at": _now()}
            if following is None:
                values.update(stage_state="done", status="completed")
            else:
                values.update(stage=following, stage_state="waiting")
            # Only while this worker still holds the stage: a cancel, a timeout or a take-back
            # that landed meanwhile wins.
            session.execute(update(Project).where(
                Project.id == project_id, Project.lease_owner == token,
                Project.stage_state == "running", Project.status.not_in(TERMINAL),
            ).values(**values))

    def _fail(self, project_id: str, stage: str, code: str, message: str,
              token: str | None = None) -> None:
        with self.database.session() as session:
            where = [Project.id == project_id, Project.status.not_in(TERMINAL)]
            if token is not None:
                where.append(Project.lease_owner == token)
            changed = session.execute(
                update(Project).where(*where).values(
                    status="failed", stage_state="done", lease_owner=None, lease_expires=None,
                    error={"stage": stage, "code": code, "message": message}, updated_at=_now(),
                )).rowcount
            if changed:
                self._refund(session, project_id)

    def cancel(self, job_id: str) -> bool:
        """Cancel every project not yet terminal; False when the job already ended."""
        with self.database.session() as session:
            job = session.get(Job, job_id)
            if job is None or job.status in TERMINAL | {"partial"}:
                return False
            ids = session.scalars(select(Project.id).where(Project.job_id == job_id,
                                                           Project.status.not_in(TERMINAL))).all()
            for pid in ids:
                changed = session.execute(update(Project)
                                          .where(Project.id == pid, Project.status.not_in(TERMINAL))
                                          .values(status="cancelled", stage_state="done",
                                                  lease_owner=None, updated_at=_now())).rowcount
                if changed:
                    self._refund(session, pid)
        self._finalise(job_id)
        return True

    @staticmethod
    def _refund(session, project_id: str) -> None:
        """Failed and cancelled projects give their credit back to where it came from."""
        project = session.get(Project, project_id)
        if project is None or project.charged_from == "refunded":
            return
        if project.charged_from == "credits":
            session.execute(update(Account).where(Account.id == project.account_id)
                            .values(credits=Account.credits + 1))
        project.charged_from = "refunded"

    # -- aggregation -----------------------------------------------------------------------

    def _finalise(self, job_id: str) -> None:
        """Store the job's aggregate (progress never decreasing) and end it exactly once."""
        from adreel.engine.view import aggregate

        with self.database.session() as session:
            job = session.get(Job, job_id)
            if job is None:
                return
            projects = session.scalars(select(Project).where(Project.job_id == job_id)
                                       .order_by(Project.position)).all()
            summary = aggregate(job, projects)
            values: dict[str, object] = {"updated_at": _now()}
            if summary.progress > job.progress:
                values["progress"] = summary.progress
            if not summary.terminal and (STAGE_NAMES.index(summary.stage)
                                         > STAGE_NAMES.index(job.stage)):
                values["stage"] = summary.stage   # the shown stage never goes back
            if summary.terminal:
                values.update(status=summary.status, finished_at=_now(), progress=100,
                              stage=summary.stage)
                ended = session.execute(update(Job).where(Job.id == job_id,
                                                          Job.status.in_(("pending", "running")))
                                        .values(**values)).rowcount
                if ended and job.webhook_url:
                    schedule_first(session, job_id)
            else:
                session.execute(update(Job).where(Job.id == job_id).values(**values))


class Ticker:
    """Ticks every open job once a second, so jobs finish with no one polling."""

    def __init__(self, engine: Engine, webhooks: WebhookSender | None = None,
                 interval: float = 1.0) -> None:
        self._engine = engine
        self._webhooks = webhooks
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="adreel-ticker", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                self._engine.tick_all()
            except Exception:  # the ticker must outlive any one failure
                LOGGER.exception("tick failed")
            try:
                if self._webhooks is not None:
                    self._webhooks.deliver_due()
            except Exception:  # nor may a webhook failure stop the jobs from advancing
                LOGGER.exception("webhook delivery failed")
