"""Scale-out's queue: Celery over Redis or RabbitMQ (`ADREEL_QUEUE=redis://...` or `amqp://...`).

A task is the small `StageTask` message, sent to one of two queues: `adreel.light` (reading
pages, speech, polling outside services) and `adreel.heavy` (rendering, stitching), so light
work never waits behind a render on a worker that takes only light work. Late acknowledgement
and a prefetch of one: a message leaves the broker only when its stage has ended, and the
message of a worker that died is delivered again (the engine's claim makes that harmless).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from celery import Celery
from kombu import Queue

from adreel.platform.queue import LANES, Handler, Lane, QueueUnavailable, StageTask

RUN_STAGE = "adreel.run_stage"
CHECK = "adreel.check"      # request-time media work for the API (reading a page, finding a face)

CheckHandler = Callable[[str, str, str], None]   # (kind, argument, reply id)


def queue_name(lane: Lane) -> str:
    return f"adreel.{lane}"


def safe_url(url: str) -> str:
    """The broker URL without its password, for logs and readiness."""
    scheme, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at:
        return url
    user = credentials.split(":", 1)[0]
    return f"{scheme}{sep}{user}:***@{host}" if ":" in credentials else url


class CeleryQueue:
    def __init__(self, url: str) -> None:
        self.name = safe_url(url)
        self._handler: Handler | None = None
        self._checks: CheckHandler | None = None
        self.app = Celery("adreel", broker=url, set_as_current=False)
        self.app.conf.update(
            task_queues=[Queue(queue_name(lane), durable=True) for lane in LANES],
            task_default_queue=queue_name("heavy"),
            task_serializer="json", accept_content=["json"],
            task_ignore_result=True,
            task_acks_late=True,                  # acknowledged when the stage has ended...
            task_reject_on_worker_lost=True,      # ...and given back when its worker dies
            worker_prefetch_multiplier=1,         # a worker holds only what it is running
            worker_cancel_long_running_tasks_on_connection_loss=False,
            worker_hijack_root_logger=False,      # `adreel worker` sets up its own log
            broker_connection_retry_on_startup=True,
            broker_connection_timeout=2,
            broker_transport_options={"visibility_timeout": 3600},   # Redis: redelivery after an hour
            worker_enable_remote_control=False,
        )

        def run_stage(project_id: str, stage: str, token: str, polling: bool = False) -> None:
            assert self._handler is not None, "the worker binds the engine before it consumes"
            self._handler(StageTask(project_id, stage, token, polling))

        def check(kind: str, argument: str, reply: str) -> None:
            assert self._checks is not None, "the worker binds its checks before it consumes"
            self._checks(kind, argument, reply)

        self.app.task(name=RUN_STAGE, ignore_result=True)(run_stage)
        self.app.task(name=CHECK, ignore_result=True)(check)

    def bind(self, handler: Handler) -> None:
        self._handler = handler

    def bind_checks(self, handler: CheckHandler) -> None:
        self._checks = handler

    def send_check(self, kind: str, argument: str, reply: str) -> None:
        """Ask a light worker for a request-time check; it writes its answer under `reply`."""
        self._send(CHECK, {"kind": kind, "argument": argument, "reply": reply}, "light")

    def submit(self, task: StageTask, lane: Lane) -> None:
        self._send(RUN_STAGE, task.as_message(), lane)

    def _send(self, name: str, kwargs: dict[str, Any], lane: Lane) -> None:
        try:
            # No retry loop here: a tick must not stall on a broker that is down; the claim is
            # given back and a later tick sends it again.
            self.app.send_task(name, kwargs=kwargs, queue=queue_name(lane), retry=False)
        except Exception as exc:  # kombu's OperationalError, or a socket error underneath it
            raise QueueUnavailable(f"The queue at {self.name} cannot be reached ({type(exc).__name__}).") from exc

    def check(self) -> None:
        try:
            with self.app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=3)
                connection.default_channel   # noqa: B018 (opens the channel: the broker answered)
        except Exception as exc:  # any failure to reach it means not usable; the cause is named
            raise QueueUnavailable(f"{self.name} cannot be reached ({type(exc).__name__}); check ADREEL_QUEUE "
                                   "and that the broker is running.") from exc

    def consume(self, lanes: Iterable[Lane], concurrency: int, hostname: str) -> int:
        """Run a Celery worker on this queue until it is told to stop (SIGTERM or SIGINT: it
        stops taking tasks, finishes the stages it is running, then returns); its exit status."""
        argv = ["worker", "--pool=threads", f"--concurrency={concurrency}",
                f"--queues={','.join(queue_name(lane) for lane in lanes)}", f"--hostname={hostname}",
                "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO"]
        return int(self.app.start(argv) or 0)

    def close(self) -> None:
        self.app.close()
