"""A fleet's first start: many processes migrate one new PostgreSQL database at the same moment."""

from __future__ import annotations

import threading

from adreel.platform.db import Database
from tests.conftest import new_postgres_database


def test_processes_migrating_a_new_database_at_once_all_start() -> None:
    with new_postgres_database() as url:
        problems: list[str] = []

        def start() -> None:
            database = Database(url)
            try:
                database.migrate()
            except Exception as exc:  # the test reports every failure, whatever its type
                problems.append(repr(exc))
            finally:
                database.close()

        starters = [threading.Thread(target=start) for _ in range(6)]
        for thread in starters:
            thread.start()
        for thread in starters:
            thread.join(60)
        assert problems == []
