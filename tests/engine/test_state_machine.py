"""Every transition of the engine's state machine, on SQLite and PostgreSQL, with a queue that
runs work only when the test says so. Time rules are exercised by moving stored times into
the past, never by sleeping."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select, text, update

from adreel.engine import accounts
from adreel.engine.admission import create_job
from adreel.engine.core import Engine
from adreel.engine.lease import Limits
from adreel.engine.stages import STAGE_NAMES, Pending, StageContext, StageRegistry
from adreel.engine.states import JobStatus, ProjectStatus, StageState
from adreel.errors import AdreelError
from adreel.platform.crypto import SecretBox
from adreel.platform.db import Account, Database, Job, Project
from adreel.platform.queue import StageTask


class HeldQueue:
    """The work queue, run by hand: `submit` keeps the task, `drain` runs it (and whatever it
    queues in turn) on this thread. `lanes` records where each stage would have gone."""

    name = "held"

    def __init__(self) -> None:
        self.work: list[Callable[[], None]] = []
        self.lanes: list[tuple[str, bool, str]] = []
        self.handler: Callable[[StageTask], None] | None = None

    def bind(self, handler: Callable[[StageTask], None]) -> None:
        self.handler = handler

    def submit(self, task: StageTask, lane: str) -> None:
        assert self.handler is not None
        handler = self.handler
        self.lanes.append((task.stage, task.polling, lane))
        self.work.append(lambda: handler(task))

    def check(self) -> None:
        return None

    def take(self) -> Callable[[], None]:
        return self.work.pop(0)

    def drain(self) -> None:
        while self.work:
            self.take()()

    def close(self) -> None:
        self.work.clear()


class ScriptedStages:
    """Stages that record what ran and do what the test set for them."""

    def __init__(self) -> None:
        self.ran: list[tuple[str, str]] = []
        self.behaviour: dict[str, Callable[[StageContext], Any]] = {}
        self.poll_after_s = 0.0             # when an unfinished poll asks to be asked again
        self.registry = StageRegistry()
        for name in STAGE_NAMES:
            self.registry.register(name, self._runner(name), poll=self._poller(name))

    def _runner(self, name: str) -> Callable[[StageContext], Any]:
        def run(context: StageContext) -> Any:
            self.ran.append((context.project_id, name))
            context.progress(1, 2)
            special = self.behaviour.get(name)
            if special is not None:
                return special(context)
            return {f"{name}_done": True}

        return run

    def _poller(self, name: str) -> Callable[[StageContext, dict], Any]:
        def poll(context: StageContext, handle: dict) -> Any:
            self.ran.append((context.project_id, f"{name} poll"))
            polls = handle["polls"] + 1
            if polls < 2:
                return Pending({**handle, "polls": polls}, poll_after_s=self.poll_after_s)
            return {"ticket": handle["ticket"]}

        return poll


class Broken(AdreelError):
    code = "render_failed"


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    database.migrate()
    with database.session() as session:
        for table in ("webhook_attempts", "projects", "jobs", "api_keys", "accounts"):
            session.execute(text(f"DELETE FROM {table}"))
    yield database
    database.close()


@pytest.fixture
def account(db: Database) -> str:
    with db.session() as session:
        return accounts.create_account(session, SecretBox(Fernet.generate_key()), "acme", credits=5,
                                       plan_limit=0).id


@pytest.fixture
def stages() -> ScriptedStages:
    return ScriptedStages()


@pytest.fixture
def queue() -> HeldQueue:
    return HeldQueue()


@pytest.fixture
def engine(db: Database, stages: ScriptedStages, queue: HeldQueue) -> Engine:
    return Engine(db, stages.registry, queue, Limits(stall_s=60, job_s=600, lease_s=30))


def new_job(db: Database, account: str, urls: int = 1) -> str:
    with db.session() as session:
        return create_job(session, account, [f"https://shop.example/p/{i}" for i in range(urls)], 1,
                          {"aspect_ratio": "9:16"}, None).id


def projects(db: Database, job_id: str) -> list[Project]:
    with db.session() as session:
        found = list(session.scalars(select(Project).where(Project.job_id == job_id).order_by(Project.position)))
        session.expunge_all()
        return found


def job(db: Database, job_id: str) -> Job:
    with db.session() as session:
        found = session.get(Job, job_id)
        assert found is not None
        session.expunge(found)
        return found


def credits(db: Database, account: str) -> int:
    with db.session() as session:
        return session.scalar(select(Account.credits).where(Account.id == account))


def set_project(db: Database, project_id: str, **values: object) -> None:
    with db.session() as session:
        session.execute(update(Project).where(Project.id == project_id).values(**values))


def test_a_job_runs_every_stage_once_in_order_and_completes(db, account, engine, queue, stages) -> None:
    job_id = new_job(db, account)
    assert credits(db, account) == 4
    assert job(db, job_id).status == JobStatus.PENDING
    engine.tick(job_id)
    [project] = projects(db, job_id)
    assert (project.stage, project.stage_state, project.status) == ("preparing", StageState.QUEUED,
                                                                    ProjectStatus.PENDING)
    assert job(db, job_id).status == JobStatus.PENDING   # queued is not started
    queue.drain()
    [project] = projects(db, job_id)
    assert [name for _pid, name in stages.ran] == list(STAGE_NAMES)
    assert (project.status, project.stage_state, project.progress) == (ProjectStatus.COMPLETED,
                                                                       StageState.DONE, 100)
    assert all(project.outputs[f"{name}_done"] for name in STAGE_NAMES)
    finished = job(db, job_id)
    assert (finished.status, finished.progress, finished.stage) == (JobStatus.COMPLETED, 100, "stitching")
    assert finished.finished_at is not None
    assert credits(db, account) == 4   # a completed video keeps its credit


def test_two_ticks_claim_a_waiting_stage_once(db, account, engine, queue) -> None:
    job_id = new_job(db, account)
    engine.tick(job_id)
    engine.tick(job_id)
    assert len(queue.work) == 1
    [project] = projects(db, job_id)
    first_token = project.lease_owner
    assert engine.leases.claim(project.id, "preparing", time.time()) is None
    assert projects(db, job_id)[0].lease_owner == first_token


def test_concurrent_claims_have_one_winner(db, account, engine) -> None:
    job_id = new_job(db, account)
    [project] = projects(db, job_id)
    barrier = threading.Barrier(4)
    tokens: list[str | None] = []

    def claim() -> None:
        barrier.wait()
        tokens.append(engine.leases.claim(project.id, "preparing", time.time()))

    threads = [threading.Thread(target=claim) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len([t for t in tokens if t is not None]) == 1


def test_a_stale_worker_cannot_start_or_finish_a_stage_it_lost(db, account, engine, queue, stages) -> None:
    job_id = new_job(db, account)
    engine.tick(job_id)
    [project] = projects(db, job_id)
    assert not engine.leases.start(project.id, "audio")           # a message for another stage
    started = engine.leases.start(project.id, "preparing")
    assert started is not None and not started.polling
    stale = started.token
    assert stale != project.lease_owner                           # a token of the worker's own
    assert not engine.leases.start(project.id, "preparing")       # started once only
    set_project(db, project.id, lease_expires=time.time() - 1)
    engine.tick(job_id)                    # the lease ran out: taken back...
    assert projects(db, job_id)[0].stage_state == StageState.WAITING
    engine.tick(job_id)                    # ...and claimed anew
    [project] = projects(db, job_id)
    assert project.lease_owner not in (None, stale)
    again = engine.leases.start(project.id, "preparing")          # a message delivered again...
    assert again is not None and again.token != stale             # ...never revives the old token
    engine.leases.advance(project.id, "preparing", stale, {"late": True})
    assert "late" not in projects(db, job_id)[0].outputs
    assert projects(db, job_id)[0].stage == "preparing"


def test_a_backlog_older_than_the_queue_lease_still_runs_each_stage_once(db, account, engine, queue,
                                                                        stages) -> None:
    job_id = new_job(db, account)
    engine.tick(job_id)
    [project] = projects(db, job_id)
    set_project(db, project.id, lease_expires=time.time() - 1)   # queued past the queue lease...
    engine.tick(job_id)                     # ...taken back
    engine.tick(job_id)                     # ...and queued again: two messages now wait
    assert len(queue.work) == 2
    queue.take()()                          # the old message comes first and runs the stage
    assert stages.ran == [(project.id, "preparing")]
    queue.drain()
    assert stages.ran == [(project.id, stage) for stage in STAGE_NAMES]
    assert projects(db, job_id)[0].status == ProjectStatus.COMPLETED


def test_a_stage_queued_past_its_lease_is_never_counted_as_a_dead_worker(db, account, engine, queue) -> None:
    job_id = new_job(db, account)
    for _ in range(4):
        engine.tick(job_id)
        [project] = projects(db, job_id)
        set_project(db, project.id, lease_expires=time.time() - 1)
        engine.tick(job_id)
    [project] = projects(db, job_id)
    assert (project.status, project.stage_state) == (ProjectStatus.PENDING, StageState.WAITING)


def test_light_stages_and_polls_go_to_the_light_queue(db, account, engine, queue, stages) -> None:
    stages.behaviour["lip_sync"] = lambda context: Pending({"ticket": "t-1", "polls": 0}, poll_after_s=0)
    job_id = new_job(db, account)
    engine.tick(job_id)
    queue.drain()
    assert queue.lanes[:5] == [("preparing", False, "light"), ("audio", False, "light"), ("video", False, "heavy"),
                               ("lip_sync", False, "heavy"), ("lip_sync", True, "light")]
    assert set(queue.lanes[5:]) <= {("lip_sync", True, "light"), ("stitching", False, "heavy")}


def test_a_dead_worker_is_retried_once_then_the_project_fails(db, account, engine, queue) -> None:
    job_id = new_job(db, account)
    for attempt in (1, 2):
        engine.tick(job_id)
        [project] = projects(db, job_id)
        assert engine.leases.start(project.id, "preparing")
        assert projects(db, job_id)[0].attempt == attempt
        queue.work.clear()                  # the worker dies holding the stage
        set_project(db, project.id, lease_expires=time.time() - 1)
        engine.tick(job_id)
    [project] = projects(db, job_id)
    assert project.status == ProjectStatus.FAILED
    assert project.error["code"] == "internal"
    assert project.error["stage"] == "preparing"
    assert "stopped twice" in project.error["message"]
    assert job(db, job_id).status == JobStatus.FAILED
    assert credits(db, account) == 5         # refunded to the purchased credits


def test_a_queued_stage_whose_process_died_is_claimed_again(db, account, engine, queue) -> None:
    job_id = new_job(db, account)
    engine.tick(job_id)
    queue.work.clear()                      # the process that queued it is gone
    [project] = projects(db, job_id)
    set_project(db, project.id, lease_expires=time.time() - 1)
    engine.tick(job_id)                     # taken back to waiting (not an attempt)...
    engine.tick(job_id)                     # ...and claimed again
    [project] = projects(db, job_id)
    assert (project.stage_state, project.attempt) == (StageState.QUEUED, 0)
    queue.drain()
    assert projects(db, job_id)[0].status == ProjectStatus.COMPLETED


def test_a_silent_running_stage_fails_stalled(db, account, engine, queue) -> None:
    job_id = new_job(db, account)
    engine.tick(job_id)
    [project] = projects(db, job_id)
    assert engine.leases.start(project.id, "preparing")
    set_project(db, project.id, last_progress_at=time.time() - 61)
    engine.tick(job_id)
    [project] = projects(db, job_id)
    assert project.status == ProjectStatus.FAILED
    assert project.error == {"stage": "preparing", "code": "stalled",
                             "message": "The preparing stage made no progress for 60 seconds."}


def test_a_job_past_its_time_limit_fails_timeout(db, account, engine, queue, stages) -> None:
    def second_waits_outside(context: StageContext) -> dict | Pending:
        return Pending({"polls": 0}, poll_after_s=3600) if context.url.endswith("/1") else {}

    stages.behaviour["video"] = second_waits_outside
    job_id = new_job(db, account, urls=2)
    engine.tick(job_id)
    queue.drain()                           # the first project completes, the second waits
    with db.session() as session:
        session.execute(update(Job).where(Job.id == job_id)
                        .values(started_at=datetime.now(UTC) - timedelta(seconds=601)))
    engine.tick(job_id)
    first, second = projects(db, job_id)
    assert first.status == ProjectStatus.COMPLETED
    assert (second.status, second.error["code"]) == (ProjectStatus.FAILED, "timeout")
    assert job(db, job_id).status == JobStatus.PARTIAL


def test_a_cancel_during_a_stage_wins_over_its_finish(db, account, engine, queue, stages) -> None:
    job_id = new_job(db, account)

    def cancel_meanwhile(context: StageContext) -> dict:
        assert engine.cancel(context.job_id)
        assert context.cancelled()
        return {"too_late": True}

    stages.behaviour["audio"] = cancel_meanwhile
    engine.tick(job_id)
    queue.drain()
    [project] = projects(db, job_id)
    assert (project.status, project.stage) == (ProjectStatus.CANCELLED, "audio")
    assert "too_late" not in project.outputs
    assert job(db, job_id).status == JobStatus.CANCELLED
    assert not engine.cancel(job_id)        # an ended job cannot be cancelled again
    assert credits(db, account) == 5


def test_a_stage_error_is_stored_as_its_value_and_refunds(db, account, engine, queue, stages) -> None:
    stages.behaviour["video"] = lambda context: (_ for _ in ()).throw(Broken("The frames would not draw."))
    job_id = new_job(db, account)
    engine.tick(job_id)
    queue.drain()
    [project] = projects(db, job_id)
    assert project.error == {"stage": "video", "code": "render_failed", "message": "The frames would not draw."}
    assert [name for _pid, name in stages.ran] == ["preparing", "audio", "video"]
    assert credits(db, account) == 5


def test_a_stage_bug_fails_internal_without_its_details(db, account, engine, queue, stages) -> None:
    stages.behaviour["audio"] = lambda context: {}["missing"]
    job_id = new_job(db, account)
    engine.tick(job_id)
    queue.drain()
    [project] = projects(db, job_id)
    assert project.error == {"stage": "audio", "code": "internal",
                             "message": "The audio stage failed unexpectedly (KeyError)."}


def test_a_stage_nobody_installed_fails_with_that_reason(db, account, queue) -> None:
    engine = Engine(db, StageRegistry(), queue)
    job_id = new_job(db, account)
    engine.tick(job_id)
    queue.drain()
    [project] = projects(db, job_id)
    assert project.error["message"] == "No implementation of the preparing stage is installed on this server."
    assert job(db, job_id).status == JobStatus.FAILED


def test_outside_work_is_parked_and_polled_until_it_answers(db, account, engine, queue, stages) -> None:
    stages.behaviour["lip_sync"] = lambda context: Pending({"ticket": "t-1", "polls": 0}, poll_after_s=3600)
    stages.poll_after_s = 3600
    job_id = new_job(db, account)
    engine.tick(job_id)
    queue.drain()
    [project] = projects(db, job_id)
    assert (project.stage, project.stage_state, project.lease_owner) == ("lip_sync", StageState.EXTERNAL, None)
    assert project.outputs["_handle"] == {"ticket": "t-1", "polls": 0}
    assert project.attempt == 1
    engine.tick(job_id)                     # not due yet: nothing is polled
    assert not queue.work
    for _ in range(2):                      # due: any process's tick may poll it
        set_project(db, project.id, lease_expires=time.time() - 1)
        engine.tick(job_id)
        queue.drain()
        if projects(db, job_id)[0].stage_state == StageState.EXTERNAL:
            assert projects(db, job_id)[0].attempt == 1      # a poll is not an attempt
    [project] = projects(db, job_id)
    assert project.status == ProjectStatus.COMPLETED
    assert project.outputs["ticket"] == "t-1" and "_handle" not in project.outputs
    polls = [name for _pid, name in stages.ran if name.endswith("poll")]
    assert polls == ["lip_sync poll", "lip_sync poll"]


def test_a_poller_that_died_goes_back_to_outside_work_not_a_rerun(db, account, engine, queue, stages) -> None:
    stages.behaviour["lip_sync"] = lambda context: Pending({"ticket": "t-1", "polls": 0}, poll_after_s=3600)
    job_id = new_job(db, account)
    engine.tick(job_id)
    queue.drain()
    [project] = projects(db, job_id)
    set_project(db, project.id, lease_expires=time.time() - 1)
    engine.tick(job_id)                     # claimed for polling...
    [project] = projects(db, job_id)
    started = engine.leases.start(project.id, "lip_sync")
    assert started is not None and started.polling
    queue.work.clear()                      # ...and the poller's process dies
    set_project(db, project.id, lease_expires=time.time() - 1)
    engine.tick(job_id)
    [project] = projects(db, job_id)
    assert (project.stage_state, project.outputs["_handle"]) == (StageState.EXTERNAL, {"ticket": "t-1", "polls": 0})


def test_the_heartbeat_keeps_a_quiet_stage_leased(db, account, stages, queue) -> None:
    engine = Engine(db, stages.registry, queue, Limits(stall_s=60, job_s=600, lease_s=0.6))
    leases: list[tuple[float, float]] = []

    def quiet(context: StageContext) -> dict:
        for _ in range(3):                  # no progress for longer than the lease, in steps
            started = time.time()
            time.sleep(0.6)
            leases.append((started, projects(db, context.job_id)[0].lease_expires))
        return {}

    stages.behaviour["audio"] = quiet
    job_id = new_job(db, account)
    engine.tick(job_id)
    queue.drain()
    assert all(expires > started + 0.6 for started, expires in leases[1:])   # renewed while silent
    assert projects(db, job_id)[0].status == ProjectStatus.COMPLETED


def test_progress_stays_in_the_stage_range_and_never_decreases(db, account, engine, queue, stages) -> None:
    seen: list[int] = []

    def report(context: StageContext) -> dict:
        context.progress(1, 2)              # half of video's range (30-70): 50
        seen.append(projects(db, context.job_id)[0].progress)
        time.sleep(engine.runner.PROGRESS_EVERY_S)
        context.progress(0, 4)              # an earlier step reported late: kept at 50
        seen.append(projects(db, context.job_id)[0].progress)
        time.sleep(engine.runner.PROGRESS_EVERY_S)
        context.progress(2, 2)              # the end of the range
        seen.append(projects(db, context.job_id)[0].progress)
        return {}

    stages.behaviour["video"] = report
    job_id = new_job(db, account)
    engine.tick(job_id)
    queue.drain()
    assert seen == [50, 50, 70]
