"""Engines and sessions, with the settings each backend needs, and migrations on start."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ParamSpec, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, create_engine, event, exc, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"
MIGRATION_LOCK = 0x61647265656C   # "adreel": the advisory lock held while the schema is upgraded
# A pooled connection idle this long is pinged before use (it may have outlived a server
# restart or an idle timeout); one in steady use is not, which saves a round trip per checkout.
PING_AFTER_IDLE_S = 10.0
LOGGER = logging.getLogger("adreel.db")
P = ParamSpec("P")
R = TypeVar("R")


def default_url(data_dir: Path) -> str:
    return f"sqlite:///{(data_dir / 'adreel.db').resolve()}"


def normalise_url(url: str) -> str:
    """`postgresql://` and `postgres://` mean psycopg 3, the driver adreel installs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers proceed while one process writes; busy_timeout waits for the lock
    # instead of failing when several processes write at once.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def reconnecting(method: Callable[P, R]) -> Callable[P, R]:
    """Run `method` once more when the database dropped the connection under it (a restart,
    a failover): the pool reconnects. For reads, and for writes that are safe to repeat (a
    compare-and-set that already landed simply matches nothing the second time)."""

    @functools.wraps(method)
    def again(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except exc.DBAPIError as error:
            if not error.connection_invalidated:
                raise
            LOGGER.warning("database connection lost during %s; trying again", method.__name__)
            time.sleep(0.2)
            return method(*args, **kwargs)

    return again


def _returned(_dbapi_connection, record) -> None:
    record.info["returned_at"] = time.monotonic()


class Database:
    """One engine and its session factory; `migrate()` brings the schema to head."""

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        if self.url.startswith("sqlite"):
            path = self.url.split("///", 1)[-1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(self.url, connect_args={"timeout": 10})
            event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            self.engine = create_engine(self.url, pool_size=10, max_overflow=20)
            event.listen(self.engine, "checkin", _returned)
            event.listen(self.engine, "checkout", self._ping_if_idle)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Statements that commit on their own: a read needs no BEGIN and COMMIT round trips.
        self._autocommit = self.engine.execution_options(isolation_level="AUTOCOMMIT")

    def _ping_if_idle(self, dbapi_connection, record, _proxy) -> None:
        """SQLAlchemy's pre-ping, for connections that sat idle: the pool retries with a fresh
        connection when this one is dead. A connection lost while in steady use fails its
        statement once and the pool renews every connection older than the failure."""
        returned = record.info.get("returned_at")
        if returned is not None and time.monotonic() - returned < PING_AFTER_IDLE_S:
            return
        try:
            alive = self.engine.dialect.do_ping(dbapi_connection)
        except self.engine.dialect.loaded_dbapi.Error as error:
            raise exc.DisconnectionError(str(error)) from error
        if not alive:
            raise exc.DisconnectionError("the database did not answer a ping")

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def migrate(self) -> None:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            if not self.is_sqlite:
                # Processes starting at once (a fleet's first start) migrate one at a time; the
                # lock ends with the transaction. SQLite's write lock already serialises them.
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in a transaction: committed on success, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection on which each statement commits on its own: for reads of one statement
        (and a single idempotent write), without a transaction's extra round trips."""
        with self._autocommit.connect() as connection:
            yield connection

    def read(self, work: Callable[[Connection], R]) -> R:
        """`work` on an autocommit connection; run again on a fresh one if the database dropped
        the connection (so a status poll right after a failover answers, not 500)."""
        return reconnecting(self._read)(work)

    def _read(self, work: Callable[[Connection], R]) -> R:
        with self.connect() as connection:
            return work(connection)

    def close(self) -> None:
        self.engine.dispose()
