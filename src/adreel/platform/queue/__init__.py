"""The work queue: "run stage S of project P" as a small message. Embedded mode runs it on
threads of the API process (`LocalQueue`); scale-out sends it through Celery over Redis or
RabbitMQ to `adreel worker` processes (`adreel.platform.queue.broker`). The engine's
compare-and-set claims stay the source of truth: a message delivered twice, or late, finds its
claim gone and does nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, Literal, Protocol

from adreel.errors import AdreelError

Lane = Literal["light", "heavy"]
LANES: tuple[Lane, ...] = ("light", "heavy")


@dataclass(frozen=True)
class StageTask:
    """Run `stage` of `project_id` under the claim `token` (or poll its outside work)."""

    project_id: str
    stage: str
    token: str
    polling: bool = False

    def as_message(self) -> dict[str, Any]:
        return asdict(self)


Handler = Callable[[StageTask], None]


class QueueUnavailable(AdreelError):
    """The broker cannot be reached: a task could not be sent (its claim is given back)."""

    code = "queue_unavailable"


class WorkQueue(Protocol):
    name: str          # where the work goes, for readiness and the log (never a password)

    def bind(self, handler: Handler) -> None:
        """What this process does with a task it takes (the engine's `run_stage`)."""

    def submit(self, task: StageTask, lane: Lane) -> None:
        """Queue the task on its lane; raises `QueueUnavailable` when it cannot be sent."""

    def check(self) -> None:
        """Raise `QueueUnavailable` (with what to fix) when the queue cannot be used."""

    def close(self) -> None: ...


__all__ = ["LANES", "Handler", "Lane", "QueueUnavailable", "StageTask", "WorkQueue"]
