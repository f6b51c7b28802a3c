"""Running one stage of one project on a worker: start it (compare-and-set), hand the stage
function its context, keep the lease alive with a heartbeat, and record the one outcome:
outputs (the next stage waits), outside work (parked), or an error (the project fails)."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from adreel.engine.lease import HANDLE, Leases
from adreel.engine.stages import Pending, StageContext, StageRegistry, stage_range
from adreel.engine.states import ProjectStatus
from adreel.errors import AdreelError
from adreel.platform.db import Job, Project

LOGGER = logging.getLogger("adreel.engine")


class StageMissing(AdreelError):
    """This server has nothing registered for the stage (or nothing to poll it with)."""


class StageCrashed(AdreelError):
    """The stage raised something that is not an `AdreelError`: a bug, named by its type only."""


def worker_name() -> str:
    """How the stage-run log names this process: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


class StageRunner:
    PROGRESS_EVERY_S = 0.25     # at most four progress writes a second per stage

    def __init__(self, leases: Leases, stages: StageRegistry, name: str = "") -> None:
        self.leases = leases
        self.stages = stages
        self.name = name or worker_name()

    def run(self, project_id: str, stage: str) -> str | None:
        """Run (or poll) the stage if it is still queued; the project's job id when it ran.
        Each run that starts logs one line: job, project, stage, seconds, outcome, worker."""
        started = self.leases.start(project_id, stage)
        if started is None:
            return None   # cancelled, timed out, taken back or already started by another message
        token, polling = started.token, started.polling
        context = self._context(project_id, stage, token)
        if context is None:
            return None
        began = time.monotonic()
        outcome = self._outcome(context, stage, token, polling)
        LOGGER.info("stage-run job=%s project=%s stage=%s%s seconds=%.2f outcome=%s worker=%s",
                    context.job_id, project_id, stage, " (poll)" if polling else "",
                    time.monotonic() - began, outcome, f"{self.name}/{threading.current_thread().name}")
        return context.job_id

    def _outcome(self, context: StageContext, stage: str, token: str, polling: bool) -> str:
        project_id = context.project_id
        spec = self.stages.get(stage)
        if spec is None or (polling and spec.poll is None):
            self.leases.fail(project_id, stage, StageMissing(
                f"No implementation of the {stage} stage is installed on this server."), token)
            return "failed"
        with self._heartbeat(project_id, token):
            try:
                if polling:
                    assert spec.poll is not None
                    result = spec.poll(context, dict(context.outputs.get(HANDLE) or {}))
                else:
                    result = spec.run(context)
            except AdreelError as exc:
                self.leases.fail(project_id, stage, exc, token)
                return "failed"
            except Exception as exc:  # a stage's own bug must not leave the project running
                LOGGER.exception("stage %s of project %s crashed", stage, project_id)
                self.leases.fail(project_id, stage, StageCrashed(
                    f"The {stage} stage failed unexpectedly ({type(exc).__name__})."), token)
                return "failed"
            if isinstance(result, Pending):
                self.leases.park(project_id, token, result)
                return "outside"
            self.leases.advance(project_id, stage, token, result or {})
            return "done"

    def _context(self, project_id: str, stage: str, token: str) -> StageContext | None:
        database = self.leases.database
        with database.session() as session:
            project = session.get(Project, project_id)
            if project is None or project.lease_owner != token:
                return None
            job = session.get(Job, project.job_id)
            assert job is not None
            data: dict[str, Any] = {"job_id": project.job_id, "url": project.url,
                                    "variant": project.variant, "request": dict(job.request),
                                    "outputs": dict(project.outputs or {})}

        def cancelled() -> bool:
            try:
                with database.session() as session:
                    status = session.scalar(select(Project.status).where(Project.id == project_id))
            except SQLAlchemyError:   # a dropped connection is not a cancellation; the next check will tell
                LOGGER.warning("could not check whether project %s was cancelled", project_id, exc_info=True)
                return False
            return status == ProjectStatus.CANCELLED

        return StageContext(project_id=project_id, job_id=data["job_id"], url=data["url"],
                            variant=data["variant"], request=data["request"], outputs=data["outputs"],
                            progress=self._progress(project_id, token, stage),
                            cancelled=cancelled)

    def _progress(self, project_id: str, token: str, stage: str) -> Callable[[int, int], None]:
        """`progress(done, total)` mapped into the stage's range, database writes throttled."""
        low, high = stage_range(stage)
        last_write = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.time()
            if now - last_write[0] < self.PROGRESS_EVERY_S and done < total:
                return
            last_write[0] = now
            try:
                self.leases.report(project_id, token,
                                   low + int((high - low) * min(max(done / max(total, 1), 0), 1)))
            except SQLAlchemyError:   # progress is best effort: a dropped connection must not fail the stage
                LOGGER.warning("could not record progress of project %s", project_id, exc_info=True)

        return progress

    @contextmanager
    def _heartbeat(self, project_id: str, token: str):
        """The lease says "this worker is alive", not "it made progress" (that is the stall
        rule): a heartbeat renews it while the stage runs, however quiet the stage is."""
        stop = threading.Event()

        def beat() -> None:
            while not stop.wait(self.leases.limits.lease_s / 3):
                try:
                    self.leases.renew(project_id, token)
                except SQLAlchemyError:   # the database is back by the next beat, or the lease lapses
                    LOGGER.warning("could not renew the lease of project %s", project_id, exc_info=True)

        pulse = threading.Thread(target=beat, name="adreel-lease", daemon=True)
        pulse.start()
        try:
            yield
        finally:
            stop.set()
