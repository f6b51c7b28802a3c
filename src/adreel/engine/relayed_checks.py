"""Request-time media work in scale-out: the pages and the avatar photo a request names are read
by a light worker, not by the API process (which only serves, ticks and sends webhooks), and so
is the studio's work (a page's preview, a script, a voice sample, an uploaded photo).

The API process writes a row, sends "check this" to the light queue and waits for the answer in
that row. A worker takes the row (compare-and-set), makes the check and writes the refusal, if
any, or the result. When no worker takes it within `take_s` (no light worker runs, or all are busy) the API
process withdraws the row and makes the check itself, so a request never waits on a farm that is
down; a check a worker has taken is waited for, unless the worker fails or goes silent."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from sqlalchemy import delete, select, update

from adreel.engine.ports import FaceChecker, PageChecker, StudioTools
from adreel.errors import AdreelError, relayed
from adreel.platform.db import Database, RelayedCheck
from adreel.platform.queue import QueueUnavailable

LOGGER = logging.getLogger("adreel.engine")


@runtime_checkable
class CheckSender(Protocol):
    def send_check(self, kind: str, argument: str, reply: str) -> None: ...


def checks_of(pages: PageChecker, faces: FaceChecker, studio: StudioTools) -> dict[str, Callable[[str], Any]]:
    """Each kind of relayed work as a function of one string (the studio's options as JSON)."""
    return {"page": pages.check_page, "face": faces.check_face, "read": studio.read_page,
            "script": lambda options: studio.write_script(json.loads(options)),
            "sample": studio.voice_sample, "photo": studio.check_photo}


class RelayedChecks:
    """The admission ports (`PageChecker`, `FaceChecker`) and the studio's tools (`StudioTools`)
    answered by light workers."""

    def __init__(self, database: Database, queue: CheckSender, pages: PageChecker, faces: FaceChecker,
                 studio: StudioTools, *, take_s: float = 2.0, answer_s: float = 45.0) -> None:
        self.database = database
        self.queue = queue
        self.local = checks_of(pages, faces, studio)
        self.take_s = take_s          # how long a worker has to take the check before this process does it
        self.answer_s = answer_s      # how long a taken check may run (a page read is capped at 20 s)

    def check_page(self, url: str) -> None:
        self._relay("page", url)

    def check_face(self, url: str) -> None:
        self._relay("face", url)

    def read_page(self, url: str) -> dict[str, Any]:
        return self._relay("read", url)

    def write_script(self, options: dict[str, Any]) -> dict[str, Any]:
        return self._relay("script", json.dumps(options))

    def voice_sample(self, voice_id: str) -> dict[str, Any]:
        return self._relay("sample", voice_id)

    def check_photo(self, key: str) -> dict[str, Any]:
        return self._relay("photo", key)

    def _relay(self, kind: str, argument: str) -> Any:
        with self.database.session() as session:
            row = RelayedCheck(created_at=time.time())
            if int(row.created_at * 1000) % 50 == 0:   # now and then, forget rows a dead process left
                session.execute(delete(RelayedCheck).where(RelayedCheck.created_at < row.created_at - 3600))
            session.add(row)
            session.flush()
            reply = row.id
        try:
            self.queue.send_check(kind, argument, reply)
        except QueueUnavailable as exc:
            self._withdraw(reply)
            LOGGER.warning("could not relay a %s check (%s); checking here", kind, exc.message)
            return self.local[kind](argument)
        answer = self._wait(reply)
        if answer is None:
            LOGGER.warning("no light worker answered a %s check (none took it within %.0f s, or the one that "
                           "did failed); checking here", kind, self.take_s)
            return self.local[kind](argument)
        if answer.refusal is not None:
            raise relayed(answer.refusal)
        return answer.result

    def _wait(self, reply: str) -> Answer | None:
        """The worker's answer, or None when this process should make the check itself: no
        worker took it in time (it is withdrawn), the worker could not make it, or the worker
        that took it went silent for `answer_s`."""
        began = time.monotonic()
        pause = 0.02
        while True:
            with self.database.session() as session:
                row = session.execute(select(RelayedCheck.state, RelayedCheck.answer)
                                      .where(RelayedCheck.id == reply)).first()
            if row is None:
                return None
            if row.state in ("answered", "declined"):
                self._forget(reply)
                if row.state == "declined":
                    return None
                return Answer((row.answer or {}).get("refusal"), (row.answer or {}).get("result"))
            waited = time.monotonic() - began
            if row.state == "waiting" and waited > self.take_s and self._withdraw(reply):
                return None
            if waited > self.take_s + self.answer_s:
                self._forget(reply)
                return None
            time.sleep(pause)
            pause = min(pause * 1.5, 0.2)

    def _withdraw(self, reply: str) -> bool:
        """Take the check back unless a worker already took it."""
        with self.database.session() as session:
            return bool(session.execute(delete(RelayedCheck).where(RelayedCheck.id == reply,
                                                                   RelayedCheck.state == "waiting")).rowcount)

    def _forget(self, reply: str) -> None:
        with self.database.session() as session:
            session.execute(delete(RelayedCheck).where(RelayedCheck.id == reply))


@dataclass(frozen=True)
class Answer:
    refusal: dict[str, Any] | None      # the error the check raised, as a value; None: it passed
    result: Any = None                  # what the work returned (the studio's answers)


def answer_check(database: Database, checks: dict[str, Callable[[str], Any]], kind: str, argument: str,
                 reply: str) -> None:
    """What a light worker does with a relayed check: take it (unless the API process withdrew
    it), make it, and write the refusal or the result."""
    with database.session() as session:
        taken = session.execute(update(RelayedCheck).where(RelayedCheck.id == reply,
                                                           RelayedCheck.state == "waiting")
                                .values(state="taken")).rowcount
    if not taken:
        return
    answer: dict[str, Any] | None = None
    state = "answered"
    try:
        answer = {"result": checks[kind](argument)}
    except AdreelError as exc:
        answer = {"refusal": {"code": exc.code, "message": exc.message, "reason": exc.reason,
                              "details": exc.details}}
    except Exception:  # a bug, not a refusal: the API process makes the check and answers as it would
        LOGGER.exception("a relayed %s check failed", kind)
        state = "declined"
    with database.session() as session:
        session.execute(update(RelayedCheck).where(RelayedCheck.id == reply).values(state=state, answer=answer))
