"""Tables. Rows are never the wire format: the API maps them to Nouvel's bodies."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[object, object]] = {datetime: DateTime(timezone=True)}


class Stamped:
    """A row named by a random id, with the moment (UTC) it was created."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Account(Stamped, Base):
    __tablename__ = "accounts"

    name: Mapped[str] = mapped_column(String(120), unique=True)
    plan_limit: Mapped[int | None] = mapped_column(Integer, default=None)   # videos per month
    credits: Mapped[int] = mapped_column(Integer, default=0)                # purchased credits
    rate_limit: Mapped[int] = mapped_column(Integer, default=60)            # requests / minute
    webhook_secret: Mapped[bytes] = mapped_column(LargeBinary)             # encrypted

    keys: Mapped[list[ApiKey]] = relationship(back_populates="account")


class ApiKey(Stamped, Base):
    __tablename__ = "api_keys"
    __table_args__ = (UniqueConstraint("account_id", "name"),)

    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hint: Mapped[str] = mapped_column(String(16))                    # "nvl_abcd…" for listings
    permissions: Mapped[list[str]] = mapped_column(JSON)
    expires_at: Mapped[datetime | None] = mapped_column(default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    last_used_at: Mapped[datetime | None] = mapped_column(default=None)

    account: Mapped[Account] = relationship(back_populates="keys")


class RateEvent(Base):
    """One authenticated request, kept for the sliding rate-limit window. Stored in the shared
    database so the limit holds across every API process."""

    __tablename__ = "rate_events"
    __table_args__ = (Index("ix_rate_events_key_at", "key_id", "at"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
                                    autoincrement=True)
    key_id: Mapped[str] = mapped_column(ForeignKey("api_keys.id", ondelete="CASCADE"))
    at: Mapped[float] = mapped_column(Float)   # Unix seconds


class Job(Stamped, Base):
    """One `POST /generate`: its projects, aggregate state and the request as accepted."""

    __tablename__ = "jobs"

    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    stage: Mapped[str] = mapped_column(String(16), default="preparing")
    progress: Mapped[int] = mapped_column(Integer, default=0)       # highest value reported
    request: Mapped[dict] = mapped_column(JSON)
    webhook_url: Mapped[str | None] = mapped_column(String(2048), default=None)
    started_at: Mapped[datetime | None] = mapped_column(default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)


class Project(Stamped, Base):
    """One video of a job. `stage` + `stage_state` + the lease are the state machine: a worker
    owns a running stage only while its lease is current."""

    __tablename__ = "projects"

    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[str] = mapped_column(String(36), index=True)
    position: Mapped[int] = mapped_column(Integer)
    url: Mapped[str] = mapped_column(String(2048))
    variant: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    stage: Mapped[str] = mapped_column(String(16), default="preparing")
    stage_state: Mapped[str] = mapped_column(String(8), default="waiting")   # waiting|running|done
    progress: Mapped[int] = mapped_column(Integer, default=0)
    attempt: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[dict | None] = mapped_column(JSON, default=None)
    lease_owner: Mapped[str | None] = mapped_column(String(36), default=None)
    lease_expires: Mapped[float | None] = mapped_column(Float, default=None)
    first_started_at: Mapped[float | None] = mapped_column(Float, default=None)
    last_progress_at: Mapped[float | None] = mapped_column(Float, default=None)
    charged_from: Mapped[str] = mapped_column(String(8), default="plan")   # plan|credits|refunded
    outputs: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class IdempotencyKey(Base):
    """`Idempotency-Key` of a `POST /generate` (24 h): the body's hash and the first answer."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("account_id", "key"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
                                    autoincrement=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(255))
    body_hash: Mapped[str] = mapped_column(String(64))
    response: Mapped[dict | None] = mapped_column(JSON, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WebhookAttempt(Stamped, Base):
    """One delivery attempt of a job's webhook; persisted so retries survive a restart."""

    __tablename__ = "webhook_attempts"
    __table_args__ = (UniqueConstraint("job_id", "attempt"),)

    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[str] = mapped_column(String(36))
    attempt: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(12), default="pending")   # pending|sending|sent|failed
    due_at: Mapped[float] = mapped_column(Float)
    claim: Mapped[str | None] = mapped_column(String(36), default=None)
    status_code: Mapped[int | None] = mapped_column(Integer, default=None)
    error: Mapped[str | None] = mapped_column(String(500), default=None)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)


class RelayedCheck(Base):
    """A check an API process asked a light worker to make at request time (reading a page,
    finding a face): the worker writes its answer here and the waiting API process reads it."""

    __tablename__ = "relayed_checks"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    state: Mapped[str] = mapped_column(String(10), default="waiting")   # waiting, taken, answered, declined
    answer: Mapped[dict | None] = mapped_column(JSON, nullable=True)   # the error; None: it passed
    created_at: Mapped[float] = mapped_column(Float)                     # Unix seconds
