"""Whether this process can do its work: each part it needs (database, storage, queue), checked
for real, with what to fix when it cannot be used."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from adreel.platform.db import Database
from adreel.platform.queue import QueueUnavailable, WorkQueue
from adreel.platform.storage import Storage, StorageError


@dataclass(frozen=True)
class Check:
    name: str          # "database", "storage"
    ok: bool
    detail: str        # where it is when ok; what is wrong and what to fix when not


def check_database(database: Database) -> Check:
    try:
        with database.session() as session:
            session.execute(text("SELECT 1"))
    except Exception as exc:  # any failure to reach it means not ready; the reason is shown
        return Check("database", False, f"{database.engine.url.render_as_string(hide_password=True)} "
                                        f"cannot be reached ({type(exc).__name__}); check ADREEL_DATABASE_URL "
                                        "and that the server is running.")
    return Check("database", True, database.engine.url.render_as_string(hide_password=True))


def check_storage(storage: Storage) -> Check:
    try:
        storage.check()
    except StorageError as exc:
        return Check("storage", False, exc.message)
    return Check("storage", True, storage.name)


def check_queue(queue: WorkQueue) -> Check:
    try:
        queue.check()
    except QueueUnavailable as exc:
        return Check("queue", False, exc.message)
    return Check("queue", True, "local: worker threads inside `adreel serve`" if queue.name == "local"
                 else f"{queue.name} (stages run on `adreel worker` processes)")


def check_all(database: Database, storage: Storage, queue: WorkQueue) -> list[Check]:
    return [check_database(database), check_storage(storage), check_queue(queue)]
